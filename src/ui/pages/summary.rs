//! A family at a glance (on the family's page), and the printable family summary: the radar first
//! vs latest with distance travelled, the children's milestone timelines, the scaling history and
//! the plan, for one family only.

use super::PageError;
use crate::domain::id::Id;
use crate::domain::milestone;
use crate::domain::model::{Family, GoalStatus, MemberRole, MilestoneCheck, Workspace};
use crate::domain::outcome::{self, Classification, Outcome, TooEarly};
use crate::domain::scale;
use crate::i18n::{goal_status, t, tf, Msg};
use crate::route::Route;
use crate::ui::components::markup::{el, esc};
use crate::ui::components::{fmt_date, set_title};
use crate::ui::store::{today, use_store};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// A change in tenths as "+1.2" or "-0.5".
pub fn signed_tenths(t: i32) -> String {
    let sign = if t > 0 {
        "+"
    } else if t < 0 {
        "-"
    } else {
        ""
    };
    format!("{sign}{}", crate::i18n::tenths(u64::from(t.unsigned_abs())))
}

pub fn outcome_name(o: Outcome) -> &'static str {
    t(match o {
        Outcome::Positive => Msg::OutcomePositive,
        Outcome::NoChange => Msg::OutcomeNoChange,
        Outcome::Deterioration => Msg::OutcomeDeterioration,
        Outcome::TooEarly => Msg::OutcomeTooEarly,
    })
}

/// The outcome so far, and what it rests on, in words.
pub fn outcome_words(c: &Classification, ws: &Workspace) -> (String, Vec<String>) {
    let mut why = Vec::new();
    match c.too_early {
        Some(TooEarly::NoReadings) => why.push(t(Msg::TooEarlyNoReadings).to_string()),
        Some(TooEarly::OneReading) => why.push(t(Msg::TooEarlyOneReading).to_string()),
        Some(TooEarly::NotLongEnough) => why.push(tf(
            Msg::TooEarlyNotLong,
            &[("weeks", outcome::rules(ws).min_weeks.to_string())],
        )),
        None => {}
    }
    if let Some(w) = c.wheel_tenths {
        why.push(tf(Msg::OutcomeWheelChange, &[("n", signed_tenths(w))]));
    }
    if let Some(s) = c.scale_tenths {
        why.push(tf(Msg::OutcomeScaleChange, &[("n", signed_tenths(s))]));
    }
    (outcome_name(c.outcome).to_string(), why)
}

/// The latest check of each child at each stage.
fn latest_at(ws: &Workspace, child: &Id) -> BTreeMap<Id, MilestoneCheck> {
    let mut at = BTreeMap::new();
    for c in super::milestones::checks_of(ws, child) {
        at.insert(c.stage.clone(), c.clone());
    }
    at
}

