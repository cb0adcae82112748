//! The caseload report: for a period (and optionally one worker), families open, opened and
//! closed, closing reasons, outcomes, wheels, scaling, milestones and reviews; every chart with a
//! table; two CSV files; and the outcome rule's thresholds, which are settings.

use crate::domain::base::id::Id;
use crate::domain::base::Problem;
use crate::domain::caseload::csv;
use crate::domain::caseload::outcome;
use crate::domain::caseload::report::{self, percent, Report, Scope};
use crate::domain::chart::{radar_svg_tenths, RadarSpec, SeriesKind};
use crate::domain::milestone::Judgement;
use crate::domain::model::{ClosureReason, OutcomeRules, Workspace};
use crate::domain::wheel;
use crate::domain::workspace::action::{Action, ActionError};
use crate::i18n::{closure_reason, t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::{download, set_title};
use crate::ui::shared::format::{fmt_date, parse_date};
use crate::ui::shared::markup::{self, el, esc, Row};
use crate::ui::shared::store::{today, use_store, DispatchError};
use crate::ui::widgets::field::Field;
use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::domain::workspace::Catalogue;
use crate::ui::shared::format::signed_tenths;
use crate::ui::shared::words::{field_error, outcome_name, txt};

/// The start of the financial year (1 April) that `d` falls in: councils report by it.
fn year_start(d: NaiveDate) -> NaiveDate {
    let y = if d.month() >= 4 {
        d.year()
    } else {
        d.year() - 1
    };
    NaiveDate::from_ymd_opt(y, 4, 1).unwrap_or(d)
}

/// "3 (25%)".
fn count_pct(n: usize, of: usize) -> String {
    match percent(n, of) {
        Some(p) => format!("{n} ({p}%)"),
        None => n.to_string(),
    }
}

fn tenths_or_dash(t: Option<i32>) -> String {
    t.map(|t| crate::i18n::tenths(u64::from(t.unsigned_abs())))
        .unwrap_or_else(|| "–".into())
}

#[component]
pub fn ReportPage() -> impl IntoView {
    set_title(t(Msg::ReportsTitle));
    let store = use_store();
    let from = RwSignal::new(year_start(today()).to_string());
    let to = RwSignal::new(today().to_string());
    let worker = RwSignal::new(String::new());
    let workers = Memo::new(move |_| store.ws.with(report::workers));
    let scope = Memo::new(move |_| {
        let (f, t_) = (parse_date(&from.get()), parse_date(&to.get()));
        match (f, t_) {
            (Some(f), Some(t_)) if f <= t_ => Ok(Scope {
                from: f,
                to: t_,
                worker: Some(worker.get()).filter(|w| !w.is_empty()),
            }),
            (Some(_), Some(_)) => Err(("to", Msg::ReportToBeforeFrom)),
            (None, _) => Err(("from", Msg::ReportDateNeeded)),
            (_, None) => Err(("to", Msg::ReportDateNeeded)),
        }
    });
    let computed = Memo::new(move |_| {
        let s = scope.get().ok()?;
        let cat = store.catalogue.get();
        Some(store.ws.with(|ws| {
            let r = report::report(ws, &s, &cat.all_wheels(), &cat.all_frameworks(), today());
            (s, r)
        }))
    });
    let err = move |f: &'static str| {
        Signal::derive(move || match scope.get() {
            Err((field, m)) if field == f => Some(t(m).to_string()),
            _ => None,
        })
    };
    let download_csv = move |which: &'static str| {
        let Some((s, r)) = computed.get_untracked() else {
            return;
        };
        let cat = store.catalogue.get_untracked();
        let text = store.ws.with_untracked(|ws| {
            if which == "readings" {
                csv::readings(ws, &r, &s, &cat.all_wheels(), &cat.all_frameworks(), "en")
            } else {
                csv::outcomes(&r)
            }
        });
        let name = format!("waymark-{which}-{}-to-{}.csv", s.from, s.to);
        if !download(&name, "text/csv;charset=utf-8", &text) {
            store.say(t(Msg::DownloadFailed), true, None);
        }
    };
    let empty = Memo::new(move |_| store.ws.with(Workspace::is_empty));
    view! {
        <section class="page report">
            <h1 tabindex="-1">{t(Msg::ReportsTitle)}</h1>
            <p>{t(Msg::ReportIntro)}</p>
            <form class="filters" aria-label=t(Msg::ReportScope) on:submit=|ev| ev.prevent_default()>
                <Field id="report-from" label=t(Msg::ReportFrom) kind="date" value=from error=err("from")/>
                <Field id="report-to" label=t(Msg::ReportTo) kind="date" value=to error=err("to")/>
                <div class="field">
                    <label for="report-worker">{t(Msg::Worker)}</label>
                    <select id="report-worker" on:change=move |ev| worker.set(event_target_value(&ev))>
                        <option value="" selected=move || worker.with(String::is_empty)>{t(Msg::AllWorkers)}</option>
                        {move || workers.get().into_iter().map(|w| {
                            let w2 = w.clone();
                            view! { <option value=w.clone() selected=move || worker.get() == w2>{w.clone()}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </form>
            <Show when=move || !empty.get() fallback=|| view! { <div class="empty"><p>{t(Msg::ReportEmpty)}</p></div> }>
                {move || computed.get().map(|(s, r)| view! {
                    <p class="lead" role="status">{tf(Msg::ReportFor, &[
                        ("from", fmt_date(s.from)),
                        ("to", fmt_date(s.to)),
                        ("who", s.worker.clone().unwrap_or_else(|| t(Msg::AllWorkers).to_string())),
                    ])}</p>
                    <ReportBody report=r/>
                })}
                <h2>{t(Msg::CsvHeading)}</h2>
                <p>{t(Msg::CsvIntro)}</p>
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| download_csv("readings")>{t(Msg::CsvReadings)}</button>
                    <button type="button" class="button" on:click=move |_| download_csv("outcomes")>{t(Msg::CsvOutcomes)}</button>
                </div>
            </Show>
            <OutcomeRulesForm/>
        </section>
    }
}

/// The figures: each as a table (and the wheels also as a radar), as markup (see
/// [`markup`]), plus the list of families, drawn only when opened.
#[component]
fn ReportBody(report: Report) -> impl IntoView {
    let body = report_html(&report, &use_store().catalogue.get_untracked());
    let families_open = RwSignal::new(false);
    let n = report.families.len();
    let families = StoredValue::new(report.families);
    view! {
        <div inner_html=body></div>
        // Hundreds of rows cost time nobody asked for: the list is drawn when opened.
        <details class="disclosure" on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                families_open.set(d.open());
            }
        }>
            <summary>{tf(Msg::FamiliesInReport, &[("n", n.to_string())])}</summary>
            <Show when=move || families_open.get()>
                <div inner_html=move || families_html(&families.get_value())></div>
            </Show>
        </details>
    }
}

fn families_html(lines: &[report::FamilyLine]) -> String {
    let rows: Vec<Row> = lines
        .iter()
        .map(|l| Row {
            head: format!(
                "<a href=\"{}\">{}</a>",
                esc(&Route::Family(l.family.clone()).href()),
                esc(&l.reference)
            ),
            cells: vec![
                l.worker.clone(),
                outcome_name(l.outcome.outcome).to_string(),
                l.closed
                    .as_ref()
                    .map(|c| format!("{} · {}", fmt_date(c.date), closure_reason(c.reason)))
                    .unwrap_or_default(),
            ],
            attr: String::new(),
        })
        .collect();
    markup::table(
        t(Msg::FamiliesInReportLabel),
        true,
        "",
        &[
            t(Msg::Reference).into(),
            t(Msg::Worker).into(),
            t(Msg::OutcomeCol).into(),
            t(Msg::Closed).into(),
        ],
        &rows,
        None,
    )
}

fn figure(m: Msg, name: &str, n: usize) -> Row {
    Row {
        attr: format!("data-figure=\"{name}\""),
        ..Row::new(t(m), vec![n.to_string()])
    }
}

fn report_html(r: &Report, cat: &Catalogue) -> String {
    let mut s = String::with_capacity(16 * 1024);
    s.push_str(&el("h2", "id=\"report-families\"", t(Msg::ReportFamilies)));
    s.push_str(&markup::table(
        t(Msg::ReportFamilies),
        false,
        "figures",
        &[],
        &[
            figure(Msg::FiguresActive, "active", r.active),
            figure(Msg::FiguresOpenAtEnd, "open", r.open_at_end),
            figure(Msg::FiguresOpened, "opened", r.opened),
            figure(Msg::FiguresClosed, "closed", r.closed),
            figure(Msg::FiguresReviewsOverdue, "overdue", r.reviews_overdue),
            figure(Msg::FiguresReviewsDue, "due", r.reviews_due),
        ],
        None,
    ));

    if r.left_out > 0 {
        s.push_str(&el(
            "p",
            "",
            &tf(Msg::LeftOut, &[("n", r.left_out.to_string())]),
        ));
    }
    s.push_str(&el("h2", "", t(Msg::ReportOutcomes)));
    let rows: Vec<Row> = r
        .outcomes
        .iter()
        .map(|(o, n)| Row::new(outcome_name(*o), vec![count_pct(*n, r.active)]))
        .collect();
    s.push_str(&markup::table(
        t(Msg::ReportOutcomes),
        false,
        "",
        &[t(Msg::OutcomeCol).into(), t(Msg::FamiliesCol).into()],
        &rows,
        Some(&Row::new(t(Msg::Total), vec![r.active.to_string()])),
    ));

    s.push_str(&el("h2", "", t(Msg::ReportClosures)));
    if r.closed == 0 {
        s.push_str(&el("p", "class=\"muted\"", t(Msg::NoneClosed)));
    } else {
        let rows: Vec<Row> = r
            .closures
            .iter()
            .map(|(c, n): &(ClosureReason, usize)| {
                Row::new(closure_reason(*c), vec![count_pct(*n, r.closed)])
            })
            .collect();
        s.push_str(&markup::table(
            t(Msg::ReportClosures),
            false,
            "",
            &[t(Msg::CloseReason).into(), t(Msg::FamiliesCol).into()],
            &rows,
            Some(&Row::new(t(Msg::Total), vec![r.closed.to_string()])),
        ));
    }

    s.push_str(&el("h2", "", t(Msg::NavWheels)));
    if r.wheels.is_empty() {
        s.push_str(&el("p", "class=\"muted\"", t(Msg::ReportNoWheels)));
    }
    for w in &r.wheels {
        wheel_html(&mut s, w, cat);
    }

    s.push_str(&el("h2", "", t(Msg::NavScales)));
    if r.scales.is_empty() {
        s.push_str(&el("p", "class=\"muted\"", t(Msg::ReportNoScales)));
    } else {
        let lib = &crate::ui::shared::lang::content().questions;
        let rows: Vec<Row> = r
            .scales
            .iter()
            .map(|q| {
                let name = match &q.question {
                    Some(id) => lib
                        .iter()
                        .find(|l| &l.id == id)
                        .map(|l| txt(&l.question))
                        .unwrap_or_else(|| id.to_string()),
                    None => t(Msg::OwnQuestions).to_string(),
                };
                Row::new(
                    &name,
                    vec![
                        q.measured.to_string(),
                        q.change_tenths
                            .map(signed_tenths)
                            .unwrap_or_else(|| "–".into()),
                    ],
                )
            })
            .collect();
        s.push_str(&markup::table(
            t(Msg::ScalesTableLabel),
            true,
            "",
            &[
                t(Msg::QuestionCol).into(),
                t(Msg::MeasuredCol).into(),
                t(Msg::AverageChangeCol).into(),
            ],
            &rows,
            None,
        ));
    }

    s.push_str(&el("h2", "", t(Msg::NavMilestones)));
    milestones_html(&mut s, &r.milestones, cat);
    s
}

/// One wheel across the caseload: a radar of the average first and latest scores, the same as a
/// table, and the share of families at each stage per area.
fn wheel_html(s: &mut String, w: &report::WheelFigures, cat: &Catalogue) {
    let tpl = cat.wheel(&w.template, Some(w.version));
    let name = tpl
        .map(|t| txt(&t.name))
        .unwrap_or_else(|| w.template.to_string());
    let area_name = |id: &Id| {
        tpl.and_then(|t| t.areas.iter().find(|a| &a.id == id))
            .map(|a| txt(&a.name))
            .unwrap_or_else(|| id.to_string())
    };
    let stage_name = |i: usize| {
        tpl.and_then(|t| t.stages.get(i))
            .map(txt)
            .unwrap_or_else(|| (i + 1).to_string())
    };
    let n = w.areas.len();
    s.push_str(&el("h3", "", &name));
    s.push_str(&el(
        "p",
        "",
        &tf(
            Msg::ReportWheelLine,
            &[
                ("families", w.families.to_string()),
                ("measured", w.measured.to_string()),
                (
                    "distance",
                    w.distance_tenths
                        .map(signed_tenths)
                        .unwrap_or_else(|| "–".into()),
                ),
            ],
        ),
    ));
    let title = tf(Msg::ReportRadarTitle, &[("wheel", name.clone())]);
    if w.measured > 0 {
        let series: Vec<(SeriesKind, Vec<Option<u16>>)> = [SeriesKind::First, SeriesKind::Latest]
            .into_iter()
            .map(|k| {
                let v = w
                    .areas
                    .iter()
                    .map(|a| {
                        if k == SeriesKind::First {
                            a.first_tenths
                        } else {
                            a.latest_tenths
                        }
                        .map(|t| t.max(0) as u16)
                    })
                    .collect();
                (k, v)
            })
            .collect();
        let desc = tf(
            Msg::ReportRadarDesc,
            &[("n", n.to_string()), ("families", w.measured.to_string())],
        );
        let labels: Vec<String> = w
            .areas
            .iter()
            .map(|a| {
                tpl.and_then(|t| t.areas.iter().find(|x| x.id == a.area))
                    .map(|x| txt(x.label()))
                    .unwrap_or_else(|| a.area.to_string())
            })
            .collect();
        let svg = radar_svg_tenths(&RadarSpec {
            id: &format!("report-radar-{}", w.template),
            labels: &labels,
            series: &series,
            title: &title,
            desc: &desc,
            not_scored: t(Msg::NotScoredShort),
        });
        s.push_str("<figure class=\"radar\"><div class=\"radar-box\">");
        s.push_str(&svg);
        s.push_str("</div><figcaption><ul class=\"legend\">");
        for k in [SeriesKind::First, SeriesKind::Latest] {
            let (colour, dash) = k.stroke();
            s.push_str(&format!(
                "<li><svg viewBox=\"0 0 40 12\" width=\"40\" height=\"12\" aria-hidden=\"true\" focusable=\"false\"><line x1=\"2\" y1=\"6\" x2=\"38\" y2=\"6\" stroke=\"{colour}\" stroke-width=\"3\" stroke-dasharray=\"{dash}\"/></svg>{}</li>",
                esc(t(if k == SeriesKind::First { Msg::AverageFirst } else { Msg::AverageLatest }))
            ));
        }
        s.push_str("</ul></figcaption></figure>");
    }
    let rows: Vec<Row> = w
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let change = a
                .first_tenths
                .zip(a.latest_tenths)
                .map(|(f, l)| signed_tenths(l - f))
                .unwrap_or_else(|| "–".into());
            Row::new(
                &format!("{}. {}", i + 1, area_name(&a.area)),
                vec![
                    tenths_or_dash(a.first_tenths),
                    tenths_or_dash(a.latest_tenths),
                    change,
                    a.measured.to_string(),
                ],
            )
        })
        .collect();
    s.push_str(&markup::table(
        &title,
        true,
        "",
        &[
            t(Msg::TableArea).into(),
            t(Msg::AverageFirst).into(),
            t(Msg::AverageLatest).into(),
            t(Msg::TableChange).into(),
            t(Msg::MeasuredCol).into(),
        ],
        &rows,
        None,
    ));
    s.push_str(&el("h4", "", t(Msg::StagesHeading)));
    let mut head = vec![t(Msg::TableArea).to_string()];
    head.extend((0..wheel::STAGES).map(|i| format!("{}. {}", i + 1, stage_name(i))));
    let rows: Vec<Row> = w
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let total: usize = a.stages.iter().sum();
            Row::new(
                &format!("{}. {}", i + 1, area_name(&a.area)),
                a.stages
                    .iter()
                    .map(|n| {
                        percent(*n, total)
                            .map(|p| format!("{p}%"))
                            .unwrap_or_else(|| "–".into())
                    })
                    .collect(),
            )
        })
        .collect();
    s.push_str(&markup::table(
        &tf(Msg::StagesTableLabel, &[("wheel", name)]),
        true,
        "",
        &head,
        &rows,
        None,
    ));
}

