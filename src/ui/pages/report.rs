//! The caseload report: for a period (and optionally one worker), families open, opened and
//! closed, closing reasons, outcomes, wheels, scaling, milestones and reviews; every chart with a
//! table; two CSV files; and the outcome rule's thresholds, which are settings.

use crate::domain::base::id::Id;
use crate::domain::base::Problem;
use crate::domain::caseload::claims::claim_figures;
use crate::domain::caseload::csv;
use crate::domain::caseload::outcome;
use crate::domain::caseload::outcome::Outcome;
use crate::domain::caseload::report::{self, percent, Base, Figure, FigureKey, Report, Scope};
use crate::domain::chart::{bars_svg, radar_svg_tenths, Bar, RadarSpec, SeriesKind};
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
use crate::ui::widgets::claims::{figures_html, FigureWords};
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

/// What the report is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Compare {
    Nothing,
    Previous,
    YearBefore,
    Chosen,
}

impl Compare {
    const ALL: [Compare; 4] = [
        Compare::Nothing,
        Compare::Previous,
        Compare::YearBefore,
        Compare::Chosen,
    ];
    fn words(self) -> &'static str {
        t(match self {
            Compare::Nothing => Msg::CompareNothing,
            Compare::Previous => Msg::ComparePrevious,
            Compare::YearBefore => Msg::CompareYearBefore,
            Compare::Chosen => Msg::CompareChosen,
        })
    }
}

/// The period the report is compared with, if any (`Err` when a chosen start is not a date).
fn compared_scope(
    s: &Scope,
    compare: Compare,
    chosen: &str,
) -> Result<Option<Scope>, (&'static str, Msg)> {
    Ok(match compare {
        Compare::Nothing => None,
        Compare::Previous => Some(s.previous()),
        Compare::YearBefore => Some(s.year_before()),
        // Nothing compared until a start is given (an empty field is not yet an error).
        Compare::Chosen if chosen.trim().is_empty() => None,
        Compare::Chosen => match parse_date(chosen) {
            Some(d) => Some(s.starting(d)),
            None => return Err(("compare-from", Msg::ReportDateNeeded)),
        },
    })
}

/// A computed report (and the one it is compared with), shared rather than copied: a service's
/// report holds thousands of lines, and comparing two of them in full on every change, or cloning
/// one for each reader, costs more than computing it. Two are equal only if they are the same.
#[derive(Clone)]
struct Computed(std::sync::Arc<(Scope, Report, Option<(Scope, Report)>)>);

