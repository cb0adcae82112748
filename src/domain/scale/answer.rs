//! Answers to scaling questions, the family's own questions, and a child's three houses: the
//! records the scaling instrument owns, with their own rules.

use super::library::{face_value, MAX_VALUE};
use crate::domain::base::problem::MAX_NOTE;
use crate::domain::base::record::{gone_id, impl_record, is_false, Dated, GONE_DATE};
use crate::domain::base::{Checker, Id, Meta, ProblemKind, Respondent};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An answer to a scaling question (0 to 10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleAnswer {
    pub meta: Meta,
    pub family: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<Id>,
    pub question: Id,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    pub by: Respondent,
    /// 0 to 10.
    pub value: u8,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Set when a child answered with faces: which face, and the mapping that turned it into
    /// `value` (so it is never mistaken for a number the child chose).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face: Option<FaceAnswer>,
    /// What keeps it at this number and not lower?
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub keeps: String,
    /// What would one point higher look like?
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub higher: String,
    /// Who would notice?
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notice: String,
    /// How confident are you that it will get there? (0 to 10)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
}

/// A face a child chose, and the mapping used to place it on the 0 to 10 scale.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaceAnswer {
    /// 1 (saddest) to 5 (happiest).
    pub face: u8,
    /// The mapping's name, for example `faces-v1` (see `domain::scale::FACES_V1`).
    pub mapping: String,
}

/// A scaling question written with a family, in the family's own words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyQuestion {
    pub meta: Meta,
    pub family: Id,
    pub question: String,
    /// What 0 means.
    pub low: String,
    /// What 10 means.
    pub high: String,
    /// No longer asked (its answers stay).
    #[serde(default, skip_serializing_if = "is_false")]
    pub archived: bool,
}

/// A child's "three houses": worries, good things and wishes, in the child's own words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreeHouses {
    pub meta: Meta,
    pub family: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<Id>,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub worries: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub good: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub wishes: String,
    /// Typed by the child (true), or written down for them by an adult (false).
    #[serde(default, skip_serializing_if = "is_false")]
    pub by_child: bool,
}

impl ThreeHouses {
    /// A worry written in the first house shows where to get help at once.
    pub fn has_worry(&self) -> bool {
        !self.worries.trim().is_empty()
    }
}

crate::domain::base::record::fields!(
    ScaleAnswer,
    [family, child, question, date, by, value, notes, face, keeps, higher, notice, confidence],
    [notes, keeps, higher, notice]
);
crate::domain::base::record::fields!(
    FamilyQuestion,
    [family, question, low, high, archived],
    [question, low, high]
);
crate::domain::base::record::fields!(
    ThreeHouses,
    [family, child, date, worries, good, wishes, by_child],
    [worries, good, wishes]
);

impl_record!(
    ScaleAnswer,
    family_child,
    check_scale_answer,
    |a: &mut ScaleAnswer| {
        a.value = 0;
        a.notes = String::new();
        a.face = None;
        a.keeps = String::new();
        a.higher = String::new();
        a.notice = String::new();
        a.confidence = None;
    },
    |meta, family: &Id| Some(ScaleAnswer {
        meta,
        family: family.clone(),
        child: None,
        question: gone_id(),
        date: GONE_DATE,
        by: Respondent::Family,
        value: 0,
        notes: String::new(),
        face: None,
        keeps: String::new(),
        higher: String::new(),
        notice: String::new(),
        confidence: None,
    })
);
impl_record!(
    FamilyQuestion,
    family,
    check_family_question,
    |q: &mut FamilyQuestion| {
        q.question = String::new();
        q.low = String::new();
        q.high = String::new();
    },
    |meta, family: &Id| Some(FamilyQuestion {
        meta,
        family: family.clone(),
        question: String::new(),
        low: String::new(),
        high: String::new(),
        archived: false,
    })
);
impl_record!(
    ThreeHouses,
    family_child,
    check_three_houses,
    |h: &mut ThreeHouses| {
        h.worries = String::new();
        h.good = String::new();
        h.wishes = String::new();
    },
    |meta, family: &Id| Some(ThreeHouses {
        meta,
        family: family.clone(),
        child: None,
        date: GONE_DATE,
        worries: String::new(),
        good: String::new(),
        wishes: String::new(),
        by_child: false,
    })
);

impl Dated for ScaleAnswer {
    fn date(&self) -> NaiveDate {
        self.date
    }
}

impl Dated for ThreeHouses {
    fn date(&self) -> NaiveDate {
        self.date
    }
}

/// An answer's own fields: 0 to 10, a face that gives its value, follow-ups of sane length.
/// (That the question is known is checked by the workspace, which holds the family's own.)
pub fn check_scale_answer(r: &ScaleAnswer, today: NaiveDate, c: &mut Checker) {
    c.date("date", r.date, today);
    c.text("notes", &r.notes, MAX_NOTE, false);
    c.range("value", r.value.into(), 0, MAX_VALUE.into());
    if let Some(v) = r.confidence {
        c.range("confidence", v.into(), 0, MAX_VALUE.into());
    }
    if let Some(f) = &r.face {
        match face_value(f.face, &f.mapping) {
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
}

pub fn check_family_question(q: &FamilyQuestion, _today: NaiveDate, c: &mut Checker) {
    c.text("question", &q.question, 200, true);
    c.text("low", &q.low, 120, true);
    c.text("high", &q.high, 120, true);
}

pub fn check_three_houses(h: &ThreeHouses, today: NaiveDate, c: &mut Checker) {
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
