//! The lock on a device (issue 19): what is stored when it is on, and its rules. Pure: the
//! encryption itself is the browser's WebCrypto (`storage::crypto`).
//!
//! - A random 256-bit **data key** encrypts every stored record value with AES-256-GCM: a fresh
//!   96-bit IV per write, and the value's storage key as additional data, so a value moved to
//!   another key no longer opens. A sealed value is `sealed1:<iv>:<ciphertext and tag>` (base64).
//! - The data key is stored only **wrapped** (AES-GCM) by a key derived from the passphrase with
//!   PBKDF2-HMAC-SHA-256 (600,000 iterations, a random 16-byte salt): the lock record, under
//!   [`LOCK_KEY`] beside the records, so turning the lock on or off is one transaction with them.
//!   Changing the passphrase wraps the same data key again; nothing else is rewritten.
//! - Wrong passphrases make the next try wait ([`wait_after`]); the lock never wipes by itself.

use super::locked::{base64_decode, base64_encode, IV_BYTES, MAX_ITERATIONS, MIN_ITERATIONS};
use super::locked::{ITERATIONS, SALT_BYTES, TAG_BYTES};
use crate::domain::base::Millis;
use serde_json::Value;

/// The lock record's key, in the same object store as the records (not a shard key).
pub const LOCK_KEY: &str = "waymark.lock";
/// Wrong passphrases so far and when the next try may be made: a device value (it must
/// survive a reload).
pub const WAIT_KEY: &str = "waymark.unlock-wait";
/// How many idle minutes lock the app: a device value.
pub const IDLE_KEY: &str = "waymark.lock-after";
/// Set once the lock has been offered at first use in the caseload view (and put off).
pub const OFFERED_KEY: &str = "waymark.lock-offered";

pub const LOCK_FORMAT: &str = "waymark-lock";
pub const LOCK_VERSION: u32 = 1;
const SEALED_PREFIX: &str = "sealed1:";
/// The raw data key wrapped with AES-GCM: 32 bytes and the tag.
const WRAPPED_BYTES: usize = 32 + TAG_BYTES;

/// The minutes of no use after which the app locks itself, offered to choose from.
pub const IDLE_CHOICES: [u32; 5] = [1, 2, 5, 15, 30];
pub const DEFAULT_IDLE_MINUTES: u32 = 5;

/// The lock record: how to get the data key from the passphrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockRecord {
    /// Names this data key (random hex), so a tab can tell the lock it knows from a new one.
    pub id: String,
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    /// The data key, wrapped (AES-GCM, its tag appended).
    pub wrapped: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VaultError {
    /// The lock record is damaged, or from a newer version.
    Damaged,
}

impl LockRecord {
    pub fn new(id: String, salt: Vec<u8>, iv: Vec<u8>, wrapped: Vec<u8>) -> LockRecord {
        LockRecord {
            id,
            iterations: ITERATIONS,
            salt,
            iv,
            wrapped,
        }
    }

    pub fn to_json(&self) -> String {
        format!(
            "{{\"format\":\"{LOCK_FORMAT}\",\"version\":{LOCK_VERSION},\"id\":\"{}\",\"iterations\":{},\"salt\":\"{}\",\"iv\":\"{}\",\"wrapped\":\"{}\"}}",
            self.id,
            self.iterations,
            base64_encode(&self.salt),
            base64_encode(&self.iv),
            base64_encode(&self.wrapped)
        )
    }

    pub fn read(text: &str) -> Result<LockRecord, VaultError> {
        let bad = VaultError::Damaged;
        let v: Value = serde_json::from_str(text).map_err(|_| bad)?;
        let o = v.as_object().ok_or(bad)?;
        let s = |k: &str| o.get(k).and_then(Value::as_str).ok_or(bad);
        let b = |k: &str| s(k).and_then(|t| base64_decode(t).ok_or(bad));
        let iterations = o.get("iterations").and_then(Value::as_u64).ok_or(bad)?;
        let id = s("id")?;
        let r = LockRecord {
            id: id.to_string(),
            iterations: iterations as u32,
            salt: b("salt")?,
            iv: b("iv")?,
            wrapped: b("wrapped")?,
        };
        let ok = o.len() == 7
            && s("format")? == LOCK_FORMAT
            && o.get("version").and_then(Value::as_u64) == Some(u64::from(LOCK_VERSION))
            && (u64::from(MIN_ITERATIONS)..=u64::from(MAX_ITERATIONS)).contains(&iterations)
            && !id.is_empty()
            && id.bytes().all(|c| c.is_ascii_hexdigit())
            && r.salt.len() == SALT_BYTES
            && r.iv.len() == IV_BYTES
            && r.wrapped.len() == WRAPPED_BYTES;
        ok.then_some(r).ok_or(bad)
    }
}

