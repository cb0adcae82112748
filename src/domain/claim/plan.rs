//! A council's outcome plan as data: loaded like a wheel (a versioned JSON file, checked before
//! anything is kept), with the national framework built in for a service that has loaded none.
//! The schema is published in `docs/schema/outcome-plan-v1.schema.json`.

use super::headline::Headline;
use crate::domain::base::json::read_content;
use crate::domain::base::record::impl_record;
use crate::domain::base::{Checker, Id, Meta, ProblemKind, ReadError, Text};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What an outcome plan file says it is (`"format"`).
pub const PLAN_FORMAT: &str = "waymark-outcome-plan";

/// How many months an outcome must last when neither the plan nor its headline says.
pub const SUSTAIN_MONTHS: u8 = 6;

/// Longest a plan may ask an outcome to last.
pub const MAX_SUSTAIN_MONTHS: u8 = 36;

/// What a family must have for a claim, beyond every need's outcome sustained.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRule {
    /// Needs identified under at least this many headlines.
    pub headlines: u8,
    /// A lead practitioner named on the family (the family's worker).
    pub lead: bool,
    /// A whole-family assessment: a wheel done for the family (not for one child).
    pub assessment: bool,
    /// A family plan: at least one goal.
    pub plan: bool,
}

/// One of the council's descriptors of a need under a headline, in its own words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Descriptor {
    pub id: Id,
    pub text: Text,
}

/// A headline as a plan uses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanHeadline {
    pub headline: Headline,
    /// Months an outcome under this headline must last, when not the plan's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sustain_months: Option<u8>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub descriptors: Vec<Descriptor>,
    /// What counts as evidence of an outcome, in the council's words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Text>,
}

/// A wheel's area whose low score suggests a need under a headline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaLink {
    pub template: Id,
    pub area: Id,
    pub headline: Headline,
}

/// An outcome plan: the headlines a council counts, its descriptors, evidence and the claim rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomePlan {
    pub format: String,
    pub id: Id,
    pub version: u32,
    pub name: Text,
    pub sustain_months: u8,
    pub rule: ClaimRule,
    pub headlines: Vec<PlanHeadline>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<AreaLink>,
}

impl OutcomePlan {
    /// The plan's own entry for a headline (`None`: the plan does not count it).
    pub fn headline(&self, h: Headline) -> Option<&PlanHeadline> {
        self.headlines.iter().find(|p| p.headline == h)
    }

    /// Months an outcome under `h` must last.
    pub fn sustain_months(&self, h: Headline) -> u8 {
        self.headline(h)
            .and_then(|p| p.sustain_months)
            .unwrap_or(self.sustain_months)
    }

    /// The headline a low score in `area` of wheel `template` suggests, if the plan links one.
    pub fn headline_of(&self, template: &Id, area: &Id) -> Option<Headline> {
        self.areas
            .iter()
            .find(|l| &l.template == template && &l.area == area)
            .map(|l| l.headline)
    }

    /// The descriptor with id `id` and the headline it sits under.
    pub fn descriptor(&self, id: &Id) -> Option<(Headline, &Descriptor)> {
        self.headlines.iter().find_map(|p| {
            p.descriptors
                .iter()
                .find(|d| &d.id == id)
                .map(|d| (p.headline, d))
        })
    }
}

/// The national framework, built in: every headline, outcomes sustained six months, needs under
/// at least two headlines, a lead practitioner, an assessment and a plan; the built-in wheels'
/// areas linked to the headline they speak to.
pub fn builtin_plan() -> OutcomePlan {
    let links: [(&'static str, &'static str, Headline); 22] = [
        ("family", "health", Headline::Health),
        ("family", "coping", Headline::Health),
        ("family", "loved_listened", Headline::Relationships),
        ("family", "safe", Headline::ChildrenSafe),
        ("family", "people", Headline::Relationships),
        ("family", "play_learning", Headline::EarlyYears),
        ("family", "limits", Headline::Relationships),
        ("family", "home_bills", Headline::Housing),
        ("family", "work", Headline::Finance),
        ("child", "happy", Headline::Health),
        ("child", "school", Headline::Education),
        ("child", "friends", Headline::Relationships),
        ("child", "family", Headline::Relationships),
        ("child", "safe", Headline::ChildrenSafe),
        ("child", "looking_after_me", Headline::Health),
        ("early_years", "feeding_sleep", Headline::EarlyYears),
        ("early_years", "talk_play", Headline::EarlyYears),
        ("early_years", "child_safe", Headline::ChildrenSafe),
        ("early_years", "wellbeing", Headline::Health),
        ("early_years", "routines", Headline::EarlyYears),
        ("early_years", "health_growing", Headline::Health),
        ("early_years", "nursery_ready", Headline::EarlyYears),
    ];
    OutcomePlan {
        format: PLAN_FORMAT.into(),
        id: Id::fixed("national"),
        version: 1,
        name: [(
            "en".to_string(),
            "Supporting Families Outcome Framework".to_string(),
        )]
        .into(),
        sustain_months: SUSTAIN_MONTHS,
        rule: ClaimRule {
            headlines: 2,
            lead: true,
            assessment: true,
            plan: true,
        },
        headlines: Headline::ALL
            .iter()
            .map(|h| PlanHeadline {
                headline: *h,
                sustain_months: None,
                descriptors: Vec::new(),
                evidence: Vec::new(),
            })
            .collect(),
        areas: links
            .iter()
            .map(|(t, a, h)| AreaLink {
                template: Id::fixed(t),
                area: Id::fixed(a),
                headline: *h,
            })
            .collect(),
    }
}

