//! How the workspace is laid out in the browser's key-value storage: one value per family (the
//! family and all its records), one for settings. Saving a change writes only its family's value,
//! which keeps a save fast however big the caseload grows. Pure: the browser side only moves the
//! strings.

use super::export::{read_stored, Envelope, ReadError, Scope};
use crate::domain::base::{Id, Millis};
use crate::domain::workspace::kinds::{for_each_kind, Records, Stored};
use crate::domain::workspace::{merge, Place, Workspace};
use std::sync::Arc;

pub const PREFIX: &str = "waymark.";
pub const FAMILY_PREFIX: &str = "waymark.family.";
pub const SETTINGS_KEY: &str = "waymark.settings";
/// This device's id (not part of the workspace).
pub const DEVICE_KEY: &str = "waymark.device";
/// When the workspace was last exported (milliseconds), for the reminder.
pub const EXPORTED_KEY: &str = "waymark.exported";
/// How Waymark is used on this device: `family` or `caseload` (not part of the workspace).
pub const MODE_KEY: &str = "waymark.mode";
/// The interface language chosen on this device, as a code (`ur`); not part of the workspace.
pub const LANG_KEY: &str = "waymark.lang";
/// What a family did on the first screens before the app arrived (index.html's loader writes it,
/// the app takes it once: see [`crate::domain::wheel::FirstVisit`]).
pub const FIRST_KEY: &str = "waymark.first";

/// Why a value could not be read or written where the workspace is kept. Every write can fail
/// (storage turned off, private mode, the device full); the failure is a value, never a panic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser does not let this page use storage at all.
    Unavailable,
    /// Storage is full.
    QuotaExceeded,
    /// A newer version of Waymark laid out this device's storage differently.
    Newer,
    /// Any other refusal (named by the browser).
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShardKey {
    Family(Id),
    Settings,
}

impl ShardKey {
    pub fn parse(key: &str) -> Option<ShardKey> {
        if key == SETTINGS_KEY {
            return Some(ShardKey::Settings);
        }
        key.strip_prefix(FAMILY_PREFIX)
            .and_then(Id::parse)
            .map(ShardKey::Family)
    }

    pub fn key(&self) -> String {
        match self {
            ShardKey::Family(id) => format!("{FAMILY_PREFIX}{id}"),
            ShardKey::Settings => SETTINGS_KEY.to_string(),
        }
    }

    /// The part of the workspace the value holds.
    pub fn place(&self) -> Place {
        match self {
            ShardKey::Family(id) => Place::Family(id.clone()),
            ShardKey::Settings => Place::Shared,
        }
    }

    /// The value that holds a part of the workspace.
    pub fn of(place: &Place) -> ShardKey {
        match place {
            Place::Family(id) => ShardKey::Family(id.clone()),
            Place::Shared => ShardKey::Settings,
        }
    }
}

/// The records a shard holds (shared: no record is copied).
pub fn part(ws: &Workspace, key: &ShardKey) -> Arc<Records> {
    match key {
        ShardKey::Family(id) => ws.family_part(id),
        // Settings and the wheels a service loaded: shared by every family.
        ShardKey::Settings => ws.shared_part(),
    }
}

/// The text to store for a shard.
pub fn shard_text(ws: &Workspace, key: &ShardKey, now: Millis) -> String {
    encode(&part(ws, key), now)
}

/// A folder (or the shared part) as the text stored for it.
pub fn encode(part: &Records, now: Millis) -> String {
    Envelope::new(part.clone(), Scope::Shard, now).to_json()
}

/// Replaces a shard's records in memory with the ones given (used to roll back after a failed
/// write, and when another tab removed a shard).
pub fn replace_part(ws: &mut Workspace, key: &ShardKey, with: Records) {
    ws.set_part(&key.place(), Arc::new(with));
}

/// True when every record of `data` belongs where `key` keeps them (a value this app wrote).
pub fn all_in(data: &Records, key: &ShardKey) -> bool {
    let mut ok = true;
    for_each_kind!(T => {
        ok &= T::map(data).values().all(|r| ShardKey::of(&Workspace::place_of(r)) == *key);
    });
    ok && (data.settings.is_none() || *key == ShardKey::Settings)
}

