//! Outcome wheels: templates (data, in our own words), stages, the radar's geometry, distance
//! travelled, reviews, and a reading in progress. Pure; the UI words and draws these values.

use super::id::Id;
use super::model::{AreaScore, Respondent, WheelReading};
use super::validate::{Checker, ProblemKind};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Text in one or more languages, keyed by language tag ("en").
pub type Text = BTreeMap<String, String>;

/// The text in `lang`, or English, or any language there is.
pub fn text<'a>(t: &'a Text, lang: &str) -> &'a str {
    t.get(lang)
        .or_else(|| t.get("en"))
        .or_else(|| t.values().next())
        .map_or("", String::as_str)
}

/// Stages on a wheel: five, each two points wide on the 1 to 10 scale.
pub const STAGES: usize = 5;
pub const MIN_SCORE: u8 = 1;
pub const MAX_SCORE: u8 = 10;

/// One life area of a wheel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: Id,
    pub name: Text,
    /// One line saying what the area covers.
    pub covers: Text,
    /// What each of the five stages looks like in this area, lowest first.
    pub stages: Vec<Text>,
}

/// A wheel template: data, versioned, so a service can load its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WheelTemplate {
    pub id: Id,
    pub version: u32,
    pub name: Text,
    #[serde(rename = "for")]
    pub for_whom: Text,
    /// The names of the five stages, lowest first.
    pub stages: Vec<Text>,
    pub areas: Vec<Area>,
}

fn check_text(c: &mut Checker, field: &str, t: &Text, max: usize) {
    if t.values().all(|s| s.trim().is_empty()) {
        c.push(field, ProblemKind::Required);
    }
    for (lang, s) in t {
        if lang.is_empty() || lang.len() > 12 {
            c.push(field, ProblemKind::BadValue);
        }
        if s.chars().count() > max {
            c.push(field, ProblemKind::TooLong { max });
        }
    }
}

/// Checks a template's content: 3 to 16 areas with unique ids, five stages everywhere, and
/// every text present and of sane length.
pub fn check_template(t: &WheelTemplate, c: &mut Checker) {
    check_text(c, "name", &t.name, 80);
    check_text(c, "for", &t.for_whom, 200);
    c.range("version", t.version.into(), 1, 10_000);
    if t.stages.len() != STAGES {
        c.push("stages", ProblemKind::OutOfRange { min: 5, max: 5 });
    }
    for (i, s) in t.stages.iter().enumerate() {
        check_text(c, &format!("stages[{i}]"), s, 40);
    }
    if t.areas.len() < 3 || t.areas.len() > 16 {
        c.push("areas", ProblemKind::OutOfRange { min: 3, max: 16 });
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, a) in t.areas.iter().enumerate() {
        let f = format!("areas[{i}]");
        if !seen.insert(&a.id) {
            c.push(&format!("{f}.id"), ProblemKind::Duplicate);
        }
        check_text(c, &format!("{f}.name"), &a.name, 60);
        check_text(c, &format!("{f}.covers"), &a.covers, 200);
        if a.stages.len() != STAGES {
            c.push(
                &format!("{f}.stages"),
                ProblemKind::OutOfRange { min: 5, max: 5 },
            );
        }
        for (j, s) in a.stages.iter().enumerate() {
            check_text(c, &format!("{f}.stages[{j}]"), s, 240);
        }
    }
}

/// The wheels that come with Waymark. Every word is ours (see docs and shared/domain.md).
pub fn builtin() -> Vec<WheelTemplate> {
    [
        include_str!("wheels/family.json"),
        include_str!("wheels/early_years.json"),
        include_str!("wheels/child.json"),
    ]
    .iter()
    .filter_map(|s| super::export::from_json(s).ok())
    .collect()
}

/// The stage (0 to 4) a score falls in.
pub fn stage_of(score: u8) -> usize {
    (usize::from(score.clamp(MIN_SCORE, MAX_SCORE)) - 1) / 2
}