/// The id of the data key a lock record holds, if it can be read.
pub fn key_id(record: Option<&str>) -> Option<String> {
    LockRecord::read(record?).ok().map(|r| r.id)
}

/// Whether a stored value is sealed (encrypted) rather than plain.
pub fn is_sealed(text: &str) -> bool {
    text.starts_with(SEALED_PREFIX)
}

/// A sealed value, from its IV and its ciphertext with the tag.
pub fn seal_text(iv: &[u8], data: &[u8]) -> String {
    format!(
        "{SEALED_PREFIX}{}:{}",
        base64_encode(iv),
        base64_encode(data)
    )
}

/// The IV and ciphertext of a sealed value; `None` if it is not one, or is damaged.
pub fn open_text(text: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    let (iv, data) = text.strip_prefix(SEALED_PREFIX)?.split_once(':')?;
    let (iv, data) = (base64_decode(iv)?, base64_decode(data)?);
    (iv.len() == IV_BYTES && data.len() >= TAG_BYTES).then_some((iv, data))
}

/// Wrong passphrases in a row, and when the next try may be made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wait {
    pub failures: u32,
    pub until: Millis,
}

/// Tries that are free: a typo or two should not make anyone wait.
pub const FREE_TRIES: u32 = 3;
/// The first wait, in seconds; each wrong try after it doubles it, up to [`LONGEST_WAIT`].
pub const FIRST_WAIT: i64 = 10;
pub const LONGEST_WAIT: i64 = 60 * 60;

/// Seconds to wait after `failures` wrong passphrases in a row: none for the first
/// [`FREE_TRIES`], then 10 s, 20 s, 40 s... doubling up to an hour. Never a wipe.
pub fn wait_after(failures: u32) -> i64 {
    if failures <= FREE_TRIES {
        return 0;
    }
    let doublings = (failures - FREE_TRIES - 1).min(20);
    (FIRST_WAIT << doublings).min(LONGEST_WAIT)
}

impl Wait {
    /// After one more wrong passphrase at `now`.
    pub fn failed(self, now: Millis) -> Wait {
        let failures = self.failures.saturating_add(1);
        Wait {
            failures,
            until: Millis(now.0 + wait_after(failures) * 1000),
        }
    }

    /// Whole seconds left to wait at `now` (0: a try may be made).
    pub fn seconds_left(&self, now: Millis) -> i64 {
        ((self.until.0 - now.0).max(0) + 999) / 1000
    }

    pub fn to_text(self) -> String {
        format!("{}:{}", self.failures, self.until.0)
    }

    /// Reads what [`Wait::to_text`] wrote: nothing stored is no wait; a value that cannot be
    /// read is a wait as after the free tries (damaging it must not be a way to skip waiting).
    pub fn read(text: Option<&str>, now: Millis) -> Wait {
        let Some(text) = text else {
            return Wait::default();
        };
        let parsed = text
            .split_once(':')
            .and_then(|(f, u)| Some((f.parse().ok()?, u.parse::<i64>().ok()?)));
        match parsed {
            // A wait can never end later than the longest from now (a clock set back).
            Some((failures, until)) => Wait {
                failures,
                until: Millis(until.min(now.0 + LONGEST_WAIT * 1000)),
            },
            None => Wait {
                failures: FREE_TRIES,
                until: Millis(now.0 + FIRST_WAIT * 1000),
            },
        }
    }
}

/// The idle minutes chosen on this device (a value from [`IDLE_CHOICES`]; the default if none
/// or another was stored).
pub fn idle_minutes(stored: Option<&str>) -> u32 {
    stored
        .and_then(|s| s.parse().ok())
        .filter(|m| IDLE_CHOICES.contains(m))
        .unwrap_or(DEFAULT_IDLE_MINUTES)
}

/// Whether the app should lock itself at `now`, last used at `last_used`.
pub fn idle_for_long(last_used: Millis, now: Millis, minutes: u32) -> bool {
    now.0 - last_used.0 >= i64::from(minutes) * 60_000
}
