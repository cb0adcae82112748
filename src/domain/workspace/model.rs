//! What a workspace can tell about itself: its families and people, one family's part of it,
//! counts, reviews' default, and when to offer an export.

use super::kinds::{for_each_kind, Class, Stored, Workspace};
use super::settings::DEFAULT_REVIEW_WEEKS;
use crate::domain::base::record::oldest_first;
use crate::domain::base::{Id, Millis, Record};
use crate::domain::case::{Family, Member};
use crate::domain::milestone::MilestoneCheck;
use std::collections::{BTreeMap, BTreeSet};

/// Days without an export after which Waymark offers one.
pub const EXPORT_REMINDER_DAYS: i64 = 7;

impl Workspace {
    /// Families not deleted, in id order.
    pub fn live_families(&self) -> impl Iterator<Item = &Family> {
        self.families.values().filter(|f| !f.meta.deleted)
    }

    pub fn live_members_of<'a>(&'a self, family: &'a Id) -> impl Iterator<Item = &'a Member> + 'a {
        self.members
            .values()
            .filter(move |m| !m.meta.deleted && &m.family == family)
    }

    /// A family's live records of one kind.
    pub fn live_of<'a, T: Stored + 'a>(
        &'a self,
        family: &'a Id,
    ) -> impl Iterator<Item = &'a T> + 'a {
        T::map(self)
            .values()
            .filter(move |r| !r.meta().deleted && r.family_id() == Some(family))
    }

    /// A child's live milestone checks, oldest first.
    pub fn checks_of(&self, child: &Id) -> Vec<&MilestoneCheck> {
        oldest_first(self.milestone_checks.values().filter(|c| &c.child == child))
    }

    /// Counts of live readings of each instrument for one family, or for all when `None`.
    pub fn reading_counts(&self, family: Option<&Id>) -> ReadingCounts {
        fn count<T: Stored>(ws: &Workspace, family: Option<&Id>) -> usize {
            T::map(ws)
                .values()
                .filter(|r| !r.meta().deleted && (family.is_none() || r.family_id() == family))
                .count()
        }
        ReadingCounts {
            wheels: count::<crate::domain::wheel::WheelReading>(self, family),
            milestones: count::<crate::domain::milestone::MilestoneCheck>(self, family),
            scales: count::<crate::domain::scale::ScaleAnswer>(self, family),
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
        let mut out = Workspace::default();
        for_each_kind!(T => {
            for (k, v) in T::map(self).iter().filter(|(_, r)| r.family_id() == Some(family)) {
                T::map_mut(&mut out).insert(k.clone(), v.clone());
            }
        });
        out
    }

    /// The records shared by every family: settings and the loaded wheels and frameworks.
    pub fn shared_part(&self) -> Workspace {
        let mut out = Workspace {
            settings: self.settings.clone(),
            ..Workspace::default()
        };
        for_each_kind!(T => {
            if T::CLASS == Class::Shared {
                *T::map_mut(&mut out) = T::map(self).clone();
            }
        });
        out
    }

    /// Ids of every family that has any record here (for storage shards).
    pub fn family_ids(&self) -> BTreeSet<Id> {
        let mut ids = BTreeSet::new();
        for_each_kind!(T => {
            for r in T::map(self).values() {
                if let Some(f) = r.family_id() {
                    ids.insert(f.clone());
                }
            }
        });
        ids
    }

    /// Number of records of every kind, deletion marks included.
    pub fn record_count(&self) -> usize {
        let mut n = usize::from(self.settings.is_some());
        for_each_kind!(T => { n += T::map(self).len(); });
        n
    }

    /// The records of each of the given families, in one pass over the workspace (rather than
    /// one pass per family): what saving an import of hundreds of families needs.
    pub fn parts(&self, families: &BTreeSet<Id>) -> BTreeMap<Id, Workspace> {
        let mut out: BTreeMap<Id, Workspace> = BTreeMap::new();
        for f in families {
            out.insert(f.clone(), Workspace::default());
        }
        for_each_kind!(T => {
            for (id, r) in T::map(self) {
                if let Some(part) = r.family_id().and_then(|f| out.get_mut(f)) {
                    T::map_mut(part).insert(id.clone(), r.clone());
                }
            }
        });
        out
    }

    /// When the oldest live family was first entered.
    pub fn first_entered(&self) -> Option<Millis> {
        self.live_families().map(|f| f.meta.created).min()
    }

    /// True when there is data and nothing has been exported for 7 days (counting from the
    /// first entry when there has never been an export).
    pub fn export_reminder_due(&self, last_export: Option<Millis>, now: Millis) -> bool {
        let Some(first) = self.first_entered() else {
            return false;
        };
        let since = last_export.unwrap_or(first);
        since.days_until(now) >= EXPORT_REMINDER_DAYS
    }

    /// The family a family's own device is about: the first open family entered, or else the
    /// first entered.
    pub fn own_family(&self) -> Option<Id> {
        let pick = |open: bool| {
            self.live_families()
                .filter(|f| !open || f.closed.is_none())
                .min_by_key(|f| (f.meta.created, f.meta.id.clone()))
                .map(|f| f.meta.id.clone())
        };
        pick(true).or_else(|| pick(false))
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
