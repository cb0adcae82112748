//! The workspace and its records. Every record carries a [`Meta`] (id, created, updated, the
//! device that last changed it, and a deletion mark), so that records made on two devices can be
//! merged by id: see [`crate::domain::merge`].

use super::id::Id;
use super::time::Millis;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

fn is_false(b: &bool) -> bool {
    !*b
}

/// Bookkeeping carried by every record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: Id,
    pub created: Millis,
    pub updated: Millis,
    /// The device that last changed the record.
    pub device: Id,
    /// A deleted record is kept as a mark, so that a merge does not bring it back.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deleted: bool,
}

impl Meta {
    pub fn new(id: Id, now: Millis, device: Id) -> Self {
        Meta {
            id,
            created: now,
            updated: now,
            device,
            deleted: false,
        }
    }
}

/// Why a case was closed (the reasons councils report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClosureReason {
    OutcomesMet,
    SteppedUp,
    SteppedDown,
    InformationAndAdvice,
    MovedAway,
    StoppedEngaging,
    Other,
}

impl ClosureReason {
    pub const ALL: [ClosureReason; 7] = [
        ClosureReason::OutcomesMet,
        ClosureReason::SteppedUp,
        ClosureReason::SteppedDown,
        ClosureReason::InformationAndAdvice,
        ClosureReason::MovedAway,
        ClosureReason::StoppedEngaging,
        ClosureReason::Other,
    ];
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    #[serde(with = "super::date::ymd")]
    pub date: NaiveDate,
    pub reason: ClosureReason,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A family (a case).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    pub meta: Meta,
    /// A pseudonym or case number: what the app shows by default (data minimisation).
    pub reference: String,
    /// Optional, and never needed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub full_name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub worker: String,
    #[serde(with = "super::date::ymd")]
    pub opened: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Closure>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Weeks from one wheel reading to the next review, when not the workspace's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_weeks: Option<u8>,
    /// What the family agreed to, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent>,
}

/// Something a family can agree to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentItem {
    /// Keeping these records while we work together.
    KeepRecords,
    /// Sharing information with other services that help the family.
    ShareWithServices,
    /// Being contacted by text message or phone.
    Contact,
    /// Counting the family's results, without names, in reports.
    Reports,
}

impl ConsentItem {
    pub const ALL: [ConsentItem; 4] = [
        ConsentItem::KeepRecords,
        ConsentItem::ShareWithServices,
        ConsentItem::Contact,
        ConsentItem::Reports,
    ];
}

/// A family's consent: the date they gave it and what they agreed to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    #[serde(with = "super::date::ymd")]
    pub date: NaiveDate,
    /// In `ConsentItem::ALL` order, each at most once.
    pub agreed: Vec<ConsentItem>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Where a goal is in its journey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalStatus {
    NotStarted,
    UnderWay,
    Achieved,
    /// No longer worked on (the family chose something else, or things changed).
    Stopped,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 4] = [
        GoalStatus::NotStarted,
        GoalStatus::UnderWay,
        GoalStatus::Achieved,
        GoalStatus::Stopped,
    ];
}

/// A small step toward a goal: what, who does it, by when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub what: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub who: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::date::ymd_opt"
    )]
    pub by: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub done: bool,
}

/// A look back at a goal: the date, the status then, and what was said.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalReview {
    #[serde(with = "super::date::ymd")]
    pub date: NaiveDate,
    pub status: GoalStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The wheel area a goal grew from (a priority the family chose).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSource {
    pub template: Id,
    pub area: Id,
}

/// A goal in a family's plan, in the family's own words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub meta: Meta,
    pub family: Id,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<GoalSource>,
    /// When the goal was set.
    #[serde(with = "super::date::ymd")]
    pub set: NaiveDate,
    pub status: GoalStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
    /// Oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<GoalReview>,
}

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
        with = "super::date::ymd_opt"
    )]
    pub born: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::date::ymd_opt"
    )]
    pub due: Option<NaiveDate>,
    /// Weeks born before 37 weeks of pregnancy, used for corrected age up to 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks_early: Option<u8>,
}

/// Who gave a reading or an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Respondent {
    Family,
    Worker,
    Child,
    Agreed,
}

impl Respondent {
    pub const ALL: [Respondent; 4] = [
        Respondent::Family,
        Respondent::Worker,
        Respondent::Child,
        Respondent::Agreed,
    ];
}