/// The two scores of a stage (0 to 4): (lower, higher).
pub fn stage_scores(stage: usize) -> (u8, u8) {
    let s = stage.min(STAGES - 1) as u8;
    (2 * s + 1, 2 * s + 2)
}

// ---------- the radar ----------

/// Where text sits relative to its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A radar of `n` spokes around (`cx`, `cy`), `radius` for a score of 10.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Radar {
    pub n: usize,
    pub cx: f64,
    pub cy: f64,
    pub radius: f64,
}

impl Radar {
    /// The angle of spoke `i` in radians: the first points straight up, the rest follow clockwise.
    pub fn angle(&self, i: usize) -> f64 {
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / self.n.max(1) as f64
    }

    /// The point on spoke `i` at `distance` from the centre.
    pub fn at(&self, i: usize, distance: f64) -> (f64, f64) {
        let a = self.angle(i);
        (self.cx + distance * a.cos(), self.cy + distance * a.sin())
    }

    /// The point for a score on spoke `i`, clamped to 0..=10 (0 is the centre: not scored).
    pub fn point(&self, i: usize, score: f64) -> (f64, f64) {
        let s = if score.is_finite() {
            score.clamp(0.0, f64::from(MAX_SCORE))
        } else {
            0.0
        };
        self.at(i, self.radius * s / f64::from(MAX_SCORE))
    }

    /// The radii of the rings drawn at the top of each stage (scores 2, 4, 6, 8, 10).
    pub fn rings(&self) -> [f64; STAGES] {
        let mut out = [0.0; STAGES];
        for (k, r) in out.iter_mut().enumerate() {
            *r = self.radius * (2 * (k + 1)) as f64 / f64::from(MAX_SCORE);
        }
        out
    }

    /// The polygon of a reading: one point per spoke (an area not scored sits at the centre).
    pub fn polygon(&self, scores: &[Option<u8>]) -> Vec<(f64, f64)> {
        scores
            .iter()
            .enumerate()
            .map(|(i, s)| self.point(i, s.map_or(0.0, f64::from)))
            .collect()
    }

    /// Where spoke `i`'s label goes (`pad` beyond the outer ring) and how it is anchored, so
    /// labels on the left end at their point and labels on the right start there.
    pub fn label(&self, i: usize, pad: f64) -> (f64, f64, Anchor) {
        let (x, y) = self.at(i, self.radius + pad);
        let dx = x - self.cx;
        let anchor = if dx.abs() < self.radius * 0.15 {
            Anchor::Middle
        } else if dx > 0.0 {
            Anchor::Start
        } else {
            Anchor::End
        };
        (x, y, anchor)
    }
}

/// A polygon as an SVG `points` attribute, to one decimal place.
pub fn svg_points(points: &[(f64, f64)]) -> String {
    let mut out = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&fmt1(*x));
        out.push(',');
        out.push_str(&fmt1(*y));
    }
    out
}

/// A number to one decimal place without float formatting (which is large in wasm).
pub fn fmt1(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

// ---------- readings over time ----------

/// The scores of a reading in the template's area order (`None`: not scored).
pub fn scores_in_order(t: &WheelTemplate, r: &WheelReading) -> Vec<Option<u8>> {
    t.areas
        .iter()
        .map(|a| r.scores.iter().find(|s| s.area == a.id).map(|s| s.score))
        .collect()
}

/// One area's change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaChange {
    pub area: Id,
    pub first: Option<u8>,
    pub previous: Option<u8>,
    pub latest: Option<u8>,
    /// Latest minus first.
    pub since_first: Option<i8>,
    /// Latest minus previous.
    pub since_previous: Option<i8>,
}

impl AreaChange {
    pub fn stage_from(&self) -> Option<usize> {
        self.first.map(stage_of)
    }
    pub fn stage_to(&self) -> Option<usize> {
        self.latest.map(stage_of)
    }
}

/// Distance travelled: per area, and in sum.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Distance {
    pub areas: Vec<AreaChange>,
    pub improved: usize,
    pub unchanged: usize,
    pub worse: usize,
    /// The average change since the first reading, in tenths of a point (None: nothing to compare).
    pub average_tenths: Option<i32>,
    /// How many readings there are.
    pub readings: usize,
}

