//! A family's outcome: positive, no change, deterioration or too early to measure, from the change
//! in its wheel readings and scaling answers (first to latest). The rule is written down in
//! `docs/outcomes.md`; every threshold is a setting ([`OutcomeRules`]) and pinned by tests.

use crate::domain::base::sort;
use crate::domain::base::Id;
use crate::domain::workspace::records::*;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The four outcome categories councils report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Positive,
    NoChange,
    Deterioration,
    TooEarly,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Positive,
        Outcome::NoChange,
        Outcome::Deterioration,
        Outcome::TooEarly,
    ];
    /// A stable code for files (CSV).
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Positive => "positive",
            Outcome::NoChange => "no_change",
            Outcome::Deterioration => "deterioration",
            Outcome::TooEarly => "too_early",
        }
    }
}

/// Why a family is too early to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TooEarly {
    /// No wheel reading or scaling answer at all.
    NoReadings,
    /// Never more than one reading of the same thing.
    OneReading,
    /// Two or more readings, but first and latest are closer than the minimum weeks.
    NotLongEnough,
}

/// Which instrument a measure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Instrument {
    Wheel,
    Scale,
}

/// Which way an instrument moved, against the thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Same,
    Down,
}

/// One series of readings, first to latest: one wheel (or one question), for one child or for the
/// family, by one respondent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Measure {
    pub instrument: Instrument,
    /// The wheel template or the question.
    pub key: Id,
    pub child: Option<Id>,
    pub by: Respondent,
    pub readings: usize,
    pub first: NaiveDate,
    pub latest: NaiveDate,
    /// Latest minus first, in tenths of a point: for a wheel, averaged over the areas scored in
    /// both readings (rounded half away from zero); for a question, the answer's change.
    /// `None` when there is one reading, or no area in common.
    pub change_tenths: Option<i32>,
}

impl Measure {
    /// Whether this measure counts toward the outcome: a change, over at least `min_weeks`.
    pub fn counts(&self, rules: &OutcomeRules) -> bool {
        self.change_tenths.is_some()
            && self.first + Days::new(7 * u64::from(rules.min_weeks)) <= self.latest
    }
}

/// A family's outcome and what it rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    pub outcome: Outcome,
    pub too_early: Option<TooEarly>,
    /// Average change of the wheel measures that count, in tenths of a point per area.
    pub wheel_tenths: Option<i32>,
    /// Average change of the scaling measures that count, in tenths of a point.
    pub scale_tenths: Option<i32>,
    pub wheel: Option<Direction>,
    pub scale: Option<Direction>,
    /// The series used: one per wheel (per child) and one per question (per child).
    pub measures: Vec<Measure>,
}

/// Which respondent's series speaks for a wheel or question when several answered it: the one
/// with most readings; on a tie, an agreed reading, then the family's, the child's, the worker's.
fn preference(by: Respondent) -> u8 {
    match by {
        Respondent::Agreed => 0,
        Respondent::Family => 1,
        Respondent::Child => 2,
        Respondent::Worker => 3,
    }
}

/// Divides rounding half away from zero.
pub fn div_round(num: i64, den: i64) -> i64 {
    if den == 0 {
        return 0;
    }
    let q = num * 2 / den;
    (q + q.signum()) / 2
}

