//! Syncing with a team's Apache CouchDB (issue 20), as pure protocol: the addresses and bodies
//! of the requests, and what each answer means, as typed values. The browser side only carries
//! the strings (`storage::remote`); nothing here does any input or output.
//!
//! - [`remote`]: the server's address as a worker types it (`./db/team-a`) and the URLs built
//!   from it, always on the app's own origin (its CSP allows no other).
//! - [`reply`]: what any answer means ([`Reply`]), and reading the answers to signing in, the
//!   database's info, the changes feed, `_bulk_docs` and fetching given revisions.
//! - [`doc`]: one CouchDB document per storage shard ([`ShardKey`](crate::domain::file::shards::ShardKey)):
//!   its `_id` is the shard's key, its body the shard's stored envelope. Writing one, and reading
//!   one pulled from the server through the import reader's checks.
//! - [`state`]: what the device keeps about its sync (never a password), and a first pull's
//!   progress.
//!
//! How the browser uses it, in short:
//!
//! 1. `POST session_url()` with [`session_body`]; [`read_session`]. `GET session_url()` later
//!    says whether the cookie still holds (a signed-out answer is `Err(Reply::SignedOut)`).
//! 2. `GET db_url()`, [`read_db_info`]: the total for [`progress`] on a first pull.
//! 3. `GET changes_url(since, limit, None)` until a batch comes back empty; [`read_changes`];
//!    each row's doc through [`read_doc`]; merge its records (`workspace::merge`), keep its rev in
//!    [`SyncState::revs`]; then `since = last_seq`. After that, `longpoll` waits for the next.
//! 4. A pulled doc with `conflicts`: `GET revs_url(id, conflicts)` ([`read_revs`], each through
//!    [`read_doc`]), merge them all (merging is a join, so the order does not matter), then one
//!    `POST bulk_docs_url()` holding the merged shard on the winning rev ([`to_doc`]) and a
//!    [`deletion_doc`] for each losing rev.
//! 5. Pushing: the shards in [`SyncState::queue`], each [`to_doc`] on its known rev, in one
//!    [`bulk_docs_body`]; [`read_bulk_docs`]. A [`Outcome::Conflict`] means someone else wrote
//!    first: pull, merge, push again.
//!
//! Waymark never deletes a document itself (a deleted family is a record with a deletion mark
//! inside its document), and a document deleted by another tool never deletes anything here.

pub mod doc;
pub mod remote;
pub mod reply;
pub mod state;

pub use doc::{
    bulk_docs_body, deletion_doc, is_echo, name_of, read_doc, to_doc, DocProblem, PulledDoc, Why,
    MAX_DOC_BYTES,
};
pub use remote::{encode, AddressProblem, Remote};
pub use reply::{
    classify, read_bulk_docs, read_changes, read_db_info, read_revs, read_session, session_body,
    Change, Changes, DbInfo, Outcome, Reply, Saved, SessionInfo,
};
pub use state::{progress, SyncState};
