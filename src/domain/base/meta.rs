//! What every record carries: an id, when it was made and last changed, the device that changed
//! it, and a deletion mark, so that records made on two devices can be merged by id.

use super::id::Id;
use super::time::Millis;
use serde::{Deserialize, Serialize};

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