/// Orders readings oldest first (by date, then when they were entered).
pub fn in_order<'a>(readings: impl IntoIterator<Item = &'a WheelReading>) -> Vec<&'a WheelReading> {
    let mut v: Vec<&WheelReading> = readings.into_iter().filter(|r| !r.meta.deleted).collect();
    v.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.meta.created.cmp(&b.meta.created))
    });
    v
}

/// Distance travelled across readings of one template (oldest first).
pub fn distance(t: &WheelTemplate, readings: &[&WheelReading]) -> Distance {
    let first = readings.first().map(|r| scores_in_order(t, r));
    let latest = readings.last().map(|r| scores_in_order(t, r));
    let previous = (readings.len() >= 2).then(|| scores_in_order(t, readings[readings.len() - 2]));
    let mut d = Distance {
        readings: readings.len(),
        ..Distance::default()
    };
    let mut sum: i32 = 0;
    let mut counted: i32 = 0;
    for (i, a) in t.areas.iter().enumerate() {
        let get = |v: &Option<Vec<Option<u8>>>| v.as_ref().and_then(|v| v[i]);
        let (f, p, l) = (get(&first), get(&previous), get(&latest));
        let diff = |a: Option<u8>, b: Option<u8>| match (a, b) {
            (Some(a), Some(b)) => Some(b as i8 - a as i8),
            _ => None,
        };
        let since_first = if readings.len() >= 2 {
            diff(f, l)
        } else {
            None
        };
        if let Some(c) = since_first {
            sum += i32::from(c);
            counted += 1;
            match c.signum() {
                1 => d.improved += 1,
                -1 => d.worse += 1,
                _ => d.unchanged += 1,
            }
        }
        d.areas.push(AreaChange {
            area: a.id.clone(),
            first: f,
            previous: p,
            latest: l,
            since_first,
            since_previous: diff(p, l),
        });
    }
    if counted > 0 {
        // Rounded half away from zero.
        let t10 = sum * 10;
        d.average_tenths = Some((t10 + t10.signum() * counted / 2) / counted);
    }
    d
}

/// When a review is due: `weeks` after the latest reading.
pub fn review_due(latest: NaiveDate, weeks: u8) -> NaiveDate {
    latest + Days::new(7 * u64::from(weeks))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewState {
    /// More than two weeks away.
    Later,
    /// Within two weeks.
    DueSoon,
    /// Past its date.
    Overdue,
}

pub fn review_state(due: NaiveDate, today: NaiveDate) -> ReviewState {
    if today > due {
        ReviewState::Overdue
    } else if today + Days::new(14) >= due {
        ReviewState::DueSoon
    } else {
        ReviewState::Later
    }
}

// ---------- a reading in progress ----------

/// One area's answer while a reading is being made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<u8>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub step: String,
    #[serde(default)]
    pub priority: bool,
}

/// A reading being made, kept on the device so it can be resumed after the tab is closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WheelDraft {
    pub family: Id,
    pub template: Id,
    pub template_version: u32,
    pub by: Respondent,
    #[serde(with = "super::date::ymd")]
    pub date: NaiveDate,
    /// The area on screen (== areas.len() for the review screen).
    pub at: usize,
    pub areas: Vec<AreaDraft>,
    /// The whole wheel on one screen (a worker in a session) rather than one area at a time.
    #[serde(default)]
    pub whole: bool,
    /// Set when editing a saved reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<Id>,
}

/// At most this many priority areas.
pub const MAX_PRIORITIES: usize = 3;

impl WheelDraft {
    pub fn new(family: Id, t: &WheelTemplate, by: Respondent, date: NaiveDate) -> Self {
        WheelDraft {
            family,
            template: t.id.clone(),
            template_version: t.version,
            by,
            date,
            at: 0,
            areas: vec![AreaDraft::default(); t.areas.len()],
            whole: false,
            editing: None,
        }
    }

