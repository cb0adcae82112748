//! Milestones: every child with the check their age calls for, a child's timeline (stages as
//! columns, areas as rows) and readiness, and recording a check.

use crate::domain::base::id::Id;
use crate::domain::base::sort;
use crate::domain::base::{Problem, ProblemKind};
use crate::domain::milestone::{self, CheckStatus, Framework, Judgement};
use crate::domain::model::{
    Member, MemberRole, Meta, MilestoneAnswer, MilestoneCheck, Override, Referral, Respondent,
    Workspace,
};
use crate::domain::workspace::action::Action;
use crate::i18n::{t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::navigate;
use crate::ui::shared::dom::set_title;
use crate::ui::shared::format::{fmt_date, parse_date};
use crate::ui::shared::store::{new_id, now, today, use_store};
use crate::ui::shared::words::{age_words, judgement_words, txt, PageError};
use crate::ui::widgets::errors::{ErrorSummary, FormErrors};
use crate::ui::widgets::field::TextArea;
use crate::ui::widgets::load_file::{LoadFile, Loaded, Loader};
use crate::ui::widgets::read_aloud::ReadAloud;
use crate::ui::widgets::timeline::timeline_table;
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What "Read aloud" says for a list of statements: its heading, each statement, then the answers.
fn read_out(heading: &str, statements: impl Iterator<Item = String>) -> String {
    let mut out = format!("{heading}.");
    for st in statements {
        out.push(' ');
        out.push_str(&st);
        out.push('.');
    }
    out.push(' ');
    out.push_str(&[t(Msg::NotYet), t(Msg::Sometimes), t(Msg::Yes)].join(", "));
    out
}

/// The age the checks go by, in days (corrected for a child born early, until 2).
fn check_days(child: &Member, on: chrono::NaiveDate) -> Option<u32> {
    milestone::age_for_checks(child.born?, child.weeks_early, on).map(|(a, _)| a.days)
}

fn status_words(f: &Framework, ws: &Workspace, child: &Member) -> Option<(String, CheckStatus)> {
    let days = check_days(child, today())?;
    let done: Vec<Id> = ws
        .checks_of(&child.meta.id)
        .iter()
        .map(|c| c.stage.clone())
        .collect();
    let (stage, status) = milestone::check_status(f, days, &done)?;
    let m = match status {
        CheckStatus::Done => Msg::CheckDone,
        CheckStatus::Due => Msg::CheckDue,
        CheckStatus::Overdue => Msg::CheckOverdue,
    };
    Some((tf(m, &[("stage", txt(&stage.name))]), status))
}

/// Every child in an open family, with their age and the check it calls for.
#[component]
pub fn MilestonesPage() -> impl IntoView {
    set_title(t(Msg::MilestonesTitle));
    let store = use_store();
    let rows = move || {
        let f = store.catalogue.with(|c| c.current_framework().cloned())?;
        Some(store.ws.with(|ws| {
            let mut v = Vec::new();
            for fam in ws.live_families().filter(|f| f.closed.is_none()) {
                for c in ws
                    .live_members_of(&fam.meta.id)
                    .filter(|m| m.role == MemberRole::Child)
                {
                    let age = age_words(c, today());
                    let status = status_words(&f, ws, c);
                    v.push((
                        c.meta.id.clone(),
                        c.name.clone(),
                        fam.reference.clone(),
                        age,
                        status,
                    ));
                }
            }
            sort::by(&mut v, |a, b| a.2.cmp(&b.2).then(a.1.cmp(&b.1)));
            v
        }))
    };
    view! {
        <section class="page">
            <h1 tabindex="-1">{t(Msg::MilestonesTitle)}</h1>
            <p>{t(Msg::MilestonesIntro)}</p>
            <p class="muted">{move || { store.catalogue.with(|c| c.current_framework().cloned()).map(|f| tf(Msg::FrameworkInUse, &[("name", txt(&f.name)), ("v", f.version.to_string())])) }}</p>
            {move || match rows() {
                Some(rows) if !rows.is_empty() => view! {
                    <ul class="card-list">
                        {rows.into_iter().map(|(id, name, reference, age, status)| view! {
                            <li class="card">
                                <a class="card-link" href=Route::ChildMilestones(id).href()>{format!("{name} · {reference}")}</a>
                                <p class="meta">{age.unwrap_or_else(|| t(Msg::NotBornYet).into())}</p>
                                {status.map(|(w, s)| view! { <p class:overdue=s == CheckStatus::Overdue>{w}</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                _ => view! { <div class="empty"><p>{t(Msg::NoChildren)}</p><p><a class="button" href=Route::Families.href()>{t(Msg::NavFamilies)}</a></p></div> }.into_any(),
            }}
            <LoadFile loader=framework_loader()/>
        </section>
    }
}

fn child_memo(id: &Id) -> Memo<Option<Member>> {
    let store = use_store();
    let id = id.clone();
    Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.members()
                .get(&id)
                .filter(|m| !m.meta.deleted && m.role == MemberRole::Child)
                .cloned()
        })
    })
}

/// A child's timeline and readiness.
#[component]
pub fn ChildMilestonesPage(id: Id) -> impl IntoView {
    let store = use_store();
    let child = child_memo(&id);
    move || -> Result<AnyView, PageError> {
        let c = child.get().ok_or(PageError(Msg::ChildNotFound))?;
        let f = store
            .catalogue
            .with(|c| c.current_framework().cloned())
            .ok_or(PageError(Msg::ChildNotFound))?;
        set_title(&tf(Msg::ChildMilestonesTitle, &[("name", c.name.clone())]));
        Ok(view! { <Timeline child=c framework=f/> }.into_any())
    }
}

#[component]
fn Timeline(child: Member, framework: Arc<Framework>) -> impl IntoView {
    let store = use_store();
    let f = framework;
    let cid = StoredValue::new(child.meta.id.clone());
    let f_data = f.clone();
    let watch = store.watch_family(child.family.clone());
    let data = Memo::new(move |_| {
        let f = &f_data;
        watch.with(|ws| {
            let checks = ws.checks_of(&cid.get_value());
            // The latest check at each stage.
            let mut at: BTreeMap<Id, MilestoneCheck> = BTreeMap::new();
            for c in &checks {
                at.insert(c.stage.clone(), (*c).clone());
            }
            let status = ws
                .members()
                .get(&cid.get_value())
                .and_then(|c| status_words(&f, ws, c));
            (checks.into_iter().cloned().collect::<Vec<_>>(), at, status)
        })
    });
    let age = age_words(&child, today()).unwrap_or_else(|| t(Msg::NotBornYet).into());
    // The stage the child's age calls for now: the timeline shows it beside those checked.
    let current: Option<Id> = check_days(&child, today())
        .and_then(|days| milestone::stage_for_age(&f, days))
        .map(|s| s.id.clone());
    let family = child.family.clone();
    view! {
        <section class="page">
            <p><a href=Route::Milestones.href()>{t(Msg::MilestonesTitle)}</a></p>
            <h1 tabindex="-1">{tf(Msg::ChildMilestonesTitle, &[("name", child.name.clone())])}</h1>
            <p class="lead">{age}</p>
            {move || data.with(|d| d.2.clone()).map(|(w, s)| view! { <p class="review" class:overdue=s == CheckStatus::Overdue>{w}</p> })}
            <p><a class="button button-primary" href=Route::MilestoneCheck(cid.get_value()).href()>{t(Msg::RecordCheck)}</a></p>
            {move || {
                let (checks, at, _) = data.get();
                if checks.is_empty() {
                    return view! { <p>{t(Msg::NoChecksYet)}</p> }.into_any();
                }
                let readiness = [("nursery_start", &f.ready_for_nursery, Msg::ReadyForNursery), ("school_start", &f.ready_for_school, Msg::ReadyForSchool)]
                    .into_iter()
                    .filter_map(|(sid, list, m)| {
                        let c = at.get(&Id::fixed(sid))?;
                        let r = milestone::readiness(list, &c.answers);
                        let verdict = if r.ready() { t(Msg::Ready) } else { t(Msg::NotReadyYet) };
                        let todo: Vec<String> = r.to_work_on.iter().filter_map(|id| list.iter().find(|s| &s.id == id)).map(|s| txt(&s.text)).collect();
                        Some(view! {
                            <h3>{t(m)}</h3>
                            <p>{tf(Msg::ReadinessLine, &[("met", r.met.to_string()), ("total", r.total.to_string()), ("verdict", verdict.into())])}</p>
                            {(!todo.is_empty()).then(|| view! { <p>{t(Msg::StillToWorkOn)}</p><ul>{todo.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul> })}
                        })
                    })
                    .collect_view();
                view! {
                    <h2>{t(Msg::Timeline)}</h2>
                    {timeline_table(&f, &at, current.as_ref(), t(Msg::Timeline).to_string())}
                    {readiness}
                    {
                        let acts: Vec<String> = checks.iter().flat_map(|c| c.actions.iter()).map(|r| {
                            let area = f.areas.iter().find(|a| a.id == r.area).map(|a| txt(&a.name)).unwrap_or_default();
                            let to = if r.to.is_empty() { String::new() } else { format!(" {} {}", if crate::i18n::current().dir() == "rtl" { '←' } else { '→' }, r.to) };
                            format!("{} · {area}: {}{to}", fmt_date(r.date), r.what)
                        }).collect();
                        (!acts.is_empty()).then(|| view! {
                            <h2>{t(Msg::Actions)}</h2>
                            <ul>{acts.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                        })
                    }
                    <h2>{t(Msg::ChecksList)}</h2>
                    <ul class="people">
                        {checks.into_iter().rev().map(|c| {
                            let stage = f.stages.iter().find(|s| s.id == c.stage).map(|s| txt(&s.name)).unwrap_or_default();
                            let date = fmt_date(c.date);
                            let cid = c.meta.id.clone();
                            view! {
                                <li>
                                    <span>{format!("{date} · {stage}")}{(!c.notes.is_empty()).then(|| view! { <br/><span class="meta pre">{c.notes.clone()}</span> })}</span>
                                    <button type="button" class="button button-small button-danger" aria-label=tf(Msg::DeleteCheckLabel, &[("date", date.clone())])
                                        on:click=move |_| { let _ = store.dispatch(Action::DeleteMilestoneCheck { id: cid.clone() }, true); }>{t(Msg::Delete)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p><a href=Route::Family(family).href()>{t(Msg::BackToFamily)}</a></p>
        </section>
    }
}

/// Recording a check: the stage (the one for the child's age suggested), who observed, the date,
/// then not yet / sometimes / yes for each milestone, area by area.
#[component]
pub fn MilestoneCheckPage(id: Id) -> impl IntoView {
    let store = use_store();
    let child = child_memo(&id);
    move || -> Result<AnyView, PageError> {
        let c = child.get().ok_or(PageError(Msg::ChildNotFound))?;
        let f = store
            .catalogue
            .with(|c| c.current_framework().cloned())
            .ok_or(PageError(Msg::ChildNotFound))?;
        set_title(&tf(Msg::CheckFor, &[("name", c.name.clone())]));
        Ok(view! { <RecordCheck child=c framework=f/> }.into_any())
    }
}

#[component]
fn RecordCheck(child: Member, framework: Arc<Framework>) -> impl IntoView {
    let store = use_store();
    let f = framework;
    let (f_save, f_stage, f_areas) = (f.clone(), f.clone(), f.clone());
    let suggested = check_days(&child, today())
        .and_then(|days| milestone::stage_for_age(&f, days))
        .map(|s| s.id.clone())
        .unwrap_or_else(|| f.stages[0].id.clone());
    let stage = RwSignal::new(suggested.clone());
    let date = RwSignal::new(today().to_string());
    let by = RwSignal::new(Respondent::Agreed);
    let answers = RwSignal::new(BTreeMap::<Id, MilestoneAnswer>::new());
    // Per area: the judgement the worker chose instead of the rule's, and why.
    let overrides = RwSignal::new(BTreeMap::<Id, (Judgement, String)>::new());
    // Per area needing extra help: what was done, where to, when.
    let actions = RwSignal::new(BTreeMap::<Id, (String, String, String)>::new());
    let errors = FormErrors::new("check");
    let notes = RwSignal::new(String::new());
    let child = StoredValue::new(child);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = parse_date(&date.get_untracked()) else {
            errors.show(vec![Problem::new("date", ProblemKind::Required)]);
            return;
        };
        let c = child.get_value();
        let f = &f_save;
        let check = MilestoneCheck {
            meta: Meta::new(new_id(), now(), new_id()),
            family: c.family.clone(),
            child: c.meta.id.clone(),
            framework: f.id.clone(),
            framework_version: f.version,
            stage: stage.get_untracked(),
            date: d,
            by: by.get_untracked(),
            answers: answers.get_untracked(),
            notes: notes.get_untracked(),
            overrides: overrides
                .get_untracked()
                .into_iter()
                .map(|(a, (judgement, reason))| (a, Override { judgement, reason }))
                .collect(),
            actions: actions
                .get_untracked()
                .into_iter()
                .filter(|(_, (what, to, _))| !what.trim().is_empty() || !to.trim().is_empty())
                .map(|(area, (what, to, date))| Referral {
                    area,
                    what,
                    to,
                    date: parse_date(&date).unwrap_or(d),
                })
                .collect(),
        };
        let to = Route::ChildMilestones(c.meta.id.clone());
        errors.submit(
            store,
            Action::SaveMilestoneCheck(Box::new(check)),
            move || navigate(&to),
        );
    };
    // The first statement's first answer is where "answer at least one" links to.
    let first_statement = StoredValue::new(None::<Id>);
    let choice = move |mid: Id, label: String| {
        let name = format!("m-{mid}");
        let opts = [
            (MilestoneAnswer::NotYet, Msg::NotYet),
            (MilestoneAnswer::Sometimes, Msg::Sometimes),
            (MilestoneAnswer::Yes, Msg::Yes),
        ];
        view! {
            <fieldset class="milestone">
                <legend>{label}</legend>
                <div class="answer-row">
                    {opts.into_iter().map(|(a, m)| {
                        let mid = mid.clone();
                        let mid2 = mid.clone();
                        view! {
                            <label class="scale-point answer">
                                <input type="radio" name=name.clone()
                                    id=(first_statement.get_value().as_ref() == Some(&mid) && a == MilestoneAnswer::NotYet).then_some("check-answers")
                                    prop:checked=move || answers.with(|x| x.get(&mid) == Some(&a))
                                    on:change=move |_| { answers.update(|x| { x.insert(mid2.clone(), a); }); errors.clear("answers"); }/>
                                <span>{t(m)}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
    };
    view! {
        <section class="page">
            <p><a href=Route::ChildMilestones(child.get_value().meta.id).href()>{t(Msg::BackToTimeline)}</a></p>
            <h1 tabindex="-1">{tf(Msg::CheckFor, &[("name", child.get_value().name)])}</h1>
            <form class="form" on:submit=save novalidate=true>
                <ErrorSummary errors=errors.summary()/>
                <div class="field">
                    <label for="check-stage">{t(Msg::WhichCheckStage)}</label>
                    <p class="hint" id="check-stage-hint">{tf(Msg::StageSuggested, &[("stage", f.stages.iter().find(|s| s.id == suggested).map(|s| txt(&s.name)).unwrap_or_default())])}</p>
                    <select id="check-stage" aria-describedby="check-stage-hint" on:change=move |ev| stage.set(Id::parse(&event_target_value(&ev)).unwrap_or_else(|| f_stage.stages[0].id.clone()))>
                        {f.stages.iter().map(|s| {
                            let sid = s.id.clone();
                            view! { <option value=s.id.to_string() selected=move || stage.get() == sid>{txt(&s.name)}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="choice">
                    <legend>{t(Msg::WhoObserved)}</legend>
                    {[(Respondent::Family, Msg::ObservedParent), (Respondent::Worker, Msg::ByWorker), (Respondent::Agreed, Msg::ObservedBoth)].into_iter().map(|(r, m)| view! {
                        <label><input type="radio" name="check-by" prop:checked=move || by.get() == r on:change=move |_| by.set(r)/>{t(m)}</label>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="check-date">{t(Msg::AnswerDate)}</label>
                    {move || errors.at("date").get().map(|e| view! { <p class="error-text">{e}</p> })}
                    <input id="check-date" type="date" max=today().to_string() prop:value=move || date.get() on:input=move |ev| { date.set(event_target_value(&ev)); errors.clear("date"); }/>
                </div>
                {move || {
                    let f = &f_areas;
                    let sid = stage.get();
                    let Some(s) = f.stages.iter().find(|s| s.id == sid) else { return ().into_any() };
                    first_statement.set_value(s.milestones.first().map(|m| m.id.clone()));
                    let areas = f.areas.iter().map(|a| {
                        let ms: Vec<_> = s.milestones.iter().filter(|m| m.area == a.id).collect();
                        // Read aloud: the area, then each statement, then the answers to choose from.
                        let spoken = read_out(&txt(&a.name), ms.iter().map(|m| txt(&m.text)));
                        view! {
                            <h2>{txt(&a.name)}</h2>
                            <ReadAloud text=spoken/>
                            {ms.into_iter().map(|m| choice(m.id.clone(), txt(&m.text))).collect_view()}
                            <AreaJudgement stage=s.clone() area=a.clone() answers=answers overrides=overrides actions=actions/>
                        }
                    }).collect_view();
                    let ready = match sid.as_str() {
                        "nursery_start" => Some((Msg::ReadyForNursery, &f.ready_for_nursery)),
                        "school_start" => Some((Msg::ReadyForSchool, &f.ready_for_school)),
                        _ => None,
                    }.map(|(m, list)| view! {
                        <h2>{t(m)}</h2>
                        <ReadAloud text=read_out(t(m), list.iter().map(|st| txt(&st.text)))/>
                        {list.iter().map(|st| choice(st.id.clone(), txt(&st.text))).collect_view()}
                    });
                    view! { {areas}{ready} }.into_any()
                }}
                <TextArea id="check-notes" label=t(Msg::CheckNotes) value=notes/>
                {move || errors.at("answers").get().map(|e| view! { <p class="error-text">{e}</p> })}
                <div class="actions"><button type="submit" id=errors.save_id() class="button button-primary">{t(Msg::SaveCheck)}</button></div>
            </form>
        </section>
    }
}

/// The area's judgement by the rule, a way to change it with a reason, and, where it needs extra
/// help, what was done.
#[component]
fn AreaJudgement(
    stage: milestone::Stage,
    area: milestone::MArea,
    answers: RwSignal<BTreeMap<Id, MilestoneAnswer>>,
    overrides: RwSignal<BTreeMap<Id, (Judgement, String)>>,
    actions: RwSignal<BTreeMap<Id, (String, String, String)>>,
) -> impl IntoView {
    let aid = area.id.clone();
    let name = txt(&area.name);
    let rule =
        Memo::new(move |_| answers.with(|a| milestone::judge(&stage, &area.id, &area.group, a)));
    let a2 = aid.clone();
    let chosen = Memo::new(move |_| overrides.with(|o| o.get(&a2).map(|x| x.0)));
    let effective = Memo::new(move |_| chosen.get().or(rule.get()));
    let sel_id = format!("override-{aid}");
    let reason_id = format!("check-overrides-{aid}-reason");
    let (a3, a4, a5, a6) = (aid.clone(), aid.clone(), aid.clone(), aid.clone());
    view! {
        <p class="judgement">{move || match effective.get() {
            Some(j) => {
                let (words, shape, class) = judgement_words(j);
                view! { <span class=class><span aria-hidden="true">{shape}" "</span>{tf(Msg::JudgementIs, &[("j", words.into())])}</span> }.into_any()
            }
            None => t(Msg::NoJudgementYet).into_any(),
        }}</p>
        <details class="disclosure">
            <summary>{tf(Msg::ChangeJudgement, &[("area", name.clone())])}</summary>
            <div class="field">
                <label for=sel_id.clone()>{t(Msg::JudgementInstead)}</label>
                <select id=sel_id on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let j = Judgement::ALL.into_iter().find(|j| format!("{j:?}") == v);
                    overrides.update(|o| match j {
                        Some(j) => {
                            let reason = o.get(&a3).map(|x| x.1.clone()).unwrap_or_default();
                            o.insert(a3.clone(), (j, reason));
                        }
                        None => {
                            o.remove(&a3);
                        }
                    });
                }>
                    <option value="">{t(Msg::AsTheRuleSays)}</option>
                    {Judgement::ALL.into_iter().map(|j| view! { <option value=format!("{j:?}")>{judgement_words(j).0}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=reason_id.clone()>{t(Msg::Reason)}</label>
                <textarea id=reason_id rows="2" prop:value=move || overrides.with(|o| o.get(&a4).map(|x| x.1.clone()).unwrap_or_default())
                    on:input=move |ev| { let v = event_target_value(&ev); overrides.update(|o| if let Some(x) = o.get_mut(&a5) { x.1 = v; }); }></textarea>
            </div>
        </details>
        {move || (effective.get() == Some(Judgement::NeedsExtraHelp)).then(|| {
            let (b1, b2, b3, b4, b5, b6) = (a6.clone(), a6.clone(), a6.clone(), a6.clone(), a6.clone(), a6.clone());
            let what_id = format!("what-{a6}");
            let to_id = format!("to-{a6}");
            let date_id = format!("when-{a6}");
            view! {
                <div class="card card-warn">
                    <p><strong>{t(Msg::WhatWasDone)}</strong></p>
                    <div class="field">
                        <label for=what_id.clone()>{t(Msg::ActionWhat)}</label>
                        <input id=what_id type="text" prop:value=move || actions.with(|m| m.get(&b1).map(|x| x.0.clone()).unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); actions.update(|m| m.entry(b2.clone()).or_default().0 = v); }/>
                    </div>
                    <div class="field">
                        <label for=to_id.clone()>{t(Msg::ActionTo)}</label>
                        <input id=to_id type="text" prop:value=move || actions.with(|m| m.get(&b3).map(|x| x.1.clone()).unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); actions.update(|m| m.entry(b4.clone()).or_default().1 = v); }/>
                    </div>
                    <div class="field">
                        <label for=date_id.clone()>{t(Msg::ActionWhen)}</label>
                        <input id=date_id type="date" prop:value=move || actions.with(|m| m.get(&b5).map(|x| x.2.clone()).unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); actions.update(|m| m.entry(b6.clone()).or_default().2 = v); }/>
                    </div>
                </div>
            }
        })}
    }
}

/// Loading a service's own framework from a file: checked, previewed, then used for new checks.
fn framework_loader() -> Loader {
    Loader {
        id: "load-framework",
        title: Msg::LoadFrameworkTitle,
        help: Msg::LoadFrameworkHelp,
        refused: Msg::LoadFrameworkRefused,
        confirm: Msg::LoadFrameworkConfirm,
        read: |text| {
            let f = milestone::read_framework(text)?;
            Ok(Loaded {
                name: txt(&f.name),
                summary: tf(
                    Msg::FrameworkPreview,
                    &[
                        ("s", f.stages.len().to_string()),
                        ("a", f.areas.len().to_string()),
                        ("v", f.version.to_string()),
                    ],
                ),
                items: Vec::new(),
                keep: Action::AddFramework(Box::new(f)),
            })
        },
    }
}
