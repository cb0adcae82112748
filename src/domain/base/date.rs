//! Calendar dates as `YYYY-MM-DD`, read and written by hand: chrono's general parser costs about
//! 12 KB of wasm, and we only ever need this one form (the same one the JSON Schema allows).

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serializer};

/// Reads exactly `YYYY-MM-DD` (four, two and two digits) as a real calendar date.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

fn expected<E: serde::de::Error>(s: &str) -> E {
    E::invalid_value(serde::de::Unexpected::Str(s), &"a date written YYYY-MM-DD")
}

/// `#[serde(with = "ymd")]` for a `NaiveDate`.
pub mod ymd {
    use super::*;
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(d)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        parse_ymd(&s).ok_or_else(|| expected(&s))
    }
}

/// `#[serde(with = "ymd_opt")]` for an `Option<NaiveDate>` (null or absent is `None`).
pub mod ymd_opt {
    use super::*;
    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) => parse_ymd(&s).map(Some).ok_or_else(|| expected(&s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_real_dates_in_one_form() {
        assert_eq!(
            parse_ymd("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(parse_ymd("2023-02-29"), None);
        assert_eq!(parse_ymd("2024-1-05"), None);
        assert_eq!(parse_ymd(" 2024-01-05"), None);
        assert_eq!(parse_ymd("+2024-01-0"), None);
        assert_eq!(parse_ymd("2024/01/05"), None);
        assert_eq!(parse_ymd("2024-13-01"), None);
        assert_eq!(parse_ymd(""), None);
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(parse_ymd(&d.to_string()), Some(d));
    }
}
