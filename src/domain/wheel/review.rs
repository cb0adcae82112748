//! When a wheel's next review falls, and how near it is.

use chrono::{Days, NaiveDate};

/// When a review is due: `weeks` after the latest reading.
pub fn review_due(latest: NaiveDate, weeks: u8) -> NaiveDate {
    latest + Days::new(7 * u64::from(weeks))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewState {
    /// More than two weeks away.
    Later,
    /// Within two weeks.
    DueSoon,
    /// Past its date.
    Overdue,
}

pub fn review_state(due: NaiveDate, today: NaiveDate) -> ReviewState {
    if today > due {
        ReviewState::Overdue
    } else if today + Days::new(14) >= due {
        ReviewState::DueSoon
    } else {
        ReviewState::Later
    }
}