/// Picks, for each (key, child), the respondent series with the most readings (see
/// [`preference`]), and returns its readings oldest first.
fn preferred<'a, R>(
    items: impl Iterator<Item = &'a R>,
    key: impl Fn(&'a R) -> (&'a Id, Option<&'a Id>, Respondent),
    order: impl Fn(&R) -> (NaiveDate, crate::domain::base::Millis),
) -> Vec<((Id, Option<Id>, Respondent), Vec<&'a R>)>
where
    R: 'a,
{
    // Vectors with a linear search: a family has a handful of series, and each BTreeMap of a new
    // key type costs kilobytes of wasm. Keys are borrowed while grouping (a service's report
    // groups tens of thousands of readings) and copied once per series at the end.
    type Series<'a, R> = Vec<((&'a Id, Option<&'a Id>, u8), Respondent, Vec<&'a R>)>;
    let mut series: Series<'a, R> = Vec::new();
    for r in items {
        let (k, child, by) = key(r);
        let kk = (k, child, preference(by));
        match series.iter_mut().find(|s| s.0 == kk) {
            Some(s) => s.2.push(r),
            None => series.push((kk, by, vec![r])),
        }
    }
    sort::by(&mut series, |a, b| a.0.cmp(&b.0));
    let mut best: Vec<((&'a Id, Option<&'a Id>), Respondent, Vec<&'a R>)> = Vec::new();
    // Walked in preference order, so the first of the largest wins a tie.
    for ((k, child, _), by, mut rs) in series {
        sort::by_key(&mut rs, |r| order(r));
        match best.iter_mut().find(|b| b.0 .0 == k && b.0 .1 == child) {
            Some(b) if b.2.len() >= rs.len() => {}
            Some(b) => {
                b.1 = by;
                b.2 = rs;
            }
            None => best.push(((k, child), by, rs)),
        }
    }
    best.into_iter()
        .map(|((k, child), by, rs)| ((k.clone(), child.cloned(), by), rs))
        .collect()
}

/// One family's live readings, gathered once (a caseload report gathers every family's in one
/// pass over the workspace rather than one pass per family).
#[derive(Clone, Debug, Default)]
pub struct Readings<'a> {
    pub wheels: Vec<&'a WheelReading>,
    pub answers: Vec<&'a ScaleAnswer>,
    pub checks: Vec<&'a MilestoneCheck>,
    /// The family's children (live members with the child role), for counting per child.
    pub children: Vec<&'a Member>,
}

impl<'a> Readings<'a> {
    /// One family's records (its folder only).
    pub fn of(ws: &'a Workspace, family: &Id) -> Self {
        Readings::in_folder(ws.folder_or_empty(family), family)
    }

    fn in_folder(f: &'a Folder, family: &Id) -> Self {
        Readings {
            wheels: f
                .wheel_readings
                .values()
                .filter(|r| !r.meta.deleted && &r.family == family)
                .collect(),
            answers: f
                .scale_answers
                .values()
                .filter(|r| !r.meta.deleted && &r.family == family)
                .collect(),
            checks: f
                .milestone_checks
                .values()
                .filter(|r| !r.meta.deleted && &r.family == family)
                .collect(),
            children: f
                .members
                .values()
                .filter(|m| !m.meta.deleted && &m.family == family && m.role == MemberRole::Child)
                .collect(),
        }
    }

    /// Every family's records, folder by folder.
    pub fn all(ws: &'a Workspace) -> BTreeMap<Id, Readings<'a>> {
        ws.folders()
            .map(|(id, f)| (id.clone(), Readings::in_folder(f, id)))
            .collect()
    }

    /// Only the wheel readings and scaling answers dated on or after `since` (an episode's
    /// readings); checks and children as they are.
    pub fn since(&self, since: NaiveDate) -> Readings<'a> {
        Readings {
            wheels: self
                .wheels
                .iter()
                .copied()
                .filter(|r| r.date >= since)
                .collect(),
            answers: self
                .answers
                .iter()
                .copied()
                .filter(|r| r.date >= since)
                .collect(),
            checks: self.checks.clone(),
            children: self.children.clone(),
        }
    }

