//! CSV files that open correctly in Excel: UTF-8 with a byte-order mark, a header row, CRLF line
//! ends, ISO dates, every text cell quoted, and text starting with `=`, `+`, `-`, `@` (or a tab or
//! carriage return) prefixed with an apostrophe so no formula runs. Numbers are written as
//! numbers (so a change of -2 stays a number, not text).
//!
//! Three files: the readings (one row per wheel area score, scaling answer or milestone area
//! judgement), the family outcomes (one row per family) and the headline figures (one row per
//! figure, with its percentage by the report's rule). Column names and codes are stable
//! English identifiers, the same in every language, so a council's spreadsheet keeps working.

use super::outcome::Outcome;
use super::report::{Base, FamilyLine, FigureKey, Report, Scope};
use crate::domain::base::sort;
use crate::domain::base::text::text;
use crate::domain::base::Id;
use crate::domain::milestone::Framework;
use crate::domain::wheel::{self, WheelTemplate};
use crate::domain::workspace::records::*;
use chrono::NaiveDate;

/// One cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number in tenths, written with one decimal (15 is "1.5").
    Tenths(i64),
    Date(NaiveDate),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

/// Text as a safe quoted cell.
pub fn text_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 3);
    out.push('"');
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => text_cell(s),
        Cell::Int(n) => n.to_string(),
        Cell::Tenths(t) => {
            let sign = if *t < 0 { "-" } else { "" };
            format!("{sign}{}.{}", t.abs() / 10, t.abs() % 10)
        }
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::Empty => String::new(),
    }
}