/// The workspace read back from storage.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub ws: Workspace,
    /// Keys whose value could not be read: left untouched, never overwritten.
    pub unreadable: Vec<String>,
    /// A value was written by a newer version: the app must not write at all.
    pub newer: bool,
}

/// Reads every stored value that belongs to the workspace.
pub fn load<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>, now: Millis) -> Loaded {
    let mut out = Loaded::default();
    for (key, text) in entries {
        out.add(key, text, now);
    }
    out
}

impl Loaded {
    /// Reads one stored value into the workspace (a value by value, so that a caller can let
    /// the page breathe between them).
    pub fn add(&mut self, key: &str, text: &str, now: Millis) {
        let Some(k) = ShardKey::parse(key) else {
            return;
        };
        match read_stored(text, now) {
            // A folder read as it was stored (every record of one family, no copy, no merge),
            // unless it is already here (a second copy of the key) or holds records of another.
            Ok(env) => {
                if self.ws.part(&k.place()).is_none() && all_in(&env.data, &k) {
                    self.ws.set_part(&k.place(), Arc::new(env.data));
                } else {
                    merge::merge(&mut self.ws, &env.data);
                }
            }
            Err(ReadError::NewerVersion { .. }) => {
                self.newer = true;
                self.unreadable.push(key.to_string());
            }
            Err(_) => self.unreadable.push(key.to_string()),
        }
    }
}

/// The text to store for each key, or `None` where the shard has no records (remove the key).
pub fn texts(ws: &Workspace, keys: &[ShardKey], now: Millis) -> Vec<Option<String>> {
    keys.iter()
        .map(|k| {
            let p = part(ws, k);
            (p.record_count() > 0).then(|| encode(&p, now))
        })
        .collect()
}

/// What to do with a value of the older layout (one `localStorage` value per family) when it
/// moves into IndexedDB, given what IndexedDB holds under the same key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoveIn {
    /// Write this text there; then the old value may go.
    Write(String),
    /// The same is already there: the old value may go.
    Same,
    /// One side cannot be read (damaged, or from a newer version): touch neither, keep the old
    /// value where it is, never write over what is there.
    Leave,
}

/// Moving house: an old value goes in as it is where the key is free (even one that cannot be
/// read: it is kept, never lost), and is merged by the usual rules with a value already there (a
/// move interrupted after writing, before the old copy was removed).
pub fn move_in(old: &str, there: Option<&str>, now: Millis) -> MoveIn {
    let Some(there) = there else {
        return MoveIn::Write(old.to_string());
    };
    if there == old {
        return MoveIn::Same;
    }
    match (read_stored(old, now), read_stored(there, now)) {
        (Ok(a), Ok(b)) => {
            let mut ws = Workspace::from_records(b.data);
            if merge::merge(&mut ws, &a.data).changes_anything() {
                MoveIn::Write(Envelope::new(ws.to_records(), Scope::Shard, now).to_json())
            } else {
                MoveIn::Same
            }
        }
        _ => MoveIn::Leave,
    }
}

/// The share of the browser's room for this site at which Waymark warns that it is running
/// short: before it runs out, with room left to save a copy and delete.
pub const ROOM_SHORT_AT: f64 = 0.8;

/// True when `used` bytes of `quota` leave the device short of room.
pub fn room_is_short(used: f64, quota: f64) -> bool {
    quota > 0.0 && used >= quota * ROOM_SHORT_AT
}

/// True when a file of `file_bytes` may not fit in what is left. Stored, a file takes up to
/// about twice its size (browsers may keep text as UTF-16), so that much must be free.
pub fn may_not_fit(file_bytes: f64, used: f64, quota: f64) -> bool {
    quota > 0.0 && quota - used < file_bytes * 2.0
}

/// A cheap fingerprint of a stored value, to tell whether another tab changed it since this one
/// last read or wrote it: its length and its start, which holds `saved_at`, the millisecond the
/// value was written (every write of a value is a new envelope). Two different writes of one key
/// with the same length in the same millisecond are all it could miss.
pub fn fingerprint(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text
        .len()
        .to_le_bytes()
        .iter()
        .chain(text.as_bytes().iter().take(96))
    {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
