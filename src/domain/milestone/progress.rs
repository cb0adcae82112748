//! Where a child stands: the stage their age calls for and whether its check is done, readiness
//! for nursery and school, and the caseload's figures.

use super::check::{judge_check, MilestoneAnswer, MilestoneCheck};
use super::framework::{Framework, Stage, Statement};
use crate::domain::base::record::Dated;
use crate::domain::base::Id;
use std::collections::BTreeMap;

/// The stage an age (in days) calls for: the latest stage whose window has started. `None`
/// before the first window (never, as it starts at 0) or with no stages.
pub fn stage_for_age(f: &Framework, days: u32) -> Option<&Stage> {
    f.stages
        .iter()
        .filter(|s| s.from_days <= days)
        .max_by_key(|s| s.from_days)
}

/// Where a child stands against the stage their age calls for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckStatus {
    /// Checked at that stage.
    Done,
    /// Not yet checked, and still within the stage's window.
    Due,
    /// The window has passed without a check.
    Overdue,
}

/// Whether the check the child's age calls for has been done, is due, or is overdue.
pub fn check_status<'f>(
    f: &'f Framework,
    days: u32,
    checked_stages: &[Id],
) -> Option<(&'f Stage, CheckStatus)> {
    let s = stage_for_age(f, days)?;
    let status = if checked_stages.contains(&s.id) {
        CheckStatus::Done
    } else if days <= s.to_days {
        CheckStatus::Due
    } else {
        CheckStatus::Overdue
    };
    Some((s, status))
}

// ---------- the judgement ----------

/// The stages a child's timeline shows: those checked, and the one their age calls for now, in
/// the framework's order (a timeline of every stage is too wide to read on a tablet).
pub fn timeline_stages<'f>(
    f: &'f Framework,
    checked: &[&Id],
    current: Option<&Id>,
) -> Vec<&'f Stage> {
    f.stages
        .iter()
        .filter(|s| checked.contains(&&s.id) || current == Some(&s.id))
        .collect()
}

/// How many readiness statements are met ("yes"), of how many, and which are still to work on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Readiness {
    pub met: usize,
    pub total: usize,
    pub to_work_on: Vec<Id>,
}

/// A child is ready when at least 80% of the statements are met.
pub const READY_PERCENT: usize = 80;

impl Readiness {
    pub fn ready(&self) -> bool {
        self.total > 0 && self.met * 100 >= READY_PERCENT * self.total
    }
}

pub fn readiness(statements: &[Statement], answers: &BTreeMap<Id, MilestoneAnswer>) -> Readiness {
    let met = statements
        .iter()
        .filter(|s| answers.get(&s.id) == Some(&MilestoneAnswer::Yes))
        .count();
    let to_work_on = statements
        .iter()
        .filter(|s| answers.get(&s.id) != Some(&MilestoneAnswer::Yes))
        .map(|s| s.id.clone())
        .collect();
    Readiness {
        met,
        total: statements.len(),
        to_work_on,
    }
}

/// Per stage and area, how many children were judged on track, keep an eye and needs extra
/// help (each child counted once per stage, at their latest check there), and among children
/// checked at school entry, how many were judged ready for school.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseloadFigures {
    pub by_stage_area: BTreeMap<(Id, Id), [usize; 3]>,
    pub school_ready: usize,
    pub school_checked: usize,
}

pub const SCHOOL_STAGE: &str = "school_start";

pub fn caseload<'a>(
    f: &Framework,
    checks: impl IntoIterator<Item = &'a MilestoneCheck>,
) -> CaseloadFigures {
    // The latest live check per child and stage.
    let mut latest: BTreeMap<(Id, Id), &MilestoneCheck> = BTreeMap::new();
    for c in checks.into_iter().filter(|c| !c.meta.deleted) {
        let key = (c.child.clone(), c.stage.clone());
        match latest.get(&key) {
            Some(old) if old.when() >= c.when() => {}
            _ => {
                latest.insert(key, c);
            }
        }
    }
    let mut out = CaseloadFigures::default();
    for ((_, stage), c) in &latest {
        for (area, j, _) in judge_check(f, c) {
            if let Some(j) = j {
                let slot = out
                    .by_stage_area
                    .entry((stage.clone(), area))
                    .or_insert([0; 3]);
                slot[j as usize] += 1;
            }
        }
        if stage.as_str() == SCHOOL_STAGE {
            out.school_checked += 1;
            if readiness(&f.ready_for_school, &c.answers).ready() {
                out.school_ready += 1;
            }
        }
    }
    out
}
