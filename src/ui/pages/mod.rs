//! One module per page; [`page`] picks the page for a route.

mod data;
pub use data::export_all;
mod families;
mod home;
mod milestones;
mod plan;
mod report;
mod scales;
mod share;
mod summary;
mod wheels;

use super::components::set_title;
use crate::domain::validate::Problem;
use crate::i18n::{problem_kind, t, Msg};
use crate::route::Route;
use leptos::prelude::*;

/// Why a page could not be shown (caught by the shell's error boundary).
#[derive(Clone, Debug)]
pub struct PageError(pub Msg);

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(t(self.0))
    }
}
impl std::error::Error for PageError {}

pub fn page(route: Route) -> impl IntoView {
    match route {
        Route::Home => home::HomePage().into_any(),
        Route::Families => families::FamiliesPage().into_any(),
        Route::NewFamily => families::NewFamilyPage().into_any(),
        Route::Family(id) => view! { <families::FamilyPage id=id/> }.into_any(),
        Route::Plan(id) => view! { <plan::PlanPage id=id/> }.into_any(),
        Route::FamilyPrint(id) => view! { <summary::FamilyPrintPage id=id/> }.into_any(),
        Route::Wheels => wheels::WheelsPage().into_any(),
        Route::WheelFamily(id) => view! { <wheels::WheelFamilyPage id=id/> }.into_any(),
        Route::WheelScore(id) => view! { <wheels::WheelScorePage id=id/> }.into_any(),
        Route::Milestones => milestones::MilestonesPage().into_any(),
        Route::ChildMilestones(id) => view! { <milestones::ChildMilestonesPage id=id/> }.into_any(),
        Route::MilestoneCheck(id) => view! { <milestones::MilestoneCheckPage id=id/> }.into_any(),
        Route::Scales => scales::ScalesPage().into_any(),
        Route::ScaleFamily(id) => view! { <scales::ScaleFamilyPage id=id/> }.into_any(),
        Route::ScaleAsk(f, q) => view! { <scales::ScaleAskPage family=f question=q/> }.into_any(),
        Route::Houses(f) => view! { <scales::HousesPage family=f/> }.into_any(),
        Route::Reports => report::ReportPage().into_any(),
        Route::Data => data::DataPage().into_any(),
        Route::Share => share::SharePage().into_any(),
        Route::NotFound(_) => NotFoundPage().into_any(),
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

/// The words for the first problem at a form field, if any.
pub fn field_error(problems: &[Problem], field: &str) -> Option<String> {
    problems
        .iter()
        .find(|p| p.path == field)
        .map(|p| problem_kind(&p.kind))
}
