//! Settings: the language, how Waymark is used on this device, and the way to "Your data".
//! On a family's phone this is where the switch to the staff view is tucked away.

use crate::i18n::{t, Msg};
use crate::route::Route;
use crate::ui::shared::dom::set_title;
use crate::ui::shared::mode::{choose, use_mode, Mode};
use crate::ui::shared::store::use_store;
use crate::ui::widgets::language::LanguageButtons;
use leptos::prelude::*;

/// The service's own help lines, for a worker; nothing on a family's phone.
#[cfg(feature = "staff")]
fn service_lines(family: impl Fn() -> bool + Send + Sync + 'static) -> impl IntoView {
    move || (!family()).then(ServiceLines)
}
#[cfg(not(feature = "staff"))]
fn service_lines(_family: impl Fn() -> bool) -> impl IntoView {}

/// The service's own help lines (issue 30): the front door, the local children's services
/// number. A family sees them after 999 wherever the lines are.
#[cfg(feature = "staff")]
#[component]
fn ServiceLines() -> impl IntoView {
    use crate::domain::help::{ServiceLine, MAX_SERVICE_LINES};
    use crate::domain::workspace::action::Action;
    use crate::i18n::tf;
    use crate::ui::widgets::errors::{ErrorSummary, FormErrors};
    use crate::ui::widgets::field::Field;
    // Paths in the action's problems, and the fields' ids (`service-` and the path).
    const PATHS: [[&str; 3]; MAX_SERVICE_LINES] = [
        [
            "help_lines[0].name",
            "help_lines[0].number",
            "help_lines[0].what",
        ],
        [
            "help_lines[1].name",
            "help_lines[1].number",
            "help_lines[1].what",
        ],
        [
            "help_lines[2].name",
            "help_lines[2].number",
            "help_lines[2].what",
        ],
    ];
    let store = use_store();
    let errors = FormErrors::new("service");
    let have = store.ws.with_untracked(|ws| {
        ws.settings()
            .filter(|s| !s.meta.deleted)
            .map(|s| s.help_lines.clone())
            .unwrap_or_default()
    });
    let rows: Vec<[RwSignal<String>; 3]> = (0..MAX_SERVICE_LINES)
        .map(|i| {
            let l = have.get(i);
            let v = |f: fn(&ServiceLine) -> &String| {
                RwSignal::new(l.map(f).cloned().unwrap_or_default())
            };
            [v(|l| &l.name), v(|l| &l.number), v(|l| &l.what)]
        })
        .collect();
    let saved = RwSignal::new(false);
    let values = rows.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let lines = values
            .iter()
            .map(|[n, num, w]| ServiceLine {
                name: n.get_untracked(),
                number: num.get_untracked(),
                what: w.get_untracked(),
            })
            .collect();
        errors.submit(store, Action::SetHelpLines(lines), move || {
            saved.try_set(true);
        });
    };
    view! {
        <h2 id="service-lines-title">{t(Msg::ServiceLinesTitle)}</h2>
        <p>{t(Msg::ServiceLinesHelp)}</p>
        <form class="form" on:submit=save novalidate=true aria-labelledby="service-lines-title">
            <ErrorSummary errors=errors.summary()/>
            {rows.into_iter().enumerate().map(|(i, [n, num, w])| {
                let [pn, pnum, pw] = PATHS[i];
                view! {
                    <fieldset class="fieldset">
                        <legend>{tf(Msg::ServiceLineN, &[("n", (i + 1).to_string())])}</legend>
                        <Field id=errors.id(pn) label=t(Msg::ServiceLineName) value=n check=(errors, pn)/>
                        <Field id=errors.id(pnum) label=t(Msg::ServiceLineNumber) kind="tel" value=num check=(errors, pnum)/>
                        <Field id=errors.id(pw) label=t(Msg::ServiceLineWhat) value=w check=(errors, pw)/>
                    </fieldset>
                }
            }).collect_view()}
            <div class="actions"><button type="submit" id=errors.save_id() class="button button-primary">{t(Msg::ServiceLinesSave)}</button></div>
            <div role="status">{move || saved.get().then(|| view! { <p class="panel">{t(Msg::ServiceLinesSaved)}</p> })}</div>
        </form>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    set_title(t(Msg::SettingsTitle));
    let store = use_store();
    let mode = use_mode();
    let family = move || mode.get() == Mode::Family;
    view! {
        <section class="page">
            <h1 tabindex="-1">{t(Msg::SettingsTitle)}</h1>
            <p class="lead">{t(Msg::SettingsIntro)}</p>
            <LanguageButtons/>

            <h2>{move || if family() { t(Msg::YourInformation) } else { t(Msg::NavData) }}</h2>
            <Show when=family>
                <p>{t(Msg::YourInformationIntro)}</p>
            </Show>
            <p><a class="button" href=Route::Data.href()>{move || if family() { t(Msg::OpenYourInformation) } else { t(Msg::NavData) }}</a></p>

            // The lock in plain sight on a family's phone, not only inside "Your information".
            <Show when=family>
                <h2>{t(Msg::LockTitle)}</h2>
                <p>{t(Msg::LockOfferBody)}</p>
                <p><a class="button" href=format!("{}#lock-title", Route::Data.href())>{move || t(if store.lock_on.get() { Msg::LockTitle } else { Msg::LockOfferYes })}</a></p>
            </Show>

            {service_lines(family)}

            <h2>{t(Msg::ModeHeading)}</h2>
            <p>{move || t(match mode.get() {
                Mode::Family => Msg::ModeIsFamily,
                Mode::Caseload => Msg::ModeIsCaseload,
                Mode::Unset => Msg::ModeIsUnset,
            })}</p>
            <div class="actions">
                <Show when=move || mode.get() != Mode::Family>
                    <button type="button" class="button" on:click=move |_| choose(store, mode, Mode::Family)>{t(Msg::ModeSwitchFamily)}</button>
                </Show>
                <Show when=move || mode.get() != Mode::Caseload>
                    <button type="button" class="button" on:click=move |_| choose(store, mode, Mode::Caseload)>{t(Msg::ModeSwitchCaseload)}</button>
                </Show>
            </div>
        </section>
    }
}
