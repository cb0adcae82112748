//! Problems with input, typed (a path and a kind), never sentences: the UI words them. A
//! [`Checker`] collects them under a path prefix, for forms and imported files alike.

use super::meta::Meta;
use super::text::Text;
use super::time::{Millis, MIN_PLAUSIBLE};
use chrono::NaiveDate;

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
    /// Not a phone number: other than digits, spaces, brackets, dashes and a leading +, or
    /// fewer than 3 or more than 15 digits.
    NotAPhoneNumber,
    /// An answer to a question that is neither in the library nor the family's own.
    UnknownQuestion,
}

/// One problem, with where it is: a path such as `families[2].reference`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn new(path: impl Into<String>, kind: ProblemKind) -> Self {
        Problem {
            path: path.into(),
            kind,
        }
    }
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
    /// A checker for a part of this one (`template` under `wheel_templates[0]`).
    pub fn nested(&mut self, field: &str) -> Checker<'_> {
        let prefix = self.at(field);
        Checker {
            prefix,
            problems: self.problems,
        }
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
    /// Content in several languages: some text present, language tags of sane length, each
    /// text at most `max` characters.
    pub fn texts(&mut self, field: &str, t: &Text, max: usize) {
        if t.values().all(|s| s.trim().is_empty()) {
            self.push(field, ProblemKind::Required);
        }
        for (lang, s) in t {
            if lang.is_empty() || lang.len() > 12 {
                self.push(field, ProblemKind::BadValue);
            }
            if s.chars().count() > max {
                self.push(field, ProblemKind::TooLong { max });
            }
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
    /// At most `max` items in a list.
    pub fn at_most(&mut self, field: &str, len: usize, max: usize) {
        if len > max {
            self.push(
                field,
                ProblemKind::OutOfRange {
                    min: 0,
                    max: max as i64,
                },
            );
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
        // Field clocks: a few fields, a few devices, a few versions; bounded so that a hostile
        // file cannot make merging slow.
        const MOST: usize = 64;
        if m.clocks.len() > MOST || m.others.len() > MOST {
            self.push("meta.clocks", ProblemKind::TooLong { max: MOST });
        }
        let versions = m.others.values().flatten();
        for c in m.clocks.values().chain(versions.clone().map(|v| &v.clock)) {
            if c.len() > MOST {
                self.push("meta.clocks", ProblemKind::TooLong { max: MOST });
            }
            if c.values().any(|&t| t < MIN_PLAUSIBLE || t > latest) {
                self.push("meta.clocks", ProblemKind::BadTimestamp);
            }
        }
        for vs in m.others.values() {
            if vs.len() > MOST {
                self.push("meta.others", ProblemKind::TooLong { max: MOST });
            }
        }
        for v in versions {
            self.text("meta.others", &v.text, 20_000, false);
        }
    }
}

/// `Ok` when there are no problems.
pub fn none_or(problems: Vec<Problem>) -> Result<(), Vec<Problem>> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
