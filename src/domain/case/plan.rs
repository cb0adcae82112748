//! A family's plan: goals in the family's own words, small steps, and looks back.

use crate::domain::base::problem::{MAX_NOTE, MAX_SHORT_TEXT, MIN_DATE};
use crate::domain::base::record::{impl_record, is_false, Dated, GONE_DATE};
use crate::domain::base::{Checker, Id, Meta, ProblemKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// At most this many steps to a goal, and looks back at it.
pub const MAX_STEPS: usize = 20;
pub const MAX_REVIEWS: usize = 50;

/// Where a goal is in its journey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    NotStarted,
    UnderWay,
    Achieved,
    /// No longer worked on (the family chose something else, or things changed).
    Stopped,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 4] = [
        GoalStatus::NotStarted,
        GoalStatus::UnderWay,
        GoalStatus::Achieved,
        GoalStatus::Stopped,
    ];
}

/// A small step toward a goal: what, who does it, by when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub what: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub who: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::domain::base::date::ymd_opt"
    )]
    pub by: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
}

/// A look back at a goal: the date, the status then, and what was said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalReview {
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    pub status: GoalStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The wheel area a goal grew from (a priority the family chose).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSource {
    pub template: Id,
    pub area: Id,
}

/// A goal in a family's plan, in the family's own words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub meta: Meta,
    pub family: Id,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<GoalSource>,
    /// When the goal was set.
    #[serde(with = "crate::domain::base::date::ymd")]
    pub set: NaiveDate,
    pub status: GoalStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// Oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<GoalReview>,
}

crate::domain::base::record::fields!(
    Goal,
    [family, text, from, set, status, steps, reviews],
    [text]
);

impl_record!(
    Goal,
    family,
    check_goal,
    |g: &mut Goal| {
        g.text = String::new();
        g.from = None;
        g.steps = Vec::new();
        g.reviews = Vec::new();
    },
    |meta, family: &Id| Some(Goal {
        meta,
        family: family.clone(),
        text: String::new(),
        from: None,
        set: GONE_DATE,
        status: GoalStatus::NotStarted,
        steps: Vec::new(),
        reviews: Vec::new(),
    })
);

impl Dated for Goal {
    fn date(&self) -> NaiveDate {
        self.set
    }
}

/// A goal: words present and of sane length, dates plausible, at most 20 steps and 50 reviews.
pub fn check_goal(g: &Goal, today: NaiveDate, c: &mut Checker) {
    c.text("text", &g.text, 300, true);
    c.date("set", g.set, today);
    c.at_most("steps", g.steps.len(), MAX_STEPS);
    for (i, s) in g.steps.iter().enumerate() {
        c.text(&format!("steps[{i}].what"), &s.what, 200, true);
        c.text(&format!("steps[{i}].who"), &s.who, MAX_SHORT_TEXT, false);
        // "By when" may be ahead: a plan looks forward. Only absurd dates are refused.
        if let Some(by) = s.by {
            if by < MIN_DATE || by > today + chrono::Days::new(3660) {
                c.push(&format!("steps[{i}].by"), ProblemKind::DateImplausible);
            }
        }
    }
    c.at_most("reviews", g.reviews.len(), MAX_REVIEWS);
    for (i, r) in g.reviews.iter().enumerate() {
        c.date(&format!("reviews[{i}].date"), r.date, today);
        c.text(&format!("reviews[{i}].note"), &r.note, MAX_NOTE, false);
    }
}
