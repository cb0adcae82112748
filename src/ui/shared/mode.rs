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

/// Whether this build has the staff view (the `staff` feature). The family's build (index.html)
/// leaves it out, so a family's phone never downloads the caseload, the reports or the import:
/// code behind `if STAFF` is not in that build's wasm. A worker's device opens staff.html, the
/// full build (see scripts/build.sh).
pub const STAFF: bool = cfg!(feature = "staff");

/// In the family's build, opens the full build (staff.html) at the same address. Returns false in
/// the full build, which has every page itself.
pub fn open_staff_build() -> bool {
    if STAFF {
        return false;
    }
    let loc = window().location();
    let rest = format!(
        "{}{}",
        loc.search().unwrap_or_default(),
        loc.hash().unwrap_or_default()
    );
    loc.replace(&format!("staff.html{rest}")).is_ok()
}

/// Whether pages speak to a family about their own family (the family view) rather than to a
/// worker. Always, in the family's build; so the worker's versions of those pages are not in it.
pub fn family_view() -> bool {
    !STAFF || use_mode().get_untracked() == Mode::Family
}

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

/// Makes sure the family view has a family to be about (on first use, or when "for my family" was
/// chosen on the first screen before the app had loaded). Returns false if it could not be saved.
pub fn ensure_own_family(store: Store) -> bool {
    if store.ws.with_untracked(|ws| ws.own_family()).is_some() {
        return true;
    }
    store
        .dispatch_quietly(Action::CreateFamily {
            id: new_id(),
            fields: FamilyFields {
                reference: t(Msg::OurFamily).into(),
                opened: Some(today()),
                ..Default::default()
            },
        })
        .is_ok()
}

/// Chooses a mode: remembers it, and for a family makes sure there is a family to be about.
pub fn choose(store: Store, mode: RwSignal<Mode>, m: Mode) {
    if m == Mode::Family && !ensure_own_family(store) {
        return;
    }
    if !save(m) {
        store.say(t(Msg::ModeNotKept), true, None);
    }
    // The family's build has no staff view: the full build opens, in the staff view (when the
    // browser would not keep the choice, it asks again there).
    if m == Mode::Caseload && open_staff_build() {
        return;
    }
    mode.set(m);
    // The home is drawn anew in place of the button just pressed: start at its top, with focus
    // on its heading, rather than wherever the first screen had been scrolled to.
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
    crate::ui::shared::dom::focus_heading();
}