/// A whole file: the byte-order mark, the header, the rows.
pub fn encode(header: &[&str], rows: &[Vec<Cell>]) -> String {
    let mut out = String::from("\u{FEFF}");
    let head: Vec<String> = header.iter().map(|h| text_cell(h)).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for r in rows {
        let line: Vec<String> = r.iter().map(cell).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

pub const READINGS_HEADER: [&str; 12] = [
    "family_reference",
    "worker",
    "date",
    "instrument",
    "wheel_or_question",
    "area",
    "area_or_question_text",
    "respondent",
    "child",
    "score",
    "stage",
    "judgement",
];

fn respondent_code(r: Respondent) -> &'static str {
    match r {
        Respondent::Family => "family",
        Respondent::Worker => "worker",
        Respondent::Child => "child",
        Respondent::Agreed => "agreed",
    }
}

/// The readings file: every wheel area score, scaling answer and milestone area judgement dated
/// in the period, of the families in the report. `lang` picks the words of areas and questions.
/// A child is named by their place in the family ("child 1" is the eldest), never by name.
pub fn readings(
    ws: &Workspace,
    report: &Report,
    scope: &Scope,
    templates: &[&WheelTemplate],
    frameworks: &[&Framework],
    lang: &str,
) -> String {
    let lib = crate::domain::scale::library();
    let in_period = |d: NaiveDate| d >= scope.from && d <= scope.to;
    let mut rows: Vec<(String, NaiveDate, u8, Vec<Cell>)> = Vec::new();
    for line in &report.families {
        let fam = &line.family;
        let mut children: Vec<&Member> = ws
            .live_members_of(fam)
            .filter(|m| m.role == MemberRole::Child)
            .collect();
        sort::by_key(&mut children, |m| (m.born.or(m.due), m.meta.created));
        let child_cell =
            |c: Option<&Id>| match c.and_then(|c| children.iter().position(|m| &m.meta.id == c)) {
                Some(i) => Cell::Text(format!("child {}", i + 1)),
                None => Cell::Empty,
            };
        let base = |d: NaiveDate| -> Vec<Cell> {
            vec![
                line.reference.as_str().into(),
                line.worker.as_str().into(),
                Cell::Date(d),
            ]
        };
        let folder = ws.folder_or_empty(fam);
        for r in folder
            .wheel_readings
            .values()
            .filter(|r| !r.meta.deleted && &r.family == fam && in_period(r.date))
        {
            let t = templates
                .iter()
                .find(|t| t.id == r.template && t.version == r.template_version)
                .or_else(|| templates.iter().find(|t| t.id == r.template));
            for s in &r.scores {
                let name = t
                    .and_then(|t| t.areas.iter().find(|a| a.id == s.area))
                    .map(|a| text(&a.name, lang).to_string())
                    .unwrap_or_default();
                let mut row = base(r.date);
                row.extend([
                    "wheel".into(),
                    r.template.as_str().into(),
                    s.area.as_str().into(),
                    name.into(),
                    respondent_code(r.by).into(),
                    child_cell(r.child.as_ref()),
                    Cell::Int(s.score.into()),
                    Cell::Int(wheel::stage_of(s.score) as i64 + 1),
                    Cell::Empty,
                ]);
                rows.push((line.reference.clone(), r.date, 0, row));
            }
        }
        for a in folder
            .scale_answers
            .values()
            .filter(|a| !a.meta.deleted && &a.family == fam && in_period(a.date))
        {
            let text = lib
                .iter()
                .find(|q| q.id == a.question)
                .map(|q| text(&q.question, lang).to_string())
                .or_else(|| {
                    folder
                        .questions
                        .get(&a.question)
                        .map(|q| q.question.clone())
                })
                .unwrap_or_default();
            let mut row = base(a.date);
            row.extend([
                "scale".into(),
                a.question.as_str().into(),
                Cell::Empty,
                text.into(),
                respondent_code(a.by).into(),
                child_cell(a.child.as_ref()),
                Cell::Int(a.value.into()),
                Cell::Empty,
                Cell::Empty,
            ]);
            rows.push((line.reference.clone(), a.date, 1, row));
        }
        for c in folder
            .milestone_checks
            .values()
            .filter(|c| !c.meta.deleted && &c.family == fam && in_period(c.date))
        {
            let Some(fw) = frameworks
                .iter()
                .find(|f| f.id == c.framework && f.version == c.framework_version)
                .or_else(|| frameworks.iter().find(|f| f.id == c.framework))
            else {
                continue;
            };
            for (area, j, _) in crate::domain::milestone::judge_check(fw, c) {
                let Some(j) = j else { continue };
                let name = fw
                    .areas
                    .iter()
                    .find(|a| a.id == area)
                    .map(|a| text(&a.name, lang).to_string())
                    .unwrap_or_default();
                let mut row = base(c.date);
                row.extend([
                    "milestones".into(),
                    c.stage.as_str().into(),
                    area.as_str().into(),
                    name.into(),
                    respondent_code(c.by).into(),
                    child_cell(Some(&c.child)),
                    Cell::Empty,
                    Cell::Empty,
                    judgement_code(j).into(),
                ]);
                rows.push((line.reference.clone(), c.date, 2, row));
            }
        }
    }
    // Stable order: family, date, instrument (rows within a reading keep their order).
    sort::by(&mut rows, |a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
    let rows: Vec<Vec<Cell>> = rows.into_iter().map(|r| r.3).collect();
    encode(&READINGS_HEADER, &rows)
}

pub fn judgement_code(j: crate::domain::milestone::Judgement) -> &'static str {
    match j {
        crate::domain::milestone::Judgement::OnTrack => "on_track",
        crate::domain::milestone::Judgement::KeepAnEye => "keep_an_eye",
        crate::domain::milestone::Judgement::NeedsExtraHelp => "needs_extra_help",
    }
}

pub const OUTCOMES_HEADER: [&str; 20] = [
    "family_reference",
    "worker",
    "opened",
    "closed",
    "closure_reason",
    "outcome",
    "too_early_reason",
    "wheel_change_per_area",
    "scale_change",
    "first_reading",
    "latest_reading",
    "children_on_track_areas",
    "children_keep_an_eye_areas",
    "children_needs_extra_help_areas",
    "team",
    "earlier_episodes",
    "children_positive",
    "children_no_change",
    "children_deterioration",
    "children_too_early",
];

fn outcome_row(l: &FamilyLine) -> Vec<Cell> {
    use super::outcome::TooEarly;
    let o = &l.outcome;
    let counted: Vec<&super::outcome::Measure> = o.measures.iter().collect();
    let first = counted.iter().map(|m| m.first).min();
    let latest = counted.iter().map(|m| m.latest).max();
    let children = |o: Outcome| l.children.iter().filter(|c| c.1 == o).count() as i64;
    let mut j = [0usize; 3];
    for (_, _, c) in &l.milestones {
        for i in 0..3 {
            j[i] += c[i];
        }
    }
    vec![
        l.reference.as_str().into(),
        l.worker.as_str().into(),
        Cell::Date(l.opened),
        l.closed
            .as_ref()
            .map_or(Cell::Empty, |c| Cell::Date(c.date)),
        l.closed
            .as_ref()
            .map_or(Cell::Empty, |c| c.reason.code().into()),
        o.outcome.code().into(),
        match o.too_early {
            None => Cell::Empty,
            Some(TooEarly::NoReadings) => "no_readings".into(),
            Some(TooEarly::OneReading) => "one_reading".into(),
            Some(TooEarly::NotLongEnough) => "not_long_enough".into(),
        },
        o.wheel_tenths
            .map_or(Cell::Empty, |t| Cell::Tenths(t.into())),
        o.scale_tenths
            .map_or(Cell::Empty, |t| Cell::Tenths(t.into())),
        first.map_or(Cell::Empty, Cell::Date),
        latest.map_or(Cell::Empty, Cell::Date),
        Cell::Int(j[0] as i64),
        Cell::Int(j[1] as i64),
        Cell::Int(j[2] as i64),
        l.team.as_str().into(),
        Cell::Int(l.earlier as i64),
        Cell::Int(children(Outcome::Positive)),
        Cell::Int(children(Outcome::NoChange)),
        Cell::Int(children(Outcome::Deterioration)),
        Cell::Int(children(Outcome::TooEarly)),
    ]
}

pub const FIGURES_HEADER: [&str; 10] = [
    "figure",
    "counting",
    "count",
    "of",
    "percent",
    "before_from",
    "before_count",
    "before_of",
    "before_percent",
    "change",
];

/// The headline figures file: one row per figure, counting families or children, with the
/// percentage by the report's rule (rounded down) and, if given, the same figure for an earlier
/// period and the change (percentage points for a share).
pub fn figures(report: &Report, base: Base, before: Option<(&Scope, &Report)>) -> String {
    let now = super::report::figures(report, base);
    let then = before.map(|(s, r)| (s.from, super::report::figures(r, base)));
    let counting = match base {
        Base::Families => "families",
        Base::Children => "children",
    };
    let opt = |v: Option<usize>| v.map_or(Cell::Empty, |n| Cell::Int(n as i64));
    let pct = |p: Option<u32>| p.map_or(Cell::Empty, |n| Cell::Int(n.into()));
    let rows: Vec<Vec<Cell>> = now
        .iter()
        .enumerate()
        .map(|(i, f)| {
            // The children's base for school readiness is always children.
            let counting = if f.key == FigureKey::SchoolReady {
                "children"
            } else {
                counting
            };
            let mut row = vec![
                f.key.code().as_str().into(),
                counting.into(),
                Cell::Int(f.n as i64),
                opt(f.of),
                pct(f.percent()),
            ];
            match &then {
                Some((from, b)) => {
                    let b = &b[i];
                    row.extend([
                        Cell::Date(*from),
                        Cell::Int(b.n as i64),
                        opt(b.of),
                        pct(b.percent()),
                        super::report::change(f, b).map_or(Cell::Empty, Cell::Int),
                    ]);
                }
                None => row.extend([
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                ]),
            }
            row
        })
        .collect();
    encode(&FIGURES_HEADER, &rows)
}

/// The family outcomes file: one row per family in the report.
pub fn outcomes(report: &Report) -> String {
    let rows: Vec<Vec<Cell>> = report.families.iter().map(outcome_row).collect();
    encode(&OUTCOMES_HEADER, &rows)
}
