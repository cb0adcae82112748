//! Settings: the language, how Waymark is used on this device, and the way to "Your data".
//! On a family's phone this is where the switch to the staff view is tucked away.

use crate::i18n::{t, Msg};
use crate::route::Route;
use crate::ui::shared::dom::set_title;
use crate::ui::shared::mode::{choose, use_mode, Mode};
use crate::ui::shared::store::use_store;
use crate::ui::widgets::language::LanguageButtons;
use leptos::prelude::*;

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