/// The family's page, "how things are going": outcome so far, each wheel, each child, the
/// questions and the plan, each with a way in.
#[component]
pub fn FamilyGlance(family: Id) -> impl IntoView {
    let store = use_store();
    let fam = StoredValue::new(family);
    let data = Memo::new(move |_| {
        store.ws.with(|ws| {
            let fid = fam.get_value();
            super::wheels::register(ws);
            let until = ws
                .families
                .get(&fid)
                .and_then(|f| f.closed.as_ref().map(|c| c.date))
                .unwrap_or_else(today);
            let class = outcome::classify(ws, &fid, until, &outcome::rules(ws));
            let (name, why) = outcome_words(&class, ws);
            // Each wheel: readings and average change.
            let wheels: Vec<String> = outcome::wheel_series(ws, &fid, until)
                .into_iter()
                .map(|((tid, child, _), rs)| {
                    let wheel = super::wheels::template_for(&tid, None)
                        .map(|t| super::wheels::txt(&t.name))
                        .unwrap_or_else(|| tid.to_string());
                    let who = child
                        .and_then(|c| ws.members.get(&c).map(|m| format!(" ({})", m.name)))
                        .unwrap_or_default();
                    let change = (rs.len() > 1)
                        .then(|| outcome::wheel_change_tenths(rs[0], rs[rs.len() - 1]))
                        .flatten();
                    match change {
                        Some(c) => tf(
                            Msg::GlanceWheel,
                            &[
                                ("wheel", format!("{wheel}{who}")),
                                ("n", rs.len().to_string()),
                                ("change", signed_tenths(c)),
                            ],
                        ),
                        None => tf(
                            Msg::GlanceWheelOne,
                            &[
                                ("wheel", format!("{wheel}{who}")),
                                ("date", fmt_date(rs[0].date)),
                            ],
                        ),
                    }
                })
                .collect();
            // Each child: the latest check's judgements.
            let f = super::milestones::framework();
            let children: Vec<(Id, String, Option<String>)> = ws
                .live_members_of(&fid)
                .filter(|m| m.role == MemberRole::Child)
                .map(|m| {
                    let latest = super::milestones::checks_of(ws, &m.meta.id).last().copied();
                    let words = latest.zip(f).map(|(c, f)| {
                        let mut n = [0usize; 3];
                        for (_, j, _) in milestone::judge_check(f, c) {
                            if let Some(j) = j {
                                n[j as usize] += 1;
                            }
                        }
                        let stage = f
                            .stages
                            .iter()
                            .find(|s| s.id == c.stage)
                            .map(|s| super::wheels::txt(&s.name))
                            .unwrap_or_default();
                        tf(
                            Msg::GlanceChild,
                            &[
                                ("stage", stage),
                                ("date", fmt_date(c.date)),
                                ("on", n[0].to_string()),
                                ("eye", n[1].to_string()),
                                ("help", n[2].to_string()),
                            ],
                        )
                    });
                    (m.meta.id.clone(), m.name.clone(), words)
                })
                .collect();
            let answered = outcome::scale_series(ws, &fid, until).len();
            let goals: Vec<GoalStatus> = ws
                .goals
                .values()
                .filter(|g| !g.meta.deleted && g.family == fid)
                .map(|g| g.status)
                .collect();
            (name, why, wheels, children, answered, goals)
        })
    });
    // Links and text only: drawn as markup (see `markup`), which costs far less wasm.
    let html = move || {
        let (name, why, wheels, children, answered, goals) = data.get();
        let fid = fam.get_value();
        let plan = if goals.is_empty() {
            t(Msg::GlancePlanEmpty).to_string()
        } else {
            let count = |s: GoalStatus| goals.iter().filter(|g| **g == s).count().to_string();
            tf(
                Msg::GlancePlan,
                &[
                    ("n", goals.len().to_string()),
                    ("done", count(GoalStatus::Achieved)),
                    ("doing", count(GoalStatus::UnderWay)),
                ],
            )
        };
        let link = |route: Route, text: &str, label: Option<String>| {
            format!(
                "<a class=\"button\" href=\"{}\"{}>{}</a>",
                esc(&route.href()),
                label
                    .map(|l| format!(" aria-label=\"{}\"", esc(&l)))
                    .unwrap_or_default(),
                esc(text)
            )
        };
        let list = |items: &[String]| {
            let mut s = String::from("<ul>");
            for i in items {
                s.push_str(&el("li", "", i));
            }
            s.push_str("</ul>");
            s
        };
        let mut s = el("h2", "", t(Msg::GlanceTitle));
        s.push_str(&format!(
            "<div class=\"card card-quiet outcome\"><p><strong>{}</strong> <span class=\"tag\">{}</span></p>",
            esc(t(Msg::OutcomeSoFar)),
            esc(&name)
        ));
        if !why.is_empty() {
            s.push_str(&list(&why).replacen("<ul>", "<ul class=\"changes\">", 1));
        }
        s.push_str(&format!(
            "<p class=\"meta\"><a href=\"{}\">{}</a></p></div>",
            esc(&Route::Reports.href()),
            esc(t(Msg::HowOutcomesDecided))
        ));
        s.push_str(&el("h3", "", t(Msg::NavWheels)));
        if wheels.is_empty() {
            s.push_str(&el("p", "class=\"muted\"", t(Msg::GlanceNoWheels)));
        } else {
            s.push_str(&list(&wheels));
        }
        s.push_str(&format!(
            "<p>{}</p>",
            link(Route::WheelFamily(fid.clone()), t(Msg::OpenWheels), None)
        ));
        s.push_str(&el("h3", "", t(Msg::NavMilestones)));
        if children.is_empty() {
            s.push_str(&el("p", "class=\"muted\"", t(Msg::GlanceNoChildren)));
        } else {
            s.push_str("<ul class=\"people\">");
            for (cid, n, w) in children {
                s.push_str(&format!(
                    "<li><span><strong>{}</strong><br><span class=\"meta\">{}</span></span>{}</li>",
                    esc(&n),
                    esc(&w.unwrap_or_else(|| t(Msg::NoChecksYet).into())),
                    link(
                        Route::ChildMilestones(cid),
                        t(Msg::NavMilestones),
                        Some(tf(Msg::MilestonesOf, &[("name", n.clone())]))
                    )
                    .replacen(
                        "class=\"button\"",
                        "class=\"button button-small\"",
                        1
                    )
                ));
            }
            s.push_str("</ul>");
        }
        s.push_str(&el("h3", "", t(Msg::NavScales)));
        s.push_str(&el(
            "p",
            "",
            &tf(Msg::GlanceQuestions, &[("n", answered.to_string())]),
        ));
        s.push_str(&format!(
            "<p>{}</p>",
            link(Route::ScaleFamily(fid.clone()), t(Msg::OpenQuestions), None)
        ));
        s.push_str(&el("h3", "", t(Msg::PlanHeading)));
        s.push_str(&el("p", "", &plan));
        s.push_str(&format!(
            "<div class=\"actions\">{}{}</div>",
            link(Route::Plan(fid.clone()), t(Msg::OpenPlan), None),
            link(Route::FamilyPrint(fid), t(Msg::PrintSummary), None)
        ));
        s
    };
    view! { <div inner_html=html></div> }
}

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
            .with(|ws| ws.families.get(&fid).filter(|f| !f.meta.deleted).cloned())
    });
    move || -> Result<AnyView, PageError> {
        let f = family.get().ok_or(PageError(Msg::FamilyNotFound))?;
        set_title(&tf(Msg::SummaryTitle, &[("ref", f.reference.clone())]));
        Ok(view! { <FamilySummary family=f/> }.into_any())
    }
}

