//! Points in time as milliseconds since 1970 (UTC). The browser supplies "now"; the domain
//! never reads a clock, so every rule is testable with fixed times.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Milliseconds since the Unix epoch, UTC.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Millis(pub i64);

impl Millis {
    /// The calendar date (UTC) of this moment. `None` if out of chrono's range.
    pub fn date(self) -> Option<NaiveDate> {
        DateTime::<Utc>::from_timestamp_millis(self.0).map(|d| d.date_naive())
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Millis) -> i64 {
        (later.0 - self.0).div_euclid(86_400_000)
    }
}

/// Earliest timestamp we accept in a file: 1 January 2000.
pub const MIN_PLAUSIBLE: Millis = Millis(946_684_800_000);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_of_millis() {
        assert_eq!(
            Millis(1_764_075_066_000).date(),
            NaiveDate::from_ymd_opt(2025, 11, 25)
        );
        assert_eq!(Millis(0).days_until(Millis(86_400_000 * 7 + 5)), 7);
    }
}
