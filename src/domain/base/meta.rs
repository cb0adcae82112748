//! What every record carries: an id, when it was made and last changed, the device that changed
//! it, and a deletion mark, so that records made on two devices can be merged by id.

use super::id::Id;
use super::time::Millis;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// When a field was last changed, as a version vector: for each device that changed it, the time
/// of its latest change. A change made after seeing another's has a clock at or above the other's
/// at every device (it "dominates" it); two changes made without seeing each other are
/// concurrent. Fields never changed since the record was made have no clock.
pub type Clock = BTreeMap<Id, Millis>;

/// Another version of a free-text field, changed on a device that had not seen the record's own
/// version (both kept until a person chooses).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Version {
    pub text: String,
    pub clock: Clock,
}

pub fn is_false(b: &bool) -> bool {
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
    /// Each field's clock (by the field's name in files; `deleted` for the mark), for fields
    /// changed since the record was made: merging takes each field's latest change.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub clocks: BTreeMap<String, Clock>,
    /// Free-text fields changed on two devices without either seeing the other's change: the
    /// versions other than the record's own, to be settled by a person.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub others: BTreeMap<String, Vec<Version>>,
}

impl Meta {
    pub fn new(id: Id, now: Millis, device: Id) -> Self {
        Meta {
            id,
            created: now,
            updated: now,
            device,
            deleted: false,
            clocks: BTreeMap::new(),
            others: BTreeMap::new(),
        }
    }
}
