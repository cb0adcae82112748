//! A wheel reading: one score (1 to 10) per area, by someone, on a day.

use super::template::{MAX_SCORE, MIN_SCORE};
use crate::domain::base::problem::MAX_NOTE;
use crate::domain::base::record::{gone_id, impl_record, is_false, Dated, GONE_DATE};
use crate::domain::base::{Checker, Id, Meta, ProblemKind, Respondent};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// At most this many priority areas.
pub const MAX_PRIORITIES: usize = 3;
/// At most this many scores in one reading.
pub const MAX_SCORES: usize = 40;

/// One area's score in a wheel reading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaScore {
    pub area: Id,
    /// 1 to 10.
    pub score: u8,
    /// Where family and worker disagree, the other view is kept too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<u8>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// What one step up would look like.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub step: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub priority: bool,
}

/// A reading of an outcome wheel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WheelReading {
    pub meta: Meta,
    pub family: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<Id>,
    pub template: Id,
    pub template_version: u32,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    pub by: Respondent,
    pub scores: Vec<AreaScore>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

crate::domain::base::record::fields!(
    WheelReading,
    [
        family,
        child,
        template,
        template_version,
        date,
        by,
        scores,
        notes
    ],
    [notes]
);

impl_record!(
    WheelReading,
    family_child,
    check_wheel_reading,
    |r: &mut WheelReading| {
        r.scores = Vec::new();
        r.notes = String::new();
    },
    |meta, family: &Id| Some(WheelReading {
        meta,
        family: family.clone(),
        child: None,
        template: gone_id(),
        template_version: 0,
        date: GONE_DATE,
        by: Respondent::Family,
        scores: Vec::new(),
        notes: String::new(),
    })
);

impl Dated for WheelReading {
    fn date(&self) -> NaiveDate {
        self.date
    }
}

/// A reading's own fields: scores 1 to 10, each area once, at least one score and at most 40,
/// at most three priorities, notes of sane length.
pub fn check_wheel_reading(r: &WheelReading, today: NaiveDate, c: &mut Checker) {
    c.date("date", r.date, today);
    c.text("notes", &r.notes, MAX_NOTE, false);
    let mut seen = std::collections::BTreeSet::new();
    for (i, s) in r.scores.iter().enumerate() {
        let f = format!("scores[{i}]");
        if !seen.insert(&s.area) {
            c.push(&format!("{f}.area"), ProblemKind::Duplicate);
        }
        c.range(
            &format!("{f}.score"),
            s.score.into(),
            MIN_SCORE.into(),
            MAX_SCORE.into(),
        );
        if let Some(o) = s.other {
            c.range(
                &format!("{f}.other"),
                o.into(),
                MIN_SCORE.into(),
                MAX_SCORE.into(),
            );
        }
        c.text(&format!("{f}.note"), &s.note, MAX_NOTE, false);
        c.text(&format!("{f}.step"), &s.step, MAX_NOTE, false);
    }
    if r.scores.is_empty() {
        c.push("scores", ProblemKind::Required);
    }
    c.at_most("scores", r.scores.len(), MAX_SCORES);
    c.at_most(
        "priorities",
        r.scores.iter().filter(|s| s.priority).count(),
        MAX_PRIORITIES,
    );
}
