//! A family at a glance (on the family's page), and the printable family summary: the radar first
//! vs latest with distance travelled, the children's milestone timelines, the scaling history and
//! the plan, for one family only.

use crate::domain::base::id::Id;
use crate::domain::base::sort;
use crate::domain::base::Respondent;
use crate::domain::caseload::outcome;
use crate::domain::model::{Family, MemberRole};
use crate::domain::scale;
use crate::domain::wheel;
use crate::i18n::{goal_status, t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::set_title;
use crate::ui::shared::format::fmt_date;
use crate::ui::shared::markup::el;
use crate::ui::shared::mode::family_view;
use crate::ui::shared::store::{today, use_store};
use crate::ui::shared::words::{age_words, txt};
use crate::ui::shared::words::{outcome_words, source_name, PageError};
use crate::ui::widgets::history::History;
use crate::ui::widgets::read_aloud::ReadAloud;
use crate::ui::widgets::timeline::{latest_at, timeline_table};
use crate::ui::widgets::wheel_results::{readings_of, TemplateResults};
use leptos::prelude::*;

/// The plan as printed: each goal with its status, steps and latest look back.
fn plan_html(goals: &[(crate::domain::model::Goal, Option<String>)]) -> String {
    let mut s = el("h2", "", t(Msg::PlanHeading));
    if goals.is_empty() {
        s.push_str(&el("p", "class=\"muted\"", t(Msg::NoGoals)));
        return s;
    }
    s.push_str("<ul class=\"plan-print\">");
    for (g, from) in goals {
        s.push_str("<li>");
        s.push_str(&el("h3", "", &g.text));
        let mut meta = format!(
            "{} · {}",
            goal_status(g.status),
            tf(Msg::GoalSetOn, &[("date", fmt_date(g.set))])
        );
        if let Some(f) = from {
            meta.push_str(&format!(
                " · {}",
                tf(Msg::GoalFromArea, &[("area", f.clone())])
            ));
        }
        s.push_str(&el("p", "class=\"meta\"", &meta));
        if !g.steps.is_empty() {
            s.push_str("<ul>");
            for st in &g.steps {
                let mut line = format!(
                    "{}: {}",
                    t(if st.done {
                        Msg::StepDone
                    } else {
                        Msg::StepNotDone
                    }),
                    st.what
                );
                if !st.who.is_empty() {
                    line.push_str(&format!(
                        " · {}",
                        tf(Msg::StepWhoIs, &[("who", st.who.clone())])
                    ));
                }
                if let Some(b) = st.by {
                    line.push_str(&format!(
                        " · {}",
                        tf(Msg::StepByDate, &[("date", fmt_date(b))])
                    ));
                }
                s.push_str(&el("li", "", &line));
            }
            s.push_str("</ul>");
        }
        if let Some(r) = g.reviews.last() {
            let mut line = tf(Msg::LastReviewed, &[("date", fmt_date(r.date))]);
            if !r.note.is_empty() {
                line.push_str(&format!(": {}", r.note));
            }
            s.push_str(&el("p", "", &line));
        }
        s.push_str("</li>");
    }
    s.push_str("</ul>");
    s
}

/// The printable summary of one family.
#[component]
pub fn FamilyPrintPage(id: Id) -> impl IntoView {
    let store = use_store();
    let fid = id.clone();
    let family = Memo::new(move |_| {
        store
            .ws
            .with(|ws| ws.families().get(&fid).filter(|f| !f.meta.deleted).cloned())
    });
    let for_family = family_view();
    move || -> Result<AnyView, PageError> {
        let f = family.get().ok_or(PageError(Msg::FamilyNotFound))?;
        if for_family {
            set_title(t(Msg::TileHowWeAre));
            return Ok(view! { <FamilyProgress family=f/> }.into_any());
        }
        set_title(&tf(Msg::SummaryTitle, &[("ref", f.reference.clone())]));
        Ok(view! { <FamilySummary family=f/> }.into_any())
    }
}

/// On a family's own phone, "how we are doing": what has changed, in words, first ("Home and
/// money: from 3 to 6 since 5 May 2026"); then the radar; printing lower down.
#[component]
fn FamilyProgress(family: Family) -> impl IntoView {
    let store = use_store();
    let fid = family.meta.id.clone();
    let cat = store.catalogue.get_untracked();
    let (template, lines, questions) = store.ws.with_untracked(|ws| {
        // The wheel the family did last.
        let all = readings_of(ws, &fid, None);
        let tpl = all
            .last()
            .and_then(|r| cat.wheel(&r.template, Some(r.template_version)).cloned());
        let mut lines = Vec::new();
        if let Some(t) = &tpl {
            let rs = readings_of(ws, &fid, Some(&t.id));
            let d = wheel::distance(t, &rs);
            match rs.as_slice() {
                [] => {}
                [only] => lines.push(tf(Msg::ProgressOnce, &[("date", fmt_date(only.date))])),
                [first, ..] => {
                    for (a, c) in t.areas.iter().zip(&d.areas) {
                        let (Some(from), Some(to)) = (c.first, c.latest) else {
                            continue;
                        };
                        let date = fmt_date(first.date);
                        lines.push(if from == to {
                            tf(
                                Msg::ProgressSame,
                                &[
                                    ("area", txt(&a.name)),
                                    ("n", to.to_string()),
                                    ("date", date),
                                ],
                            )
                        } else {
                            tf(
                                Msg::ProgressChanged,
                                &[
                                    ("area", txt(&a.name)),
                                    ("from", from.to_string()),
                                    ("to", to.to_string()),
                                    ("date", date),
                                ],
                            )
                        });
                    }
                }
            }
        }
        // Each question the family answered more than once: first and latest of its own answers.
        let questions: Vec<String> = scale::asked_for(
            ws.folder_or_empty(&fid).questions.values(),
            &fid,
            &crate::ui::shared::lang::content().questions,
            crate::i18n::current().code(),
        )
        .into_iter()
        .filter_map(|q| {
            let a = scale::answers(ws.folder_or_empty(&fid).scale_answers.values(), &fid, &q.id);
            let own: Vec<_> = a.iter().filter(|a| a.by == Respondent::Family).collect();
            let (first, last) = (own.first()?, own.last()?);
            (own.len() > 1).then(|| {
                tf(
                    Msg::ProgressChanged,
                    &[
                        ("area", q.question.clone()),
                        ("from", first.value.to_string()),
                        ("to", last.value.to_string()),
                        ("date", fmt_date(first.date)),
                    ],
                )
            })
        })
        .collect();
        (tpl, lines, questions)
    });
    let spoken = [t(Msg::WhatHasChanged).to_string()]
        .into_iter()
        .chain(lines.iter().cloned())
        .chain(questions.iter().cloned())
        .collect::<Vec<_>>()
        .join(". ");
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let reference = family.reference.clone();
    view! {
        <article class="page summary">
            <p class="no-print"><a href=Route::Home.href()>{t(Msg::BackHome)}</a></p>
            <h1 tabindex="-1">{t(Msg::TileHowWeAre)}</h1>
            <ReadAloud text=spoken/>
            <h2>{t(Msg::WhatHasChanged)}</h2>
            {if template.is_none() {
                view! { <p>{t(Msg::ProgressNone)}</p> }.into_any()
            } else {
                view! { <ul class="changes progress">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
            }}
            {(!questions.is_empty()).then(|| view! {
                <ul class="changes progress">{questions.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            })}
            {template.map(|tpl| view! {
                <TemplateResults family=fid.clone() template=tpl reference=reference first_and_latest=true/>
            })}
            <section class="no-print print-offer">
                <h2>{t(Msg::PrintThis)}</h2>
                <p class="hint">{t(Msg::PrintHint)}</p>
                <p><button type="button" class="button" on:click=print>{t(Msg::PrintThis)}</button></p>
            </section>
        </article>
    }
}

#[component]
fn FamilySummary(family: Family) -> impl IntoView {
    let store = use_store();
    let fid = family.meta.id.clone();
    let reference = family.reference.clone();
    // Read once: a printout is a snapshot.
    let cat = store.catalogue.get_untracked();
    let (templates, children, questions, goals, class_words) = store.ws.with_untracked(|ws| {
        let mut templates: Vec<(Id, u32)> = Vec::new();
        for r in ws
            .folder_or_empty(&fid)
            .wheel_readings
            .values()
            .filter(|r| !r.meta.deleted && r.family == fid)
        {
            match templates.iter_mut().find(|(t, _)| t == &r.template) {
                Some(e) => e.1 = e.1.max(r.template_version),
                None => templates.push((r.template.clone(), r.template_version)),
            }
        }
        let children: Vec<_> = ws
            .live_members_of(&fid)
            .filter(|m| m.role == MemberRole::Child)
            .map(|m| {
                // What was done where an area needed extra help: the referrals.
                let actions: Vec<String> = ws
                    .checks_of(&m.meta.id)
                    .iter()
                    .flat_map(|c| {
                        let f = cat.framework(&c.framework, c.framework_version);
                        c.actions.iter().map(move |r| {
                            let area = f
                                .and_then(|f| f.areas.iter().find(|a| a.id == r.area))
                                .map(|a| txt(&a.name))
                                .unwrap_or_default();
                            let to = if r.to.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", r.to)
                            };
                            format!("{} · {area}: {}{to}", fmt_date(r.date), r.what)
                        })
                    })
                    .collect();
                (m.clone(), latest_at(ws, &m.meta.id), actions)
            })
            .collect();
        let questions: Vec<scale::Asked> = scale::asked_for(
            ws.folder_or_empty(&fid).questions.values(),
            &fid,
            &crate::ui::shared::lang::content().questions,
            crate::i18n::current().code(),
        )
        .into_iter()
        .filter(|q| {
            !scale::answers(ws.folder_or_empty(&fid).scale_answers.values(), &fid, &q.id).is_empty()
        })
        .collect();
        let mut goals: Vec<_> = ws
            .folder_or_empty(&fid)
            .goals
            .values()
            .filter(|g| !g.meta.deleted && g.family == fid)
            .cloned()
            .collect();
        sort::by_key(&mut goals, |g| (g.set, g.meta.created));
        let until = family.closed.as_ref().map_or_else(today, |c| c.date);
        let class = outcome::classify(ws, &fid, until, &outcome::rules(ws));
        let goals: Vec<_> = goals
            .into_iter()
            .map(|g| {
                let from = g.from.as_ref().map(|s| source_name(&cat, s));
                (g, from)
            })
            .collect();
        (
            templates,
            children,
            questions,
            goals,
            outcome_words(&class, ws),
        )
    });
    let framework = cat.current_framework().cloned();
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    // On a family's own phone this is "how we are doing": their own words, not the staff view's
    // outcome category.
    let for_family = family_view();
    let (back, back_words) = if for_family {
        (Route::Home, t(Msg::BackHome).to_string())
    } else {
        (
            Route::Family(family.meta.id.clone()),
            tf(Msg::BackToFamilyRef, &[("ref", reference.clone())]),
        )
    };
    view! {
        <article class="page summary">
            <div class="actions no-print">
                <button type="button" class="button button-primary" on:click=print>{t(Msg::PrintThis)}</button>
                <a class="button" href=back.href()>{back_words}</a>
            </div>
            <p class="hint no-print">{t(Msg::PrintHint)}</p>
            <header class="summary-head">
                <h1 tabindex="-1">{if for_family { t(Msg::TileHowWeAre).to_string() } else { tf(Msg::SummaryTitle, &[("ref", reference.clone())]) }}</h1>
                <p class="meta">
                    {tf(Msg::SummaryDate, &[("date", fmt_date(today()))])}
                    {(!family.worker.is_empty() && !for_family).then(|| format!(" · {}: {}", t(Msg::Worker), family.worker))}
                    {format!(" · {}", tf(Msg::OpenedOn, &[("date", fmt_date(family.opened))]))}
                    {family.closed.as_ref().map(|c| format!(" · {}", tf(Msg::ClosedOn, &[("date", fmt_date(c.date))])))}
                </p>
                {(!for_family).then(|| view! {
                    <p><strong>{t(Msg::OutcomeSoFar)}</strong>{format!(" {}", class_words.0)}</p>
                    {(!class_words.1.is_empty()).then(|| view! { <ul class="changes">{class_words.1.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul> })}
                })}
            </header>

            <section class="summary-part">
                {if templates.is_empty() {
                    view! { <h2>{t(Msg::NavWheels)}</h2><p class="muted">{t(Msg::GlanceNoWheels)}</p> }.into_any()
                } else {
                    templates.into_iter().filter_map(|(tid, v)| cat.wheel(&tid, Some(v)).cloned()).map(|tpl| view! {
                        <TemplateResults family=family.meta.id.clone() template=tpl reference=reference.clone() first_and_latest=true/>
                    }).collect_view().into_any()
                }}
            </section>

            <section class="summary-part">
                <h2>{t(Msg::NavMilestones)}</h2>
                {if children.is_empty() {
                    view! { <p class="muted">{t(Msg::GlanceNoChildren)}</p> }.into_any()
                } else {
                    children.into_iter().map(|(m, at, actions)| {
                        let label = tf(Msg::TimelineOf, &[("name", m.name.clone())]);
                        // Born early: the weeks, and the corrected age beside the age.
                        let early = m.weeks_early.map(|w| format!(" · {}", tf(Msg::BornAtWeeksShort, &[("n", crate::domain::milestone::born_at_weeks(w).to_string())])));
                        let age = age_words(&m, today());
                        view! {
                            <h3>{m.name.clone()}{m.born.map(|b| format!(" · {}", tf(Msg::BornOnDate, &[("date", fmt_date(b))])))}{early}</h3>
                            {age.map(|a| view! { <p class="meta">{a}</p> })}
                            {match (&framework, at.is_empty()) {
                                // The stages checked only: the printout stays short.
                                (Some(f), false) => timeline_table(f, &at, None, label).into_any(),
                                _ => view! { <p class="muted">{t(Msg::NoChecksYet)}</p> }.into_any(),
                            }}
                            {(!actions.is_empty()).then(|| view! {
                                <h4>{t(Msg::Actions)}</h4>
                                <ul>{actions.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                            })}
                        }
                    }).collect_view().into_any()
                }}
            </section>

            <section class="summary-part summary-questions">
                <h2>{t(Msg::NavScales)}</h2>
                {if questions.is_empty() {
                    view! { <p class="muted">{t(Msg::GlanceNoAnswers)}</p> }.into_any()
                } else {
                    questions.into_iter().map(|q| view! {
                        <div class="summary-question"><History family=family.meta.id.clone() q=q read_only=true/></div>
                    }).collect_view().into_any()
                }}
            </section>

            <section class="summary-part" inner_html=plan_html(&goals)></section>
        </article>
    }
}