#[component]
fn FamilySummary(family: Family) -> impl IntoView {
    let store = use_store();
    let fid = family.meta.id.clone();
    let reference = family.reference.clone();
    // Read once: a printout is a snapshot.
    let (templates, children, questions, goals, class_words) = store.ws.with_untracked(|ws| {
        super::wheels::register(ws);
        let mut templates: Vec<(Id, u32)> = Vec::new();
        for r in ws
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
            .map(|m| (m.clone(), latest_at(ws, &m.meta.id)))
            .collect();
        let questions: Vec<scale::Asked> = scale::asked_for(
            ws,
            &fid,
            super::scales::library(),
            crate::i18n::current().code(),
        )
        .into_iter()
        .filter(|q| !scale::answers(ws, &fid, &q.id).is_empty())
        .collect();
        let mut goals: Vec<_> = ws
            .goals
            .values()
            .filter(|g| !g.meta.deleted && g.family == fid)
            .cloned()
            .collect();
        goals.sort_by_key(|g| (g.set, g.meta.created));
        let until = family.closed.as_ref().map_or_else(today, |c| c.date);
        let class = outcome::classify(ws, &fid, until, &outcome::rules(ws));
        let goals: Vec<_> = goals
            .into_iter()
            .map(|g| {
                let from = g.from.as_ref().map(|s| super::plan::source_name(ws, s));
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
    let framework = super::milestones::framework();
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    // On a family's own phone this is "how we are doing": their own words, not the staff view's
    // outcome category.
    let for_family = crate::ui::mode::use_mode().get_untracked() == crate::ui::mode::Mode::Family;
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
                    templates.into_iter().filter_map(|(tid, v)| super::wheels::template_for(&tid, Some(v))).map(|tpl| view! {
                        <super::wheels::TemplateResults family=family.meta.id.clone() template=tpl reference=reference.clone() first_and_latest=true/>
                    }).collect_view().into_any()
                }}
            </section>

            <section class="summary-part">
                <h2>{t(Msg::NavMilestones)}</h2>
                {if children.is_empty() {
                    view! { <p class="muted">{t(Msg::GlanceNoChildren)}</p> }.into_any()
                } else {
                    children.into_iter().map(|(m, at)| {
                        let label = tf(Msg::TimelineOf, &[("name", m.name.clone())]);
                        view! {
                            <h3>{m.name.clone()}{m.born.map(|b| format!(" · {}", tf(Msg::BornOnDate, &[("date", fmt_date(b))])))}</h3>
                            {match (framework, at.is_empty()) {
                                (Some(f), false) => super::milestones::timeline_table(f, &at, label).into_any(),
                                _ => view! { <p class="muted">{t(Msg::NoChecksYet)}</p> }.into_any(),
                            }}
                        }
                    }).collect_view().into_any()
                }}
            </section>

            <section class="summary-part">
                <h2>{t(Msg::NavScales)}</h2>
                {if questions.is_empty() {
                    view! { <p class="muted">{t(Msg::GlanceNoAnswers)}</p> }.into_any()
                } else {
                    questions.into_iter().map(|q| view! {
                        <div class="summary-question"><super::scales::History family=family.meta.id.clone() q=q read_only=true/></div>
                    }).collect_view().into_any()
                }}
            </section>

            <section class="summary-part" inner_html=plan_html(&goals)></section>
        </article>
    }
}