impl PartialEq for Computed {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    set_title(t(Msg::ReportsTitle));
    let store = use_store();
    let from = RwSignal::new(year_start(today()).to_string());
    let to = RwSignal::new(today().to_string());
    let worker = RwSignal::new(String::new());
    let team = RwSignal::new(String::new());
    let base = RwSignal::new(Base::Families);
    let compare = RwSignal::new(Compare::Nothing);
    let compare_from = RwSignal::new(String::new());
    let workers = Memo::new(move |_| store.ws.with(report::workers));
    let teams = Memo::new(move |_| store.ws.with(report::teams));
    let scope = Memo::new(move |_| {
        let (f, t_) = (parse_date(&from.get()), parse_date(&to.get()));
        let s = match (f, t_) {
            (Some(f), Some(t_)) if f <= t_ => Scope {
                from: f,
                to: t_,
                worker: Some(worker.get()).filter(|w| !w.is_empty()),
                team: Some(team.get()).filter(|w| !w.is_empty()),
            },
            (Some(_), Some(_)) => return Err(("to", Msg::ReportToBeforeFrom)),
            (None, _) => return Err(("from", Msg::ReportDateNeeded)),
            (_, None) => return Err(("to", Msg::ReportDateNeeded)),
        };
        let before = compared_scope(&s, compare.get(), &compare_from.get())?;
        Ok((s, before))
    });
    let computed = Memo::new(move |_| -> Option<Computed> {
        let (s, before) = scope.get().ok()?;
        let cat = store.catalogue.get();
        Some(store.ws.with(|ws| {
            let (w, f) = (cat.all_wheels(), cat.all_frameworks());
            let r = report::report(ws, &s, &w, &f, today());
            let b = before.map(|b| {
                let r = report::report(ws, &b, &w, &f, today());
                (b, r)
            });
            Computed(std::sync::Arc::new((s, r, b)))
        }))
    });
    let err = move |f: &'static str| {
        Signal::derive(move || match scope.get() {
            Err((field, m)) if field == f => Some(t(m).to_string()),
            _ => None,
        })
    };
    let download_csv = move |which: &'static str| {
        let Some(c) = computed.get_untracked() else {
            return;
        };
        let (s, r, before) = &*c.0;
        let cat = store.catalogue.get_untracked();
        let text = store.ws.with_untracked(|ws| match which {
            "readings" => csv::readings(ws, r, s, &cat.all_wheels(), &cat.all_frameworks(), "en"),
            "figures" => csv::figures(
                r,
                base.get_untracked(),
                before.as_ref().map(|(s, r)| (s, r)),
            ),
            _ => csv::outcomes(r),
        });
        let name = format!("waymark-{which}-{}-to-{}.csv", s.from, s.to);
        if !download(&name, "text/csv;charset=utf-8", &text) {
            store.say(t(Msg::DownloadFailed), true, None);
        }
    };
    let empty = Memo::new(move |_| store.ws.with(Workspace::is_empty));
    let who = move |s: &Scope| {
        let mut who = s
            .worker
            .clone()
            .unwrap_or_else(|| t(Msg::AllWorkers).to_string());
        if let Some(team) = &s.team {
            who = format!("{who}, {}", tf(Msg::TeamNamed, &[("team", team.clone())]));
        }
        who
    };
    view! {
        <section class="page report">
            <h1 tabindex="-1">{t(Msg::ReportsTitle)}</h1>
            <p>{t(Msg::ReportIntro)}</p>
            <p><a href=Route::Claims.href()>{t(Msg::ReportClaimsLink)}</a></p>
            <form class="filters" aria-label=t(Msg::ReportScope) on:submit=|ev| ev.prevent_default()>
                <Field id="report-from" label=t(Msg::ReportFrom) kind="date" value=from error=err("from")/>
                <Field id="report-to" label=t(Msg::ReportTo) kind="date" value=to error=err("to")/>
                <NameFilter id="report-worker" label=t(Msg::Worker) all=t(Msg::AllWorkers) names=workers value=worker/>
                <Show when=move || !teams.with(Vec::is_empty)>
                    <NameFilter id="report-team" label=t(Msg::Team) all=t(Msg::AllTeams) names=teams value=team/>
                </Show>
                <fieldset class="choice choice-inline">
                    <legend>{t(Msg::CountingLegend)}</legend>
                    <label><input type="radio" name="report-base" prop:checked=move || base.get() == Base::Families on:change=move |_| base.set(Base::Families)/>{t(Msg::CountFamilies)}</label>
                    <label><input type="radio" name="report-base" prop:checked=move || base.get() == Base::Children on:change=move |_| base.set(Base::Children)/>{t(Msg::CountChildren)}</label>
                </fieldset>
                <div class="field field-wide">
                    <label for="report-compare">{t(Msg::CompareWith)}</label>
                    <select id="report-compare" on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        compare.set(Compare::ALL[i.min(3)]);
                    }>
                        {Compare::ALL.iter().enumerate().map(|(i, c)| {
                            let c = *c;
                            view! { <option value=i.to_string() selected=move || compare.get() == c>{c.words()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Show when=move || compare.get() == Compare::Chosen>
                    <Field id="report-compare-from" label=t(Msg::CompareFrom) hint=t(Msg::CompareFromHint) kind="date" value=compare_from error=err("compare-from")/>
                </Show>
            </form>
            <Show when=move || !empty.get() fallback=|| view! { <div class="empty"><p>{t(Msg::ReportEmpty)}</p></div> }>
                {move || computed.get().map(|c| {
                    let (s, _, before) = &*c.0;
                    view! {
                        <p class="lead" role="status">{tf(Msg::ReportFor, &[
                            ("from", fmt_date(s.from)),
                            ("to", fmt_date(s.to)),
                            ("who", who(s)),
                        ])}</p>
                        {before.as_ref().map(|(b, _)| view! { <p class="meta">{tf(Msg::ComparedWith, &[("from", fmt_date(b.from)), ("to", fmt_date(b.to))])}</p> })}
                        <ReportBody computed=c.clone() base=base.get()/>
                    }
                })}
                <h2>{t(Msg::CsvHeading)}</h2>
                <p>{t(Msg::CsvIntro)}</p>
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| download_csv("figures")>{t(Msg::CsvFigures)}</button>
                    <button type="button" class="button" on:click=move |_| download_csv("readings")>{t(Msg::CsvReadings)}</button>
                    <button type="button" class="button" on:click=move |_| download_csv("outcomes")>{t(Msg::CsvOutcomes)}</button>
                </div>
            </Show>
            <OutcomeRulesForm/>
        </section>
    }
}

/// A choice of one name (a worker, a team) or all of them.
#[component]
fn NameFilter(
    id: &'static str,
    label: &'static str,
    all: &'static str,
    names: Memo<Vec<String>>,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="" selected=move || value.with(String::is_empty)>{all}</option>
                {move || names.get().into_iter().map(|w| {
                    let w2 = w.clone();
                    view! { <option value=w.clone() selected=move || value.get() == w2>{w.clone()}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// The figures: each as a table (and the wheels also as a radar), as markup (see
/// [`markup`]), plus the list of families, drawn only when opened.
#[component]
fn ReportBody(computed: Computed, base: Base) -> impl IntoView {
    let (_, report, before) = &*computed.0;
    let body = report_html(
        report,
        before.as_ref().map(|(_, r)| r),
        base,
        &use_store().catalogue.get_untracked(),
    );
    let families_open = RwSignal::new(false);
    let n = report.families.len();
    let families = StoredValue::new(computed.clone());
    // The programme's figures for the same period (and the one compared with).
    let claims = use_store().ws.with_untracked(|ws| {
        let plan = crate::domain::workspace::standing::plan_in_force(ws);
        let now = claim_figures(ws, &computed.0 .0, &plan, today());
        let b = before
            .as_ref()
            .map(|(s, _)| claim_figures(ws, s, &plan, today()));
        let mut s = el("h2", "", t(Msg::ReportClaimsHeading));
        let words = FigureWords {
            caption: Msg::ReportClaimsHeading,
            now: Msg::FigThisPeriod,
            before: Msg::BeforeCol,
            note: Msg::FigBeforeNoteReport,
        };
        s.push_str(&figures_html(&now, b.as_ref(), base, &words));
        s
    });
    view! {
        <div inner_html=body></div>
        <div inner_html=claims></div>
        // Hundreds of rows cost time nobody asked for: the list is drawn when opened.
        <details class="disclosure" on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                families_open.set(d.open());
            }
        }>
            <summary>{tf(Msg::FamiliesInReport, &[("n", n.to_string())])}</summary>
            <Show when=move || families_open.get()>
                <div inner_html=move || families.with_value(|c| families_html(&c.0 .1.families))></div>
            </Show>
        </details>
    }
}

fn families_html(lines: &[report::FamilyLine]) -> String {
    let teams = lines.iter().any(|l| !l.team.is_empty());
    let rows: Vec<Row> = lines
        .iter()
        .map(|l| {
            let mut cells = vec![l.worker.clone()];
            if teams {
                cells.push(l.team.clone());
            }
            cells.extend([
                l.children.len().to_string(),
                outcome_name(l.outcome.outcome).to_string(),
                l.closed
                    .as_ref()
                    .map(|c| format!("{} · {}", fmt_date(c.date), closure_reason(c.reason)))
                    .unwrap_or_default(),
            ]);
            Row {
                head: format!(
                    "<a href=\"{}\">{}</a>",
                    esc(&Route::Family(l.family.clone()).href()),
                    esc(&l.reference)
                ),
                cells,
                attr: String::new(),
            }
        })
        .collect();
    let mut head: Vec<String> = vec![t(Msg::Reference).into(), t(Msg::Worker).into()];
    if teams {
        head.push(t(Msg::Team).into());
    }
    head.extend([
        t(Msg::ChildrenCol).into(),
        t(Msg::OutcomeCol).into(),
        t(Msg::Closed).into(),
    ]);
    markup::table(t(Msg::FamiliesInReportLabel), true, "", &head, &rows, None)
}

/// "833 (61%)", or "833" for a count.
fn figure_text(f: &Figure) -> String {
    match f.of {
        Some(of) => count_pct(f.n, of),
        None => f.n.to_string(),
    }
}

/// The change: in percentage points for a share (the column says so), in the count for a count;
/// "–" when there is nothing to compare.
fn change_text(now: &Figure, before: &Figure) -> String {
    report::change(now, before).map_or_else(|| "–".into(), signed)
}

fn signed(n: i64) -> String {
    match n {
        0 => "0".into(),
        n if n > 0 => format!("+{n}"),
        n => format!("−{}", n.unsigned_abs()),
    }
}

/// A table of headline figures with, when comparing, the earlier figure and the change.
fn figures_table(
    s: &mut String,
    caption: &str,
    head: [&str; 2],
    rows: &[(String, Figure, Option<Figure>)],
    attrs: &[&str],
) {
    let comparing = rows.iter().any(|r| r.2.is_some());
    let shares = rows.iter().all(|r| r.1.of.is_some());
    let mut cols: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    if comparing {
        cols.push(t(Msg::BeforeCol).into());
        cols.push(
            t(if shares {
                Msg::ChangePointsCol
            } else {
                Msg::ChangeCol
            })
            .into(),
        );
    }
    let rows: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, (label, f, b))| {
            let mut cells = vec![figure_text(f)];
            match b {
                Some(b) => {
                    cells.push(figure_text(b));
                    cells.push(change_text(f, b));
                }
                None if comparing => cells.extend(["–".to_string(), "–".to_string()]),
                None => {}
            }
            Row {
                attr: attrs
                    .get(i)
                    .map(|a| format!("data-figure=\"{a}\""))
                    .unwrap_or_default(),
                ..Row::new(label, cells)
            }
        })
        .collect();
    s.push_str(&markup::table(
        caption, comparing, "figures", &cols, &rows, None,
    ));
}

/// A bar chart of the rows of a figures table (the table beside it has the same figures).
fn bars_html(s: &mut String, id: &str, title: &str, rows: &[(String, Figure, Option<Figure>)]) {
    let bars: Vec<Bar> = rows
        .iter()
        .map(|(label, f, _)| Bar {
            label: label.clone(),
            value: f.n,
            text: figure_text(f),
        })
        .collect();
    let desc = t(Msg::BarsDesc);
    let rtl = crate::i18n::current().dir() == "rtl";
    s.push_str("<figure class=\"bars\">");
    s.push_str(&bars_svg(id, title, desc, &bars, rtl));
    s.push_str("</figure>");
}

fn report_html(r: &Report, before: Option<&Report>, base: Base, cat: &Catalogue) -> String {
    let mut s = String::with_capacity(16 * 1024);
    let now = report::figures(r, base);
    let then = before.map(|b| report::figures(b, base));
    let fig = |k: FigureKey| -> (Figure, Option<Figure>) {
        let find = |v: &[Figure]| v.iter().find(|f| f.key == k).copied();
        // Every key is in every list: `figures` makes the same keys for any report.
        let f = find(&now).unwrap_or(Figure {
            key: k,
            n: 0,
            of: None,
        });
        (f, then.as_deref().and_then(find))
    };
    let unit = match base {
        Base::Families => t(Msg::FamiliesCol),
        Base::Children => t(Msg::ChildrenCol),
    };
    s.push_str(&el("h2", "id=\"report-families\"", t(Msg::ReportFamilies)));
    s.push_str(&el(
        "p",
        "",
        &match base {
            Base::Families => t(Msg::CountingFamilies).to_string(),
            Base::Children => tf(
                Msg::CountingChildren,
                &[
                    ("c", r.active.children.to_string()),
                    ("f", r.active.families.to_string()),
                    ("none", r.no_children.to_string()),
                ],
            ),
        },
    ));
    let mut rows: Vec<(String, Figure, Option<Figure>)> = [
        (Msg::FiguresActive, FigureKey::Active),
        (Msg::FiguresOpenAtEnd, FigureKey::OpenAtEnd),
        (Msg::FiguresOpened, FigureKey::Opened),
        (Msg::FiguresClosed, FigureKey::Closed),
    ]
    .into_iter()
    .map(|(m, k)| {
        let (f, b) = fig(k);
        (t(m).to_string(), f, b)
    })
    .collect();
    // Reviews are about open families as of the end: counted, never compared.
    for (m, n) in [
        (Msg::FiguresReviewsOverdue, r.reviews_overdue),
        (Msg::FiguresReviewsDue, r.reviews_due),
    ] {
        let f = Figure {
            key: FigureKey::OpenAtEnd,
            n,
            of: None,
        };
        rows.push((t(m).to_string(), f, None));
    }
    figures_table(
        &mut s,
        t(Msg::ReportFamilies),
        [t(Msg::FigureCol), unit],
        &rows,
        &["active", "open", "opened", "closed", "overdue", "due"],
    );
    if r.left_out > 0 {
        s.push_str(&el(
            "p",
            "",
            &tf(Msg::LeftOut, &[("n", r.left_out.to_string())]),
        ));
    }

    s.push_str(&el("h2", "", t(Msg::ReportOutcomes)));
    let rows: Vec<(String, Figure, Option<Figure>)> = Outcome::ALL
        .iter()
        .map(|o| {
            let (f, b) = fig(FigureKey::Outcome(*o));
            (outcome_name(*o).to_string(), f, b)
        })
        .collect();
    bars_html(
        &mut s,
        "report-outcome-bars",
        &tf(Msg::OutcomeBarsTitle, &[("unit", unit.to_lowercase())]),
        &rows,
    );
    figures_table(
        &mut s,
        t(Msg::ReportOutcomes),
        [t(Msg::OutcomeCol), unit],
        &rows,
        &[],
    );
    s.push_str(&el("p", "class=\"meta\"", t(Msg::RoundingRule)));

    s.push_str(&el("h2", "", t(Msg::ReportClosures)));
    if r.closed.of(base) == 0 && before.is_none_or(|b| b.closed.of(base) == 0) {
        s.push_str(&el("p", "class=\"muted\"", t(Msg::NoneClosed)));
    } else {
        let rows: Vec<(String, Figure, Option<Figure>)> = ClosureReason::ALL
            .iter()
            .map(|c| {
                let (f, b) = fig(FigureKey::ReasonOfClosed(*c));
                (closure_reason(*c).to_string(), f, b)
            })
            .collect();
        bars_html(
            &mut s,
            "report-closure-bars",
            &tf(Msg::ClosureBarsTitle, &[("unit", unit.to_lowercase())]),
            &rows,
        );
        s.push_str(&el("h3", "", t(Msg::OfClosedHeading)));
        figures_table(
            &mut s,
            t(Msg::OfClosedHeading),
            [t(Msg::CloseReason), unit],
            &rows,
            &[],
        );
        s.push_str(&el("h3", "", t(Msg::OfActiveHeading)));
        s.push_str(&el("p", "class=\"meta\"", t(Msg::OfActiveHint)));
        let rows: Vec<(String, Figure, Option<Figure>)> = ClosureReason::ALL
            .iter()
            .map(|c| {
                let (f, b) = fig(FigureKey::ReasonOfActive(*c));
                (closure_reason(*c).to_string(), f, b)
            })
            .collect();
        figures_table(
            &mut s,
            t(Msg::OfActiveHeading),
            [t(Msg::CloseReason), unit],
            &rows,
            &[],
        );
    }

    s.push_str(&el("h2", "", t(Msg::AfterClosing)));
    let rows: Vec<(String, Figure, Option<Figure>)> = [
        (Msg::ClosedPositive, FigureKey::ClosedPositive),
        (Msg::ClosedOutcomesMet, FigureKey::ClosedOutcomesMet),
        (Msg::NotRereferred, FigureKey::NotRereferred),
    ]
    .into_iter()
    .map(|(m, k)| {
        let (f, b) = fig(k);
        (t(m).to_string(), f, b)
    })
    .collect();
    figures_table(
        &mut s,
        t(Msg::AfterClosing),
        [t(Msg::FigureCol), unit],
        &rows,
        &["closed-positive", "closed-met", "not-rereferred"],
    );
    s.push_str(&el("p", "class=\"meta\"", t(Msg::RereferralRule)));

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
    if let (f, Some(b)) = fig(FigureKey::SchoolReady) {
        s.push_str(&el(
            "p",
            "data-figure=\"ready-before\"",
            &tf(
                Msg::SchoolReadyBefore,
                &[("before", figure_text(&b)), ("change", change_text(&f, &b))],
            ),
        ));
    }
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
                    .map(|x| x.label(crate::ui::shared::words::lang()).to_string())
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
