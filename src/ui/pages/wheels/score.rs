//! Scoring a reading: one area at a time (stage cards, then the point within the stage), or the
//! whole wheel on one screen in a session; a review of every area before saving.

use crate::domain::base::Id;
use crate::domain::chart::{radar_svg, SeriesKind as Series};
use crate::domain::help::Reason;
use crate::domain::wheel::{self, WheelDraft, WheelTemplate};
use crate::domain::workspace::action::{Action, ActionError, WheelFields};
use crate::i18n::{respondent, t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::{focus_heading, navigate, replace_route, set_title};
use crate::ui::shared::drafts::{clear_draft, load_draft, save_draft};
use crate::ui::shared::format::fmt_date;
use crate::ui::shared::mode::family_view;
use crate::ui::shared::store::{new_id, use_store, DispatchError, Store};
use crate::ui::shared::words::txt;
use crate::ui::widgets::errors::{focus_summary, ErrorSummary, FieldError};
use crate::ui::widgets::help::HelpPanel;
use crate::ui::widgets::read_aloud::ReadAloud;
use crate::ui::widgets::saved::{Confirmations, Saved};
use crate::ui::widgets::wheel_results::{described, readings_of, spoke_labels, stage_name};
use leptos::prelude::*;
use std::sync::Arc;

/// Scoring the reading in progress (resumes where it stopped, even after the tab was closed).
#[component]
pub fn WheelScorePage(id: Id) -> impl IntoView {
    let store = use_store();
    let cat = store.catalogue.get_untracked();
    let Some(d) = load_draft(&id, &cat) else {
        // No reading in progress (saved, then a reload or Back): the family's wheels, in place
        // of this address in the history.
        replace_route(&Route::WheelFamily(id));
        return ().into_any();
    };
    let Some(tpl) = cat.wheel(&d.template, Some(d.template_version)).cloned() else {
        return view! { <section class="page"><h1 tabindex="-1">{t(Msg::UnknownTemplate)}</h1></section> }.into_any();
    };
    set_title(&txt(&tpl.name));
    let draft = RwSignal::new(d);
    // Keep the reading in progress on the device after every change.
    Effect::new(move |first: Option<()>| {
        let d = draft.get();
        if first.is_some() && !save_draft(&d) {
            store.say(t(Msg::SaveFailed), true, None);
        }
    });
    let whole = draft.with_untracked(|d| d.whole);
    if whole {
        view! { <WholeWheel draft=draft template=tpl.clone()/> }.into_any()
    } else {
        let at = Memo::new(move |_| draft.with(|d| d.at));
        Effect::new(move |prev: Option<usize>| {
            let now = at.get();
            if prev.is_some_and(|p| p != now) {
                focus_heading();
            }
            now
        });
        view! {
            <section class="page">
                {move || {
                    let i = at.get();
                    if i < tpl.areas.len() {
                        view! { <AreaStep draft=draft template=tpl.clone() i=i/> }.into_any()
                    } else {
                        view! { <ReviewStep draft=draft template=tpl.clone()/> }.into_any()
                    }
                }}
            </section>
        }
        .into_any()
    }
}

/// Where "not now" goes: home on a family's own phone, the family's wheels for a worker.
fn leave_to(family: Id) -> Route {
    if family_view() {
        Route::Home
    } else {
        Route::WheelFamily(family)
    }
}

/// The names of a template's five stages, lowest first.
fn stage_names(t: &WheelTemplate) -> Arc<Vec<String>> {
    Arc::new((0..wheel::STAGES).map(|k| stage_name(t, k)).collect())
}

/// Saves the draft as a reading; returns to the family's wheels.
fn finish(
    store: Store,
    saved: Confirmations,
    draft: RwSignal<WheelDraft>,
    template: &WheelTemplate,
    error: RwSignal<Option<String>>,
) {
    let mut d = draft.get_untracked();
    // The reading's id is kept with the draft before anything waits, so saving it again after a
    // reload replaces it rather than adding a second.
    let id = d.saved_as(new_id());
    draft.update_untracked(|x| x.editing = Some(id.clone()));
    save_draft(&d);
    let fields = WheelFields {
        id,
        family: d.family.clone(),
        child: None,
        template: d.template.clone(),
        template_version: d.template_version,
        date: d.date,
        by: d.by,
        scores: d.area_scores(template),
        notes: String::new(),
    };
    // The draft (every score given) stays until the reading is stored; refused, it says why.
    let family = d.family.clone();
    let tpl = template.clone();
    store.submit(
        Action::SaveWheelReading(Box::new(fields)),
        false,
        Box::new(move |_| {
            clear_draft(&family);
            // Said at the top of the family's wheels, with what changed since last time.
            let change = store.ws.with_untracked(|ws| {
                wheel::distance(&tpl, &readings_of(ws, &family, Some(&tpl.id))).since_previous()
            });
            saved.confirm(Route::WheelFamily(family.clone()), Saved::Wheel(change));
            store.notice.set(None);
            navigate(&Route::WheelFamily(family));
        }),
        Box::new(move |e| {
            let msg = match e {
                DispatchError::Refused(ActionError::Invalid(ps)) => {
                    if ps.iter().any(|p| p.path == "scores") {
                        t(Msg::NeedOneScore).to_string()
                    } else {
                        crate::i18n::problem(&ps[0])
                    }
                }
                DispatchError::NotSaved => t(Msg::NotSavedKept).to_string(),
                _ => return,
            };
            error.try_set(Some(msg));
        }),
    );
}

/// One area: the five stages as large cards. A tap on a card is a score at once (the stage's
/// lower point); the finer choice (nearer the start or the end of the stage) opens right under
/// the chosen card. Then a note, the next small step and whether it is a priority, tucked away.
/// "Next" moves on; with no card chosen it says what to do. Skipping is a quieter link.
#[component]
fn AreaStep(draft: RwSignal<WheelDraft>, template: Arc<WheelTemplate>, i: usize) -> impl IntoView {
    let area = &template.areas[i];
    let n = template.areas.len();
    let stage = Memo::new(move |_| draft.with(|d| d.areas[i].stage));
    let family = draft.with_untracked(|d| d.family.clone());
    let leave = leave_to(family);
    let text_field = move |get: fn(&wheel::AreaDraft) -> &String,
                           set: fn(&mut wheel::AreaDraft, String)| {
        (
            move || draft.with(|d| get(&d.areas[i]).clone()),
            move |ev| draft.update(|d| set(&mut d.areas[i], event_target_value(&ev))),
        )
    };
    let (note, set_note) = text_field(|a| &a.note, |a, v| a.note = v);
    let (step, set_step) = text_field(|a| &a.step, |a, v| a.step = v);
    let priority_full =
        move || draft.with(|d| d.priorities() >= wheel::MAX_PRIORITIES && !d.areas[i].priority);
    // "Next" with no card chosen: the summary and the message by the cards, until one is chosen.
    let missing = RwSignal::new(false);
    let errors = Signal::derive(move || {
        if missing.get() && stage.get().is_none() {
            vec![FieldError::new("stage-0", t(Msg::ChooseACard))]
        } else {
            Vec::new()
        }
    });
    let next = move |_| {
        if stage.get_untracked().is_none() {
            missing.set(true);
            focus_summary();
        } else {
            draft.update(|d| d.at = i + 1);
        }
    };
    let skip = move |_| {
        draft.update(|d| {
            d.clear(i);
            d.at = i + 1;
        })
    };
    // What the read-aloud button says: the area, what it covers, then each stage in turn.
    let spoken = {
        let mut s = format!(
            "{}. {}. {}",
            txt(&area.name),
            txt(&area.covers),
            t(Msg::WhichStage)
        );
        for (k, desc) in area.stages.iter().enumerate() {
            s.push(' ');
            s.push_str(&tf(
                Msg::SpeakStage,
                &[
                    ("n", (k + 1).to_string()),
                    ("stage", stage_name(&template, k)),
                    ("desc", txt(desc)),
                ],
            ));
        }
        s
    };
    let area2 = area.clone();
    view! {
        // One screen at a time (issue 30): on a phone with its browser bars (360x640) the area's
        // name, all five stage names and "Next" are on screen without scrolling; a stage's
        // description shows under the chosen card (read aloud reads them all), and what the
        // area covers is under "More about this area".
        <div class="area-step">
        <div class="step-top">
            <p class="progress-text" id="area-progress">{tf(Msg::AreaOf, &[("n", (i + 1).to_string()), ("total", n.to_string())])}</p>
            <ReadAloud text=spoken/>
        </div>
        <progress max=n.to_string() value=i.to_string() aria-labelledby="area-progress"></progress>
        <ErrorSummary errors=errors/>
        <h1 tabindex="-1">{txt(&area.name)}</h1>
        <fieldset class="stage-cards" class:field-error=move || !errors.get().is_empty()
            aria-describedby=move || (!errors.get().is_empty()).then_some("stage-error")>
            <legend>{t(Msg::WhichStage)}</legend>
            {move || (!errors.get().is_empty()).then(|| view! { <p class="error-text" id="stage-error">{t(Msg::ChooseACard)}</p> })}
            {area.stages.iter().enumerate().map(|(k, desc)| {
                let (lo, hi) = wheel::stage_scores(k);
                let desc = txt(desc);
                let area = area2.clone();
                view! {
                    <label class="stage-card">
                        <input type="radio" name="stage" id=format!("stage-{k}") prop:checked=move || stage.get() == Some(k as u8)
                            on:change=move |_| draft.update(|d| d.choose_stage(i, k))/>
                        <span class="stage-name">{stage_name(&template, k)}</span>
                        // What the stage looks like, under the chosen card.
                        {move || (stage.get() == Some(k as u8)).then(|| view! { <span class="stage-desc">{desc.clone()}</span> })}
                    </label>
                    // The finer choice, right under the chosen card; and where someone is not
                    // safe, where to get help, beside the answer (which is kept).
                    {move || (stage.get() == Some(k as u8)).then(|| {
                        let help = area.needs_help(draft.with(|d| d.areas[i].score));
                        view! {
                            <fieldset class="choice points">
                                <legend>{t(Msg::WhichPoint)}</legend>
                                {[(lo, Msg::PointLow), (hi, Msg::PointHigh)].into_iter().map(|(v, m)| view! {
                                    <label>
                                        <input type="radio" name="point" prop:checked=move || draft.with(|d| d.areas[i].score == Some(v))
                                            on:change=move |_| draft.update(|d| d.choose_score(i, v))/>
                                        {tf(m, &[("n", v.to_string())])}
                                    </label>
                                }).collect_view()}
                            </fieldset>
                            {help.then(|| view! { <HelpPanel reason=Reason::NotSafe/> })}
                        }
                    })}
                }
            }).collect_view()}
        </fieldset>
        // Always on screen: moving on never needs a scroll.
        <div class="actions step-actions sticky-actions">
            {(i > 0).then(|| view! { <button type="button" class="button" on:click=move |_| draft.update(|d| d.at = i - 1)>{t(Msg::Back)}</button> })}
            <button type="button" class="button button-primary" on:click=next>{t(Msg::Next)}</button>
        </div>
        <details class="disclosure">
            <summary>{t(Msg::MoreForArea)}</summary>
            <p>{txt(&area.covers)}</p>
            <div class="field">
                <label for="area-note">{t(Msg::AreaNote)}</label>
                <textarea id="area-note" rows="3" prop:value=note on:input=set_note></textarea>
            </div>
            <div class="field">
                <label for="area-step">{t(Msg::NextStep)}</label>
                <textarea id="area-step" rows="3" prop:value=step on:input=set_step></textarea>
            </div>
            <div class="choice">
                <label>
                    <input type="checkbox" aria-describedby="priority-full"
                        prop:checked=move || draft.with(|d| d.areas[i].priority)
                        prop:disabled=priority_full
                        on:change=move |_| draft.update(|d| { d.toggle_priority(i); })/>
                    {t(Msg::Priority)}
                </label>
                <p id="priority-full" class="hint">{move || priority_full().then(|| t(Msg::PriorityFull))}</p>
            </div>
        </details>
        <p class="quiet-actions">
            <button type="button" class="link-button" on:click=skip>{t(Msg::Skip)}</button>
            <a href=leave.href()>{t(Msg::NotNowLeave)}</a>
        </p>
        </div>
    }
}

/// The reading in progress drawn on the radar, redrawn as each score is chosen.
#[component]
fn LiveRadar(draft: RwSignal<WheelDraft>, template: Arc<WheelTemplate>) -> impl IntoView {
    let title = txt(&template.name);
    let n = template.areas.len();
    let labels = spoke_labels(&template);
    let markup = move || {
        let scores: Vec<Option<u8>> = draft.with(|d| d.areas.iter().map(|a| a.score).collect());
        let desc = tf(
            Msg::RadarDesc,
            &[
                ("n", n.to_string()),
                ("series", described(Series::Latest, draft.with(|d| d.date))),
            ],
        );
        radar_svg(
            "radar-live",
            &labels,
            &[(Series::Latest, scores)],
            &title,
            &desc,
            t(Msg::NotScoredShort),
        )
    };
    view! { <div class="radar radar-box" inner_html=markup></div> }
}

/// Every area and its score before saving.
#[component]
fn ReviewStep(draft: RwSignal<WheelDraft>, template: Arc<WheelTemplate>) -> impl IntoView {
    let store = use_store();
    let saved = Confirmations::get();
    let error = RwSignal::new(None::<String>);
    let n = template.areas.len();
    let family = draft.with_untracked(|d| d.family.clone());
    let names = stage_names(&template);
    let for_finish = template.clone();
    view! {
        <h1 tabindex="-1">{t(Msg::ReviewTitle)}</h1>
        <LiveRadar draft=draft template=template.clone()/>
        <div class="table-wrap" tabindex="0" role="region" aria-label=txt(&template.name)>
            <table class="scores review-table">
                <caption class="visually-hidden">{txt(&template.name)}</caption>
                <thead><tr><th scope="col">{t(Msg::TableArea)}</th><th scope="col">{t(Msg::LegendLatest)}</th><th scope="col"><span class="visually-hidden">{t(Msg::Change)}</span></th></tr></thead>
                <tbody>
                    {template.areas.iter().enumerate().map(|(i, a)| {
                        let name = txt(&a.name);
                        let names = names.clone();
                        view! {
                            <tr>
                                <th scope="row">{format!("{}. {name}", i + 1)}{move || draft.with(|d| d.areas[i].priority).then(|| view! { <span class="tag">{t(Msg::Priorities)}</span> })}</th>
                                <td>{move || draft.with(|d| d.areas[i].score).map(|s| format!("{s} · {}", names[wheel::stage_of(s)])).unwrap_or_else(|| t(Msg::NotScored).into())}</td>
                                <td><button type="button" class="button button-small" aria-label=tf(Msg::ChangeArea, &[("area", name)])
                                    on:click=move |_| draft.update(|d| d.at = i)>{t(Msg::Change)}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        <div class="actions step-actions">
            <button type="button" class="button" on:click=move |_| draft.update(|d| d.at = n - 1)>{t(Msg::Back)}</button>
            <button type="button" class="button button-primary" on:click=move |_| finish(store, saved, draft, &for_finish, error)>{t(Msg::FinishSave)}</button>
        </div>
        <p><a href=leave_to(family).href()>{t(Msg::NotNowLeave)}</a></p>
    }
}

/// The whole wheel on one screen, for a worker in a session.
#[component]
fn WholeWheel(draft: RwSignal<WheelDraft>, template: Arc<WheelTemplate>) -> impl IntoView {
    let store = use_store();
    let saved = Confirmations::get();
    let error = RwSignal::new(None::<String>);
    let family = draft.with_untracked(|d| d.family.clone());
    let names = stage_names(&template);
    let for_finish = template.clone();
    let options = move |selected: Box<dyn Fn() -> Option<u8> + Send + Sync>| {
        let selected = Arc::new(selected);
        view! {
            <option value="" selected={let s = selected.clone(); move || s().is_none()}>{t(Msg::NotScored)}</option>
            {(1..=10u8).map(|v| {
                let s = selected.clone();
                view! { <option value=v.to_string() selected=move || s() == Some(v)>{format!("{v} · {}", names[wheel::stage_of(v)])}</option> }
            }).collect_view()}
        }
    };
    view! {
        <section class="page">
            <h1 tabindex="-1">{txt(&template.name)}</h1>
            <p class="muted">{format!("{} · {}", fmt_date(draft.with_untracked(|d| d.date)), respondent(draft.with_untracked(|d| d.by)))}</p>
            <LiveRadar draft=draft template=template.clone()/>
            <form class="form whole-wheel" on:submit=move |ev| { ev.prevent_default(); finish(store, saved, draft, &for_finish, error); } novalidate=true>
                {template.areas.iter().enumerate().map(|(i, a)| {
                    let id = format!("score-{i}");
                    let other_id = format!("other-{i}");
                    let note_id = format!("note-{i}");
                    let step_id = format!("step-{i}");
                    let name = txt(&a.name);
                    view! {
                        <div class="field area-row">
                            <label for=id.clone()>{format!("{}. {name}", i + 1)}</label>
                            <p class="hint">{txt(&a.covers)}</p>
                            <select id=id on:change=move |ev| {
                                let v: Option<u8> = event_target_value(&ev).parse().ok();
                                draft.update(|d| match v { Some(v) => d.choose_score(i, v), None => { d.areas[i].score = None; d.areas[i].stage = None; } });
                            }>
                                {options(Box::new(move || draft.with(|d| d.areas[i].score)))}
                            </select>
                            <details class="disclosure">
                                <summary>{tf(Msg::ScoreFor, &[("area", name.clone())])}</summary>
                                <div class="field">
                                    <label for=other_id.clone()>{t(Msg::OtherView)}</label>
                                    <select id=other_id on:change=move |ev| {
                                        let v: Option<u8> = event_target_value(&ev).parse().ok();
                                        draft.update(|d| d.areas[i].other = v);
                                    }>
                                        {options(Box::new(move || draft.with(|d| d.areas[i].other)))}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for=note_id.clone()>{t(Msg::AreaNote)}</label>
                                    <textarea id=note_id rows="2" prop:value=move || draft.with(|d| d.areas[i].note.clone())
                                        on:input=move |ev| draft.update(|d| d.areas[i].note = event_target_value(&ev))></textarea>
                                </div>
                                <div class="field">
                                    <label for=step_id.clone()>{t(Msg::NextStep)}</label>
                                    <textarea id=step_id rows="2" prop:value=move || draft.with(|d| d.areas[i].step.clone())
                                        on:input=move |ev| draft.update(|d| d.areas[i].step = event_target_value(&ev))></textarea>
                                </div>
                                <div class="choice">
                                    <label>
                                        <input type="checkbox" prop:checked=move || draft.with(|d| d.areas[i].priority)
                                            prop:disabled=move || draft.with(|d| d.priorities() >= wheel::MAX_PRIORITIES && !d.areas[i].priority)
                                            on:change=move |_| draft.update(|d| { d.toggle_priority(i); })/>
                                        {t(Msg::Priority)}
                                    </label>
                                </div>
                            </details>
                        </div>
                    }
                }).collect_view()}
                {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="button button-primary">{t(Msg::FinishSave)}</button>
                    <a class="button" href=leave_to(family).href()>{t(Msg::NotNowLeave)}</a>
                </div>
            </form>
        </section>
    }
}
