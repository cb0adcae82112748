//! The people in a family: adults, and children with a date of birth or a due date.

use crate::domain::base::problem::{MAX_SHORT_TEXT, MIN_DATE};
use crate::domain::base::record::impl_record;
use crate::domain::base::{Checker, Id, Meta, ProblemKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Adult,
    Child,
}

/// A person in a family. Children have a date of birth, or a due date if not yet born.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub meta: Meta,
    pub family: Id,
    pub role: MemberRole,
    /// A first name, initials or "Baby": whatever the family is happy to record.
    pub name: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::domain::base::date::ymd_opt"
    )]
    pub born: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::domain::base::date::ymd_opt"
    )]
    pub due: Option<NaiveDate>,
    /// Weeks born before 37 weeks of pregnancy, used for corrected age up to 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks_early: Option<u8>,
}

crate::domain::base::record::fields!(Member, [family, role, name, born, due, weeks_early], [name]);

impl_record!(
    Member,
    family,
    check_member,
    |m: &mut Member| {
        m.name = String::new();
        m.born = None;
        m.due = None;
        m.weeks_early = None;
    },
    |meta, family: &Id| Some(Member {
        meta,
        family: family.clone(),
        role: MemberRole::Adult,
        name: String::new(),
        born: None,
        due: None,
        weeks_early: None,
    })
);

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
