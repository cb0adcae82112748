//! Record identifiers: random, URL-safe, and checked when they come from outside.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// Longest id we accept from an imported file.
pub const MAX_ID_LEN: usize = 40;

/// A record's unique id. Made from 16 random bytes (128 bits) as 22 URL-safe characters,
/// so that records made on two devices never collide and can be merged by id.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(String);

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl Id {
    /// Builds an id from random bytes (the caller supplies them: the browser's crypto in the
    /// app, a seeded generator in tests).
    pub fn from_random(bytes: [u8; 16]) -> Self {
        let mut bits: u128 = u128::from_be_bytes(bytes);
        let mut out = String::with_capacity(22);
        for _ in 0..22 {
            out.push(ALPHABET[(bits & 63) as usize] as char);
            bits >>= 6;
        }
        Id(out)
    }

    /// Accepts an id read from outside if it is 1 to 40 URL-safe characters.
    pub fn parse(s: &str) -> Option<Self> {
        let ok = !s.is_empty()
            && s.len() <= MAX_ID_LEN
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| Id(s.to_string()))
    }

    /// A fixed id for built-in content (templates, the settings record).
    pub fn fixed(s: &'static str) -> Self {
        Id(s.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Id::parse(&s).ok_or_else(|| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&s),
                &"an id of 1 to 40 letters, digits, - or _",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_ids_are_22_url_safe_chars_and_differ() {
        let a = Id::from_random([0; 16]);
        let b = Id::from_random([1; 16]);
        assert_eq!(a.as_str().len(), 22);
        assert_ne!(a, b);
        assert!(Id::parse(b.as_str()).is_some());
    }

    #[test]
    fn parse_rejects_bad_ids() {
        assert!(Id::parse("").is_none());
        assert!(Id::parse("has space").is_none());
        assert!(Id::parse("<script>").is_none());
        assert!(Id::parse(&"a".repeat(41)).is_none());
        assert!(Id::parse(&"a".repeat(40)).is_some());
    }
}
