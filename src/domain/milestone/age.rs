//! A child's age, and the corrected age of a child born early.

use chrono::{Months, NaiveDate};

/// An age: whole months, then whole weeks of what is left, and the total in days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Age {
    pub months: u32,
    pub weeks: u32,
    pub days: u32,
}

/// The age on `on` of a child born on `born`; `None` before the birth. A month is complete on the
/// same day of a later month, or on that month's last day when it is shorter (born 31 January:
/// one month old on 28 or 29 February; born 29 February: a year old on 28 February).
pub fn age_on(born: NaiveDate, on: NaiveDate) -> Option<Age> {
    if on < born {
        return None;
    }
    let days = u32::try_from((on - born).num_days()).ok()?;
    // At most one month per 28 days: start near the answer and step.
    let mut months = days / 31;
    while born
        .checked_add_months(Months::new(months + 1))
        .is_some_and(|d| d <= on)
    {
        months += 1;
    }
    let anniversary = born.checked_add_months(Months::new(months))?;
    let rest = u32::try_from((on - anniversary).num_days()).ok()?;
    Some(Age {
        months,
        weeks: rest / 7,
        days,
    })
}

/// Weeks early from which a child's age is corrected: born before 37 weeks of pregnancy, that is
/// at least 4 weeks before the 40-week due date.
pub const CORRECT_FROM_WEEKS_EARLY: u8 = 4;
/// A full-term pregnancy: the due date is 40 weeks on.
pub const FULL_TERM_WEEKS: u8 = 40;
/// The weeks of pregnancy a birth can be recorded at: from 23 (17 weeks early, the most the
/// record takes) to 42.
pub const BORN_AT_WEEKS: (u8, u8) = (23, 42);

/// How many weeks early a child born at `born_at` weeks of pregnancy was: 6 for a child born at
/// 34 weeks; none from 40 weeks on. (People know "born at 34 weeks"; the record keeps weeks
/// early, which is what corrected age takes off.)
pub fn weeks_early(born_at: u8) -> Option<u8> {
    Some(FULL_TERM_WEEKS.saturating_sub(born_at)).filter(|w| *w > 0)
}

/// The weeks of pregnancy a child was born at, from the weeks early the record keeps.
pub fn born_at_weeks(weeks_early: u8) -> u8 {
    FULL_TERM_WEEKS.saturating_sub(weeks_early)
}

/// Corrected age is used until the child's second birthday.
pub const CORRECT_UNTIL_MONTHS: u32 = 24;

/// The age milestones are judged by: corrected for a child born before 37 weeks (the weeks early
/// taken off) until their second birthday, otherwise the actual age. Returns the age and whether
/// it was corrected; `None` before the birth.
pub fn age_for_checks(
    born: NaiveDate,
    weeks_early: Option<u8>,
    on: NaiveDate,
) -> Option<(Age, bool)> {
    let actual = age_on(born, on)?;
    match weeks_early {
        Some(w) if w >= CORRECT_FROM_WEEKS_EARLY && actual.months < CORRECT_UNTIL_MONTHS => {
            let shifted = born + chrono::Days::new(7 * u64::from(w));
            // Before the corrected birth date the corrected age is nought.
            Some((
                age_on(shifted, on).unwrap_or(Age {
                    months: 0,
                    weeks: 0,
                    days: 0,
                }),
                true,
            ))
        }
        _ => Some((actual, false)),
    }
}
