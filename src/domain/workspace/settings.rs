//! Settings shared by everyone using a workspace: weeks between reviews, the thresholds of the
//! outcome rule, and the service's own help lines.

use crate::domain::base::{Checker, Id, Meta, Record};
use crate::domain::help::{check_service_lines, ServiceLine};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Settings shared by everyone using this workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub meta: Meta,
    /// Weeks from one wheel reading to the next review.
    pub review_weeks: u8,
    /// The thresholds of the outcome rule (docs/outcomes.md).
    #[serde(default, skip_serializing_if = "OutcomeRules::is_default")]
    pub outcomes: OutcomeRules,
    /// The service's own help lines, shown after 999 wherever the lines are (issue 30).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub help_lines: Vec<ServiceLine>,
}

/// The thresholds that decide a family's outcome (see `domain::outcome` and docs/outcomes.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRules {
    /// The least time between first and latest reading for a change to count.
    pub min_weeks: u8,
    /// The least average change per wheel area that counts, in tenths of a point (10 = 1 point).
    pub wheel_tenths: u8,
    /// The least average change in scaling answers that counts, in tenths of a point.
    pub scale_tenths: u8,
}

impl Default for OutcomeRules {
    fn default() -> Self {
        OutcomeRules {
            min_weeks: 12,
            wheel_tenths: 10,
            scale_tenths: 20,
        }
    }
}

impl OutcomeRules {
    pub fn is_default(&self) -> bool {
        *self == OutcomeRules::default()
    }
}

crate::domain::base::record::fields!(Settings, [review_weeks, outcomes, help_lines]);

impl Record for Settings {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }
    fn family_id(&self) -> Option<&Id> {
        None
    }
    fn check(&self, _today: NaiveDate, c: &mut Checker) {
        check_settings(self, c)
    }
}

pub const SETTINGS_ID: &str = "settings";
pub const DEFAULT_REVIEW_WEEKS: u8 = 12;

/// The bounds each setting may take.
pub const REVIEW_WEEKS: (i64, i64) = (1, 52);

pub fn check_settings(s: &Settings, c: &mut Checker) {
    c.range(
        "review_weeks",
        s.review_weeks.into(),
        REVIEW_WEEKS.0,
        REVIEW_WEEKS.1,
    );
    check_outcome_rules(&s.outcomes, c);
    check_service_lines(&s.help_lines, c);
}

pub fn check_outcome_rules(r: &OutcomeRules, c: &mut Checker) {
    c.range("outcomes.min_weeks", r.min_weeks.into(), 1, 104);
    c.range("outcomes.wheel_tenths", r.wheel_tenths.into(), 1, 90);
    c.range("outcomes.scale_tenths", r.scale_tenths.into(), 1, 100);
}