    /// A draft to edit a saved reading.
    pub fn from_reading(t: &WheelTemplate, r: &WheelReading) -> Self {
        let mut d = WheelDraft::new(r.family.clone(), t, r.by, r.date);
        d.template_version = r.template_version;
        d.editing = Some(r.meta.id.clone());
        for (i, a) in t.areas.iter().enumerate() {
            if let Some(s) = r.scores.iter().find(|s| s.area == a.id) {
                d.areas[i] = AreaDraft {
                    stage: Some(stage_of(s.score) as u8),
                    score: Some(s.score),
                    other: s.other,
                    note: s.note.clone(),
                    step: s.step.clone(),
                    priority: s.priority,
                };
            }
        }
        d.at = t.areas.len();
        d
    }

    pub fn priorities(&self) -> usize {
        self.areas.iter().filter(|a| a.priority).count()
    }

    /// Chooses a stage; keeps the score if it is in that stage, otherwise clears it.
    pub fn choose_stage(&mut self, area: usize, stage: usize) {
        if let Some(a) = self.areas.get_mut(area) {
            a.stage = Some(stage.min(STAGES - 1) as u8);
            if a.score.is_some_and(|s| stage_of(s) != stage) {
                a.score = None;
            }
        }
    }

    /// Chooses a score (which also sets its stage).
    pub fn choose_score(&mut self, area: usize, score: u8) {
        if let Some(a) = self.areas.get_mut(area) {
            let s = score.clamp(MIN_SCORE, MAX_SCORE);
            a.score = Some(s);
            a.stage = Some(stage_of(s) as u8);
        }
    }

    /// Marks or unmarks a priority; refuses a fourth.
    pub fn toggle_priority(&mut self, area: usize) -> bool {
        let n = self.priorities();
        match self.areas.get_mut(area) {
            Some(a) if a.priority => {
                a.priority = false;
                true
            }
            Some(a) if n < MAX_PRIORITIES => {
                a.priority = true;
                true
            }
            _ => false,
        }
    }

    /// How many areas have a score.
    pub fn scored(&self) -> usize {
        self.areas.iter().filter(|a| a.score.is_some()).count()
    }

    /// The scores as a reading's list (areas without a score are left out).
    pub fn area_scores(&self, t: &WheelTemplate) -> Vec<AreaScore> {
        t.areas
            .iter()
            .zip(&self.areas)
            .filter_map(|(a, d)| {
                d.score.map(|score| AreaScore {
                    area: a.id.clone(),
                    score,
                    other: d.other.filter(|o| *o != score),
                    note: d.note.trim().to_string(),
                    step: d.step.trim().to_string(),
                    priority: d.priority,
                })
            })
            .collect()
    }
}

// ---------- the radar as SVG markup ----------

/// Which reading a line on the radar shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesKind {
    First,
    Previous,
    Latest,
}

impl SeriesKind {
    /// Colour (a CSS variable with a fallback for a saved file), dash pattern: series are told
    /// apart by line style and marker shape as well as colour.
    pub fn stroke(self) -> (&'static str, &'static str) {
        match self {
            SeriesKind::First => ("var(--series-first, #8a5a00)", "7 4"),
            SeriesKind::Previous => ("var(--series-previous, #4b4ba8)", "2 4"),
            SeriesKind::Latest => ("var(--series-latest, #1f5f5b)", ""),
        }
    }
}

/// Escapes text for XML/HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The side of the square the radar is drawn in.
pub const RADAR_SIZE: f64 = 320.0;

/// A complete, standalone SVG radar: rings at the top of each stage, one numbered spoke per
/// area, and up to three readings. `title` and `desc` make it accessible (`role="img"`); the
/// same markup is offered as a download.
pub fn radar_svg(
    id: &str,
    n: usize,
    series: &[(SeriesKind, Vec<Option<u8>>)],
    title: &str,
    desc: &str,
) -> String {
    let tenths: Vec<(SeriesKind, Vec<Option<u16>>)> = series
        .iter()
        .map(|(k, v)| (*k, v.iter().map(|s| s.map(|s| u16::from(s) * 10)).collect()))
        .collect();
    radar_svg_tenths(id, n, &tenths, title, desc)
}

