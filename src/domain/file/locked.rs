//! A locked file: a Waymark file encrypted with a passphrase, so a file that travels (by email,
//! on a memory stick) can be read only by someone who knows it (issue 19). This module is pure:
//! it writes and reads the envelope, checks its parameters, and encodes base64. The key
//! derivation and the encryption are the browser's own WebCrypto (`storage::crypto`).
//!
//! The scheme (published in `docs/data-format.md`, "Locked files", so another tool can open a
//! file): a key is derived from the passphrase (UTF-8) with PBKDF2-HMAC-SHA-256 over a random
//! 16-byte salt, 600,000 iterations, 256 bits; the Waymark file's UTF-8 bytes are encrypted with
//! AES-256-GCM under a random 96-bit IV, a 128-bit tag, and [`AAD`] as additional data.

use crate::domain::base::sort;
use serde_json::{Map, Value};

pub const LOCKED_FORMAT: &str = "waymark-locked";
pub const LOCKED_VERSION: u32 = 1;
/// What Waymark uses when it locks a file (OWASP's figure for PBKDF2-HMAC-SHA-256).
pub const ITERATIONS: u32 = 600_000;
/// A file asking for fewer is refused (too weak to be one of ours), and for more (a hostile
/// file could otherwise keep a phone busy for minutes).
pub const MIN_ITERATIONS: u32 = 100_000;
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_BYTES: usize = 16;
pub const IV_BYTES: usize = 12;
/// AES-GCM's tag, appended to the ciphertext, as WebCrypto writes it.
pub const TAG_BYTES: usize = 16;
/// Additional data bound to the ciphertext: the format and its version, so the bytes of one
/// cannot be passed off as another's.
pub const AAD: &[u8] = b"waymark-locked/1";

/// What is needed to open a locked file, decoded and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub iv: Vec<u8>,
    pub data: Vec<u8>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockedError {
    /// Not a locked file at all (it may be an ordinary one).
    NotLocked,
    /// A locked file from a newer version, or with a scheme Waymark does not use.
    Unsupported,
    /// A locked file whose parameters or data are damaged.
    Damaged,
}

/// Whether `text` looks like a locked file (rather than an ordinary Waymark file): its first
/// few hundred characters name the format "waymark-locked". Cheap, so an ordinary file of a
/// whole service is not read twice; [`read`] then checks everything.
pub fn is_locked(text: &str) -> bool {
    let head: String = text.chars().take(256).collect();
    head.trim_start().starts_with('{') && head.contains("\"waymark-locked\"")
}

/// The object at `v`, with exactly the fields `names` (a locked file has no optional field).
fn exactly<'v>(v: &'v Value, names: &[&str]) -> Option<&'v Map<String, Value>> {
    let o = v.as_object()?;
    (o.len() == names.len() && names.iter().all(|n| o.contains_key(*n))).then_some(o)
}

/// Reads a locked file's envelope and checks every parameter. (Read through `serde_json::Value`,
/// which the file reader already carries: typed structs would cost the worker's build 10 KB.)
pub fn read(text: &str) -> Result<Sealed, LockedError> {
    let v: Value = serde_json::from_str(text).map_err(|_| LockedError::NotLocked)?;
    if v.get("format").and_then(Value::as_str) != Some(LOCKED_FORMAT) {
        return Err(LockedError::NotLocked);
    }
    let damaged = LockedError::Damaged;
    let top = exactly(&v, &["format", "version", "kdf", "cipher", "data"]).ok_or(damaged)?;
    let kdf = exactly(&top["kdf"], &["name", "hash", "iterations", "salt"]).ok_or(damaged)?;
    let cipher = exactly(&top["cipher"], &["name", "iv"]).ok_or(damaged)?;
    let text_of = |o: &Map<String, Value>, k: &str| o[k].as_str().map(str::to_owned);
    let iterations = kdf["iterations"].as_u64().ok_or(damaged)?;
    if top["version"].as_u64() != Some(u64::from(LOCKED_VERSION))
        || text_of(kdf, "name").as_deref() != Some("PBKDF2")
        || text_of(kdf, "hash").as_deref() != Some("SHA-256")
        || text_of(cipher, "name").as_deref() != Some("AES-GCM")
        || !(u64::from(MIN_ITERATIONS)..=u64::from(MAX_ITERATIONS)).contains(&iterations)
    {
        return Err(LockedError::Unsupported);
    }
    let bytes = |s: Option<String>| s.and_then(|s| base64_decode(&s)).ok_or(damaged);
    let salt = bytes(text_of(kdf, "salt"))?;
    let iv = bytes(text_of(cipher, "iv"))?;
    let data = bytes(text_of(top, "data"))?;
    if salt.len() != SALT_BYTES || iv.len() != IV_BYTES || data.len() < TAG_BYTES {
        return Err(damaged);
    }
    Ok(Sealed {
        iterations: iterations as u32,
        salt,
        iv,
        data,
    })
}

