//! A family's plan: goals in the family's own words (from a wheel priority or written fresh),
//! each with small steps (what, who, by when), a status, and reviews over time.

use crate::domain::base::id::Id;
use crate::domain::base::record::Dated;
use crate::domain::base::sort;
use crate::domain::base::Problem;
use crate::domain::model::{Goal, GoalReview, GoalSource, GoalStatus, Meta, Step, Workspace};
use crate::domain::workspace::action::{Action, ActionError};
use crate::domain::workspace::Catalogue;
use crate::i18n::{goal_status, t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::{focus_id, set_title};
use crate::ui::shared::format::{fmt_date, parse_date};
use crate::ui::shared::mode::family_view;
use crate::ui::shared::store::{new_id, now, today, use_store, DispatchError, Store};
use crate::ui::shared::words::{family_reference, field_error, source_name, txt, PageError};
use crate::ui::widgets::errors::{ErrorSummary, FormErrors};
use crate::ui::widgets::field::{Field, TextArea};
use crate::ui::widgets::read_aloud::ReadAloud;
use crate::ui::widgets::saved::{Confirmations, Saved};
use leptos::prelude::*;

/// The family's goals, newest first.
fn goals_of(ws: &Workspace, family: &Id) -> Vec<Goal> {
    let mut v: Vec<Goal> = ws
        .folder_or_empty(family)
        .goals
        .values()
        .filter(|g| !g.meta.deleted && &g.family == family)
        .cloned()
        .collect();
    // Open goals first, then by when they were set (newest first).
    sort::by(&mut v, |a, b| {
        let done = |g: &Goal| matches!(g.status, GoalStatus::Achieved | GoalStatus::Stopped);
        done(a)
            .cmp(&done(b))
            .then(b.set.cmp(&a.set))
            .then(b.meta.created.cmp(&a.meta.created))
    });
    v
}

/// The priorities the family chose at their latest reading of each wheel: (template, area, name).
fn priorities(ws: &Workspace, cat: &Catalogue, family: &Id) -> Vec<(Id, Id, String)> {
    let mut latest: Vec<&crate::domain::model::WheelReading> = Vec::new();
    for r in ws
        .folder_or_empty(family)
        .wheel_readings
        .values()
        .filter(|r| !r.meta.deleted && &r.family == family)
    {
        match latest.iter_mut().find(|l| l.template == r.template) {
            Some(l) if l.when() >= r.when() => {}
            Some(l) => *l = r,
            None => latest.push(r),
        }
    }
    let mut out = Vec::new();
    for r in latest {
        let tpl = cat.wheel(&r.template, Some(r.template_version));
        for s in r.scores.iter().filter(|s| s.priority) {
            let name = tpl
                .and_then(|t| t.areas.iter().find(|a| a.id == s.area))
                .map(|a| txt(&a.name))
                .unwrap_or_else(|| s.area.to_string());
            out.push((r.template.clone(), s.area.clone(), name));
        }
    }
    out
}

/// "Our plan" on the family's own phone (a family is never named to itself: "Our family's
/// plan" reads wrongly in Urdu and Polish); "Plan for {ref}" for a worker.
fn plan_title(reference: &str) -> String {
    if family_view() {
        t(Msg::TilePlan).into()
    } else {
        tf(Msg::PlanTitle, &[("ref", reference.into())])
    }
}

#[component]
pub fn PlanPage(id: Id) -> impl IntoView {
    let reference = family_reference(&id);
    let id = StoredValue::new(id);
    move || -> Result<AnyView, PageError> {
        let r = reference.get().ok_or(PageError(Msg::FamilyNotFound))?;
        set_title(&plan_title(&r));
        Ok(view! { <Plan family=id.get_value() reference=r/> }.into_any())
    }
}

#[component]
fn Plan(family: Id, reference: String) -> impl IntoView {
    let store = use_store();
    let watch = store.watch_family(family.clone());
    let fam = StoredValue::new(family);
    let goals = Memo::new(move |_| watch.with(|ws| goals_of(ws, &fam.get_value())));
    // Read aloud: what the page is for, then each goal in the family's words, where it has got
    // to, and its steps.
    let spoken = Signal::derive(move || {
        let mut s = t(Msg::PlanIntro).to_string();
        goals.with(|gs| {
            for g in gs {
                s.push_str(&format!(" {}. {}.", g.text, goal_status(g.status)));
                for st in &g.steps {
                    s.push_str(&format!(" {}.", st.what));
                }
            }
        });
        s
    });
    view! {
        <section class="page">
            {if family_view() {
                view! { <p><a href=Route::Home.href()>{t(Msg::BackHome)}</a></p> }.into_any()
            } else {
                view! { <p><a href=Route::Family(fam.get_value()).href()>{t(Msg::BackToFamily)}</a></p> }.into_any()
            }}
            <h1 tabindex="-1">{plan_title(&reference)}</h1>
            <p>{t(Msg::PlanIntro)}</p>
            <ReadAloud text=spoken/>
            <NewGoal family=fam.get_value()/>
            <h2>{t(Msg::GoalsHeading)}</h2>
            <Show when=move || goals.with(|g| !g.is_empty()) fallback=|| view! { <p class="muted">{t(Msg::NoGoals)}</p> }>
                <ul class="card-list">
                    <For each=move || goals.get() key=|g| (g.meta.id.clone(), g.meta.updated) let:g>
                        <GoalCard goal=g/>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// Adding a goal: in the family's words, optionally from one of the wheel priorities.
#[component]
fn NewGoal(family: Id) -> impl IntoView {
    let store = use_store();
    let saved = Confirmations::get();
    let watch = store.watch_family(family.clone());
    let fam = StoredValue::new(family);
    let prios = Memo::new(move |_| {
        let cat = store.catalogue.get();
        watch.with(|ws| priorities(ws, &cat, &fam.get_value()))
    });
    let text = RwSignal::new(String::new());
    let from: RwSignal<Option<(Id, Id, String)>> = RwSignal::new(None);
    let step = RwSignal::new(String::new());
    let who = RwSignal::new(String::new());
    let by = RwSignal::new(String::new());
    let errors = FormErrors::new("goal");
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let steps = if step.get_untracked().trim().is_empty() {
            Vec::new()
        } else {
            vec![Step {
                what: step.get_untracked(),
                who: who.get_untracked(),
                by: parse_date(&by.get_untracked()),
                done: false,
            }]
        };
        let goal = Goal {
            meta: Meta::new(new_id(), now(), new_id()),
            family: fam.get_value(),
            text: text.get_untracked(),
            from: from
                .get_untracked()
                .map(|(template, area, _)| GoalSource { template, area }),
            set: today(),
            status: GoalStatus::NotStarted,
            steps,
            reviews: Vec::new(),
        };
        let words = goal.text.clone();
        errors.submit(store, Action::SaveGoal(Box::new(goal)), move || {
            for s in [text, step, who, by] {
                s.try_set(String::new());
            }
            from.try_set(None);
            errors.reset();
            // Said at the top of the page, where the eyes are, rather than by the empty form.
            saved.confirm(Route::Plan(fam.get_value()), Saved::Goal(words));
            store.notice.set(None);
        });
    };
    view! {
        <details class="disclosure" open=move || goals_empty(store, fam.get_value())>
            <summary>{t(Msg::AddGoal)}</summary>
            <form class="form" on:submit=save novalidate=true>
                <Show when=move || prios.with(|p| !p.is_empty())>
                    <fieldset class="choice">
                        <legend>{t(Msg::GoalFrom)}</legend>
                        <label><input type="radio" name="goal-from" prop:checked=move || from.with(Option::is_none) on:change=move |_| from.set(None)/>{t(Msg::GoalFresh)}</label>
                        {move || prios.get().into_iter().map(|p| {
                            let p2 = p.clone();
                            let p3 = p.clone();
                            view! {
                                <label><input type="radio" name="goal-from"
                                    prop:checked=move || from.with(|f| f.as_ref().is_some_and(|f| f.0 == p2.0 && f.1 == p2.1))
                                    on:change=move |_| from.set(Some(p3.clone()))/>{tf(Msg::GoalFromArea, &[("area", p.2.clone())])}</label>
                            }
                        }).collect_view()}
                    </fieldset>
                </Show>
                <ErrorSummary errors=errors.summary()/>
                <TextArea id="goal-text" label=t(Msg::GoalText) value=text check=(errors, "text")/>
                <p class="hint">{t(Msg::GoalTextHint)}</p>
                <Field id="goal-steps-0-what" label=t(Msg::FirstStep) value=step check=(errors, "steps[0].what")/>
                <Field id="goal-steps-0-who" label=t(Msg::StepWho) value=who check=(errors, "steps[0].who")/>
                <Field id="goal-steps-0-by" label=t(Msg::StepBy) kind="date" value=by check=(errors, "steps[0].by")/>
                <div class="actions"><button type="submit" id=errors.save_id() class="button button-primary">{t(Msg::SaveGoal)}</button></div>
            </form>
        </details>
    }
}

fn goals_empty(store: Store, family: Id) -> bool {
    store.ws.with_untracked(|ws| {
        !ws.folder_or_empty(&family)
            .goals
            .values()
            .any(|g| !g.meta.deleted && g.family == family)
    })
}

/// Saves a changed goal; returns the problems if refused.
fn save_goal(store: Store, g: Goal) -> Vec<Problem> {
    let heading = format!("goal-{}", g.meta.id);
    match store.dispatch(Action::SaveGoal(Box::new(g)), false) {
        Err(DispatchError::Refused(ActionError::Invalid(ps))) => ps,
        Ok(_) => {
            // The card is drawn anew with the change: put focus on its heading rather than
            // losing it to the top of the page.
            focus_id(&heading);
            Vec::new()
        }
        Err(_) => Vec::new(),
    }
}

/// One goal: its words, status, steps (tick when done), reviews, and forms to add to them.
#[component]
fn GoalCard(goal: Goal) -> impl IntoView {
    let store = use_store();
    let from = goal
        .from
        .as_ref()
        .map(|f| store.catalogue.with_untracked(|c| source_name(c, f)));
    let g = StoredValue::new(goal.clone());
    let gid = goal.meta.id.to_string();
    let heading_id = format!("goal-{gid}");
    let step_what = RwSignal::new(String::new());
    let step_who = RwSignal::new(String::new());
    let step_by = RwSignal::new(String::new());
    let step_problems = RwSignal::new(Vec::<Problem>::new());
    let review_status = RwSignal::new(goal.status);
    let words = RwSignal::new(goal.text.clone());
    let words_problems = RwSignal::new(Vec::<Problem>::new());
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut x = g.get_value();
        x.text = words.get_untracked();
        words_problems.set(save_goal(store, x));
    };
    let review_note = RwSignal::new(String::new());
    let add_step = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut x = g.get_value();
        x.steps.push(Step {
            what: step_what.get_untracked(),
            who: step_who.get_untracked(),
            by: parse_date(&step_by.get_untracked()),
            done: false,
        });
        let n = x.steps.len() - 1;
        let ps: Vec<Problem> = save_goal(store, x)
            .into_iter()
            .map(|mut p| {
                p.path = p.path.replace(&format!("steps[{n}]."), "step.");
                p
            })
            .collect();
        step_problems.set(ps);
    };
    let review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut x = g.get_value();
        let status = review_status.get_untracked();
        x.status = status;
        x.reviews.push(GoalReview {
            date: today(),
            status,
            note: review_note.get_untracked(),
        });
        let _ = save_goal(store, x);
    };
    let delete = move |_| {
        let _ = store.dispatch(
            Action::DeleteGoal {
                id: g.get_value().meta.id,
            },
            true,
        );
    };
    let ids = (
        format!("step-what-{gid}"),
        format!("step-who-{gid}"),
        format!("step-by-{gid}"),
        format!("review-status-{gid}"),
        format!("review-note-{gid}"),
        format!("goal-words-{gid}"),
    );
    let serr =
        move |f: &'static str| Signal::derive(move || step_problems.with(|p| field_error(p, f)));
    view! {
        <li class="card goal" aria-labelledby=heading_id.clone()>
            <h3 id=heading_id.clone() tabindex="-1">{goal.text.clone()}</h3>
            <p class="meta">
                <span class="tag">{goal_status(goal.status)}</span>
                {" "}{tf(Msg::GoalSetOn, &[("date", fmt_date(goal.set))])}
                {from.map(|f| format!(" · {}", tf(Msg::GoalFromArea, &[("area", f)])))}
            </p>
            {(!goal.steps.is_empty()).then(|| view! {
                <h4>{t(Msg::StepsHeading)}</h4>
                <ul class="steps">
                    {goal.steps.iter().enumerate().map(|(i, s)| {
                        let done = s.done;
                        let label = [
                            Some(s.what.clone()),
                            (!s.who.is_empty()).then(|| tf(Msg::StepWhoIs, &[("who", s.who.clone())])),
                            s.by.map(|b| tf(Msg::StepByDate, &[("date", fmt_date(b))])),
                        ].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                        view! {
                            <li>
                                <label class="check">
                                    <input type="checkbox" prop:checked=done on:change=move |_| {
                                        let mut x = g.get_value();
                                        if let Some(s) = x.steps.get_mut(i) { s.done = !done; }
                                        let _ = save_goal(store, x);
                                    }/>
                                    <span class:done=done>{label}</span>
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(!goal.reviews.is_empty()).then(|| view! {
                <h4>{t(Msg::ReviewsHeading)}</h4>
                <ul class="reviews">
                    {goal.reviews.iter().rev().map(|r| view! {
                        <li>
                            <strong>{fmt_date(r.date)}</strong>{format!(" · {}", goal_status(r.status))}
                            {(!r.note.is_empty()).then(|| format!(": {}", r.note))}
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <details class="disclosure">
                <summary>{t(Msg::AddStep)}</summary>
                <form class="form" on:submit=add_step novalidate=true>
                    <Field id=ids.0 label=t(Msg::StepWhat) value=step_what error=serr("step.what")/>
                    <Field id=ids.1 label=t(Msg::StepWho) value=step_who error=serr("step.who")/>
                    <Field id=ids.2 label=t(Msg::StepBy) kind="date" value=step_by error=serr("step.by")/>
                    <div class="actions"><button type="submit" class="button">{t(Msg::AddThisStep)}</button></div>
                </form>
            </details>
            <details class="disclosure">
                <summary>{t(Msg::ChangeWords)}</summary>
                <form class="form" on:submit=rename novalidate=true>
                    <TextArea id=ids.5 label=t(Msg::GoalText) value=words error=Signal::derive(move || words_problems.with(|p| field_error(p, "text")))/>
                    <div class="actions"><button type="submit" class="button">{t(Msg::SaveWords)}</button></div>
                </form>
            </details>
            <details class="disclosure">
                <summary>{t(Msg::ReviewGoal)}</summary>
                <form class="form" on:submit=review novalidate=true>
                    <div class="field">
                        <label for=ids.3.clone()>{t(Msg::GoalStatusLabel)}</label>
                        <select id=ids.3.clone() on:change=move |ev| {
                            let v: usize = event_target_value(&ev).parse().unwrap_or(0);
                            review_status.set(GoalStatus::ALL[v.min(GoalStatus::ALL.len() - 1)]);
                        }>
                            {GoalStatus::ALL.iter().enumerate().map(|(i, s)| view! {
                                <option value=i.to_string() selected=*s == goal.status>{goal_status(*s)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <TextArea id=ids.4 label=t(Msg::ReviewNote) value=review_note/>
                    <div class="actions"><button type="submit" class="button">{t(Msg::SaveReview)}</button></div>
                </form>
            </details>
            <div class="actions">
                <button type="button" class="button button-quiet button-small" on:click=delete
                    aria-label=tf(Msg::DeleteGoalNamed, &[("goal", goal.text.clone())])>{t(Msg::Delete)}</button>
            </div>
        </li>
    }
}
