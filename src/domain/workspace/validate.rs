//! Rules a record keeps with the others in its workspace: its family is here, its child is a
//! child of that family, an answer's question is known, a check is not dated before the child
//! was born. A record's own fields are checked by the part of the domain that owns it
//! ([`Record::check`]); this checks both, for a form and for an imported file alike. Problems
//! are typed (a path and a kind), never sentences: the UI words them.

use super::folders::Lookup;
use super::kinds::{for_each_kind, Records, Stored};
use super::settings::check_settings;
use crate::domain::base::problem::MIN_DATE;
use crate::domain::base::{Checker, Millis, Problem, ProblemKind, Record};
use crate::domain::case::{Family, Goal, Member, MemberRole};
use crate::domain::milestone::{CustomFramework, MilestoneCheck};
use crate::domain::scale::{library_ids, FamilyQuestion, ScaleAnswer, ThreeHouses};
use crate::domain::wheel::{CustomWheel, WheelReading};
use chrono::NaiveDate;

/// What a record says about the other records of its workspace.
pub trait Linked: Record {
    /// Checks the record's links: by default, that its family is here and its child (if any)
    /// is a child in that family.
    fn check_links(&self, ws: &dyn Lookup, c: &mut Checker) {
        family_and_child(self, ws, c);
    }
}

fn family_and_child<T: Record>(r: &T, ws: &dyn Lookup, c: &mut Checker) {
    let Some(family) = r.family_id() else {
        return;
    };
    if ws.family(family).is_none() {
        c.push("family", ProblemKind::UnknownFamily);
    }
    if let Some(child) = r.child_id() {
        match ws.member(child) {
            Some(m) if &m.family == family && m.role == MemberRole::Child => {}
            _ => c.push("child", ProblemKind::UnknownChild),
        }
    }
}

impl Linked for Family {
    fn check_links(&self, _: &dyn Lookup, _: &mut Checker) {}
}
impl Linked for Member {}
impl Linked for WheelReading {}
impl Linked for ThreeHouses {}
impl Linked for FamilyQuestion {}
impl Linked for Goal {}
impl Linked for CustomWheel {}
impl Linked for CustomFramework {}
#[cfg(feature = "staff")]
impl Linked for crate::domain::claim::Need {}
#[cfg(feature = "staff")]
impl Linked for crate::domain::claim::CustomPlan {}
/// A claim counts needs of its own family only.
#[cfg(feature = "staff")]
impl Linked for crate::domain::claim::Claim {
    fn check_links(&self, ws: &dyn Lookup, c: &mut Checker) {
        family_and_child(self, ws, c);
        for (i, n) in self.needs.iter().enumerate() {
            if ws.need(n).is_none_or(|n| n.family != self.family) {
                c.push(&format!("needs[{i}]"), ProblemKind::BadValue);
            }
        }
    }
}

impl Linked for MilestoneCheck {
    fn check_links(&self, ws: &dyn Lookup, c: &mut Checker) {
        family_and_child(self, ws, c);
        // A check dated before the child was born cannot be right.
        if let Some(born) = ws.member(&self.child).and_then(|m| m.born) {
            if self.date < born {
                c.push("date", ProblemKind::DateImplausible);
            }
        }
    }
}

impl Linked for ScaleAnswer {
    fn check_links(&self, ws: &dyn Lookup, c: &mut Checker) {
        family_and_child(self, ws, c);
        let known = library_ids().contains(&self.question)
            || ws
                .question(&self.question)
                .is_some_and(|q| q.family == self.family);
        if !known {
            c.push("question", ProblemKind::UnknownQuestion);
        }
    }
}

/// A record as a form or a file gives it: its links within `ws`, then its own fields.
pub fn check_record<T: Linked>(r: &T, today: NaiveDate, ws: &dyn Lookup, c: &mut Checker) {
    r.check_links(ws, c);
    r.check(today, c);
}

/// The problems of one record on its own (for an action: empty means it may be saved).
pub fn problems_of<T: Linked>(r: &T, today: NaiveDate, ws: &dyn Lookup) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_record(r, today, ws, &mut Checker::new("", &mut problems));
    problems
}

/// Checks a file's records as read. `now` bounds timestamps and dates.
pub fn check_workspace(ws: &Records, now: Millis) -> Vec<Problem> {
    let today = now.date().unwrap_or(MIN_DATE);
    let mut problems = Vec::new();
    for_each_kind!(T => {
        for (i, r) in T::map(ws).values().enumerate() {
            let mut c = Checker::new(format!("{}[{i}]", T::NAME), &mut problems);
            c.meta(r.meta(), now);
            // A deletion mark only needs its bookkeeping to be sound.
            if !r.meta().deleted {
                check_record(r, today, ws, &mut c);
            }
        }
    });
    if let Some(s) = &ws.settings {
        let mut c = Checker::new("settings", &mut problems);
        c.meta(&s.meta, now);
        check_settings(s, &mut c);
    }
    problems
}