/// Writes a locked file's envelope (every value is a name, a number or base64: nothing to
/// escape).
pub fn write(sealed: &Sealed) -> String {
    format!(
        "{{\"format\":\"{LOCKED_FORMAT}\",\"version\":{LOCKED_VERSION},\"kdf\":{{\"name\":\"PBKDF2\",\"hash\":\"SHA-256\",\"iterations\":{},\"salt\":\"{}\"}},\"cipher\":{{\"name\":\"AES-GCM\",\"iv\":\"{}\"}},\"data\":\"{}\"}}",
        sealed.iterations,
        base64_encode(&sealed.salt),
        base64_encode(&sealed.iv),
        base64_encode(&sealed.data)
    )
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64, standard alphabet, with padding (RFC 4648 section 4).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Each byte's value in [`B64`] (0xff: not in it). A table, not a search: a sealed record is
/// decoded on every start and the search made unlocking 2,000 families seconds slower.
const DECODE: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 64 {
        t[B64[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Decodes what [`base64_encode`] writes; `None` for anything else (wrong length, characters or
/// padding).
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let s = text.as_bytes();
    if s.len() % 4 != 0 {
        return None;
    }
    let value = |c: u8| {
        let v = DECODE[usize::from(c)];
        (v != 0xff).then_some(u32::from(v))
    };
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    for (i, q) in s.chunks(4).enumerate() {
        let last = i == s.len() / 4 - 1;
        let pad = q.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for (j, &c) in q.iter().enumerate() {
            let v = if j >= 4 - pad { 0 } else { value(c)? };
            n = (n << 6) | v;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        // Padding bits must be zero, so every byte string has one encoding.
        if (pad == 1 && bytes[2] != 0) || (pad == 2 && (bytes[1] != 0 || bytes[2] != 0)) {
            return None;
        }
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

/// How strong a passphrase looks, in plain words for the person choosing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Fewer than 8 characters: refused.
    TooShort,
    /// 8 or more, but easy to guess (one kind of character, or a run of the same).
    Weak,
    Fair,
    /// 16 or more characters (a few words), or 12 or more of three kinds.
    Strong,
}

/// The minimum length of a passphrase, in characters.
pub const MIN_PASSPHRASE: usize = 8;

pub fn strength(p: &str) -> Strength {
    let n = p.chars().count();
    if n < MIN_PASSPHRASE {
        return Strength::TooShort;
    }
    let kinds = [
        p.chars().any(|c| c.is_lowercase()),
        p.chars().any(|c| c.is_uppercase()),
        p.chars().any(|c| c.is_numeric()),
        p.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    let distinct = {
        let mut v: Vec<char> = p.chars().collect();
        sort::sort(&mut v);
        v.dedup();
        v.len()
    };
    if (kinds <= 1 && n < 16) || distinct <= 3 {
        Strength::Weak
    } else if n >= 16 || (n >= 12 && kinds >= 3) {
        Strength::Strong
    } else {
        Strength::Fair
    }
}
