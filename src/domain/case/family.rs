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
    /// The reason's code in files and CSV (`outcomes_met`), as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            ClosureReason::OutcomesMet => "outcomes_met",
            ClosureReason::SteppedUp => "stepped_up",
            ClosureReason::SteppedDown => "stepped_down",
            ClosureReason::InformationAndAdvice => "information_and_advice",
            ClosureReason::MovedAway => "moved_away",
            ClosureReason::StoppedEngaging => "stopped_engaging",
            ClosureReason::Other => "other",
        }
    }

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

/// An earlier episode of work with a family: opened, closed (date, reason, note) and by whom.
/// The family's own `opened`/`closed` are its current (latest) episode.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Episode {
    #[serde(with = "crate::domain::base::date::ymd")]
    pub opened: NaiveDate,
    pub closed: Closure,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub worker: String,
}

/// One episode as the report reads it: the current one has `closed: None` while open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EpisodeView<'a> {
    pub opened: NaiveDate,
    pub closed: Option<&'a Closure>,
    pub worker: &'a str,
    /// Readings count from `opened` on (every episode after the first); the first episode counts
    /// every reading, as before episodes were kept.
    pub first: bool,
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
    /// The worker's team, for a manager's report across teams (schema version 2).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub team: String,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub opened: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Closure>,
    /// Earlier episodes, oldest first, each closed before the next was opened (schema version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Episode>,
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
    /// Every episode, oldest first; the last is the current one.
    pub fn episodes(&self) -> Vec<EpisodeView<'_>> {
        let mut v: Vec<EpisodeView> = self
            .earlier
            .iter()
            .map(|e| EpisodeView {
                opened: e.opened,
                closed: Some(&e.closed),
                worker: &e.worker,
                first: false,
            })
            .collect();
        v.push(EpisodeView {
            opened: self.opened,
            closed: self.closed.as_ref(),
            worker: &self.worker,
            first: false,
        });
        v[0].first = true;
        v
    }

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

crate::domain::base::record::fields!(
    Family,
    [
        reference,
        full_name,
        worker,
        team,
        opened,
        closed,
        earlier,
        notes,
        review_weeks,
        consent,
        wheel
    ],
    [reference, full_name, worker, team, notes]
);

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
        self.team = String::new();
        self.closed = None;
        self.earlier = Vec::new();
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
    c.text("team", &f.team, MAX_SHORT_TEXT, false);
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
    // Earlier episodes: each closed on or after it opened, and before the next one opened.
    let mut after = None;
    for (i, e) in f.earlier.iter().enumerate() {
        c.date(&format!("earlier[{i}].opened"), e.opened, today);
        c.date(&format!("earlier[{i}].closed.date"), e.closed.date, today);
        if e.closed.date < e.opened || after.is_some_and(|a| e.opened < a) {
            c.push(
                &format!("earlier[{i}].closed.date"),
                ProblemKind::DateImplausible,
            );
        }
        c.text(
            &format!("earlier[{i}].closed.note"),
            &e.closed.note,
            MAX_NOTE,
            false,
        );
        c.text(
            &format!("earlier[{i}].worker"),
            &e.worker,
            MAX_SHORT_TEXT,
            false,
        );
        after = Some(e.closed.date);
    }
    if after.is_some_and(|a| f.opened < a) {
        c.push("opened", ProblemKind::DateImplausible);
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
