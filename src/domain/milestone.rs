//! The Incremental Change Model: a child's progress at each contact point from birth to school
//! entry. The framework (stages with age windows, areas, milestone statements, readiness
//! checklists) is data in our own words; this module reads it and holds the rules: age and
//! corrected age, the suggested stage, the judgement per area, checks due or overdue, readiness,
//! and the caseload figures. Pure. The rules are written down in docs/milestones.md.

use super::id::Id;
use super::model::{MilestoneAnswer, MilestoneCheck};
use super::wheel::Text;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: Id,
    pub name: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MArea {
    pub id: Id,
    /// The prime area it belongs to (talking, moving, feelings, self care).
    pub group: Id,
    pub name: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: Id,
    pub area: Id,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: Id,
    pub name: Text,
    /// The age window in days, inclusive.
    pub from_days: u32,
    pub to_days: u32,
    pub milestones: Vec<Milestone>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: Id,
    pub text: Text,
}

/// The framework: data, versioned, so a service can load its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: Id,
    pub version: u32,
    pub name: Text,
    pub areas: Vec<MArea>,
    pub groups: Vec<Group>,
    pub stages: Vec<Stage>,
    pub ready_for_nursery: Vec<Statement>,
    pub ready_for_school: Vec<Statement>,
}

/// The built-in framework (`src/domain/milestones/framework.json`).
pub fn builtin() -> Option<Framework> {
    super::export::from_json(include_str!("milestones/framework.json")).ok()
}

// ---------- age ----------

/// An age: whole months, then whole weeks of what is left, and the total in days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Age {
    pub months: u32,
    pub weeks: u32,
    pub days: u32,
}

/// The age on `on` of a child born on `born`; `None` before the birth. A month is complete on the
/// same day of a later month, or on that month's last day when it is shorter (born 31 January:
/// one month old on 28 or 29 February; born 29 February: a year old on 28 February).
pub fn age_on(born: NaiveDate, on: NaiveDate) -> Option<Age> {
    if on < born {
        return None;
    }
    let days = u32::try_from((on - born).num_days()).ok()?;
    // At most one month per 28 days: start near the answer and step.
    let mut months = days / 31;
    while born
        .checked_add_months(Months::new(months + 1))
        .is_some_and(|d| d <= on)
    {
        months += 1;
    }
    let anniversary = born.checked_add_months(Months::new(months))?;
    let rest = u32::try_from((on - anniversary).num_days()).ok()?;
    Some(Age {
        months,
        weeks: rest / 7,
        days,
    })
}

/// Weeks early from which a child's age is corrected: born before 37 weeks of pregnancy, that is
/// at least 4 weeks before the 40-week due date.
pub const CORRECT_FROM_WEEKS_EARLY: u8 = 4;
/// Corrected age is used until the child's second birthday.
pub const CORRECT_UNTIL_MONTHS: u32 = 24;

/// The age milestones are judged by: corrected for a child born before 37 weeks (the weeks early
/// taken off) until their second birthday, otherwise the actual age. Returns the age and whether
/// it was corrected; `None` before the birth.
pub fn age_for_checks(
    born: NaiveDate,
    weeks_early: Option<u8>,
    on: NaiveDate,
) -> Option<(Age, bool)> {
    let actual = age_on(born, on)?;
    match weeks_early {
        Some(w) if w >= CORRECT_FROM_WEEKS_EARLY && actual.months < CORRECT_UNTIL_MONTHS => {
            let shifted = born + chrono::Days::new(7 * u64::from(w));
            // Before the corrected birth date the corrected age is nought.
            Some((
                age_on(shifted, on).unwrap_or(Age {
                    months: 0,
                    weeks: 0,
                    days: 0,
                }),
                true,
            ))
        }
        _ => Some((actual, false)),
    }
}

// ---------- stages ----------

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

// ---------- readiness ----------

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

// ---------- caseload figures ----------

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
            Some(old) if (old.date, old.meta.created) >= (c.date, c.meta.created) => {}
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

// ---------- a service's own framework ----------

