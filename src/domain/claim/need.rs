//! A family's needs under the headlines, each with its outcome (met on a date, on what evidence)
//! and the checks that it lasted; and the claims made for them.

use super::headline::Headline;
use crate::domain::base::problem::{MAX_NOTE, MAX_SHORT_TEXT};
use crate::domain::base::record::{impl_record, Dated, GONE_DATE};
use crate::domain::base::{Checker, Id, Meta, ProblemKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// At most this many sustainment checks on one need, and needs in one claim.
pub const MAX_CHECKS: usize = 50;
pub const MAX_CLAIM_NEEDS: usize = 60;

/// Where a need was identified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NeedSource {
    /// The whole-family assessment.
    Assessment,
    /// A low score on the family's wheel, confirmed by the worker.
    Wheel,
    /// The referral.
    Referral,
    /// Anything else (a partner agency, a later conversation).
    Other,
}

impl NeedSource {
    pub const ALL: [NeedSource; 4] = [
        NeedSource::Assessment,
        NeedSource::Wheel,
        NeedSource::Referral,
        NeedSource::Other,
    ];
    /// The code files use (as serde writes it), also a form's value.
    pub fn code(self) -> &'static str {
        match self {
            NeedSource::Assessment => "assessment",
            NeedSource::Wheel => "wheel",
            NeedSource::Referral => "referral",
            NeedSource::Other => "other",
        }
    }
}

/// What an outcome rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A change on the family's wheel.
    Wheel,
    /// A change in a scaling question's answers.
    Question,
    /// A child's milestone reached.
    Milestone,
    /// A fact the worker entered, such as school attendance or a tenancy kept.
    Fact,
    /// What was seen and said, in a note.
    Note,
}

impl EvidenceKind {
    /// In the order a form offers them (the commonest first).
    pub const ALL: [EvidenceKind; 5] = [
        EvidenceKind::Fact,
        EvidenceKind::Wheel,
        EvidenceKind::Question,
        EvidenceKind::Milestone,
        EvidenceKind::Note,
    ];
    /// The code files use (as serde writes it), also a form's value.
    pub fn code(self) -> &'static str {
        match self {
            EvidenceKind::Wheel => "wheel",
            EvidenceKind::Question => "question",
            EvidenceKind::Milestone => "milestone",
            EvidenceKind::Fact => "fact",
            EvidenceKind::Note => "note",
        }
    }
}

/// A need's outcome: met on a date, on what evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Met {
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    pub evidence: EvidenceKind,
    /// The evidence in words (what changed, the figure, where it is recorded).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// A check, on a date, that an outcome has lasted (or has not).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    pub held: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A need identified for a family under a headline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Need {
    pub meta: Meta,
    pub family: Id,
    /// The child the need is about, if it is one child's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<Id>,
    pub headline: Headline,
    /// The outcome plan's descriptor, when the plan has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<Id>,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub identified: NaiveDate,
    /// Who identified it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub by: String,
    pub source: NeedSource,
    /// The wheel's area it was suggested from (`template/area`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<(Id, Id)>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The outcome, once met. A lapsed outcome met again replaces it (checks before it no longer
    /// count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<Met>,
    /// Oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
}

crate::domain::base::record::fields!(
    Need,
    [family, child, headline, descriptor, identified, by, source, area, note, met, checks],
    [by, note]
);

impl_record!(
    Need,
    family_child,
    check_need,
    |n: &mut Need| {
        // A deleted need keeps nothing of what it was about: not even its headline.
        n.headline = Headline::Education;
        n.source = NeedSource::Other;
        n.descriptor = None;
        n.by = String::new();
        n.area = None;
        n.note = String::new();
        n.met = None;
        n.checks = Vec::new();
    },
    |meta, family: &Id| Some(Need {
        meta,
        family: family.clone(),
        child: None,
        headline: Headline::Education,
        descriptor: None,
        identified: GONE_DATE,
        by: String::new(),
        source: NeedSource::Other,
        area: None,
        note: String::new(),
        met: None,
        checks: Vec::new(),
    })
);

impl Dated for Need {
    fn date(&self) -> NaiveDate {
        self.identified
    }
}

/// A need: dates plausible (met on or after it was identified; checks only once met), words of
/// sane length, at most 50 checks.
pub fn check_need(n: &Need, today: NaiveDate, c: &mut Checker) {
    c.date("identified", n.identified, today);
    c.text("by", &n.by, MAX_SHORT_TEXT, false);
    c.text("note", &n.note, MAX_NOTE, false);
    if let Some(m) = &n.met {
        c.date("met.date", m.date, today);
        if m.date < n.identified {
            c.push("met.date", ProblemKind::DateImplausible);
        }
        c.text("met.detail", &m.detail, MAX_NOTE, false);
    }
    c.at_most("checks", n.checks.len(), MAX_CHECKS);
    for (i, k) in n.checks.iter().enumerate() {
        let f = format!("checks[{i}]");
        c.date(&format!("{f}.date"), k.date, today);
        // A check needs an outcome to check. One dated before the outcome was met is kept as
        // history (of an outcome that lapsed and was met again) and does not count.
        if n.met.is_none() {
            c.push(&f, ProblemKind::BadValue);
        }
        c.text(&format!("{f}.note"), &k.note, MAX_NOTE, false);
    }
}

/// A claim made for a family: the date and the needs it counts (each need is counted once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub meta: Meta,
    pub family: Id,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    pub needs: Vec<Id>,
    /// The outcome plan it was made under (`<plan id>-v<version>`).
    pub plan: Id,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

crate::domain::base::record::fields!(Claim, [family, date, needs, plan, note], [note]);

impl_record!(
    Claim,
    family,
    check_claim,
    |c: &mut Claim| {
        c.note = String::new();
    },
    |meta, family: &Id| Some(Claim {
        meta,
        family: family.clone(),
        date: GONE_DATE,
        needs: Vec::new(),
        plan: crate::domain::base::record::gone_id(),
        note: String::new(),
    })
);

impl Dated for Claim {
    fn date(&self) -> NaiveDate {
        self.date
    }
}

/// A claim: a plausible date, one to 60 needs, none twice.
pub fn check_claim(k: &Claim, today: NaiveDate, c: &mut Checker) {
    c.date("date", k.date, today);
    if k.needs.is_empty() {
        c.push("needs", ProblemKind::Required);
    }
    c.at_most("needs", k.needs.len(), MAX_CLAIM_NEEDS);
    if k.needs
        .iter()
        .enumerate()
        .any(|(i, n)| k.needs[..i].contains(n))
    {
        c.push("needs", ProblemKind::Duplicate);
    }
    c.text("note", &k.note, MAX_NOTE, false);
}
