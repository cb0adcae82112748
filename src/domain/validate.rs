//! Rules every record must keep, whether it comes from a form or from an imported file.
//! Problems are typed (a path and a kind), never sentences: the UI words them.

use super::id::Id;
use super::model::*;
use super::time::{Millis, MIN_PLAUSIBLE};
use chrono::NaiveDate;
use std::collections::BTreeMap;

pub const MAX_SHORT_TEXT: usize = 80;
pub const MAX_NOTE: usize = 4000;
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!(),
};

/// What is wrong with a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// Needed, but empty.
    Required,
    /// Longer than the limit (in characters).
    TooLong { max: usize },
    /// A number outside its range.
    OutOfRange { min: i64, max: i64 },
    /// A date after today (or after the file was made).
    DateInFuture,
    /// A date that cannot be right (before 1900, or a closure before the opening).
    DateImplausible,
    /// A record points to a family that is not there.
    UnknownFamily,
    /// A record points to a child that is not in its family.
    UnknownChild,
    /// A child needs a date of birth or a due date (not both).
    BirthOrDueNeeded,
    /// The same score listed twice, or the same id on two records.
    Duplicate,
    /// A timestamp that cannot be right (before 2000, or updated before created).
    BadTimestamp,
    /// A field the format does not have.
    UnknownField(String),
    /// A field the format needs is missing.
    MissingField(String),
    /// A value of the wrong kind (text where a number belongs, say).
    WrongType,
    /// A word the format does not know (a respondent other than family, worker, child, agreed).
    UnknownChoice(String),
    /// A value the format cannot take (a malformed date or id).
    BadValue,
    /// An answer to a question that is neither in the library nor the family's own.
    UnknownQuestion,
}

/// One problem, with where it is: a path such as `families[2].reference`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub kind: ProblemKind,
}

/// Collects problems under a path prefix.
pub struct Checker<'a> {
    prefix: String,
    pub problems: &'a mut Vec<Problem>,
}