/// One area's score in a wheel reading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaScore {
    pub area: Id,
    /// 1 to 10.
    pub score: u8,
    /// Where family and worker disagree, the other view is kept too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<u8>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// What one step up would look like.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub step: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub priority: bool,
}

/// A reading of an outcome wheel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WheelReading {
    pub meta: Meta,
    pub family: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<Id>,
    pub template: Id,
    pub template_version: u32,
    #[serde(with = "super::date::ymd")]
    pub date: NaiveDate,
    pub by: Respondent,
    pub scores: Vec<AreaScore>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

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
    #[serde(with = "super::date::ymd")]
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
    pub judgement: super::milestone::Judgement,
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
    #[serde(with = "super::date::ymd")]
    pub date: NaiveDate,
}

/// An answer to a scaling question (0 to 10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleAnswer {
    pub meta: Meta,
    pub family: Id,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<Id>,
    pub question: Id,
    #[serde(with = "super::date::ymd")]
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
    #[serde(with = "super::date::ymd")]
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

/// Settings shared by everyone using this workspace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub meta: Meta,
    /// Weeks from one wheel reading to the next review.
    pub review_weeks: u8,
    /// The thresholds of the outcome rule (docs/outcomes.md).
    #[serde(default, skip_serializing_if = "OutcomeRules::is_default")]
    pub outcomes: OutcomeRules,
}

/// The thresholds that decide a family's outcome (see `domain::outcome` and docs/outcomes.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeRules {
    /// The least time between first and latest reading for a change to count.
    pub min_weeks: u8,
    /// The least average change per wheel area that counts, in tenths of a point (10 = 1 point).
    pub wheel_tenths: u8,
    /// The least average change in scaling answers that counts, in tenths of a point.
    pub scale_tenths: u8,
}

impl Default for OutcomeRules {
    fn default() -> Self {
        OutcomeRules {
            min_weeks: 12,
            wheel_tenths: 10,
            scale_tenths: 20,
        }
    }
}

impl OutcomeRules {
    pub fn is_default(&self) -> bool {
        *self == OutcomeRules::default()
    }
}

pub const SETTINGS_ID: &str = "settings";
pub const DEFAULT_REVIEW_WEEKS: u8 = 12;

/// Everything Waymark holds. Collections are keyed by record id; deleted records stay as marks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    #[serde(default, with = "as_list")]
    pub families: BTreeMap<Id, Family>,
    #[serde(default, with = "as_list")]
    pub members: BTreeMap<Id, Member>,
    #[serde(default, with = "as_list")]
    pub wheel_readings: BTreeMap<Id, WheelReading>,
    #[serde(default, with = "as_list")]
    pub milestone_checks: BTreeMap<Id, MilestoneCheck>,
    #[serde(default, with = "as_list")]
    pub scale_answers: BTreeMap<Id, ScaleAnswer>,
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub questions: BTreeMap<Id, FamilyQuestion>,
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub three_houses: BTreeMap<Id, ThreeHouses>,
    /// The goals of family plans.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub goals: BTreeMap<Id, Goal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Settings>,
    /// Milestone frameworks a service loaded (every version kept).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub frameworks: BTreeMap<Id, CustomFramework>,
    /// Wheels a service loaded (every version kept, so old readings still display).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    pub wheel_templates: BTreeMap<Id, CustomWheel>,
}

/// A milestone framework a service loaded, as a record. Its id is `<framework id>-v<version>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomFramework {
    pub meta: Meta,
    pub framework: super::milestone::Framework,
}

/// A wheel template a service loaded, as a record. Its id is `<template id>-v<version>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomWheel {
    pub meta: Meta,
    pub template: super::wheel::WheelTemplate,
}

impl CustomWheel {
    pub fn record_id(t: &super::wheel::WheelTemplate) -> Option<Id> {
        Id::parse(&format!("{}-v{}", t.id, t.version))
    }
}

/// Anything with a [`Meta`].
pub trait Record: Clone + PartialEq + Serialize {
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    /// The family the record belongs to (the family itself for a family).
    fn family_id(&self) -> Option<&Id>;
}

