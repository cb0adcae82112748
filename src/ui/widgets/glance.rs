//! A family "at a glance": the outcome so far and why, each wheel's change, each child's latest
//! check, the questions answered and the plan, each with a way in.

use crate::domain::base::Id;
use crate::domain::caseload::outcome;
use crate::domain::milestone;
use crate::domain::model::{GoalStatus, MemberRole};
use crate::i18n::{t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::format::{fmt_date, signed_tenths};
use crate::ui::shared::markup::{el, esc};
use crate::ui::shared::store::{today, use_store};
use crate::ui::shared::words::{outcome_words, txt};
use leptos::prelude::*;

/// The family's page, "how things are going": outcome so far, each wheel, each child, the
/// questions and the plan, each with a way in.
#[component]
pub fn FamilyGlance(family: Id) -> impl IntoView {
    let store = use_store();
    let watch = store.watch_family(family.clone());
    let fam = StoredValue::new(family);
    let data = Memo::new(move |_| {
        let cat = store.catalogue.get();
        watch.with(|ws| {
            let fid = fam.get_value();
            let until = ws
                .families()
                .get(&fid)
                .and_then(|f| f.closed.as_ref().map(|c| c.date))
                .unwrap_or_else(today);
            let class = outcome::classify(ws, &fid, until, &outcome::rules(ws));
            let (name, why) = outcome_words(&class, ws);
            // Each wheel: readings and average change.
            let wheels: Vec<String> = outcome::wheel_series(ws, &fid, until)
                .into_iter()
                .map(|((tid, child, _), rs)| {
                    let wheel = cat
                        .wheel(&tid, None)
                        .map(|t| txt(&t.name))
                        .unwrap_or_else(|| tid.to_string());
                    let who = child
                        .and_then(|c| ws.members().get(&c).map(|m| format!(" ({})", m.name)))
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
            let children: Vec<(Id, String, Option<String>)> = ws
                .live_members_of(&fid)
                .filter(|m| m.role == MemberRole::Child)
                .map(|m| {
                    let latest = ws.checks_of(&m.meta.id).last().copied();
                    // Judged by the framework the check was made with.
                    let words = latest.and_then(|c| {
                        let f = cat.framework(&c.framework, c.framework_version)?;
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
                            .map(|s| txt(&s.name))
                            .unwrap_or_default();
                        Some(tf(
                            Msg::GlanceChild,
                            &[
                                ("stage", stage),
                                ("date", fmt_date(c.date)),
                                ("on", n[0].to_string()),
                                ("eye", n[1].to_string()),
                                ("help", n[2].to_string()),
                            ],
                        ))
                    });
                    (m.meta.id.clone(), m.name.clone(), words)
                })
                .collect();
            let answered = outcome::scale_series(ws, &fid, until).len();
            let goals: Vec<GoalStatus> = ws
                .folder_or_empty(&fid)
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
