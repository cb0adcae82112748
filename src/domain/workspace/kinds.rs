//! The one list of record kinds, and [`Records`]: records of every kind as a file, a stored
//! value or a family's folder holds them. Everything that handles "every kind of record" (the
//! workspace, its file format, merging, undo, storage layout and validation) is written once over
//! this list, with [`for_each_kind!`]; adding a kind of record means adding one line here (and
//! the compiler then asks for whatever the new kind must provide).

use super::settings::Settings;
use crate::domain::base::{Id, Record};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What part a kind of record plays, for what merging reports and what belongs to a family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// The family itself.
    Family,
    /// A person in a family.
    Member,
    /// A family's reading, answer, check, question, three houses or goal.
    Reading,
    /// Shared by every family: a loaded wheel or framework.
    Shared,
}

/// A kind of record and the collection of [`Records`] it lives in. (What it says about other
/// records is [`super::validate::Linked`], which every kind implements too: checking records
/// asks for it.)
pub trait Stored: Record + DeserializeOwned + Sized + 'static {
    /// The collection's name in files (`wheel_readings`).
    const NAME: &'static str;
    const CLASS: Class;
    fn map(ws: &Records) -> &BTreeMap<Id, Self>;
    fn map_mut(ws: &mut Records) -> &mut BTreeMap<Id, Self>;
}

macro_rules! kinds {
    ($d:tt $( $(#[$attr:meta])* $field:ident : $t:ty => $class:ident $(if $cfg:meta)? ),* $(,)?) => {
        /// Records of every kind, as a file, a stored value or one family's folder holds them.
        /// Collections are keyed by record id; deleted records stay as marks.
        #[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Records {
            $( $(#[cfg($cfg)])? $(#[$attr])* pub $field: BTreeMap<Id, $t>, )*
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub settings: Option<Settings>,
        }

        $(
            $(#[cfg($cfg)])?
            impl Stored for $t {
                const NAME: &'static str = stringify!($field);
                const CLASS: Class = Class::$class;
                fn map(ws: &Records) -> &BTreeMap<Id, Self> {
                    &ws.$field
                }
                fn map_mut(ws: &mut Records) -> &mut BTreeMap<Id, Self> {
                    &mut ws.$field
                }
            }
        )*

        /// The names of the collections, in file order.
        pub const KIND_NAMES: &[&str] = &[$( $(#[cfg($cfg)])? stringify!($field) ),*];

        /// The kinds' names as methods too, so that code reading records reads a workspace and
        /// a file's records alike: `records.families().get(id)`.
        impl Records {
            $(
                $(#[cfg($cfg)])?
                pub fn $field(&self) -> &BTreeMap<Id, $t> {
                    &self.$field
                }
            )*
        }

        /// Calls macro `$m` with every kind's collection name and type, `families:
        /// crate::domain::case::Family, …` (what the workspace's methods are made from).
        macro_rules! with_kinds {
            ($d m:ident) => {
                $d m!($( $(#[cfg($cfg)])? $field: $t ),*);
            };
        }
        pub(crate) use with_kinds;

        /// Runs `$body` once for each kind of record, with `$T` the kind's type:
        /// `for_each_kind!(T => { n += T::map(ws).len(); })`.
        // The kinds are named by full path: the body is expanded where the macro is used.
        macro_rules! for_each_kind {
            ($d T:ident => $d body:block) => {{
                $( $(#[cfg($cfg)])? { type $d T = $t; $d body } )*
            }};
        }
        pub(crate) use for_each_kind;
    };
}

kinds! { $
    #[serde(default, with = "as_list")]
    families: crate::domain::case::Family => Family,
    #[serde(default, with = "as_list")]
    members: crate::domain::case::Member => Member,
    #[serde(default, with = "as_list")]
    wheel_readings: crate::domain::wheel::WheelReading => Reading,
    #[serde(default, with = "as_list")]
    milestone_checks: crate::domain::milestone::MilestoneCheck => Reading,
    #[serde(default, with = "as_list")]
    scale_answers: crate::domain::scale::ScaleAnswer => Reading,
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    questions: crate::domain::scale::FamilyQuestion => Reading,
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    three_houses: crate::domain::scale::ThreeHouses => Reading,
    /// The goals of family plans.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    goals: crate::domain::case::Goal => Reading,
    /// Milestone frameworks a service loaded (every version kept).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    frameworks: crate::domain::milestone::CustomFramework => Shared if feature = "staff",
    /// Wheels a service loaded (every version kept, so old readings still display).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    wheel_templates: crate::domain::wheel::CustomWheel => Shared,
    /// A family's needs under the outcome plan's headlines, with their outcomes (the worker's
    /// build only: a family's phone never holds them).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    needs: crate::domain::claim::Need => Reading if feature = "staff",
    /// Claims made for a family's needs.
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    claims: crate::domain::claim::Claim => Reading if feature = "staff",
    /// Outcome plans a service loaded (every version kept).
    #[serde(default, with = "as_list", skip_serializing_if = "BTreeMap::is_empty")]
    outcome_plans: crate::domain::claim::CustomPlan => Shared if feature = "staff",
}

/// Collections are written as JSON arrays (the id is inside each record) and read back into maps.
mod as_list {
    use crate::domain::base::{Id, Record};
    use serde::{de::DeserializeOwned, Deserialize, Deserializer, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer, T: serde::Serialize>(
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