/// The same radar for scores in tenths of a point (averages across a caseload: 45 is 4.5).
pub fn radar_svg_tenths(
    id: &str,
    n: usize,
    series: &[(SeriesKind, Vec<Option<u16>>)],
    title: &str,
    desc: &str,
) -> String {
    use std::fmt::Write;
    let r = Radar {
        n,
        cx: RADAR_SIZE / 2.0,
        cy: RADAR_SIZE / 2.0,
        radius: 120.0,
    };
    let id = escape(id);
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"radar-svg\" viewBox=\"0 0 320 320\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape(title),
        escape(desc)
    );
    s.push_str("<g fill=\"none\" stroke=\"var(--c-border, #8a949a)\" stroke-width=\"1\">");
    for ring in r.rings() {
        let _ = write!(s, "<circle cx=\"160\" cy=\"160\" r=\"{}\"/>", fmt1(ring));
    }
    for i in 0..n {
        let (x, y) = r.at(i, r.radius);
        let _ = write!(
            s,
            "<line x1=\"160\" y1=\"160\" x2=\"{}\" y2=\"{}\"/>",
            fmt1(x),
            fmt1(y)
        );
    }
    s.push_str("</g><g font-size=\"15\" font-weight=\"700\" fill=\"var(--c-text, #1d2327)\" font-family=\"system-ui, sans-serif\">");
    for i in 0..n {
        let (x, y, a) = r.label(i, 16.0);
        let anchor = match a {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            fmt1(x),
            fmt1(y + 5.0),
            i + 1
        );
    }
    s.push_str("</g>");
    for (kind, scores) in series {
        let (colour, dash) = kind.stroke();
        let pts: Vec<(f64, f64)> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| r.point(i, s.map_or(0.0, |t| f64::from(t) / 10.0)))
            .collect();
        let _ = write!(
            s,
            "<g stroke=\"{colour}\" fill=\"{colour}\" data-series=\"{}\"><polygon points=\"{}\" fill-opacity=\"0.08\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\" stroke-linejoin=\"round\"/>",
            match kind {
                SeriesKind::First => "first",
                SeriesKind::Previous => "previous",
                SeriesKind::Latest => "latest",
            },
            svg_points(&pts)
        );
        for ((x, y), sc) in pts.iter().zip(scores) {
            if sc.is_none() {
                continue;
            }
            let (x, y) = (*x, *y);
            let _ = match kind {
                SeriesKind::First => {
                    write!(s, "<circle cx=\"{}\" cy=\"{}\" r=\"4\"/>", fmt1(x), fmt1(y))
                }
                SeriesKind::Previous => write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\"/>",
                    fmt1(x - 3.5),
                    fmt1(y - 3.5)
                ),
                SeriesKind::Latest => write!(
                    s,
                    "<polygon points=\"{}\"/>",
                    svg_points(&[(x, y - 5.5), (x + 5.5, y), (x, y + 5.5), (x - 5.5, y)])
                ),
            };
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

/// Reads a wheel template from a file a service made: size, JSON, depth, every field, and the
/// rules of [`check_template`]. Problems name where they are. Never panics.
pub fn read_template(text: &str) -> Result<WheelTemplate, super::export::ReadError> {
    use super::export::ReadError;
    use super::validate::Problem;
    let value = super::export::parse_value(text)?;
    if !value.is_object() {
        return Err(ReadError::NotWaymark);
    }
    let t = WheelTemplate::deserialize(value).map_err(|e| {
        ReadError::Invalid(vec![Problem {
            path: "template".into(),
            kind: super::export::classify(&e),
        }])
    })?;
    let mut problems = Vec::new();
    check_template(&t, &mut Checker::new("", &mut problems));
    if problems.is_empty() {
        Ok(t)
    } else {
        problems.truncate(super::export::MAX_PROBLEMS);
        Err(ReadError::Invalid(problems))
    }
}
