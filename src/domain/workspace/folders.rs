//! The workspace: one **folder** per family (the family and every record of it, immutable and
//! shared: `Arc<Folder>`), and one shared part (settings, the wheels and frameworks a service
//! loaded). One family is the unit of data: it is what a stored value, a team's document and a
//! family's file hold, and here what a change copies, a save encodes and a page about a family
//! reads, so each costs that family, not the whole service.
//!
//! A folder is changed by copying it (`Arc::make_mut`) unless nothing else holds it; an undo and
//! a page still showing the old version keep theirs. A [`ChangeSet`] says which folders an action
//! changed, from what to what; its inverse puts back what the action changed, and only that.

use super::kinds::{for_each_kind, Class, Records, Stored, KIND_NAMES};
use super::settings::Settings;
use crate::domain::base::Id;
use crate::domain::case::Family;
use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;
use std::sync::Arc;

/// One family and every record of it (only the kinds that belong to a family are filled).
pub type Folder = Records;

/// Everything Waymark holds, as folders. Equal when the same records are held.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    folders: BTreeMap<Id, Arc<Folder>>,
    shared: Arc<Records>,
    /// Which family each record (but families and shared records) belongs to, per kind (in
    /// [`KIND_NAMES`] order), so a record can be found by its id alone.
    home: Vec<HashMap<Id, Id>>,
}

/// The kind's place in [`KIND_NAMES`] (its index in [`Workspace::home`]).
fn kind_index<T: Stored>() -> usize {
    KIND_NAMES.iter().position(|n| *n == T::NAME).unwrap_or(0)
}

/// `map` without `id` (and what it held there): rebuilt with `insert` rather than taken out
/// with `BTreeMap::remove`, whose code is large in wasm and would come once per kind of map.
fn without<V>(map: &mut BTreeMap<Id, V>, id: &Id) -> Option<V> {
    let mut out = None;
    for (k, v) in std::mem::take(map) {
        if &k == id {
            out = Some(v);
        } else {
            map.insert(k, v);
        }
    }
    out
}

impl PartialEq for Workspace {
    fn eq(&self, other: &Self) -> bool {
        // An emptied folder is kept (taking it out of a large map costs more than it saves) and
        // is the same as none.
        self.folders().eq(other.folders()) && self.shared == other.shared
    }
}

impl Eq for Workspace {}

/// Where a record lives.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// A family's folder (a family, or one of its records).
    Family(Id),
    /// The shared part: settings, loaded wheels and frameworks.
    Shared,
}

/// One kind of record across the workspace, read like a map: `ws.members().get(id)`.
pub struct View<'a, T> {
    ws: &'a Workspace,
    kind: PhantomData<T>,
}