/// Checks a framework's content: stages with sane windows and milestones, areas that exist,
/// unique ids, texts present and of sane length.
pub fn check_framework(f: &Framework, c: &mut super::validate::Checker) {
    use super::validate::ProblemKind;
    let text_ok = |c: &mut super::validate::Checker, field: &str, t: &Text| {
        if t.values().all(|s| s.trim().is_empty()) {
            c.push(field, ProblemKind::Required);
        }
        if t.values().any(|s| s.chars().count() > 120) {
            c.push(field, ProblemKind::TooLong { max: 120 });
        }
    };
    text_ok(c, "name", &f.name);
    c.range("version", f.version.into(), 1, 10_000);
    if f.areas.is_empty() || f.areas.len() > 12 {
        c.push("areas", ProblemKind::OutOfRange { min: 1, max: 12 });
    }
    if f.stages.is_empty() || f.stages.len() > 12 {
        c.push("stages", ProblemKind::OutOfRange { min: 1, max: 12 });
    }
    let mut ids = std::collections::BTreeSet::new();
    for (i, a) in f.areas.iter().enumerate() {
        if !ids.insert(a.id.clone()) {
            c.push(&format!("areas[{i}].id"), ProblemKind::Duplicate);
        }
        text_ok(c, &format!("areas[{i}].name"), &a.name);
    }
    let areas: Vec<&Id> = f.areas.iter().map(|a| &a.id).collect();
    let mut seen = std::collections::BTreeSet::new();
    for (i, s) in f.stages.iter().enumerate() {
        let p = format!("stages[{i}]");
        if !seen.insert(s.id.clone()) {
            c.push(&format!("{p}.id"), ProblemKind::Duplicate);
        }
        text_ok(c, &format!("{p}.name"), &s.name);
        if s.from_days > s.to_days || s.to_days > 3000 {
            c.push(
                &format!("{p}.to_days"),
                ProblemKind::OutOfRange {
                    min: i64::from(s.from_days),
                    max: 3000,
                },
            );
        }
        if s.milestones.is_empty() || s.milestones.len() > 60 {
            c.push(
                &format!("{p}.milestones"),
                ProblemKind::OutOfRange { min: 1, max: 60 },
            );
        }
        for (j, m) in s.milestones.iter().enumerate() {
            if !seen.insert(m.id.clone()) {
                c.push(&format!("{p}.milestones[{j}].id"), ProblemKind::Duplicate);
            }
            if !areas.contains(&&m.area) {
                c.push(
                    &format!("{p}.milestones[{j}].area"),
                    ProblemKind::UnknownChoice(m.area.to_string()),
                );
            }
            text_ok(c, &format!("{p}.milestones[{j}].text"), &m.text);
        }
    }
    for (name, list) in [
        ("ready_for_nursery", &f.ready_for_nursery),
        ("ready_for_school", &f.ready_for_school),
    ] {
        if list.len() > 30 {
            c.push(name, ProblemKind::OutOfRange { min: 0, max: 30 });
        }
        for (i, s) in list.iter().enumerate() {
            if !seen.insert(s.id.clone()) {
                c.push(&format!("{name}[{i}].id"), ProblemKind::Duplicate);
            }
            text_ok(c, &format!("{name}[{i}].text"), &s.text);
        }
    }
}

/// Reads a framework from a file a service made; problems name where they are. Never panics.
pub fn read_framework(text: &str) -> Result<Framework, super::export::ReadError> {
    use super::export::ReadError;
    use super::validate::{Checker, Problem};
    let value = super::export::parse_value(text)?;
    if !value.is_object() {
        return Err(ReadError::NotWaymark);
    }
    let f = Framework::deserialize(value).map_err(|e| {
        ReadError::Invalid(vec![Problem {
            path: "framework".into(),
            kind: super::export::classify(&e),
        }])
    })?;
    let mut problems = Vec::new();
    check_framework(&f, &mut Checker::new("", &mut problems));
    if problems.is_empty() {
        Ok(f)
    } else {
        problems.truncate(super::export::MAX_PROBLEMS);
        Err(ReadError::Invalid(problems))
    }
}
