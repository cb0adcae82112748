//! How the workspace is laid out in the browser's key-value storage: one value per family (the
//! family and all its records), one for settings. Saving a change writes only its family's value,
//! which keeps a save fast however big the caseload grows. Pure: the browser side only moves the
//! strings.

use super::export::{read_stored, Envelope, ReadError, Scope};
use crate::domain::base::{Id, Millis, Record};
use crate::domain::workspace::kinds::{for_each_kind, Class, Stored, Workspace};
use crate::domain::workspace::merge;

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
}

/// The records a shard holds.
pub fn part(ws: &Workspace, key: &ShardKey) -> Workspace {
    match key {
        ShardKey::Family(id) => ws.family_part(id),
        // Settings and the wheels a service loaded: shared by every family.
        ShardKey::Settings => ws.shared_part(),
    }
}

/// The text to store for a shard.
pub fn shard_text(ws: &Workspace, key: &ShardKey, now: Millis) -> String {
    Envelope::new(part(ws, key), Scope::Shard, now).to_json()
}

/// Replaces a shard's records in memory with the ones given (used to roll back after a failed
/// write, and when another tab removed a shard).
pub fn replace_part(ws: &mut Workspace, key: &ShardKey, with: Workspace) {
    match key {
        ShardKey::Family(id) => {
            // Rebuilt with `insert` rather than `retain`: BTreeMap's removal code is large in
            // wasm, once per record kind.
            for_each_kind!(T => {
                if T::CLASS != Class::Shared {
                    let old = std::mem::take(T::map_mut(ws));
                    let map = T::map_mut(ws);
                    for (k, r) in old {
                        if r.family_id() != Some(id) {
                            map.insert(k, r);
                        }
                    }
                }
            });
        }
        ShardKey::Settings => {
            ws.settings = None;
            for_each_kind!(T => {
                if T::CLASS == Class::Shared {
                    T::map_mut(ws).clear();
                }
            });
        }
    }
    merge::merge(ws, &with);
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
        if ShardKey::parse(key).is_none() {
            continue;
        }
        match read_stored(text, now) {
            Ok(env) => {
                merge::merge(&mut out.ws, &env.data);
            }
            Err(ReadError::NewerVersion { .. }) => {
                out.newer = true;
                out.unreadable.push(key.to_string());
            }
            Err(_) => out.unreadable.push(key.to_string()),
        }
    }
    out
}

/// The text to store for each key, or `None` where the shard has no records (remove the key).
pub fn texts(ws: &Workspace, keys: &[ShardKey], now: Millis) -> Vec<Option<String>> {
    let mut families = std::collections::BTreeSet::new();
    for k in keys {
        if let ShardKey::Family(f) = k {
            families.insert(f.clone());
        }
    }
    let mut parts = ws.parts(&families);
    keys.iter()
        .map(|k| {
            let part = match k {
                ShardKey::Family(f) => parts.remove(f).unwrap_or_default(),
                ShardKey::Settings => part(ws, k),
            };
            (part.record_count() > 0).then(|| Envelope::new(part, Scope::Shard, now).to_json())
        })
        .collect()
}

/// A cheap fingerprint of a stored value (FNV-1a), to tell whether another tab changed it.
pub fn fingerprint(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}
