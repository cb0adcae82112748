//! Numbers and dates as people read them.

use crate::i18n::tenths;
use chrono::NaiveDate;

/// A date the way people in England write it: "5 Mar 2026".
pub fn fmt_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "{} {} {}",
        d.day(),
        crate::i18n::month_short(d.month()),
        d.year()
    )
}

/// Reads the `YYYY-MM-DD` a date input gives.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    crate::domain::base::date::parse_ymd(s.trim())
}

/// A change with its sign: "+3", "0", "-2".
pub fn signed(n: i8) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// Tenths of a point with a sign: "+1.5", "0.0", "-0.5".
pub fn signed_tenths(t: i32) -> String {
    let sign = if t > 0 {
        "+"
    } else if t < 0 {
        "-"
    } else {
        ""
    };
    format!("{sign}{}", tenths(u64::from(t.unsigned_abs())))
}

/// A whole number with thousands separated: "5,242,880".
pub fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size in bytes as KB, MB or GB.
pub fn bytes(b: f64) -> String {
    let b = b as u64;
    if b >= 1_000_000_000 {
        format!("{} GB", tenths(b / 100_000_000))
    } else if b >= 1_000_000 {
        format!("{} MB", tenths(b / 100_000))
    } else {
        format!("{} KB", b / 1000)
    }
}