/// A plan's content: its format and version, words present and of sane length, each headline
/// once, descriptor ids unique, months within reason, links only to the plan's own headlines.
pub fn check_plan(p: &OutcomePlan, c: &mut Checker) {
    if p.format != PLAN_FORMAT {
        c.push("format", ProblemKind::UnknownChoice(p.format.clone()));
    }
    c.range("version", p.version.into(), 1, 10_000);
    c.texts("name", &p.name, 120);
    c.range(
        "sustain_months",
        p.sustain_months.into(),
        1,
        MAX_SUSTAIN_MONTHS.into(),
    );
    c.range("rule.headlines", p.rule.headlines.into(), 1, 10);
    if p.headlines.is_empty() {
        c.push("headlines", ProblemKind::Required);
    }
    let mut seen = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for (i, h) in p.headlines.iter().enumerate() {
        let f = format!("headlines[{i}]");
        if !seen.insert(h.headline) {
            c.push(&format!("{f}.headline"), ProblemKind::Duplicate);
        }
        if let Some(m) = h.sustain_months {
            c.range(
                &format!("{f}.sustain_months"),
                m.into(),
                1,
                MAX_SUSTAIN_MONTHS.into(),
            );
        }
        c.at_most(&format!("{f}.descriptors"), h.descriptors.len(), 50);
        for (j, d) in h.descriptors.iter().enumerate() {
            if !ids.insert(&d.id) {
                c.push(&format!("{f}.descriptors[{j}].id"), ProblemKind::Duplicate);
            }
            c.texts(&format!("{f}.descriptors[{j}].text"), &d.text, 300);
        }
        c.at_most(&format!("{f}.evidence"), h.evidence.len(), 20);
        for (j, e) in h.evidence.iter().enumerate() {
            c.texts(&format!("{f}.evidence[{j}]"), e, 300);
        }
    }
    if usize::from(p.rule.headlines) > p.headlines.len() {
        c.push(
            "rule.headlines",
            ProblemKind::OutOfRange {
                min: 1,
                max: p.headlines.len() as i64,
            },
        );
    }
    c.at_most("areas", p.areas.len(), 300);
    for (i, l) in p.areas.iter().enumerate() {
        if !seen.contains(&l.headline) {
            c.push(
                &format!("areas[{i}].headline"),
                ProblemKind::UnknownChoice(l.headline.code().into()),
            );
        }
    }
}

/// Reads an outcome plan from a council's file: size, JSON, depth, every field, and the rules of
/// [`check_plan`]. Problems name where they are. Never panics.
pub fn read_plan(text: &str) -> Result<OutcomePlan, ReadError> {
    read_content(text, "plan", check_plan)
}

/// An outcome plan a service loaded, as a record shared by every family. Its id is
/// `<plan id>-v<version>`; every version loaded is kept, so a claim made under one can be shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomPlan {
    pub meta: Meta,
    pub plan: OutcomePlan,
}

impl CustomPlan {
    pub fn record_id(p: &OutcomePlan) -> Option<Id> {
        Id::parse(&format!("{}-v{}", p.id, p.version))
    }
}

crate::domain::base::record::fields!(CustomPlan, [plan]);
impl_record!(CustomPlan, shared, check_custom_plan);

/// A loaded plan: its content, and an id that is its plan's id and version.
pub fn check_custom_plan(p: &CustomPlan, _today: chrono::NaiveDate, c: &mut Checker) {
    check_plan(&p.plan, &mut c.nested("plan"));
    // The national framework is built in: a loaded plan cannot take its id.
    if p.plan.id.as_str() == "national" {
        c.push("plan.id", ProblemKind::Duplicate);
    }
    if CustomPlan::record_id(&p.plan).as_ref() != Some(&p.meta.id) {
        c.push("meta.id", ProblemKind::BadValue);
    }
}

/// The plan in force: the one loaded (or loaded again) last; a council's own replaces the
/// national framework, and removing it brings back the one before.
pub fn in_force<'a>(loaded: impl IntoIterator<Item = &'a CustomPlan>) -> OutcomePlan {
    loaded
        .into_iter()
        .filter(|p| !p.meta.deleted)
        .max_by_key(|p| (p.meta.updated, p.plan.version))
        .map_or_else(builtin_plan, |p| p.plan.clone())
}