macro_rules! record {
    ($t:ty, $fam:ident => $e:expr) => {
        impl Record for $t {
            fn meta(&self) -> &Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut Meta {
                &mut self.meta
            }
            fn family_id(&self) -> Option<&Id> {
                let $fam = self;
                $e
            }
        }
    };
}
record!(Family, f => Some(&f.meta.id));
record!(Member, r => Some(&r.family));
record!(WheelReading, r => Some(&r.family));
record!(MilestoneCheck, r => Some(&r.family));
record!(ScaleAnswer, r => Some(&r.family));
record!(Settings, _s => None);
record!(CustomWheel, _s => None);
record!(CustomFramework, _s => None);
record!(FamilyQuestion, r => Some(&r.family));
record!(ThreeHouses, r => Some(&r.family));
record!(Goal, r => Some(&r.family));

/// Collections are written as JSON arrays (the id is inside each record) and read back into maps.
mod as_list {
    use super::{Id, Record};
    use serde::{de::DeserializeOwned, Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer, T: Serialize>(
        m: &BTreeMap<Id, T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.collect_seq(m.values())
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Record + DeserializeOwned>(
        d: D,
    ) -> Result<BTreeMap<Id, T>, D::Error> {
        let list: Vec<T> = Vec::deserialize(d)?;
        let mut map = BTreeMap::new();
        for r in list {
            let id = r.meta().id.clone();
            if map.insert(id.clone(), r).is_some() {
                return Err(serde::de::Error::custom(format!("duplicate id {id}")));
            }
        }
        Ok(map)
    }
}

impl Workspace {
    /// Families not deleted, in reference order.
    pub fn live_families(&self) -> impl Iterator<Item = &Family> {
        self.families.values().filter(|f| !f.meta.deleted)
    }

    pub fn live_members_of<'a>(&'a self, family: &'a Id) -> impl Iterator<Item = &'a Member> + 'a {
        self.members
            .values()
            .filter(move |m| !m.meta.deleted && &m.family == family)
    }

    /// Counts of live readings of each instrument for one family, or for all when `None`.
    pub fn reading_counts(&self, family: Option<&Id>) -> ReadingCounts {
        fn count<'a, T: Record + 'a>(
            it: impl Iterator<Item = &'a T>,
            family: Option<&Id>,
        ) -> usize {
            it.filter(|r| !r.meta().deleted && (family.is_none() || r.family_id() == family))
                .count()
        }
        ReadingCounts {
            wheels: count(self.wheel_readings.values(), family),
            milestones: count(self.milestone_checks.values(), family),
            scales: count(self.scale_answers.values(), family),
        }
    }

    /// True when the workspace holds nothing a person entered (marks of deletions aside).
    pub fn is_empty(&self) -> bool {
        self.live_families().next().is_none()
    }

    pub fn review_weeks(&self) -> u8 {
        self.settings
            .as_ref()
            .filter(|s| !s.meta.deleted)
            .map_or(DEFAULT_REVIEW_WEEKS, |s| s.review_weeks)
    }

    /// Weeks between reviews for one family: its own setting, or the default.
    pub fn review_weeks_for(&self, family: &Id) -> u8 {
        self.families
            .get(family)
            .and_then(|f| f.review_weeks)
            .unwrap_or_else(|| self.review_weeks())
    }

    /// The part of the workspace that belongs to one family (its records only).
    pub fn family_part(&self, family: &Id) -> Workspace {
        fn pick<T: Record>(m: &BTreeMap<Id, T>, family: &Id) -> BTreeMap<Id, T> {
            let mut out = BTreeMap::new();
            for (k, v) in m.iter().filter(|(_, r)| r.family_id() == Some(family)) {
                out.insert(k.clone(), v.clone());
            }
            out
        }
        Workspace {
            families: pick(&self.families, family),
            members: pick(&self.members, family),
            wheel_readings: pick(&self.wheel_readings, family),
            milestone_checks: pick(&self.milestone_checks, family),
            scale_answers: pick(&self.scale_answers, family),
            questions: pick(&self.questions, family),
            three_houses: pick(&self.three_houses, family),
            goals: pick(&self.goals, family),
            settings: None,
            wheel_templates: BTreeMap::new(),
            frameworks: BTreeMap::new(),
        }
    }

    /// Ids of every family that has any record here (for storage shards).
    pub fn family_ids(&self) -> std::collections::BTreeSet<Id> {
        let mut ids = std::collections::BTreeSet::new();
        fn add<T: Record>(m: &BTreeMap<Id, T>, ids: &mut std::collections::BTreeSet<Id>) {
            for r in m.values() {
                if let Some(f) = r.family_id() {
                    ids.insert(f.clone());
                }
            }
        }
        add(&self.families, &mut ids);
        add(&self.members, &mut ids);
        add(&self.wheel_readings, &mut ids);
        add(&self.milestone_checks, &mut ids);
        add(&self.scale_answers, &mut ids);
        add(&self.questions, &mut ids);
        add(&self.three_houses, &mut ids);
        add(&self.goals, &mut ids);
        ids
    }

    /// Number of records of every kind, deletion marks included.
    pub fn record_count(&self) -> usize {
        self.families.len()
            + self.members.len()
            + self.wheel_readings.len()
            + self.milestone_checks.len()
            + self.scale_answers.len()
            + self.questions.len()
            + self.three_houses.len()
            + self.goals.len()
            + usize::from(self.settings.is_some())
            + self.wheel_templates.len()
            + self.frameworks.len()
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadingCounts {
    pub wheels: usize,
    pub milestones: usize,
    pub scales: usize,
}

impl ReadingCounts {
    pub fn total(&self) -> usize {
        self.wheels + self.milestones + self.scales
    }
}

/// Gives generic code access to the collection a record kind lives in.
pub trait Stored: Record + Sized {
    fn map(ws: &Workspace) -> &BTreeMap<Id, Self>;
    fn map_mut(ws: &mut Workspace) -> &mut BTreeMap<Id, Self>;
}

macro_rules! stored {
    ($t:ty, $field:ident) => {
        impl Stored for $t {
            fn map(ws: &Workspace) -> &BTreeMap<Id, Self> {
                &ws.$field
            }
            fn map_mut(ws: &mut Workspace) -> &mut BTreeMap<Id, Self> {
                &mut ws.$field
            }
        }
    };
}
stored!(Family, families);
stored!(Member, members);
stored!(WheelReading, wheel_readings);
stored!(MilestoneCheck, milestone_checks);
stored!(ScaleAnswer, scale_answers);
stored!(CustomWheel, wheel_templates);
stored!(CustomFramework, frameworks);
stored!(FamilyQuestion, questions);
stored!(ThreeHouses, three_houses);
stored!(Goal, goals);

/// Days without an export after which Waymark offers one.
pub const EXPORT_REMINDER_DAYS: i64 = 7;

impl Workspace {
    /// When the oldest live family was first entered.
    pub fn first_entered(&self) -> Option<super::time::Millis> {
        self.live_families().map(|f| f.meta.created).min()
    }

    /// True when there is data and nothing has been exported for 7 days (counting from the
    /// first entry when there has never been an export).
    pub fn export_reminder_due(
        &self,
        last_export: Option<super::time::Millis>,
        now: super::time::Millis,
    ) -> bool {
        let Some(first) = self.first_entered() else {
            return false;
        };
        let since = last_export.unwrap_or(first);
        since.days_until(now) >= EXPORT_REMINDER_DAYS
    }
}

impl Workspace {
    /// The records of each of the given families, in one pass over the workspace (rather than
    /// one pass per family): what saving an import of hundreds of families needs.
    pub fn parts(&self, families: &std::collections::BTreeSet<Id>) -> BTreeMap<Id, Workspace> {
        let mut out: BTreeMap<Id, Workspace> = BTreeMap::new();
        for f in families {
            out.insert(f.clone(), Workspace::default());
        }
        fn spread<T: Stored>(ws: &Workspace, out: &mut BTreeMap<Id, Workspace>) {
            for (id, r) in T::map(ws) {
                if let Some(part) = r.family_id().and_then(|f| out.get_mut(f)) {
                    T::map_mut(part).insert(id.clone(), r.clone());
                }
            }
        }
        spread::<Family>(self, &mut out);
        spread::<Member>(self, &mut out);
        spread::<WheelReading>(self, &mut out);
        spread::<MilestoneCheck>(self, &mut out);
        spread::<ScaleAnswer>(self, &mut out);
        spread::<FamilyQuestion>(self, &mut out);
        spread::<ThreeHouses>(self, &mut out);
        spread::<Goal>(self, &mut out);
        out
    }
}
