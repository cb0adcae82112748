//! Readings over time: each area's change, and distance travelled.

use super::reading::WheelReading;
use super::template::{stage_of, WheelTemplate};
use crate::domain::base::record::oldest_first;
use crate::domain::base::Id;

/// The scores of a reading in the template's area order (`None`: not scored).
pub fn scores_in_order(t: &WheelTemplate, r: &WheelReading) -> Vec<Option<u8>> {
    t.areas
        .iter()
        .map(|a| r.scores.iter().find(|s| s.area == a.id).map(|s| s.score))
        .collect()
}

/// One area's change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaChange {
    pub area: Id,
    pub first: Option<u8>,
    pub previous: Option<u8>,
    pub latest: Option<u8>,
    /// Latest minus first.
    pub since_first: Option<i8>,
    /// Latest minus previous.
    pub since_previous: Option<i8>,
}

impl AreaChange {
    pub fn stage_from(&self) -> Option<usize> {
        self.first.map(stage_of)
    }
    pub fn stage_to(&self) -> Option<usize> {
        self.latest.map(stage_of)
    }
}

/// Distance travelled: per area, and in sum.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Distance {
    pub areas: Vec<AreaChange>,
    pub improved: usize,
    pub unchanged: usize,
    pub worse: usize,
    /// The average change since the first reading, in tenths of a point (None: nothing to compare).
    pub average_tenths: Option<i32>,
    /// How many readings there are.
    pub readings: usize,
}

impl Distance {
    /// Since the reading before the latest: how many areas went up, stayed the same and went
    /// down (areas scored both times). `None` with fewer than two readings.
    pub fn since_previous(&self) -> Option<(usize, usize, usize)> {
        (self.readings >= 2).then(|| {
            let count = |sign: i8| {
                self.areas
                    .iter()
                    .filter(|a| a.since_previous.is_some_and(|c| c.signum() == sign))
                    .count()
            };
            (count(1), count(0), count(-1))
        })
    }
}

/// Orders readings oldest first (by date, then when they were entered), leaving out deleted ones.
pub fn in_order<'a>(readings: impl IntoIterator<Item = &'a WheelReading>) -> Vec<&'a WheelReading> {
    oldest_first(readings)
}

/// Distance travelled across readings of one template (oldest first).
pub fn distance(t: &WheelTemplate, readings: &[&WheelReading]) -> Distance {
    let first = readings.first().map(|r| scores_in_order(t, r));
    let latest = readings.last().map(|r| scores_in_order(t, r));
    let previous = (readings.len() >= 2).then(|| scores_in_order(t, readings[readings.len() - 2]));
    let mut d = Distance {
        readings: readings.len(),
        ..Distance::default()
    };
    let mut sum: i32 = 0;
    let mut counted: i32 = 0;
    for (i, a) in t.areas.iter().enumerate() {
        let get = |v: &Option<Vec<Option<u8>>>| v.as_ref().and_then(|v| v[i]);
        let (f, p, l) = (get(&first), get(&previous), get(&latest));
        let diff = |a: Option<u8>, b: Option<u8>| match (a, b) {
            (Some(a), Some(b)) => Some(b as i8 - a as i8),
            _ => None,
        };
        let since_first = if readings.len() >= 2 {
            diff(f, l)
        } else {
            None
        };
        if let Some(c) = since_first {
            sum += i32::from(c);
            counted += 1;
            match c.signum() {
                1 => d.improved += 1,
                -1 => d.worse += 1,
                _ => d.unchanged += 1,
            }
        }
        d.areas.push(AreaChange {
            area: a.id.clone(),
            first: f,
            previous: p,
            latest: l,
            since_first,
            since_previous: diff(p, l),
        });
    }
    if counted > 0 {
        // Rounded half away from zero.
        let t10 = sum * 10;
        d.average_tenths = Some((t10 + t10.signum() * counted / 2) / counted);
    }
    d
}