    /// The children born on or before `day`, eldest first (a child not yet born is not counted).
    pub fn children_on(&self, day: NaiveDate) -> Vec<&'a Member> {
        let mut v: Vec<&Member> = self
            .children
            .iter()
            .copied()
            .filter(|m| m.born.is_some_and(|b| b <= day))
            .collect();
        sort::by(&mut v, |a, b| {
            (a.born, &a.meta.id).cmp(&(b.born, &b.meta.id))
        });
        v
    }

    /// The wheel series, each oldest first (readings dated up to `until`).
    pub fn wheel_series(
        &self,
        until: NaiveDate,
    ) -> Vec<((Id, Option<Id>, Respondent), Vec<&'a WheelReading>)> {
        preferred(
            self.wheels.iter().copied().filter(|r| r.date <= until),
            |r| (&r.template, r.child.as_ref(), r.by),
            |r| (r.date, r.meta.created),
        )
    }

    /// The scaling series, each oldest first (answers dated up to `until`).
    pub fn scale_series(
        &self,
        until: NaiveDate,
    ) -> Vec<((Id, Option<Id>, Respondent), Vec<&'a ScaleAnswer>)> {
        preferred(
            self.answers.iter().copied().filter(|r| r.date <= until),
            |r| (&r.question, r.child.as_ref(), r.by),
            |r| (r.date, r.meta.created),
        )
    }
}

/// The family's wheel series, each oldest first (live readings dated up to `until`).
pub fn wheel_series<'a>(
    ws: &'a Workspace,
    family: &Id,
    until: NaiveDate,
) -> Vec<((Id, Option<Id>, Respondent), Vec<&'a WheelReading>)> {
    Readings::of(ws, family).wheel_series(until)
}

/// The family's scaling series, each oldest first (live answers dated up to `until`).
pub fn scale_series<'a>(
    ws: &'a Workspace,
    family: &Id,
    until: NaiveDate,
) -> Vec<((Id, Option<Id>, Respondent), Vec<&'a ScaleAnswer>)> {
    Readings::of(ws, family).scale_series(until)
}

/// The average change per area from `first` to `latest`, in tenths (areas scored in both).
pub fn wheel_change_tenths(first: &WheelReading, latest: &WheelReading) -> Option<i32> {
    let mut sum = 0i64;
    let mut n = 0i64;
    for s in &latest.scores {
        if let Some(f) = first.scores.iter().find(|f| f.area == s.area) {
            sum += i64::from(s.score) - i64::from(f.score);
            n += 1;
        }
    }
    (n > 0).then(|| div_round(sum * 10, n) as i32)
}

/// Every measure of a family, from readings dated up to `until`.
pub fn measures(ws: &Workspace, family: &Id, until: NaiveDate) -> Vec<Measure> {
    measures_of(&Readings::of(ws, family), until)
}

/// Every measure from a family's records, dated up to `until`.
pub fn measures_of(rec: &Readings, until: NaiveDate) -> Vec<Measure> {
    let mut out = Vec::new();
    for ((key, child, by), rs) in rec.wheel_series(until) {
        let (first, latest) = (rs[0], rs[rs.len() - 1]);
        out.push(Measure {
            instrument: Instrument::Wheel,
            key,
            child,
            by,
            readings: rs.len(),
            first: first.date,
            latest: latest.date,
            change_tenths: if rs.len() > 1 {
                wheel_change_tenths(first, latest)
            } else {
                None
            },
        });
    }
    for ((key, child, by), rs) in rec.scale_series(until) {
        let (first, latest) = (rs[0], rs[rs.len() - 1]);
        out.push(Measure {
            instrument: Instrument::Scale,
            key,
            child,
            by,
            readings: rs.len(),
            first: first.date,
            latest: latest.date,
            change_tenths: (rs.len() > 1)
                .then(|| (i32::from(latest.value) - i32::from(first.value)) * 10),
        });
    }
    out
}

fn direction(tenths: i32, threshold: u8) -> Direction {
    let t = i32::from(threshold);
    if tenths >= t {
        Direction::Up
    } else if tenths <= -t {
        Direction::Down
    } else {
        Direction::Same
    }
}

/// A child's outcome: the family's, unless the child has wheel readings of their own (a child's
/// wheel) among those the family's outcome was decided from; then it is decided by the child's
/// own series only (wheels and questions answered about that child). See docs/outcomes.md.
pub fn classify_child(child: &Id, family: &Classification, rules: &OutcomeRules) -> Outcome {
    let mine = |m: &&Measure| m.child.as_ref() == Some(child);
    if !family
        .measures
        .iter()
        .filter(mine)
        .any(|m| m.instrument == Instrument::Wheel)
    {
        return family.outcome;
    }
    let mine: Vec<Measure> = family.measures.iter().filter(mine).cloned().collect();
    classify_measures(mine, rules).outcome
}

