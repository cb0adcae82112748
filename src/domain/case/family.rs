//! A family (a case): its reference, worker, dates, closure and consent.

use crate::domain::base::problem::{MAX_NOTE, MAX_SHORT_TEXT};
use crate::domain::base::{Checker, Id, Meta, ProblemKind, Record};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a case was closed (the reasons councils report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureReason {
    OutcomesMet,
    SteppedUp,
    SteppedDown,
    InformationAndAdvice,
    MovedAway,
    StoppedEngaging,
    Other,
}

impl ClosureReason {
    pub const ALL: [ClosureReason; 7] = [
        ClosureReason::OutcomesMet,
        ClosureReason::SteppedUp,
        ClosureReason::SteppedDown,
        ClosureReason::InformationAndAdvice,
        ClosureReason::MovedAway,
        ClosureReason::StoppedEngaging,
        ClosureReason::Other,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    pub reason: ClosureReason,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A family (a case).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub meta: Meta,
    /// A pseudonym or case number: what the app shows by default (data minimisation).
    pub reference: String,
    /// Optional, and never needed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub full_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub worker: String,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub opened: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Closure>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Weeks from one wheel reading to the next review, when not the workspace's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_weeks: Option<u8>,
    /// What the family agreed to, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
    /// The wheel the family's own phone opens for "do our wheel" (a template's id); `None`:
    /// the family wheel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wheel: Option<Id>,
}

/// The wheel a family's own phone uses when none is set.
pub const FAMILY_WHEEL: &str = "family";

impl Family {
    /// The id of the wheel the family does on its own phone.
    pub fn own_wheel(&self) -> Id {
        self.wheel
            .clone()
            .unwrap_or_else(|| Id::fixed(FAMILY_WHEEL))
    }
}

/// Something a family can agree to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentItem {
    /// Keeping these records while we work together.
    KeepRecords,
    /// Sharing information with other services that help the family.
    ShareWithServices,
    /// Being contacted by text message or phone.
    Contact,
    /// Counting the family's results, without names, in reports.
    Reports,
}

impl ConsentItem {
    pub const ALL: [ConsentItem; 4] = [
        ConsentItem::KeepRecords,
        ConsentItem::ShareWithServices,
        ConsentItem::Contact,
        ConsentItem::Reports,
    ];
}

/// A family's consent: the date they gave it and what they agreed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    /// In `ConsentItem::ALL` order, each at most once.
    pub agreed: Vec<ConsentItem>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Record for Family {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }
    fn family_id(&self) -> Option<&Id> {
        Some(&self.meta.id)
    }
    fn check(&self, today: NaiveDate, c: &mut Checker) {
        check_family(self, today, c)
    }
    fn scrub(&mut self) {
        self.reference = String::new();
        self.full_name = String::new();
        self.worker = String::new();
        self.closed = None;
        self.notes = String::new();
        self.review_weeks = None;
        self.consent = None;
        self.wheel = None;
    }
}

pub fn check_family(f: &Family, today: NaiveDate, c: &mut Checker) {
    c.text("reference", &f.reference, 60, true);
    c.text("full_name", &f.full_name, MAX_SHORT_TEXT, false);
    c.text("worker", &f.worker, MAX_SHORT_TEXT, false);
    c.text("notes", &f.notes, MAX_NOTE, false);
    c.date("opened", f.opened, today);
    if let Some(w) = f.review_weeks {
        c.range("review_weeks", w.into(), 1, 52);
    }
    if let Some(cl) = &f.closed {
        c.date("closed.date", cl.date, today);
        if cl.date < f.opened {
            c.push("closed.date", ProblemKind::DateImplausible);
        }
        c.text("closed.note", &cl.note, MAX_NOTE, false);
    }
    if let Some(k) = &f.consent {
        c.date("consent.date", k.date, today);
        let mut seen = std::collections::BTreeSet::new();
        if !k.agreed.iter().all(|i| seen.insert(*i)) {
            c.push("consent.agreed", ProblemKind::Duplicate);
        }
        c.text("consent.note", &k.note, MAX_NOTE, false);
    }
}
