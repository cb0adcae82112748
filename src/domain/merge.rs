//! Merging by record id. For each id the "greater" version wins, where versions are ordered by
//! (updated time, device id, canonical JSON). That order is total, so merging is a join: the
//! result is the same whatever the order of imports, and merging the same file twice changes
//! nothing. A deletion is an update like any other (the record stays as a mark).

use super::id::Id;
use super::model::{Record, Stored, Workspace};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Compares two versions of the same record.
pub fn compare_versions<T: Record>(a: &T, b: &T) -> Ordering {
    let (ma, mb) = (a.meta(), b.meta());
    ma.updated
        .cmp(&mb.updated)
        .then_with(|| ma.device.cmp(&mb.device))
        .then_with(|| {
            if a == b {
                Ordering::Equal
            } else {
                let ja = serde_json::to_string(a).unwrap_or_default();
                let jb = serde_json::to_string(b).unwrap_or_default();
                ja.cmp(&jb)
            }
        })
}

/// What a merge did (or, on a copy, would do), per kind of record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub families_added: Vec<Id>,
    pub families_updated: Vec<Id>,
    /// Families whose version in the file is older than the one here: ours is kept.
    pub families_kept: Vec<Id>,
    pub readings_added: usize,
    pub readings_updated: usize,
    pub readings_kept: usize,
    pub members_added: usize,
    pub members_updated: usize,
    pub unchanged: usize,
    /// Families any of whose records changed (for saving).
    pub touched_families: BTreeSet<Id>,
    pub settings_changed: bool,
}

impl MergeReport {
    pub fn changes_anything(&self) -> bool {
        !self.touched_families.is_empty() || self.settings_changed
    }
    /// Records in the file whose newer version here was kept.
    pub fn kept_count(&self) -> usize {
        self.families_kept.len() + self.readings_kept
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Added,
    Updated,
    Kept,
    Same,
}

/// Where a merge writes: into a workspace, or nowhere (a preview that copies nothing).
trait Target {
    fn ws(&self) -> &Workspace;
    fn put<T: Stored>(&mut self, id: &Id, r: &T);
    fn put_settings(&mut self, s: &super::model::Settings);
}

struct Write<'a>(&'a mut Workspace);
struct Look<'a>(&'a Workspace);

impl Target for Write<'_> {
    fn ws(&self) -> &Workspace {
        self.0
    }
    fn put<T: Stored>(&mut self, id: &Id, r: &T) {
        T::map_mut(self.0).insert(id.clone(), r.clone());
    }
    fn put_settings(&mut self, s: &super::model::Settings) {
        self.0.settings = Some(s.clone());
    }
}

impl Target for Look<'_> {
    fn ws(&self) -> &Workspace {
        self.0
    }
    fn put<T: Stored>(&mut self, _: &Id, _: &T) {}
    fn put_settings(&mut self, _: &super::model::Settings) {}
}

fn merge_map<T: Stored>(
    target: &mut impl Target,
    incoming: &BTreeMap<Id, T>,
    mut on: impl FnMut(Outcome, &T),
) {
    for (id, theirs) in incoming {
        let outcome = match T::map(target.ws()).get(id) {
            None => Outcome::Added,
            Some(ours) => match compare_versions(theirs, ours) {
                Ordering::Greater => Outcome::Updated,
                Ordering::Less => Outcome::Kept,
                Ordering::Equal => Outcome::Same,
            },
        };
        on(outcome, theirs);
        if matches!(outcome, Outcome::Added | Outcome::Updated) {
            target.put(id, theirs);
        }
    }
}

/// Merges `incoming` into `local` and reports what changed.
pub fn merge(local: &mut Workspace, incoming: &Workspace) -> MergeReport {
    merge_into(&mut Write(local), incoming)
}

/// What importing `incoming` would do, without changing (or copying) `local`.
pub fn preview(local: &Workspace, incoming: &Workspace) -> MergeReport {
    merge_into(&mut Look(local), incoming)
}

fn merge_into(local: &mut impl Target, incoming: &Workspace) -> MergeReport {
    let mut rep = MergeReport::default();
    let touch = |rep: &mut MergeReport, o: Outcome, fam: Option<&Id>| {
        if matches!(o, Outcome::Added | Outcome::Updated) {
            if let Some(f) = fam {
                rep.touched_families.insert(f.clone());
            }
        }
        if o == Outcome::Same {
            rep.unchanged += 1;
        }
    };
    merge_map(local, &incoming.families, |o, r| {
        let id = r.meta.id.clone();
        match o {
            Outcome::Added if !r.meta.deleted => rep.families_added.push(id),
            Outcome::Updated => rep.families_updated.push(id),
            Outcome::Kept => rep.families_kept.push(id),
            _ => {}
        }
        touch(&mut rep, o, r.family_id());
    });
    merge_map(local, &incoming.members, |o, r| {
        match o {
            Outcome::Added => rep.members_added += 1,
            Outcome::Updated => rep.members_updated += 1,
            _ => {}
        }
        touch(&mut rep, o, r.family_id());
    });
    let reading = |rep: &mut MergeReport, o: Outcome, fam: Option<&Id>, deleted: bool| {
        match o {
            Outcome::Added if !deleted => rep.readings_added += 1,
            Outcome::Updated => rep.readings_updated += 1,
            Outcome::Kept => rep.readings_kept += 1,
            _ => {}
        }
        touch(rep, o, fam);
    };
    merge_map(local, &incoming.wheel_readings, |o, r| {
        reading(&mut rep, o, r.family_id(), r.meta.deleted)
    });
    merge_map(local, &incoming.milestone_checks, |o, r| {
        reading(&mut rep, o, r.family_id(), r.meta.deleted)
    });
    merge_map(local, &incoming.scale_answers, |o, r| {
        reading(&mut rep, o, r.family_id(), r.meta.deleted)
    });
    merge_map(local, &incoming.questions, |o, r| {
        reading(&mut rep, o, r.family_id(), r.meta.deleted)
    });
    merge_map(local, &incoming.three_houses, |o, r| {
        reading(&mut rep, o, r.family_id(), r.meta.deleted)
    });
    merge_map(local, &incoming.goals, |o, r| {
        reading(&mut rep, o, r.family_id(), r.meta.deleted)
    });
    let mut templates_changed = false;
    merge_map(local, &incoming.wheel_templates, |o, _| {
        if matches!(o, Outcome::Added | Outcome::Updated) {
            templates_changed = true;
        }
    });
    merge_map(local, &incoming.frameworks, |o, _| {
        if matches!(o, Outcome::Added | Outcome::Updated) {
            templates_changed = true;
        }
    });
    rep.settings_changed |= templates_changed;
    if let Some(theirs) = &incoming.settings {
        let take = match &local.ws().settings {
            None => true,
            Some(ours) => compare_versions(theirs, ours) == Ordering::Greater,
        };
        if take {
            local.put_settings(theirs);
            rep.settings_changed = true;
        }
    }
    rep
}