/// The rule: see docs/outcomes.md.
pub fn classify_measures(measures: Vec<Measure>, rules: &OutcomeRules) -> Classification {
    let average = |i: Instrument| -> Option<i32> {
        let v: Vec<i64> = measures
            .iter()
            .filter(|m| m.instrument == i && m.counts(rules))
            .filter_map(|m| m.change_tenths.map(i64::from))
            .collect();
        (!v.is_empty()).then(|| div_round(v.iter().sum(), v.len() as i64) as i32)
    };
    let wheel_tenths = average(Instrument::Wheel);
    let scale_tenths = average(Instrument::Scale);
    let wheel = wheel_tenths.map(|t| direction(t, rules.wheel_tenths));
    let scale = scale_tenths.map(|t| direction(t, rules.scale_tenths));
    let dirs = [wheel, scale];
    let (outcome, too_early) = if wheel.is_none() && scale.is_none() {
        let why = if measures.is_empty() {
            TooEarly::NoReadings
        } else if measures.iter().all(|m| m.change_tenths.is_none()) {
            TooEarly::OneReading
        } else {
            TooEarly::NotLongEnough
        };
        (Outcome::TooEarly, Some(why))
    } else if dirs.contains(&Some(Direction::Down)) {
        // A fall in one instrument is never hidden by a rise in the other.
        (Outcome::Deterioration, None)
    } else if dirs.contains(&Some(Direction::Up)) {
        (Outcome::Positive, None)
    } else {
        (Outcome::NoChange, None)
    };
    Classification {
        outcome,
        too_early,
        wheel_tenths,
        scale_tenths,
        wheel,
        scale,
        measures,
    }
}

/// A family's outcome from its readings dated up to `until`.
pub fn classify(
    ws: &Workspace,
    family: &Id,
    until: NaiveDate,
    rules: &OutcomeRules,
) -> Classification {
    classify_measures(measures(ws, family, until), rules)
}

/// The rules in force: the workspace's settings, or the defaults.
pub fn rules(ws: &Workspace) -> OutcomeRules {
    ws.settings()
        .filter(|s| !s.meta.deleted)
        .map(|s| s.outcomes)
        .unwrap_or_default()
}

/// Days after opening when the first wheel reading is due.
pub const FIRST_REVIEW_DAYS: u64 = 14;

/// When a family's next review is due: `weeks` after its latest wheel reading, or two weeks after
/// opening when it has none. A closed family has no review.
pub fn next_review(ws: &Workspace, family: &Family) -> Option<NaiveDate> {
    let latest = ws
        .live_of::<WheelReading>(&family.meta.id)
        .map(|r| r.date)
        .max();
    next_review_after(ws, family, latest)
}

/// Every family's latest wheel reading date, in one pass (for lists of many families).
pub fn latest_wheel_dates(ws: &Workspace) -> BTreeMap<Id, NaiveDate> {
    let mut out: BTreeMap<Id, NaiveDate> = BTreeMap::new();
    for r in ws.wheel_readings().values().filter(|r| !r.meta.deleted) {
        let e = out.entry(r.family.clone()).or_insert(r.date);
        *e = (*e).max(r.date);
    }
    out
}

/// [`next_review`] when the latest wheel reading's date is already known.
pub fn next_review_after(
    ws: &Workspace,
    family: &Family,
    latest: Option<NaiveDate>,
) -> Option<NaiveDate> {
    if family.closed.is_some() {
        return None;
    }
    Some(match latest {
        Some(d) => crate::domain::wheel::review_due(d, ws.review_weeks_for(&family.meta.id)),
        None => family.opened + Days::new(FIRST_REVIEW_DAYS),
    })
}
