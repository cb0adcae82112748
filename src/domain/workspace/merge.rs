//! Merging by record id, then field by field ([`fields`]): each field's latest change wins, and
//! a free-text field changed in two places keeps both versions. Records from before field
//! clocks are ordered by (updated time, device id, canonical JSON) and the greater wins. Merging
//! is a join: the result is the same whatever the order of imports, and merging the same file
//! twice changes nothing. A deletion is a change like any other (the record stays as a mark).

#[cfg(feature = "staff")]
use super::fields;
use super::folders::{ChangeSet, Workspace};
use super::kinds::{for_each_kind, Class, Records, Stored};
use super::settings::Settings;
use crate::domain::base::{Id, Record};
use crate::domain::case::MemberRole;
#[cfg(not(feature = "staff"))]
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

pub use super::fields::compare_versions;

/// Two versions of a record merged: field by field in the worker's build; in the family's
/// build (which writes no field clocks) the later version whole, which is what field by field
/// gives for records without clocks.
#[cfg(feature = "staff")]
fn merge_record<T: Record + serde::de::DeserializeOwned>(ours: &T, theirs: &T) -> T {
    fields::merge_record(ours, theirs)
}

#[cfg(not(feature = "staff"))]
fn merge_record<T: Record>(ours: &T, theirs: &T) -> T {
    if compare_versions(theirs, ours) == Ordering::Greater {
        theirs.clone()
    } else {
        ours.clone()
    }
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

/// Where a merge writes: into a workspace (noting each folder before it changes, for undo),
/// into a set of records (several files made one), or nowhere (a preview that copies nothing).
/// One type rather than a trait, so the merge is compiled once, not once per target.
enum Target<'a> {
    Write(&'a mut Workspace, Option<&'a mut ChangeSet>),
    Look(&'a Workspace),
    #[cfg(feature = "staff")]
    Flat(&'a mut Records),
}

impl Target<'_> {
    fn get<T: Stored>(&self, id: &Id) -> Option<&T> {
        match self {
            Target::Write(ws, _) => ws.get(id),
            Target::Look(ws) => ws.get(id),
            #[cfg(feature = "staff")]
            Target::Flat(rs) => T::map(rs).get(id),
        }
    }
    #[inline(never)]
    fn put<T: Stored>(&mut self, r: &T) {
        match self {
            Target::Write(ws, changes) => {
                if let Some(changes) = changes.as_deref_mut() {
                    if let Some(old) = ws.get::<T>(&r.meta().id) {
                        changes.before(ws, &Workspace::place_of(old));
                    }
                    changes.before(ws, &Workspace::place_of(r));
                }
                ws.put(r.clone());
            }
            Target::Look(_) => {}
            #[cfg(feature = "staff")]
            Target::Flat(rs) => {
                T::map_mut(rs).insert(r.meta().id.clone(), r.clone());
            }
        }
    }
    fn settings(&self) -> Option<&Settings> {
        match self {
            Target::Write(ws, _) => ws.settings(),
            Target::Look(ws) => ws.settings(),
            #[cfg(feature = "staff")]
            Target::Flat(rs) => rs.settings.as_ref(),
        }
    }
    fn put_settings(&mut self, s: &Settings) {
        match self {
            Target::Write(ws, changes) => {
                if let Some(changes) = changes.as_deref_mut() {
                    changes.before(ws, &super::folders::Place::Shared);
                }
                ws.set_settings(Some(s.clone()));
            }
            Target::Look(_) => {}
            #[cfg(feature = "staff")]
            Target::Flat(rs) => rs.settings = Some(s.clone()),
        }
    }
}

/// Merges one kind of record. `moved_from` gets the family of each version replaced by one that
/// belongs to another family (its storage shard must be written too).
fn merge_map<T: Stored>(
    target: &mut Target,
    incoming: &BTreeMap<Id, T>,
    moved_from: &mut BTreeSet<Id>,
    mut on: impl FnMut(Outcome, &T),
) {
    for (id, theirs) in incoming {
        // A deletion mark from elsewhere may still carry content (files from before field
        // clocks): it is kept without it, like our own.
        let scrubbed;
        let theirs = if theirs.meta().deleted && theirs.meta().clocks.is_empty() {
            let mut t = theirs.clone();
            t.scrub();
            scrubbed = t;
            &scrubbed
        } else {
            theirs
        };
        let (outcome, merged) = match target.get::<T>(id) {
            None => (Outcome::Added, theirs.clone()),
            Some(ours) => {
                let merged = merge_record(ours, theirs);
                let outcome = if merged == *ours {
                    if theirs == ours {
                        Outcome::Same
                    } else {
                        Outcome::Kept
                    }
                } else {
                    if let Some(f) = ours.family_id().filter(|&f| Some(f) != merged.family_id()) {
                        moved_from.insert(f.clone());
                    }
                    Outcome::Updated
                };
                (outcome, merged)
            }
        };
        on(outcome, &merged);
        if matches!(outcome, Outcome::Added | Outcome::Updated) {
            target.put(&merged);
        }
    }
}

/// Merges `incoming` into `local` and reports what changed.
pub fn merge(local: &mut Workspace, incoming: &Records) -> MergeReport {
    merge_into(&mut Target::Write(local, None), incoming)
}

/// Takes into `read` (everything read from storage) the parts of `early` (what memory held before:
/// folders read ahead of the others, and changed since): a part that `read` holds the same stays
/// `early`'s very part (so whatever shows it is not drawn again), and one that differs is merged
/// in (so a change made meanwhile is not lost).
pub fn adopt(read: &mut Workspace, early: &Workspace) {
    use super::folders::Place;
    for (id, folder) in early.folders() {
        if read.folder(id) == Some(folder) {
            read.set_part(&Place::Family(id.clone()), folder.clone());
        } else {
            merge(read, folder);
        }
    }
    if read.shared() == early.shared() {
        read.set_part(&Place::Shared, early.shared().clone());
    } else {
        merge(read, early.shared());
    }
}

/// [`merge`], noting in `changes` each folder as it was before the merge changed it (an
/// import's undo puts back what it changed).
pub fn merge_noting(
    local: &mut Workspace,
    incoming: &Records,
    changes: &mut ChangeSet,
) -> MergeReport {
    merge_into(&mut Target::Write(local, Some(changes)), incoming)
}

#[cfg(feature = "staff")]
/// Several files as one (a service manager's workers' exports, brought in together): each is
/// merged in by the usual rules, so the order they come in makes no difference.
pub fn combine(files: impl IntoIterator<Item = Records>) -> Records {
    let mut all = Records::default();
    for f in files {
        merge_into(&mut Target::Flat(&mut all), &f);
    }
    all
}

#[cfg(feature = "staff")]
/// Merges `incoming` into the set of records `local` (documents of a team's server gathered
/// before they are merged into the workspace at once).
pub fn merge_flat(local: &mut Records, incoming: &Records) -> MergeReport {
    merge_into(&mut Target::Flat(local), incoming)
}

/// What importing `incoming` would do, without changing (or copying) `local`.
pub fn preview(local: &Workspace, incoming: &Records) -> MergeReport {
    merge_into(&mut Target::Look(local), incoming)
}

fn merge_into(local: &mut Target, incoming: &Records) -> MergeReport {
    let mut rep = MergeReport::default();
    let mut moved_from = BTreeSet::new();
    let mut templates_changed = false;
    for_each_kind!(T => {
        merge_map::<T>(local, T::map(incoming), &mut moved_from, |o, r| {
            let (deleted, fam) = (r.meta().deleted, r.family_id());
            let changed = matches!(o, Outcome::Added | Outcome::Updated);
            match T::CLASS {
                Class::Family => {
                    let id = r.meta().id.clone();
                    match o {
                        Outcome::Added if !deleted => rep.families_added.push(id),
                        Outcome::Updated => rep.families_updated.push(id),
                        Outcome::Kept => rep.families_kept.push(id),
                        _ => {}
                    }
                }
                Class::Member => match o {
                    Outcome::Added => rep.members_added += 1,
                    Outcome::Updated => rep.members_updated += 1,
                    _ => {}
                },
                Class::Reading => match o {
                    Outcome::Added if !deleted => rep.readings_added += 1,
                    Outcome::Updated => rep.readings_updated += 1,
                    Outcome::Kept => rep.readings_kept += 1,
                    _ => {}
                },
                Class::Shared => templates_changed |= changed,
            }
            if T::CLASS != Class::Shared {
                if changed {
                    if let Some(f) = fam {
                        rep.touched_families.insert(f.clone());
                    }
                }
                if o == Outcome::Same {
                    rep.unchanged += 1;
                }
            }
        });
    });
    rep.settings_changed |= templates_changed;
    rep.touched_families.extend(moved_from);
    if let Some(theirs) = &incoming.settings {
        let merged = match local.settings() {
            None => Some(theirs.clone()),
            Some(ours) => Some(merge_record(ours, theirs)).filter(|m| m != ours),
        };
        if let Some(m) = merged {
            local.put_settings(&m);
            rep.settings_changed = true;
        }
    }
    rep
}

/// A family's own file (shared from their phone) re-homed onto a family on this device, so that a
/// worker never retypes it: the file's family record is left out (this device's record stays as
/// it is); its people are matched to this family's people by role and name (ignoring case and
/// spaces), and those not found are added; every reading, answer, question, goal and set of
/// three houses is moved to `to`, keeping its id (so attaching the same file twice adds nothing
/// new). The result is merged as any import is, after the same preview.
///
/// `None` unless the file holds exactly one family that is not deleted.
pub fn attach(incoming: &Records, target: &Workspace, to: &Id) -> Option<Records> {
    let mut live = incoming.families.values().filter(|f| !f.meta.deleted);
    let from = live.next()?.meta.id.clone();
    if live.next().is_some() || target.family(to).is_none_or(|f| f.meta.deleted) {
        return None;
    }
    let key = |role: MemberRole, name: &str| (role, name.trim().to_lowercase());
    let ours: Vec<((MemberRole, String), Id)> = target
        .live_members_of(to)
        .map(|m| (key(m.role, &m.name), m.meta.id.clone()))
        .collect();
    let mut out = Records::default();
    let mut people: Vec<(Id, Id)> = Vec::new();
    for m in incoming.members.values().filter(|m| m.family == from) {
        let mut m = m.clone();
        let mapped = if m.meta.deleted {
            None
        } else {
            ours.iter()
                .find(|(k, _)| *k == key(m.role, &m.name))
                .map(|(_, id)| id.clone())
        };
        match mapped {
            Some(id) => people.push((m.meta.id.clone(), id)),
            None => {
                m.family = to.clone();
                out.members.insert(m.meta.id.clone(), m);
            }
        }
    }
    let person = |c: &Id| {
        people
            .iter()
            .find(|(from, _)| from == c)
            .map_or_else(|| c.clone(), |(_, to)| to.clone())
    };
    // Every reading, answer, question, goal and set of three houses, moved to `to`.
    for_each_kind!(T => {
        if T::CLASS == Class::Reading {
            for r in T::map(incoming).values().filter(|r| r.family_id() == Some(&from)) {
                let mut r = r.clone();
                r.rehome(to, &person);
                T::map_mut(&mut out).insert(r.meta().id.clone(), r);
            }
        }
    });
    Some(out)
}
