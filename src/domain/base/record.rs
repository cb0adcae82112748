//! The [`Record`] trait over every kind of record (each carries a [`Meta`]); who gave a reading;
//! and the one order readings are kept in.

use super::id::Id;
pub use super::meta::{is_false, Meta};
use super::problem::Checker;
use super::time::Millis;
use crate::domain::base::sort;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The fields of a kind of record by their names in files (`meta` aside): every one, and those
/// that hold free text a person typed. Merging goes field by field over `FIELDS`, and keeps both
/// versions of a `TEXT` field changed in two places; `tests/fields.rs` checks each list against
/// the names serde writes, so a renamed field cannot silently change how it merges.
pub trait Fields {
    const FIELDS: &'static [&'static str];
    const TEXT: &'static [&'static str] = &[];
}

/// Declares a kind of record's [`Fields`]: `fields!(Member, [family, role, name], [name]);`.
macro_rules! fields {
    ($t:ty, [$($f:ident),* $(,)?] $(, [$($x:ident),* $(,)?])?) => {
        impl $crate::domain::base::record::Fields for $t {
            const FIELDS: &'static [&'static str] = &[$(stringify!($f)),*];
            $(const TEXT: &'static [&'static str] = &[$(stringify!($x)),*];)?
        }
    };
}
pub(crate) use fields;

/// Anything with a [`Meta`]: every kind of record, whichever part of the domain owns it.
pub trait Record: Clone + PartialEq + Serialize + Fields {
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
    /// The family the record belongs to (the family itself for a family; `None` for records
    /// shared by every family, such as a loaded wheel).
    fn family_id(&self) -> Option<&Id>;
    /// The child the record is about, if any.
    fn child_id(&self) -> Option<&Id> {
        None
    }
    /// Moves the record to family `to`, its child to `person(child)`: a family's own file is
    /// attached to a family on a worker's device.
    fn rehome(&mut self, _to: &Id, _person: &dyn Fn(&Id) -> Id) {}
    /// Checks the record's own fields (its links to other records are checked by the
    /// workspace, which holds them).
    fn check(&self, today: NaiveDate, c: &mut Checker);
    /// Empties what a person wrote or scored, keeping what merging needs (the id, the family and
    /// child links, the dates and the bookkeeping): a deletion mark never keeps the content.
    /// Records shared by every family (a service's wheel) have nothing personal and keep theirs.
    fn scrub(&mut self) {}
    /// The plain deletion mark a deleted family leaves for each of its records: `meta` (the
    /// record's id and the family's deletion), the family link, and fixed values in place of
    /// everything else, so that every such mark of a family is known from its id alone. `None`
    /// for a family, and for records shared by every family.
    fn gone(_meta: Meta, _family: &Id) -> Option<Self>
    where
        Self: Sized,
    {
        None
    }
}

/// The date a plain deletion mark ([`Record::gone`]) carries in place of its record's.
pub const GONE_DATE: NaiveDate = super::problem::MIN_DATE;

/// The id a plain deletion mark carries in place of a template, question or stage.
pub fn gone_id() -> Id {
    Id::fixed("gone")
}

/// A deletion mark of `r`: deleted, its content emptied.
pub fn tombstone<T: Record>(mut r: T) -> T {
    r.meta_mut().deleted = true;
    r.scrub();
    r
}

/// Implements [`Record`] for a struct with `meta`: `shared` (no family), `family` (a `family`
/// field) or `family_child` (and an optional `child`); `$check` checks its own fields.
macro_rules! impl_record {
    ($t:ty, $kind:ident, $check:expr) => {
        impl_record!($t, $kind, $check, |_: &mut $t| {});
    };
    ($t:ty, $kind:ident, $check:expr, $scrub:expr) => {
        impl_record!($t, $kind, $check, $scrub, |_: $crate::domain::base::Meta, _: &$crate::domain::base::Id| None);
    };
    ($t:ty, $kind:ident, $check:expr, $scrub:expr, $gone:expr) => {
        impl $crate::domain::base::Record for $t {
            fn meta(&self) -> &$crate::domain::base::Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut $crate::domain::base::Meta {
                &mut self.meta
            }
            fn family_id(&self) -> Option<&$crate::domain::base::Id> {
                impl_record!(@family self $kind)
            }
            fn child_id(&self) -> Option<&$crate::domain::base::Id> {
                impl_record!(@child self $kind)
            }
            fn rehome(
                &mut self,
                to: &$crate::domain::base::Id,
                person: &dyn Fn(&$crate::domain::base::Id) -> $crate::domain::base::Id,
            ) {
                impl_record!(@rehome self to person $kind)
            }
            fn check(&self, today: chrono::NaiveDate, c: &mut $crate::domain::base::Checker) {
                ($check)(self, today, c)
            }
            fn scrub(&mut self) {
                ($scrub)(self)
            }
            fn gone(
                meta: $crate::domain::base::Meta,
                family: &$crate::domain::base::Id,
            ) -> Option<Self> {
                ($gone)(meta, family)
            }
        }
    };
    (@family $s:ident shared) => { None };
    (@family $s:ident $k:ident) => { Some(&$s.family) };
    (@child $s:ident family_child) => { $s.child.as_ref() };
    (@child $s:ident $k:ident) => { None };
    (@rehome $s:ident $to:ident $person:ident shared) => {{
        let _ = ($to, $person);
    }};
    (@rehome $s:ident $to:ident $person:ident family) => {{
        let _ = $person;
        $s.family = $to.clone();
    }};
    (@rehome $s:ident $to:ident $person:ident family_child) => {{
        $s.family = $to.clone();
        $s.child = $s.child.as_ref().map($person);
    }};
}

pub(crate) use impl_record;

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

/// A record that happened on a day: a reading, an answer, a check, a goal set.
pub trait Dated: Record {
    fn date(&self) -> NaiveDate;
    /// The order readings are kept in: by date, then by when they were entered.
    fn when(&self) -> (NaiveDate, Millis) {
        (self.date(), self.meta().created)
    }
}

/// The live records among `items`, oldest first (by date, then when they were entered). The
/// one order every history, chart and "first and latest" uses.
pub fn oldest_first<'a, T: Dated + 'a>(items: impl IntoIterator<Item = &'a T>) -> Vec<&'a T> {
    let mut v: Vec<&T> = items.into_iter().filter(|r| !r.meta().deleted).collect();
    sort::by_key(&mut v, |r| r.when());
    v
}

/// The live records among `items`, newest first (the reverse of [`oldest_first`]).
pub fn newest_first<'a, T: Dated + 'a>(items: impl IntoIterator<Item = &'a T>) -> Vec<&'a T> {
    let mut v = oldest_first(items);
    v.reverse();
    v
}
