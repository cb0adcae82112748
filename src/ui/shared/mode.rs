//! How Waymark is used on this device: **for my family** (a simple home on one family's own
//! phone, with no caseload features) or **for my caseload** (the staff view). Chosen on first
//! use, changeable on "Your data", kept in this device's storage (never in an export).

use crate::domain::base::Id;
use crate::domain::file::shards::MODE_KEY;
use crate::domain::workspace::action::{Action, FamilyFields};
use crate::i18n::{t, Msg};
use crate::storage;
use crate::ui::shared::store::{new_id, today, use_store, Store};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Not chosen yet: everything is reachable, and the home page asks.
    Unset,
    Family,
    Caseload,
}

/// The mode, in context.
#[derive(Clone, Copy)]
pub struct UseMode(pub RwSignal<Mode>);

pub fn use_mode() -> RwSignal<Mode> {
    expect_context::<UseMode>().0
}

/// Reads the stored choice.
pub fn load() -> Mode {
    match storage::get(MODE_KEY).ok().flatten().as_deref() {
        Some("family") => Mode::Family,
        Some("caseload") => Mode::Caseload,
        _ => Mode::Unset,
    }
}

/// Keeps the choice. Returns false if the browser refused to store it (it still applies to this
/// visit).
pub fn save(mode: Mode) -> bool {
    match mode {
        Mode::Unset => storage::remove(MODE_KEY).is_ok(),
        Mode::Family => storage::set(MODE_KEY, "family").is_ok(),
        Mode::Caseload => storage::set(MODE_KEY, "caseload").is_ok(),
    }
}

/// The family this device's family view is about.
pub fn family_id() -> Option<Id> {
    use_store().ws.with(|ws| ws.own_family())
}

/// Chooses a mode: remembers it, and for a family makes sure there is a family to be about.
pub fn choose(store: Store, mode: RwSignal<Mode>, m: Mode) {
    if m == Mode::Family && store.ws.with_untracked(|ws| ws.own_family()).is_none() {
        let made = store.dispatch_quietly(Action::CreateFamily {
            id: new_id(),
            fields: FamilyFields {
                reference: t(Msg::OurFamily).into(),
                opened: Some(today()),
                ..Default::default()
            },
        });
        if made.is_err() {
            return;
        }
    }
    if !save(m) {
        store.say(t(Msg::ModeNotKept), true, None);
    }
    mode.set(m);
}
