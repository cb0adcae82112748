//! One family's wheels: start or carry on a reading, each wheel's results, and every reading
//! with edit and delete.

use crate::domain::base::{Id, Respondent};
use crate::domain::model::WheelReading;
use crate::domain::wheel::WheelDraft;
use crate::domain::workspace::action::Action;
use crate::i18n::{respondent, t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::{navigate, set_title};
use crate::ui::shared::drafts::{clear_draft, do_our_wheel, load_draft, save_draft};
use crate::ui::shared::format::{fmt_date, parse_date};
use crate::ui::shared::mode::family_view;
use crate::ui::shared::store::{today, use_store};
use crate::ui::shared::words::{family_reference, txt, PageError};
use crate::ui::widgets::wheel_results::{readings_of, TemplateResults};
use leptos::prelude::*;

/// One family's wheels: start or carry on a reading, the radar and distance travelled, and
/// every reading with edit and delete.
#[component]
pub fn WheelFamilyPage(id: Id) -> impl IntoView {
    let reference = family_reference(&id);
    let id = StoredValue::new(id);
    move || -> Result<AnyView, PageError> {
        let r = reference.get().ok_or(PageError(Msg::FamilyNotFound))?;
        set_title(&tf(Msg::FamilyWheelsTitle, &[("ref", r.clone())]));
        Ok(view! { <FamilyWheels id=id.get_value() reference=r/> }.into_any())
    }
}

#[component]
fn FamilyWheels(id: Id, reference: String) -> impl IntoView {
    let store = use_store();
    let for_family = family_view();
    let id = StoredValue::new(id);
    let draft = RwSignal::new(load_draft(
        &id.get_value(),
        &store.catalogue.get_untracked(),
    ));
    let watch = store.watch_family(id.get_value());
    let used: Memo<Vec<(Id, u32)>> = Memo::new(move |_| {
        watch.with(|ws| {
            // Each wheel the family has used, drawn with the newest version it used.
            let mut v: Vec<(Id, u32)> = Vec::new();
            for r in readings_of(ws, &id.get_value(), None) {
                match v.iter_mut().find(|(t, _)| t == &r.template) {
                    Some(e) => e.1 = e.1.max(r.template_version),
                    None => v.push((r.template.clone(), r.template_version)),
                }
            }
            v
        })
    });
    let reference2 = reference.clone();
    view! {
        <section class="page">
            {if for_family {
                view! { <p><a href=Route::Home.href()>{t(Msg::BackHome)}</a></p> }.into_any()
            } else {
                view! { <p><a href=Route::Wheels.href()>{t(Msg::WheelsTitle)}</a></p> }.into_any()
            }}
            <h1 tabindex="-1">{if for_family { t(Msg::OurWheelTitle).to_string() } else { tf(Msg::FamilyWheelsTitle, &[("ref", reference.clone())]) }}</h1>
            {move || draft.get().map(|d| {
                let total = d.areas.len();
                view! {
                    <div class="card card-quiet">
                        <p>{tf(Msg::DraftWaiting, &[("n", d.scored().to_string()), ("total", total.to_string())])}</p>
                        <div class="actions">
                            <a class="button button-primary" href=Route::WheelScore(id.get_value()).href()>{t(Msg::ContinueReading)}</a>
                            <button type="button" class="button" on:click=move |_| { clear_draft(&id.get_value()); draft.set(None); }>{t(Msg::DiscardDraft)}</button>
                        </div>
                    </div>
                }
            })}
            <Show when=move || draft.with(Option::is_none)>
                {if for_family {
                    // The family's own wheel, in one tap: no set-up form.
                    view! { <p><button type="button" class="button button-primary button-big" on:click=move |_| { do_our_wheel(store, &id.get_value()); }>{t(Msg::TileWheel)}</button></p> }.into_any()
                } else {
                    view! { <StartReading family=id.get_value() open=used.with_untracked(Vec::is_empty)/> }.into_any()
                }}
            </Show>
            {move || used.get().into_iter().filter_map(|(tid, v)| store.catalogue.with(|c| c.wheel(&tid, Some(v)).cloned())).map(|tpl| {
                let reference = reference2.clone();
                view! { <TemplateResults family=id.get_value() template=tpl reference=reference/> }
            }).collect_view()}
            <ReadingsList family=id.get_value()/>
        </section>
    }
}

/// Choosing a wheel, who is scoring, the date and how to score; then off to score.
#[component]
fn StartReading(family: Id, open: bool) -> impl IntoView {
    let which = RwSignal::new(0usize);
    // On a family's own phone the family is scoring; in a session it is usually agreed together.
    let by = RwSignal::new(if family_view() {
        Respondent::Family
    } else {
        Respondent::Agreed
    });
    let date = RwSignal::new(today().to_string());
    let whole = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let family = StoredValue::new(family);
    let store = use_store();
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(tpl) = store
            .catalogue
            .with_untracked(|c| c.wheels().get(which.get_untracked()).map(|t| (*t).clone()))
        else {
            return;
        };
        let d = match parse_date(&date.get_untracked()) {
            Some(d) if d <= today() => d,
            Some(_) => {
                error.set(Some(t(Msg::PDateInFuture).into()));
                return;
            }
            None => {
                error.set(Some(t(Msg::PRequired).into()));
                return;
            }
        };
        let mut draft = WheelDraft::new(family.get_value(), &tpl, by.get_untracked(), d);
        draft.whole = whole.get_untracked();
        if save_draft(&draft) {
            navigate(&Route::WheelScore(family.get_value()));
        } else {
            store.say(t(Msg::SaveFailed), true, None);
        }
    };
    view! {
        <details class="disclosure" open=open>
            <summary>{t(Msg::StartReading)}</summary>
            <form class="form" on:submit=start novalidate=true>
                <fieldset class="choice">
                    <legend>{t(Msg::WhichWheel)}</legend>
                    {store.catalogue.get_untracked().wheels().into_iter().enumerate().map(|(i, tpl)| view! {
                        <label>
                            <input type="radio" name="wheel-template" prop:checked=move || which.get() == i on:change=move |_| which.set(i)/>
                            <span>{txt(&tpl.name)}<span class="hint-inline">{format!(" · {}", txt(&tpl.for_whom))}</span></span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <fieldset class="choice">
                    <legend>{t(Msg::WhoIsScoring)}</legend>
                    {[Respondent::Agreed, Respondent::Family, Respondent::Worker, Respondent::Child].into_iter().map(|r| view! {
                        <label><input type="radio" name="wheel-by" prop:checked=move || by.get() == r on:change=move |_| by.set(r)/>{respondent(r)}</label>
                    }).collect_view()}
                </fieldset>
                <div class="field" class:field-error=move || error.get().is_some()>
                    <label for="wheel-date">{t(Msg::ReadingDate)}</label>
                    {move || error.get().map(|e| view! { <p class="error-text" id="wheel-date-error">{e}</p> })}
                    <input id="wheel-date" type="date" max=today().to_string()
                        aria-invalid=move || error.get().is_some().then_some("true")
                        aria-describedby=move || error.get().is_some().then_some("wheel-date-error")
                        prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                </div>
                <fieldset class="choice">
                    <legend>{t(Msg::HowToScore)}</legend>
                    <label><input type="radio" name="wheel-mode" prop:checked=move || !whole.get() on:change=move |_| whole.set(false)/>{t(Msg::OneAtATime)}</label>
                    <label><input type="radio" name="wheel-mode" prop:checked=move || whole.get() on:change=move |_| whole.set(true)/>{t(Msg::WholeWheel)}</label>
                </fieldset>
                <div class="actions"><button type="submit" class="button button-primary">{t(Msg::Start)}</button></div>
            </form>
        </details>
    }
}

/// Every reading of the family, newest first, with edit and delete.
#[component]
fn ReadingsList(family: Id) -> impl IntoView {
    let store = use_store();
    let watch = store.watch_family(family.clone());
    let family = StoredValue::new(family);
    let rows = move || {
        watch.with(|ws| {
            let mut v: Vec<WheelReading> = readings_of(ws, &family.get_value(), None)
                .into_iter()
                .cloned()
                .collect();
            v.reverse();
            v
        })
    };
    view! {
        {move || {
            let rows = rows();
            (!rows.is_empty()).then(|| view! {
                <h2>{t(if family_view() { Msg::FamilyReadingsList } else { Msg::ReadingsList })}</h2>
                <ul class="people">
                    {rows.into_iter().map(|r| {
                        let date = fmt_date(r.date);
                        let wheel_name = store.catalogue.with_untracked(|c| c.wheel(&r.template, Some(r.template_version)).map(|t| txt(&t.name))).unwrap_or_else(|| t(Msg::UnknownTemplate).into());
                        let line = tf(Msg::ReadingLine, &[("date", date.clone()), ("wheel", wheel_name), ("by", respondent(r.by).into()), ("n", r.scores.len().to_string())]);
                        let rid = r.meta.id.clone();
                        let edit = {
                            let r = r.clone();
                            move |_| {
                                if let Some(tpl) = store.catalogue.with_untracked(|c| c.wheel(&r.template, Some(r.template_version)).cloned()) {
                                    let mut d = WheelDraft::from_reading(&tpl, &r);
                                    d.whole = true;
                                    if save_draft(&d) {
                                        navigate(&Route::WheelScore(r.family.clone()));
                                    }
                                }
                            }
                        };
                        view! {
                            <li>
                                <span>{line}</span>
                                <span class="row-actions">
                                    <button type="button" class="button button-small" aria-label=tf(Msg::EditReadingLabel, &[("date", date.clone())]) on:click=edit>{t(Msg::Edit)}</button>
                                    <button type="button" class="button button-small button-danger" aria-label=tf(Msg::DeleteReadingLabel, &[("date", date)])
                                        on:click=move |_| { let _ = store.dispatch(Action::DeleteWheelReading { id: rid.clone() }, true); }>{t(Msg::Delete)}</button>
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })
        }}
    }
}
