//! Fixed time, ids and dates shared by the native domain tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use waymark::domain::base::id::Id;
use waymark::domain::base::time::Millis;
use waymark::domain::case::Family;
use waymark::domain::workspace::action::{Ctx, FamilyFields};

/// 18 November 2026: "now" in every test.
pub const NOW: Millis = Millis(1_795_000_000_000);

pub fn today() -> NaiveDate {
    NOW.date().unwrap()
}

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

/// An action's context `ms` milliseconds after [`NOW`], on device "dev".
pub fn ctx(ms: i64) -> Ctx {
    Ctx {
        now: Millis(NOW.0 + ms),
        today: today(),
        device: id("dev"),
    }
}

/// A family's own details as the fields of an edit, with `reference` in place of its own.
pub fn fields_of(f: &Family, reference: &str) -> FamilyFields {
    FamilyFields {
        reference: reference.into(),
        full_name: f.full_name.clone(),
        worker: f.worker.clone(),
        team: f.team.clone(),
        opened: Some(f.opened),
        notes: f.notes.clone(),
        review_weeks: f.review_weeks,
        consent: f.consent.clone(),
        wheel: f.wheel.clone(),
    }
}