impl<'a, T: Stored> View<'a, T> {
    pub fn get(&self, id: &Id) -> Option<&'a T> {
        self.ws.get::<T>(id)
    }
    pub fn contains_key(&self, id: &Id) -> bool {
        self.get(id).is_some()
    }
    /// Every record of the kind: family by family (in id order), each family's in id order.
    pub fn values(&self) -> impl Iterator<Item = &'a T> + 'a {
        self.ws.all::<T>()
    }
    pub fn iter(&self) -> impl Iterator<Item = (&'a Id, &'a T)> + 'a {
        self.ws.parts().flat_map(|r| T::map(r).iter())
    }
    pub fn keys(&self) -> impl Iterator<Item = &'a Id> + 'a {
        self.iter().map(|(k, _)| k)
    }
    pub fn len(&self) -> usize {
        self.ws.parts().map(|r| T::map(r).len()).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The kinds' names as methods: `ws.families().get(id)`.
macro_rules! views {
    ($($(#[$a:meta])* $field:ident: $t:ty),*) => {
        impl Workspace {
            $(
                $(#[$a])*
                pub fn $field(&self) -> View<'_, $t> {
                    self.kind::<$t>()
                }
            )*
        }
    };
}
super::kinds::with_kinds!(views);

impl Workspace {
    /// Every record of `records` in its folder.
    pub fn from_records(records: Records) -> Workspace {
        let mut ws = Workspace::default();
        ws.put_all(records);
        ws
    }

    /// Every record, as one set of records (a file of everything). Copies every record.
    pub fn to_records(&self) -> Records {
        let mut out = (*self.shared).clone();
        for f in self.folders.values() {
            for_each_kind!(T => {
                if T::CLASS != Class::Shared {
                    T::map_mut(&mut out).extend(T::map(f).iter().map(|(k, v)| (k.clone(), v.clone())));
                }
            });
        }
        out
    }

    /// Puts every record of `records` in, replacing any with the same id.
    pub fn put_all(&mut self, mut records: Records) {
        if let Some(s) = records.settings.take() {
            self.set_settings(Some(s));
        }
        for_each_kind!(T => {
            for (_, r) in std::mem::take(T::map_mut(&mut records)) {
                self.put(r);
            }
        });
    }

    /// The kind `T` across the workspace.
    pub fn kind<T: Stored>(&self) -> View<'_, T> {
        View {
            ws: self,
            kind: PhantomData,
        }
    }

    /// A family's folder (`None` where it holds nothing).
    pub fn folder(&self, family: &Id) -> Option<&Arc<Folder>> {
        self.folders.get(family).filter(|f| !f.is_empty())
    }

    /// Every folder that holds anything, in family id order.
    pub fn folders(&self) -> impl Iterator<Item = (&Id, &Arc<Folder>)> {
        self.folders.iter().filter(|(_, f)| !f.is_empty())
    }

    /// The shared part: settings, loaded wheels and frameworks.
    pub fn shared(&self) -> &Arc<Records> {
        &self.shared
    }

    /// The folder or shared part at `place` (`None`: an empty folder).
    pub fn part(&self, place: &Place) -> Option<&Arc<Records>> {
        match place {
            Place::Family(f) => self.folder(f),
            Place::Shared => Some(&self.shared),
        }
    }

    /// Every folder, then the shared part.
    fn parts(&self) -> impl Iterator<Item = &Records> {
        self.folders
            .values()
            .map(|f| &**f)
            .chain(std::iter::once(&*self.shared))
    }

    pub fn settings(&self) -> Option<&Settings> {
        self.shared.settings.as_ref()
    }

    /// A family's own record.
    pub fn family(&self, id: &Id) -> Option<&Family> {
        self.folders.get(id)?.families.get(id)
    }

    /// The family a record of kind `T` belongs to (its own id for a family).
    pub fn home_of<T: Stored>(&self, id: &Id) -> Option<&Id> {
        match T::CLASS {
            Class::Shared => None,
            Class::Family => self
                .folders
                .get_key_value(id)
                .filter(|(_, f)| !f.families.is_empty())
                .map(|(k, _)| k),
            _ => self.home.get(kind_index::<T>())?.get(id),
        }
    }

    /// A record of kind `T` by its id.
    pub fn get<T: Stored>(&self, id: &Id) -> Option<&T> {
        match T::CLASS {
            Class::Shared => T::map(&self.shared).get(id),
            _ => T::map(self.folders.get(self.home_of::<T>(id)?)?).get(id),
        }
    }

    /// Every record of kind `T`: family by family, each family's in id order.
    pub fn all<T: Stored>(&self) -> impl Iterator<Item = &T> {
        self.parts().flat_map(|r| T::map(r).values())
    }

    /// Where a record is kept.
    pub fn place_of<T: Stored>(r: &T) -> Place {
        match r.family_id() {
            Some(f) if T::CLASS != Class::Shared => Place::Family(f.clone()),
            _ => Place::Shared,
        }
    }

    /// The folder or shared part at `place`, to change (copied first if an undo or a page still
    /// holds it).
    fn part_mut(&mut self, place: &Place) -> &mut Records {
        match place {
            Place::Family(f) => Arc::make_mut(self.folders.entry(f.clone()).or_default()),
            Place::Shared => Arc::make_mut(&mut self.shared),
        }
    }

    /// Puts a record in its folder, replacing one with the same id (a record that moved to
    /// another family leaves its old folder).
    pub fn put<T: Stored>(&mut self, r: T) {
        let place = Self::place_of(&r);
        let id = r.meta().id.clone();
        if let (Place::Family(f), Class::Reading | Class::Member) = (&place, T::CLASS) {
            let was = self
                .home_mut(kind_index::<T>())
                .insert(id.clone(), f.clone());
            if let Some(old) = was.filter(|old| old != f) {
                self.take_from::<T>(&old, &id);
            }
        }
        T::map_mut(self.part_mut(&place)).insert(id, r);
    }

    /// Takes a record out (no mark is left: what an undone import added, or a deleted family's
    /// records written by id).
    pub fn remove<T: Stored>(&mut self, id: &Id) -> Option<T> {
        match T::CLASS {
            Class::Shared => without(T::map_mut(Arc::make_mut(&mut self.shared)), id),
            Class::Family => self.take_from::<T>(&id.clone(), id),
            _ => {
                let f = self.home_mut(kind_index::<T>()).remove(id)?;
                self.take_from::<T>(&f, id)
            }
        }
    }

    fn home_mut(&mut self, kind: usize) -> &mut HashMap<Id, Id> {
        if self.home.len() <= kind {
            self.home.resize_with(KIND_NAMES.len(), HashMap::new);
        }
        &mut self.home[kind]
    }

    /// Takes record `id` of kind `T` out of `family`'s folder; an emptied folder goes.
    fn take_from<T: Stored>(&mut self, family: &Id, id: &Id) -> Option<T> {
        let folder = self.folders.get_mut(family)?;
        if !T::map(folder).contains_key(id) {
            return None;
        }
        without(T::map_mut(Arc::make_mut(folder)), id)
    }

    /// Changes record `id` of kind `T` in place (its folder copied first if anything else holds
    /// it); false if there is none. For tests and tools: the app changes records by actions.
    pub fn update<T: Stored>(&mut self, id: &Id, f: impl FnOnce(&mut T)) -> bool {
        let Some(mut r) = self.get::<T>(id).cloned() else {
            return false;
        };
        f(&mut r);
        self.put(r);
        true
    }

    pub fn set_settings(&mut self, s: Option<Settings>) {
        if self.shared.settings != s {
            Arc::make_mut(&mut self.shared).settings = s;
        }
    }

    /// Replaces a family's folder (or the shared part) wholesale: what is stored for it, read
    /// back. An empty one is no folder at all.
    pub fn set_part(&mut self, place: &Place, with: Arc<Records>) {
        match place {
            Place::Shared => self.shared = with,
            Place::Family(f) => {
                let old = self.folders.insert(f.clone(), with.clone());
                for_each_kind!(T => {
                    if matches!(T::CLASS, Class::Reading | Class::Member) {
                        let h = self.home_mut(kind_index::<T>());
                        if let Some(old) = &old {
                            for id in T::map(old).keys() {
                                h.remove(id);
                            }
                        }
                        for id in T::map(&with).keys() {
                            h.insert(id.clone(), f.clone());
                        }
                    }
                });
            }
        }
    }
}

/// What an action (or a merge) changed: each folder it changed, as it was before and after
/// (`None`: no such folder), and the shared part likewise, in order of place. Holding a change
/// set costs the folders' `Arc`s, not copies of their records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet {
    parts: Vec<Change>,
}

/// One part of the workspace a change set changed: where, before and after.
pub type Change = (Place, Option<Arc<Records>>, Option<Arc<Records>>);

impl ChangeSet {
    /// Notes `place` as it is now in `ws`, before its first change.
    pub fn before(&mut self, ws: &Workspace, place: &Place) {
        if let Err(at) = self.parts.binary_search_by(|(p, ..)| p.cmp(place)) {
            self.parts
                .insert(at, (place.clone(), ws.part(place).cloned(), None));
        }
    }

    /// Notes each changed part as it is now in `ws` (after the change); a part that ended as it
    /// began is not a change.
    pub fn after(mut self, ws: &Workspace) -> ChangeSet {
        for (place, _, after) in self.parts.iter_mut() {
            *after = ws.part(place).cloned();
        }
        self.parts.retain(|(_, b, a)| match (b, a) {
            (Some(b), Some(a)) => !Arc::ptr_eq(b, a) && b != a,
            (None, None) => false,
            _ => true,
        });
        self
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Every part changed: where, before, after.
    pub fn parts(&self) -> &[Change] {
        &self.parts
    }

    /// The part changed at `place`, if it was.
    pub fn get(&self, place: &Place) -> Option<&Change> {
        self.parts
            .binary_search_by(|(p, ..)| p.cmp(place))
            .ok()
            .map(|i| &self.parts[i])
    }

    /// The families whose folders changed.
    pub fn families(&self) -> impl Iterator<Item = &Id> {
        self.parts.iter().filter_map(|(p, ..)| match p {
            Place::Family(f) => Some(f),
            Place::Shared => None,
        })
    }

    /// True when the shared part changed.
    pub fn shared(&self) -> bool {
        self.get(&Place::Shared).is_some()
    }

    /// Calls `f` with each record of kind `T` the change set changed: its version before
    /// (`None`: added) and after (`None`: taken out).
    pub fn each_changed<T: Stored>(&self, mut f: impl FnMut(Option<&T>, Option<&T>)) {
        let empty = Records::default();
        for (_, before, after) in &self.parts {
            let b = T::map(before.as_deref().unwrap_or(&empty));
            let a = T::map(after.as_deref().unwrap_or(&empty));
            for (id, r) in b {
                match a.get(id) {
                    Some(x) if x == r => {}
                    other => f(Some(r), other),
                }
            }
            for (id, r) in a {
                if !b.contains_key(id) {
                    f(None, Some(r));
                }
            }
        }
    }
}

impl Records {
    /// True when it holds no record (nor settings).
    pub fn is_empty(&self) -> bool {
        self.record_count() == 0
    }

    /// Puts a record in, replacing one with the same id.
    pub fn put<T: Stored>(&mut self, r: T) {
        T::map_mut(self).insert(r.meta().id.clone(), r);
    }

    /// Number of records of every kind, deletion marks included (and settings).
    pub fn record_count(&self) -> usize {
        let mut n = usize::from(self.settings.is_some());
        for_each_kind!(T => { n += T::map(self).len(); });
        n
    }
}

/// Records in memory, indexed: a workspace, or a file's records as read.
pub trait Lookup {
    fn family(&self, id: &Id) -> Option<&Family>;
    fn member(&self, id: &Id) -> Option<&crate::domain::case::Member>;
    fn question(&self, id: &Id) -> Option<&crate::domain::scale::FamilyQuestion>;
    #[cfg(feature = "staff")]
    fn need(&self, id: &Id) -> Option<&crate::domain::claim::Need>;
}

impl Lookup for Workspace {
    fn family(&self, id: &Id) -> Option<&Family> {
        Workspace::family(self, id)
    }
    fn member(&self, id: &Id) -> Option<&crate::domain::case::Member> {
        self.get(id)
    }
    fn question(&self, id: &Id) -> Option<&crate::domain::scale::FamilyQuestion> {
        self.get(id)
    }
    #[cfg(feature = "staff")]
    fn need(&self, id: &Id) -> Option<&crate::domain::claim::Need> {
        self.get(id)
    }
}

impl Lookup for Records {
    fn family(&self, id: &Id) -> Option<&Family> {
        self.families.get(id)
    }
    fn member(&self, id: &Id) -> Option<&crate::domain::case::Member> {
        self.members.get(id)
    }
    fn question(&self, id: &Id) -> Option<&crate::domain::scale::FamilyQuestion> {
        self.questions.get(id)
    }
    #[cfg(feature = "staff")]
    fn need(&self, id: &Id) -> Option<&crate::domain::claim::Need> {
        self.needs.get(id)
    }
}