/// Per stage and area, the share of children on track, keep an eye and needs extra help; and
/// school readiness.
fn milestones_html(
    s: &mut String,
    figures: &crate::domain::milestone::CaseloadFigures,
    cat: &Catalogue,
) {
    let f = match cat.current_framework() {
        Some(f) if !figures.by_stage_area.is_empty() => f,
        _ => {
            s.push_str(&el("p", "class=\"muted\"", t(Msg::ReportNoChecks)));
            return;
        }
    };
    let ready = match percent(figures.school_ready, figures.school_checked) {
        Some(p) => tf(
            Msg::SchoolReadyLine,
            &[
                ("n", figures.school_ready.to_string()),
                ("of", figures.school_checked.to_string()),
                ("p", p.to_string()),
            ],
        ),
        None => t(Msg::SchoolReadyNone).to_string(),
    };
    s.push_str(&el("p", "", &ready));
    let mut head = vec![t(Msg::TableArea).to_string()];
    head.extend(Judgement::ALL.iter().map(|j| {
        t(match j {
            Judgement::OnTrack => Msg::OnTrack,
            Judgement::KeepAnEye => Msg::KeepAnEye,
            Judgement::NeedsExtraHelp => Msg::NeedsExtraHelp,
        })
        .to_string()
    }));
    for st in &f.stages {
        let rows: Vec<Row> = f
            .areas
            .iter()
            .filter_map(|a| {
                let c = figures.by_stage_area.get(&(st.id.clone(), a.id.clone()))?;
                let total: usize = c.iter().sum();
                Some(Row::new(
                    &txt(&a.name),
                    c.iter().map(|n| count_pct(*n, total)).collect(),
                ))
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let stage = txt(&st.name);
        s.push_str(&el("h3", "", &stage));
        s.push_str(&markup::table(
            &tf(Msg::StageFiguresLabel, &[("stage", stage.clone())]),
            true,
            "",
            &head,
            &rows,
            None,
        ));
    }
}

/// Parses "1.5" or "1,5" as 15 tenths.
fn parse_tenths(s: &str) -> Option<u8> {
    let s = s.trim().replace(',', ".");
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s.as_str(), "0"),
    };
    let w: u32 = whole.parse().ok()?;
    let f: u32 = match frac.len() {
        0 => 0,
        1 => frac.parse().ok()?,
        _ => return None,
    };
    u8::try_from(w * 10 + f).ok()
}

