//! A first visit carried on: what a family did on index.html's first screens before the app had
//! arrived (`scripts/first-visit.js` keeps it under [`FIRST_KEY`]) is taken once, as the app
//! starts: the family's wheel goes on at the same area with the same cards chosen, and a page
//! they asked for opens.

use crate::domain::base::{Id, Respondent};
use crate::domain::case::FAMILY_WHEEL;
use crate::domain::file::shards::FIRST_KEY;
use crate::domain::wheel::{FirstGo, FirstVisit, WheelDraft};
use crate::route::Route;
use crate::storage;
use crate::ui::shared::drafts::{load_draft, save_draft};
use crate::ui::shared::mode::ensure_own_family;
use crate::ui::shared::store::{today, Store};
use leptos::prelude::*;

/// Takes what was done on the first screens, if anything: keeps the wheel's scores as the
/// family's reading in progress and gives the page to open. From here on the first screens take
/// no more taps (the app's first frame replaces them).
pub fn take(store: Store) -> Option<Route> {
    let text = storage::get(FIRST_KEY).ok().flatten()?;
    if let Some(splash) = document().get_element_by_id("splash") {
        // (Inert takes focus away: the app gives it back to its page's heading.)
        if document()
            .active_element()
            .is_some_and(|a| splash.contains(Some(&a)))
        {
            let _ = splash.set_attribute("data-focus", "");
        }
        let _ = splash.set_attribute("inert", "");
    }
    let first = FirstVisit::parse(&text);
    let _ = storage::remove(FIRST_KEY);
    let first = first?;
    if !ensure_own_family(store) {
        return None;
    }
    let family = store.ws.with_untracked(|ws| ws.own_family())?;
    if first.scored() {
        carry_on(store, &family, &first);
    }
    let f = family;
    Some(match first.go {
        FirstGo::Home => Route::Home,
        FirstGo::Wheel => Route::WheelScore(f),
        FirstGo::Questions => Route::ScaleFamily(f),
        FirstGo::How => Route::FamilyPrint(f),
        FirstGo::Plan => Route::Plan(f),
        FirstGo::Share => Route::Share,
        FirstGo::Settings => Route::Settings,
        FirstGo::Help => Route::Help,
    })
}

/// The wheel scored on the first screens (the built-in family wheel) as the family's reading in
/// progress, unless one is already kept or the family scores another wheel.
fn carry_on(store: Store, family: &Id, first: &FirstVisit) {
    let cat = store.catalogue.get_untracked();
    let wheel = Id::fixed(FAMILY_WHEEL);
    let own = store
        .ws
        .with_untracked(|ws| ws.families().get(family).map(|f| f.own_wheel()));
    if own.as_ref() != Some(&wheel) || load_draft(family, &cat).is_some() {
        return;
    }
    if let Some(t) = cat.wheel(&wheel, None) {
        let mut d = WheelDraft::new(family.clone(), t, Respondent::Family, today());
        first.carry_on(t, &mut d);
        save_draft(&d);
    }
}
