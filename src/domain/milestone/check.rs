//! A milestone check of one child at one stage, and the judgement per area.

use super::framework::{Framework, Stage};
use crate::domain::base::problem::{MAX_NOTE, MAX_SHORT_TEXT};
use crate::domain::base::record::{gone_id, Dated, GONE_DATE};
use crate::domain::base::{Checker, Id, Meta, ProblemKind, Record, Respondent};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// At most this many answers in one check, and actions taken.
pub const MAX_ANSWERS: usize = 200;
pub const MAX_ACTIONS: usize = 20;

/// Whether a child does a milestone yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneAnswer {
    NotYet,
    Sometimes,
    Yes,
}

/// A milestone check of one child at one stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneCheck {
    pub meta: Meta,
    pub family: Id,
    pub child: Id,
    pub framework: Id,
    pub framework_version: u32,
    pub stage: Id,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    pub by: Respondent,
    pub answers: BTreeMap<Id, MilestoneAnswer>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Judgements the worker changed, per area, with the reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<Id, Override>,
    /// What was done where an area needs extra help (a referral, where to, when).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Referral>,
}

/// A judgement changed by the worker, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub judgement: Judgement,
    pub reason: String,
}

/// An action taken for an area that needs extra help.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    pub area: Id,
    /// What was done, for example "Referral to speech and language therapy".
    pub what: String,
    /// Where to (a service or a person).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub to: String,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
}

crate::domain::base::record::fields!(
    MilestoneCheck,
    [
        family,
        child,
        framework,
        framework_version,
        stage,
        date,
        by,
        answers,
        notes,
        overrides,
        actions
    ],
    [notes]
);

impl Record for MilestoneCheck {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }
    fn family_id(&self) -> Option<&Id> {
        Some(&self.family)
    }
    fn child_id(&self) -> Option<&Id> {
        Some(&self.child)
    }
    fn rehome(&mut self, to: &Id, person: &dyn Fn(&Id) -> Id) {
        self.family = to.clone();
        self.child = person(&self.child);
    }
    fn check(&self, today: NaiveDate, c: &mut Checker) {
        check_milestone_check(self, today, c)
    }
    fn scrub(&mut self) {
        self.answers = BTreeMap::new();
        self.notes = String::new();
        self.overrides = BTreeMap::new();
        self.actions = Vec::new();
    }
    fn gone(meta: Meta, family: &Id) -> Option<Self> {
        Some(MilestoneCheck {
            meta,
            family: family.clone(),
            child: family.clone(),
            framework: gone_id(),
            framework_version: 0,
            stage: gone_id(),
            date: GONE_DATE,
            by: Respondent::Family,
            answers: BTreeMap::new(),
            notes: String::new(),
            overrides: BTreeMap::new(),
            actions: Vec::new(),
        })
    }
}

impl Dated for MilestoneCheck {
    fn date(&self) -> NaiveDate {
        self.date
    }
}

/// A check's own fields: at least one answer and at most 200, reasons for changed judgements,
/// what was done where help is needed, notes of sane length. (That it is not dated before the
/// child was born is checked with the child, by the workspace.)
pub fn check_milestone_check(r: &MilestoneCheck, today: NaiveDate, c: &mut Checker) {
    c.date("date", r.date, today);
    c.text("notes", &r.notes, MAX_NOTE, false);
    if r.answers.is_empty() {
        c.push("answers", ProblemKind::Required);
    }
    c.at_most("answers", r.answers.len(), MAX_ANSWERS);
    for (area, o) in &r.overrides {
        c.text(&format!("overrides.{area}.reason"), &o.reason, 500, true);
    }
    for (i, a) in r.actions.iter().enumerate() {
        c.text(&format!("actions[{i}].what"), &a.what, 200, true);
        c.text(&format!("actions[{i}].to"), &a.to, MAX_SHORT_TEXT, false);
        c.date(&format!("actions[{i}].date"), a.date, today);
    }
    c.at_most("actions", r.actions.len(), MAX_ACTIONS);
}

/// The judgement for one area at one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Judgement {
    OnTrack,
    KeepAnEye,
    NeedsExtraHelp,
}

impl Judgement {
    pub const ALL: [Judgement; 3] = [
        Judgement::OnTrack,
        Judgement::KeepAnEye,
        Judgement::NeedsExtraHelp,
    ];
}

/// The rule (docs/milestones.md): each answered milestone of the area in the stage scores yes 2,
/// sometimes 1, not yet 0. With at least 75% of the possible points the area is on track; with at
/// least 40% keep an eye; below that it needs extra help. In the talking areas, where language
/// matters most, any "not yet" means at least keep an eye. No answers: no judgement.
pub fn judge(
    stage: &Stage,
    area: &Id,
    group: &Id,
    answers: &BTreeMap<Id, MilestoneAnswer>,
) -> Option<Judgement> {
    let mut points = 0u32;
    let mut answered = 0u32;
    let mut any_not_yet = false;
    for m in stage.milestones.iter().filter(|m| &m.area == area) {
        if let Some(a) = answers.get(&m.id) {
            answered += 1;
            points += match a {
                MilestoneAnswer::Yes => 2,
                MilestoneAnswer::Sometimes => 1,
                MilestoneAnswer::NotYet => {
                    any_not_yet = true;
                    0
                }
            };
        }
    }
    if answered == 0 {
        return None;
    }
    let pct = points * 100 / (2 * answered);
    let j = if pct >= 75 {
        Judgement::OnTrack
    } else if pct >= 40 {
        Judgement::KeepAnEye
    } else {
        Judgement::NeedsExtraHelp
    };
    Some(
        if group.as_str() == "talking" && any_not_yet && j == Judgement::OnTrack {
            Judgement::KeepAnEye
        } else {
            j
        },
    )
}

/// Every area's judgement at a check, in the framework's area order.
pub fn judge_check(f: &Framework, check: &MilestoneCheck) -> Vec<(Id, Option<Judgement>, bool)> {
    // The worker's judgement where they changed it (`true`), otherwise the rule's.
    let stage = f.stages.iter().find(|s| s.id == check.stage);
    f.areas
        .iter()
        .map(|a| match check.overrides.get(&a.id) {
            Some(o) => (a.id.clone(), Some(o.judgement), true),
            None => (
                a.id.clone(),
                stage.and_then(|s| judge(s, &a.id, &a.group, &check.answers)),
                false,
            ),
        })
        .collect()
}
