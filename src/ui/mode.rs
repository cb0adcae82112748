//! How Waymark is used on this device: **for my family** (a simple home on one family's own
//! phone, with no caseload features) or **for my caseload** (the staff view). Chosen on first
//! use, changeable on "Your data", kept in this device's storage (never in an export).

use crate::domain::id::Id;
use crate::domain::shards::MODE_KEY;
use crate::domain::workspace_family;
use crate::route::Route;
use crate::storage;
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

/// Whether a page belongs in the family view: only this family's own pages, home, sharing and
/// "Your data". Lists of families, reports and the like are caseload features.
pub fn family_may_see(
    route: &Route,
    family: Option<&Id>,
    child_of_family: impl Fn(&Id) -> bool,
) -> bool {
    let ours = |id: &Id| family == Some(id);
    match route {
        Route::Home | Route::Data | Route::Share | Route::NotFound(_) => true,
        Route::WheelFamily(f)
        | Route::WheelScore(f)
        | Route::ScaleFamily(f)
        | Route::Houses(f)
        | Route::Plan(f)
        | Route::FamilyPrint(f) => ours(f),
        Route::ScaleAsk(f, _) => ours(f),
        Route::ChildMilestones(c) => child_of_family(c),
        _ => false,
    }
}

/// The family this device's family view is about.
pub fn family_id() -> Option<Id> {
    let store = crate::ui::store::use_store();
    store.ws.with(workspace_family)
}
