//! One module per page (or, for a page with several screens, one folder); [`page`] picks the
//! page for a route. A page never imports another page: what two pages share lives in
//! `ui::shared` or `ui::widgets`.

#[cfg(feature = "staff")]
mod claims;
mod data;
#[cfg(feature = "staff")]
mod families;
mod help;
mod home;
// Milestone checks are a worker's instrument: not in the family's build (nor its framework).
#[cfg(feature = "staff")]
mod milestones;
#[cfg(feature = "staff")]
mod needs;
mod plan;
#[cfg(feature = "staff")]
mod report;
mod scales;
mod settings;
mod share;
mod summary;
mod wheels;

use crate::i18n::{t, Msg};
use crate::route::Route;
use crate::ui::shared::dom::set_title;
use crate::ui::shared::mode::{open_staff_build, STAFF};
use leptos::prelude::*;

/// The page for a route. The staff pages (`STAFF`) are left out of the family's build, where
/// their addresses open the full build instead.
pub fn page(route: Route) -> AnyView {
    match route {
        Route::Home => home::HomePage().into_any(),
        #[cfg(feature = "staff")]
        Route::Families if STAFF => families::FamiliesPage().into_any(),
        #[cfg(feature = "staff")]
        Route::NewFamily if STAFF => families::NewFamilyPage().into_any(),
        #[cfg(feature = "staff")]
        Route::Family(id) if STAFF => view! { <families::FamilyPage id=id/> }.into_any(),
        Route::Plan(id) => view! { <plan::PlanPage id=id/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::Needs(id) if STAFF => view! { <needs::NeedsPage id=id/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::ClaimPack(id) if STAFF => view! { <needs::ClaimPackPage id=id/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::Claims if STAFF => claims::ClaimsPage().into_any(),
        Route::FamilyPrint(id) => view! { <summary::FamilyPrintPage id=id/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::Wheels if STAFF => wheels::WheelsPage().into_any(),
        Route::WheelFamily(id) => view! { <wheels::family::WheelFamilyPage id=id/> }.into_any(),
        Route::WheelScore(id) => view! { <wheels::score::WheelScorePage id=id/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::Milestones if STAFF => milestones::MilestonesPage().into_any(),
        #[cfg(feature = "staff")]
        Route::ChildMilestones(id) => view! { <milestones::ChildMilestonesPage id=id/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::MilestoneCheck(id) if STAFF => {
            view! { <milestones::MilestoneCheckPage id=id/> }.into_any()
        }
        Route::Scales if STAFF => scales::ScalesPage().into_any(),
        Route::ScaleFamily(id) => view! { <scales::ScaleFamilyPage id=id/> }.into_any(),
        Route::ScaleAsk(f, q) => view! { <scales::ScaleAskPage family=f question=q/> }.into_any(),
        Route::Houses(f) => view! { <scales::HousesPage family=f/> }.into_any(),
        #[cfg(feature = "staff")]
        Route::Reports if STAFF => report::ReportPage().into_any(),
        Route::Data => data::DataPage().into_any(),
        Route::Settings => settings::SettingsPage().into_any(),
        Route::Share => share::SharePage().into_any(),
        Route::Help => help::HelpPage().into_any(),
        Route::NotFound(_) => NotFoundPage().into_any(),
        // A staff page's address in the family's build (a worker's link on a device not set up
        // yet): the full build opens at it.
        _ => OpenStaffBuild().into_any(),
    }
}

/// Opens the full build at this address, saying so while it loads.
#[component]
fn OpenStaffBuild() -> impl IntoView {
    set_title(t(Msg::Loading));
    request_animation_frame(|| {
        open_staff_build();
    });
    view! {
        <section class="page">
            <h1 tabindex="-1">{t(Msg::Loading)}</h1>
        </section>
    }
}

#[component]
fn NotFoundPage() -> impl IntoView {
    set_title(t(Msg::NotFoundTitle));
    view! {
        <section class="page">
            <h1 tabindex="-1">{t(Msg::NotFoundTitle)}</h1>
            <p>{t(Msg::NotFoundBody)}</p>
            <p><a class="button" href=Route::Home.href()>{t(Msg::GoHome)}</a></p>
        </section>
    }
}
