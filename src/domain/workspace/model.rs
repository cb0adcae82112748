//! What a workspace can tell about itself: its families and people, one family's part of it,
//! counts, reviews' default, and when to offer an export. A question about one family reads that
//! family's folder only.

use super::folders::{Folder, Workspace};
use super::kinds::{Records, Stored};
use super::settings::DEFAULT_REVIEW_WEEKS;
use crate::domain::base::record::oldest_first;
use crate::domain::base::{Id, Millis};
use crate::domain::case::{Family, Member};
use crate::domain::milestone::MilestoneCheck;
use crate::domain::scale::{self, Asked, LibraryQuestion};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Days without an export after which Waymark offers one.
pub const EXPORT_REMINDER_DAYS: i64 = 7;

static EMPTY: std::sync::OnceLock<Arc<Folder>> = std::sync::OnceLock::new();

impl Workspace {
    /// The questions to put to a family today, as [`scale::to_ask`] chooses them from those
    /// asked for them: the one about their goal waits until they have a goal (or answered it
    /// before). One list for the questions page, "Question 2 of 7" and "Next question".
    pub fn questions_today(&self, family: &Id, lib: &[LibraryQuestion], lang: &str) -> Vec<Asked> {
        let folder = self.folder_or_empty(family);
        let has_goal = folder
            .goals
            .values()
            .any(|g| !g.meta.deleted && &g.family == family);
        let asked = scale::asked_for(folder.questions.values(), family, lib, lang);
        scale::to_ask(asked, has_goal, |q| {
            folder
                .scale_answers
                .values()
                .any(|a| !a.meta.deleted && &a.family == family && &a.question == q)
        })
    }

    /// A family's folder, or an empty one.
    pub fn folder_or_empty(&self, family: &Id) -> &Folder {
        self.folder(family)
            .unwrap_or_else(|| EMPTY.get_or_init(Default::default))
    }

    /// Families not deleted, in id order.
    pub fn live_families(&self) -> impl Iterator<Item = &Family> {
        self.families().values().filter(|f| !f.meta.deleted)
    }

    pub fn live_members_of<'a>(&'a self, family: &'a Id) -> impl Iterator<Item = &'a Member> + 'a {
        self.folder_or_empty(family)
            .members
            .values()
            .filter(move |m| !m.meta.deleted && &m.family == family)
    }

    /// A family's live records of one kind.
    pub fn live_of<'a, T: Stored + 'a>(
        &'a self,
        family: &'a Id,
    ) -> impl Iterator<Item = &'a T> + 'a {
        T::map(self.folder_or_empty(family))
            .values()
            .filter(move |r| !r.meta().deleted && r.family_id() == Some(family))
    }

    /// A child's live milestone checks, oldest first.
    pub fn checks_of(&self, child: &Id) -> Vec<&MilestoneCheck> {
        let Some(family) = self.home_of::<Member>(child) else {
            return Vec::new();
        };
        oldest_first(
            self.folder_or_empty(family)
                .milestone_checks
                .values()
                .filter(|c| &c.child == child),
        )
    }

    /// Counts of live readings of each instrument for one family, or for all when `None`.
    pub fn reading_counts(&self, family: Option<&Id>) -> ReadingCounts {
        match family {
            Some(f) => self.folder_or_empty(f).reading_counts(),
            None => {
                let mut n = ReadingCounts::default();
                for (_, f) in self.folders() {
                    let c = f.reading_counts();
                    n.wheels += c.wheels;
                    n.milestones += c.milestones;
                    n.scales += c.scales;
                }
                n
            }
        }
    }

    /// True when the workspace holds nothing a person entered (marks of deletions aside).
    pub fn is_empty(&self) -> bool {
        self.live_families().next().is_none()
    }

    pub fn review_weeks(&self) -> u8 {
        self.settings()
            .filter(|s| !s.meta.deleted)
            .map_or(DEFAULT_REVIEW_WEEKS, |s| s.review_weeks)
    }

    /// Weeks between reviews for one family: its own setting, or the default.
    pub fn review_weeks_for(&self, family: &Id) -> u8 {
        self.family(family)
            .and_then(|f| f.review_weeks)
            .unwrap_or_else(|| self.review_weeks())
    }

    /// The part of the workspace that belongs to one family (its records only), shared.
    pub fn family_part(&self, family: &Id) -> Arc<Folder> {
        self.folder(family).cloned().unwrap_or_default()
    }

    /// The records shared by every family: settings and the loaded wheels and frameworks.
    pub fn shared_part(&self) -> Arc<Records> {
        self.shared().clone()
    }

    /// Ids of every family that has any record here (for storage values).
    pub fn family_ids(&self) -> BTreeSet<Id> {
        self.folders().map(|(f, _)| f.clone()).collect()
    }

    /// Number of records of every kind, deletion marks included.
    pub fn record_count(&self) -> usize {
        self.folders().map(|(_, f)| f.record_count()).sum::<usize>() + self.shared().record_count()
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

impl Records {
    /// Families not deleted, in id order.
    pub fn live_families(&self) -> impl Iterator<Item = &Family> {
        self.families.values().filter(|f| !f.meta.deleted)
    }

    /// Counts of live readings of each instrument.
    pub fn reading_counts(&self) -> ReadingCounts {
        let live = |n: usize| n;
        ReadingCounts {
            wheels: live(
                self.wheel_readings
                    .values()
                    .filter(|r| !r.meta.deleted)
                    .count(),
            ),
            milestones: live(
                self.milestone_checks
                    .values()
                    .filter(|r| !r.meta.deleted)
                    .count(),
            ),
            scales: live(
                self.scale_answers
                    .values()
                    .filter(|r| !r.meta.deleted)
                    .count(),
            ),
        }
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