/// The outcome rule in plain words, and its thresholds as settings.
#[component]
fn OutcomeRulesForm() -> impl IntoView {
    let store = use_store();
    let current = Memo::new(move |_| store.ws.with(outcome::rules));
    let fmt = |t: u8| crate::i18n::tenths(u64::from(t));
    let weeks = RwSignal::new(String::new());
    let wheel_pts = RwSignal::new(String::new());
    let scale_pts = RwSignal::new(String::new());
    let reset = move || {
        let r = current.get_untracked();
        weeks.set(r.min_weeks.to_string());
        wheel_pts.set(fmt(r.wheel_tenths));
        scale_pts.set(fmt(r.scale_tenths));
    };
    reset();
    let problems = RwSignal::new(Vec::<Problem>::new());
    let err = move |f: &'static str| Signal::derive(move || problems.with(|p| field_error(p, f)));
    let bad = |path: &str| Problem {
        path: path.into(),
        kind: crate::domain::base::ProblemKind::BadValue,
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut ps = Vec::new();
        let w = weeks.get_untracked().trim().parse::<u8>().ok();
        let wt = parse_tenths(&wheel_pts.get_untracked());
        let st = parse_tenths(&scale_pts.get_untracked());
        if w.is_none() {
            ps.push(bad("outcomes.min_weeks"));
        }
        if wt.is_none() {
            ps.push(bad("outcomes.wheel_tenths"));
        }
        if st.is_none() {
            ps.push(bad("outcomes.scale_tenths"));
        }
        let (Some(min_weeks), Some(wheel_tenths), Some(scale_tenths)) = (w, wt, st) else {
            return problems.set(ps);
        };
        match store.dispatch(
            Action::SetOutcomeRules(OutcomeRules {
                min_weeks,
                wheel_tenths,
                scale_tenths,
            }),
            false,
        ) {
            Ok(_) => problems.set(Vec::new()),
            Err(DispatchError::Refused(ActionError::Invalid(ps))) => problems.set(ps),
            Err(_) => {}
        }
    };
    let restore = move |_| {
        if store
            .dispatch(Action::SetOutcomeRules(OutcomeRules::default()), false)
            .is_ok()
        {
            problems.set(Vec::new());
            reset();
        }
    };
    view! {
        <h2 id="how-outcomes">{t(Msg::HowOutcomesDecided)}</h2>
        <div class="card card-quiet">
            <p>{move || { let r = current.get(); tf(Msg::RuleWords, &[("weeks", r.min_weeks.to_string()), ("wheel", fmt(r.wheel_tenths)), ("scale", fmt(r.scale_tenths))]) }}</p>
            <ul>
                <li>{t(Msg::RulePositive)}</li>
                <li>{t(Msg::RuleDeterioration)}</li>
                <li>{t(Msg::RuleNoChange)}</li>
                <li>{t(Msg::RuleTooEarly)}</li>
            </ul>
            <p class="meta">{t(Msg::RuleMilestones)}</p>
        </div>
        <details class="disclosure">
            <summary>{t(Msg::ChangeThresholds)}</summary>
            <form class="form" on:submit=save novalidate=true>
                <Field id="outcomes-min_weeks" label=t(Msg::ThresholdWeeks) kind="number" value=weeks error=err("outcomes.min_weeks")/>
                <Field id="outcomes-wheel_tenths" label=t(Msg::ThresholdWheel) hint=t(Msg::ThresholdPointsHint) value=wheel_pts error=err("outcomes.wheel_tenths")/>
                <Field id="outcomes-scale_tenths" label=t(Msg::ThresholdScale) hint=t(Msg::ThresholdPointsHint) value=scale_pts error=err("outcomes.scale_tenths")/>
                <div class="actions">
                    <button type="submit" class="button button-primary">{t(Msg::SaveThresholds)}</button>
                    <button type="button" class="button" on:click=restore>{t(Msg::DefaultThresholds)}</button>
                </div>
            </form>
        </details>
    }
}
