//! A wheel reading in progress, kept on the device (in `localStorage`: it must survive a closed
//! tab; in memory only while the lock is on), and starting one.

use crate::domain::base::json::from_json;
use crate::domain::base::{Id, Respondent};
use crate::domain::wheel::WheelDraft;
use crate::domain::workspace::Catalogue;
use crate::route::Route;
use crate::storage;
use crate::ui::shared::dom::navigate;
use crate::ui::shared::store::{today, Store};
use chrono::NaiveDate;
use leptos::prelude::*;

fn draft_key(family: &Id) -> String {
    format!("{}{family}", storage::DRAFT_PREFIX)
}

/// The reading in progress for a family, if there is one that still fits its wheel.
pub fn load_draft(family: &Id, cat: &Catalogue) -> Option<WheelDraft> {
    let d: WheelDraft = from_json(&storage::draft_get(&draft_key(family))?).ok()?;
    let t = cat.wheel(&d.template, Some(d.template_version))?;
    (d.areas.len() == t.areas.len() && &d.family == family).then_some(d)
}

/// Keeps a reading in progress. False if the browser refused.
pub fn save_draft(d: &WheelDraft) -> bool {
    storage::draft_set(
        &draft_key(&d.family),
        &serde_json::to_string(d).unwrap_or_default(),
    )
    .is_ok()
}

pub fn clear_draft(family: &Id) {
    storage::draft_remove(&draft_key(family));
}

/// Starts (or carries on) a reading of `template` by `by` on `date`, and goes to its first
/// area (or where the reading in progress stopped). False if it could not be kept.
pub fn start_reading(
    store: Store,
    family: &Id,
    template: &Id,
    by: Respondent,
    date: NaiveDate,
    whole: bool,
) -> bool {
    let cat = store.catalogue.get_untracked();
    let Some(tpl) = cat.wheel(template, None) else {
        return false;
    };
    let mut d = WheelDraft::new(family.clone(), tpl, by, date);
    d.whole = whole;
    if !save_draft(&d) {
        return false;
    }
    navigate(&Route::WheelScore(family.clone()));
    true
}

/// "Do our wheel" on a family's own phone: the family's wheel (set by its worker, or the
/// family wheel), scored by the family, dated today, from its first area; or the reading in
/// progress, where it stopped.
pub fn do_our_wheel(store: Store, family: &Id) -> bool {
    let cat = store.catalogue.get_untracked();
    if load_draft(family, &cat).is_some() {
        navigate(&Route::WheelScore(family.clone()));
        return true;
    }
    let wheel = store.ws.with_untracked(|ws| {
        ws.families()
            .get(family)
            .map(|f| f.own_wheel())
            .filter(|w| cat.wheel(w, None).is_some())
            .unwrap_or_else(|| Id::fixed(crate::domain::case::FAMILY_WHEEL))
    });
    start_reading(store, family, &wheel, Respondent::Family, today(), false)
}