impl<'a> Checker<'a> {
    pub fn new(prefix: impl Into<String>, problems: &'a mut Vec<Problem>) -> Self {
        Checker {
            prefix: prefix.into(),
            problems,
        }
    }
    pub fn prefix(&self) -> &str {
        &self.prefix
    }
    fn at(&self, field: &str) -> String {
        if self.prefix.is_empty() {
            field.to_string()
        } else if field.is_empty() {
            self.prefix.clone()
        } else {
            format!("{}.{}", self.prefix, field)
        }
    }
    pub fn push(&mut self, field: &str, kind: ProblemKind) {
        let path = self.at(field);
        self.problems.push(Problem { path, kind });
    }
    pub fn text(&mut self, field: &str, s: &str, max: usize, required: bool) {
        if required && s.trim().is_empty() {
            self.push(field, ProblemKind::Required);
        } else if s.chars().count() > max {
            self.push(field, ProblemKind::TooLong { max });
        }
    }
    pub fn date(&mut self, field: &str, d: NaiveDate, today: NaiveDate) {
        if d < MIN_DATE {
            self.push(field, ProblemKind::DateImplausible);
        } else if d > today {
            self.push(field, ProblemKind::DateInFuture);
        }
    }
    pub fn range(&mut self, field: &str, v: i64, min: i64, max: i64) {
        if v < min || v > max {
            self.push(field, ProblemKind::OutOfRange { min, max });
        }
    }
    pub fn meta(&mut self, m: &Meta, now: Millis) {
        // A clock a little ahead on another device is fine; a day ahead is not.
        let latest = Millis(now.0 + 86_400_000);
        for (field, t) in [("meta.created", m.created), ("meta.updated", m.updated)] {
            if t < MIN_PLAUSIBLE || t > latest {
                self.push(field, ProblemKind::BadTimestamp);
            }
        }
        if m.updated < m.created {
            self.push("meta.updated", ProblemKind::BadTimestamp);
        }
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

/// A goal: words present and of sane length, dates plausible, at most 20 steps and 50 reviews.
pub fn check_goal(g: &Goal, today: NaiveDate, ws: &Workspace, c: &mut Checker) {
    if !ws.families.contains_key(&g.family) {
        c.push("family", ProblemKind::UnknownFamily);
    }
    c.text("text", &g.text, 300, true);
    c.date("set", g.set, today);
    if g.steps.len() > 20 {
        c.push("steps", ProblemKind::OutOfRange { min: 0, max: 20 });
    }
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
    if g.reviews.len() > 50 {
        c.push("reviews", ProblemKind::OutOfRange { min: 0, max: 50 });
    }
    for (i, r) in g.reviews.iter().enumerate() {
        c.date(&format!("reviews[{i}].date"), r.date, today);
        c.text(&format!("reviews[{i}].note"), &r.note, MAX_NOTE, false);
    }
}

pub fn check_member(m: &Member, today: NaiveDate, c: &mut Checker) {
    c.text("name", &m.name, MAX_SHORT_TEXT, true);
    if let Some(b) = m.born {
        c.date("born", b, today);
    }
    if let Some(d) = m.due {
        // A due date is in the future, or recently past (not yet recorded as born).
        if d < MIN_DATE || d > today + chrono::Days::new(300) {
            c.push("due", ProblemKind::DateImplausible);
        }
    }
    if m.role == MemberRole::Child && (m.born.is_some() == m.due.is_some()) {
        c.push("born", ProblemKind::BirthOrDueNeeded);
    }
    if let Some(w) = m.weeks_early {
        c.range("weeks_early", w.into(), 0, 17);
    }
}

fn check_reading_base(
    family: &Id,
    date: NaiveDate,
    notes: &str,
    today: NaiveDate,
    fams: &BTreeMap<Id, Family>,
    c: &mut Checker,
) {
    if !fams.contains_key(family) {
        c.push("family", ProblemKind::UnknownFamily);
    }
    c.date("date", date, today);
    c.text("notes", notes, MAX_NOTE, false);
}

fn check_child(child: Option<&Id>, family: &Id, ws: &Workspace, c: &mut Checker) {
    if let Some(ch) = child {
        match ws.members.get(ch) {
            Some(m) if &m.family == family && m.role == MemberRole::Child => {}
            _ => c.push("child", ProblemKind::UnknownChild),
        }
    }
}

pub fn check_wheel_reading(r: &WheelReading, today: NaiveDate, ws: &Workspace, c: &mut Checker) {
    check_reading_base(&r.family, r.date, &r.notes, today, &ws.families, c);
    check_child(r.child.as_ref(), &r.family, ws, c);
    let mut seen = std::collections::BTreeSet::new();
    for (i, s) in r.scores.iter().enumerate() {
        let f = format!("scores[{i}]");
        if !seen.insert(&s.area) {
            c.push(&format!("{f}.area"), ProblemKind::Duplicate);
        }
        c.range(&format!("{f}.score"), s.score.into(), 1, 10);
        if let Some(o) = s.other {
            c.range(&format!("{f}.other"), o.into(), 1, 10);
        }
        c.text(&format!("{f}.note"), &s.note, MAX_NOTE, false);
        c.text(&format!("{f}.step"), &s.step, MAX_NOTE, false);
    }
    if r.scores.is_empty() {
        c.push("scores", ProblemKind::Required);
    }
    if r.scores.len() > 40 {
        c.push("scores", ProblemKind::OutOfRange { min: 0, max: 40 });
    }
    if r.scores.iter().filter(|s| s.priority).count() > 3 {
        c.push("priorities", ProblemKind::OutOfRange { min: 0, max: 3 });
    }
}

pub fn check_milestone_check(
    r: &MilestoneCheck,
    today: NaiveDate,
    ws: &Workspace,
    c: &mut Checker,
) {
    check_reading_base(&r.family, r.date, &r.notes, today, &ws.families, c);
    check_child(Some(&r.child), &r.family, ws, c);
    if r.answers.len() > 200 {
        c.push("answers", ProblemKind::OutOfRange { min: 0, max: 200 });
    }
    // A check dated before the child was born cannot be right.
    if let Some(born) = ws.members.get(&r.child).and_then(|m| m.born) {
        if r.date < born {
            c.push("date", ProblemKind::DateImplausible);
        }
    }
    for (area, o) in &r.overrides {
        c.text(&format!("overrides.{area}.reason"), &o.reason, 500, true);
    }
    for (i, a) in r.actions.iter().enumerate() {
        c.text(&format!("actions[{i}].what"), &a.what, 200, true);
        c.text(&format!("actions[{i}].to"), &a.to, MAX_SHORT_TEXT, false);
        c.date(&format!("actions[{i}].date"), a.date, today);
    }
    if r.actions.len() > 20 {
        c.push("actions", ProblemKind::OutOfRange { min: 0, max: 20 });
    }
}

pub fn check_scale_answer(r: &ScaleAnswer, today: NaiveDate, ws: &Workspace, c: &mut Checker) {
    check_reading_base(&r.family, r.date, &r.notes, today, &ws.families, c);
    check_child(r.child.as_ref(), &r.family, ws, c);
    c.range("value", r.value.into(), 0, 10);
    if let Some(v) = r.confidence {
        c.range("confidence", v.into(), 0, 10);
    }
    if let Some(f) = &r.face {
        match super::scale::face_value(f.face, &f.mapping) {
            None => c.push("face", ProblemKind::BadValue),
            Some(v) if v != r.value => c.push("value", ProblemKind::BadValue),
            Some(_) => {}
        }
    }
    for (field, s) in [
        ("keeps", &r.keeps),
        ("higher", &r.higher),
        ("notice", &r.notice),
    ] {
        c.text(field, s, 1000, false);
    }
    let known = super::scale::library_ids().contains(&r.question)
        || ws
            .questions
            .get(&r.question)
            .is_some_and(|q| q.family == r.family);
    if !known {
        c.push("question", ProblemKind::UnknownQuestion);
    }
}

pub fn check_family_question(q: &FamilyQuestion, c: &mut Checker) {
    c.text("question", &q.question, 200, true);
    c.text("low", &q.low, 120, true);
    c.text("high", &q.high, 120, true);
}

pub fn check_three_houses(h: &ThreeHouses, today: NaiveDate, ws: &Workspace, c: &mut Checker) {
    if !ws.families.contains_key(&h.family) {
        c.push("family", ProblemKind::UnknownFamily);
    }
    check_child(h.child.as_ref(), &h.family, ws, c);
    c.date("date", h.date, today);
    for (field, s) in [
        ("worries", &h.worries),
        ("good", &h.good),
        ("wishes", &h.wishes),
    ] {
        c.text(field, s, 2000, false);
    }
    if [&h.worries, &h.good, &h.wishes]
        .iter()
        .all(|s| s.trim().is_empty())
    {
        c.push("worries", ProblemKind::Required);
    }
}

pub fn check_settings(s: &Settings, c: &mut Checker) {
    c.range("review_weeks", s.review_weeks.into(), 1, 52);
    check_outcome_rules(&s.outcomes, c);
}

pub fn check_outcome_rules(r: &OutcomeRules, c: &mut Checker) {
    c.range("outcomes.min_weeks", r.min_weeks.into(), 1, 104);
    c.range("outcomes.wheel_tenths", r.wheel_tenths.into(), 1, 90);
    c.range("outcomes.scale_tenths", r.scale_tenths.into(), 1, 100);
}

/// Checks a whole workspace as read from a file. `now` bounds timestamps and dates.
pub fn check_workspace(ws: &Workspace, now: Millis) -> Vec<Problem> {
    let today = now.date().unwrap_or(MIN_DATE);
    let mut problems = Vec::new();
    fn each<T: Record>(
        name: &str,
        m: &BTreeMap<Id, T>,
        now: Millis,
        problems: &mut Vec<Problem>,
        mut f: impl FnMut(&T, &mut Checker),
    ) {
        for (i, r) in m.values().enumerate() {
            let mut c = Checker::new(format!("{name}[{i}]"), problems);
            c.meta(r.meta(), now);
            // A deletion mark only needs its bookkeeping to be sound.
            if !r.meta().deleted {
                f(r, &mut c);
            }
        }
    }
    each("families", &ws.families, now, &mut problems, |r, c| {
        check_family(r, today, c)
    });
    each("members", &ws.members, now, &mut problems, |r, c| {
        if !ws.families.contains_key(&r.family) {
            c.push("family", ProblemKind::UnknownFamily);
        }
        check_member(r, today, c)
    });
    each(
        "wheel_readings",
        &ws.wheel_readings,
        now,
        &mut problems,
        |r, c| check_wheel_reading(r, today, ws, c),
    );
    each(
        "milestone_checks",
        &ws.milestone_checks,
        now,
        &mut problems,
        |r, c| check_milestone_check(r, today, ws, c),
    );
    each(
        "scale_answers",
        &ws.scale_answers,
        now,
        &mut problems,
        |r, c| check_scale_answer(r, today, ws, c),
    );
    each("questions", &ws.questions, now, &mut problems, |r, c| {
        if !ws.families.contains_key(&r.family) {
            c.push("family", ProblemKind::UnknownFamily);
        }
        check_family_question(r, c)
    });
    each(
        "three_houses",
        &ws.three_houses,
        now,
        &mut problems,
        |r, c| check_three_houses(r, today, ws, c),
    );
    each("goals", &ws.goals, now, &mut problems, |r, c| {
        check_goal(r, today, ws, c)
    });
    each(
        "wheel_templates",
        &ws.wheel_templates,
        now,
        &mut problems,
        |r, c| {
            let mut inner = Checker::new(format!("{}.template", c.prefix()), c.problems);
            super::wheel::check_template(&r.template, &mut inner);
            if super::model::CustomWheel::record_id(&r.template).as_ref() != Some(&r.meta.id) {
                c.push("meta.id", ProblemKind::BadValue);
            }
        },
    );
    each("frameworks", &ws.frameworks, now, &mut problems, |r, c| {
        let mut inner = Checker::new(format!("{}.framework", c.prefix()), c.problems);
        super::milestone::check_framework(&r.framework, &mut inner);
    });
    if let Some(s) = &ws.settings {
        let mut c = Checker::new("settings", &mut problems);
        c.meta(&s.meta, now);
        check_settings(s, &mut c);
    }
    problems
}
