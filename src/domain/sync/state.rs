//! What a device keeps about its sync, and a first pull's progress.

use super::remote::Remote;
use crate::domain::base::{from_json, Millis};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The device's sync with one database: kept as one small JSON value. It holds no password
/// (the browser keeps the session's cookie) and no records.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncState {
    /// The database's address, as [`Remote::address`] gives it.
    pub address: String,
    /// Who signed in.
    pub user: String,
    /// Where the next pull starts in the changes feed (`"0"`: from the beginning).
    pub since: String,
    /// Each document's revision as last read or written here, by document id.
    #[serde(default)]
    pub revs: BTreeMap<String, String>,
    /// Documents changed here and waiting to be pushed, by document id.
    #[serde(default)]
    pub queue: BTreeSet<String>,
    /// When the last sync finished.
    #[serde(default)]
    pub last_synced: Option<Millis>,
}

impl SyncState {
    /// A new sync with `remote` for `user`: everything still to pull.
    pub fn new(remote: &Remote, user: &str) -> SyncState {
        SyncState {
            address: remote.address(),
            user: user.to_string(),
            since: "0".to_string(),
            ..SyncState::default()
        }
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a kept value; a damaged one (or one whose address no longer reads) is `None`.
    pub fn read(text: &str) -> Option<SyncState> {
        from_json::<SyncState>(text)
            .ok()
            .filter(|s| Remote::parse(&s.address).is_ok())
    }
}

/// A first pull's progress as (done, total), for a progress bar: `done` rows of the changes
/// feed read so far, the database's `doc_count` when the pull began, and the last batch's
/// `pending` (CouchDB 3 gives it; pouchdb-server does not). The feed holds deleted documents
/// too, so `total` is the larger of `doc_count` and `done + pending`; `done` never exceeds it.
/// With `done` growing and `pending` shrinking as each batch is read, neither goes backwards.
pub fn progress(done: u64, doc_count: u64, pending: Option<u64>) -> (u64, u64) {
    let total = doc_count.max(done.saturating_add(pending.unwrap_or(0)));
    (done.min(total), total)
}
