//! Pages and their addresses. Waymark uses the URL fragment (`#/families`) so that it works from
//! any folder of any static server (a council's `/waymark/`), and reopens on the same page.

use crate::domain::base::Id;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Families,
    NewFamily,
    Family(Id),
    /// A family's plan: goals, steps and reviews.
    Plan(Id),
    /// A family's summary, laid out for printing on A4.
    FamilyPrint(Id),
    /// A family's needs under the outcome plan, their outcomes and checks, and its claim.
    #[cfg(feature = "staff")]
    Needs(Id),
    /// A family's claim pack for an auditor, laid out for printing on A4.
    #[cfg(feature = "staff")]
    ClaimPack(Id),
    Wheels,
    /// One family's wheels: readings, radar, distance travelled.
    WheelFamily(Id),
    /// Scoring a wheel for a family (the reading in progress).
    WheelScore(Id),
    Milestones,
    /// A child's milestones: timeline and readiness (the child's member id).
    ChildMilestones(Id),
    /// Recording a milestone check for a child.
    MilestoneCheck(Id),
    Scales,
    /// A family's scaling questions: the session screen.
    ScaleFamily(Id),
    /// Answering one question for a family (family id, question id).
    ScaleAsk(Id, Id),
    /// A child's three houses in a family.
    Houses(Id),
    Reports,
    /// The claims list, the checks due and the quarter's figures.
    #[cfg(feature = "staff")]
    Claims,
    Data,
    /// The language, and how Waymark is used on this device.
    Settings,
    /// Sharing with a worker (family view), or how to take in a family's file (staff view).
    Share,
    /// Where to get help now: 999 and the free national lines (every family page links here).
    Help,
    NotFound(String),
}

impl Route {
    /// Reads a location fragment such as `#/families/abc`.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/');
        let parts: Vec<&str> = path.split('/').collect();
        match parts.as_slice() {
            [""] => Route::Home,
            ["families"] => Route::Families,
            ["families", "new"] => Route::NewFamily,
            ["families", id] => match Id::parse(id) {
                Some(id) => Route::Family(id),
                None => Route::NotFound(path.chars().take(80).collect()),
            },
            ["families", id, "plan"] => Id::parse(id).map_or_else(
                || Route::NotFound(path.chars().take(80).collect()),
                Route::Plan,
            ),
            ["families", id, "print"] => Id::parse(id).map_or_else(
                || Route::NotFound(path.chars().take(80).collect()),
                Route::FamilyPrint,
            ),
            #[cfg(feature = "staff")]
            ["families", id, "needs"] => Id::parse(id).map_or_else(
                || Route::NotFound(path.chars().take(80).collect()),
                Route::Needs,
            ),
            #[cfg(feature = "staff")]
            ["families", id, "claim-pack"] => Id::parse(id).map_or_else(
                || Route::NotFound(path.chars().take(80).collect()),
                Route::ClaimPack,
            ),
            #[cfg(feature = "staff")]
            ["claims"] => Route::Claims,
            ["wheels"] => Route::Wheels,
            ["wheels", id] => Id::parse(id).map_or_else(
                || Route::NotFound(path.chars().take(80).collect()),
                Route::WheelFamily,
            ),
            ["wheels", id, "score"] => Id::parse(id).map_or_else(
                || Route::NotFound(path.chars().take(80).collect()),
                Route::WheelScore,
            ),
            ["milestones"] => Route::Milestones,
            ["milestones", c] => Id::parse(c).map_or_else(
                || Route::NotFound(path.chars().take(80).collect()),
                Route::ChildMilestones,
            ),
            ["milestones", c, "check"] => Id::parse(c).map_or_else(
                || Route::NotFound(path.chars().take(80).collect()),
                Route::MilestoneCheck,
            ),
            ["scales"] => Route::Scales,
            ["scales", f] => Id::parse(f).map_or_else(
                || Route::NotFound(path.chars().take(80).collect()),
                Route::ScaleFamily,
            ),
            ["scales", f, "houses"] => Id::parse(f).map_or_else(
                || Route::NotFound(path.chars().take(80).collect()),
                Route::Houses,
            ),
            ["scales", f, "ask", q] => match (Id::parse(f), Id::parse(q)) {
                (Some(f), Some(q)) => Route::ScaleAsk(f, q),
                _ => Route::NotFound(path.chars().take(80).collect()),
            },
            ["reports"] => Route::Reports,
            ["data"] => Route::Data,
            ["settings"] => Route::Settings,
            ["share"] => Route::Share,
            ["help"] => Route::Help,
            _ => Route::NotFound(path.chars().take(80).collect()),
        }
    }

    /// The fragment that leads to this page.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Families => "#/families".into(),
            Route::NewFamily => "#/families/new".into(),
            Route::Family(id) => format!("#/families/{id}"),
            Route::Plan(id) => format!("#/families/{id}/plan"),
            Route::FamilyPrint(id) => format!("#/families/{id}/print"),
            #[cfg(feature = "staff")]
            Route::Needs(id) => format!("#/families/{id}/needs"),
            #[cfg(feature = "staff")]
            Route::ClaimPack(id) => format!("#/families/{id}/claim-pack"),
            #[cfg(feature = "staff")]
            Route::Claims => "#/claims".into(),
            Route::Wheels => "#/wheels".into(),
            Route::WheelFamily(id) => format!("#/wheels/{id}"),
            Route::WheelScore(id) => format!("#/wheels/{id}/score"),
            Route::Milestones => "#/milestones".into(),
            Route::ChildMilestones(c) => format!("#/milestones/{c}"),
            Route::MilestoneCheck(c) => format!("#/milestones/{c}/check"),
            Route::Scales => "#/scales".into(),
            Route::ScaleFamily(f) => format!("#/scales/{f}"),
            Route::ScaleAsk(f, q) => format!("#/scales/{f}/ask/{q}"),
            Route::Houses(f) => format!("#/scales/{f}/houses"),
            Route::Reports => "#/reports".into(),
            Route::Data => "#/data".into(),
            Route::Settings => "#/settings".into(),
            Route::Share => "#/share".into(),
            Route::Help => "#/help".into(),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }

    /// The family a page is about, where its address names one (a child's pages name the
    /// child).
    pub fn family(&self) -> Option<&Id> {
        match self {
            Route::Family(f)
            | Route::Plan(f)
            | Route::FamilyPrint(f)
            | Route::WheelFamily(f)
            | Route::WheelScore(f)
            | Route::ScaleFamily(f)
            | Route::ScaleAsk(f, _)
            | Route::Houses(f) => Some(f),
            #[cfg(feature = "staff")]
            Route::Needs(f) | Route::ClaimPack(f) => Some(f),
            _ => None,
        }
    }

    /// The top-level section a page belongs to (for marking the current navigation link).
    pub fn section(&self) -> Route {
        match self {
            Route::NewFamily | Route::Family(_) | Route::Plan(_) | Route::FamilyPrint(_) => {
                Route::Families
            }
            #[cfg(feature = "staff")]
            Route::Needs(_) | Route::ClaimPack(_) => Route::Families,
            // Claims are reported on: a way in from Reports, not a seventh link on a phone.
            #[cfg(feature = "staff")]
            Route::Claims => Route::Reports,
            Route::WheelFamily(_) | Route::WheelScore(_) => Route::Wheels,
            Route::ScaleFamily(_) | Route::ScaleAsk(..) | Route::Houses(_) => Route::Scales,
            Route::ChildMilestones(_) | Route::MilestoneCheck(_) => Route::Milestones,
            other => other.clone(),
        }
    }
}

/// Whether a page belongs in the family view (a family's own phone): only this family's own
/// pages, home, sharing and "Your data". Lists of families, reports and the like are caseload
/// features. `family` is the family the device is about; `child_of_family` tells whether a
/// member is a child in it.
pub fn family_may_see(
    route: &Route,
    family: Option<&Id>,
    child_of_family: impl Fn(&Id) -> bool,
) -> bool {
    let ours = |id: &Id| family == Some(id);
    match route {
        Route::Home
        | Route::Data
        | Route::Settings
        | Route::Share
        | Route::Help
        | Route::NotFound(_) => true,
        // The staff's page of a family, and the caseload's pages, are not the family's.
        Route::Family(_) => false,
        #[cfg(feature = "staff")]
        Route::Needs(_) | Route::ClaimPack(_) => false,
        Route::ChildMilestones(c) => child_of_family(c),
        r => r.family().is_some_and(ours),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_family_page_names_its_family_and_a_child_page_does_not() {
        let f = Id::fixed("fam_1");
        for r in [
            Route::Family(f.clone()),
            Route::WheelScore(f.clone()),
            Route::ScaleAsk(f.clone(), Id::fixed("q1")),
            Route::Houses(f.clone()),
        ] {
            assert_eq!(r.family(), Some(&f), "{r:?}");
        }
        for r in [
            Route::Families,
            Route::ChildMilestones(f.clone()),
            Route::MilestoneCheck(f.clone()),
            Route::Reports,
        ] {
            assert_eq!(r.family(), None, "{r:?}");
        }
    }

    #[test]
    fn parses_and_round_trips() {
        for r in [
            Route::Home,
            Route::Families,
            Route::NewFamily,
            Route::Family(Id::fixed("abc_1")),
            Route::Plan(Id::fixed("abc_1")),
            Route::FamilyPrint(Id::fixed("abc_1")),
            Route::Wheels,
            Route::WheelFamily(Id::fixed("f")),
            Route::WheelScore(Id::fixed("f")),
            Route::ScaleFamily(Id::fixed("f")),
            Route::ScaleAsk(Id::fixed("f"), Id::fixed("q")),
            Route::Houses(Id::fixed("f")),
            Route::ChildMilestones(Id::fixed("c")),
            Route::MilestoneCheck(Id::fixed("c")),
            Route::Milestones,
            Route::Scales,
            Route::Reports,
            Route::Data,
            Route::Settings,
            Route::Share,
            Route::Help,
            Route::Needs(Id::fixed("f")),
            Route::ClaimPack(Id::fixed("f")),
            Route::Claims,
        ] {
            assert_eq!(Route::parse(&r.href()), r, "{r:?}");
        }
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(Route::parse("#/data/"), Route::Data);
        assert_eq!(Route::parse("#/nowhere"), Route::NotFound("nowhere".into()));
        assert_eq!(
            Route::parse("#/families/<b>"),
            Route::NotFound("families/<b>".into())
        );
        assert_eq!(Route::Family(Id::fixed("x")).section(), Route::Families);
        assert_eq!(Route::Plan(Id::fixed("x")).section(), Route::Families);
    }

    #[test]
    fn the_family_view_shows_only_the_familys_own_pages() {
        let ours = Id::fixed("ours");
        let other = Id::fixed("other");
        let child = Id::fixed("kid");
        let sees = |r: Route| family_may_see(&r, Some(&ours), |c| c == &child);
        for r in [
            Route::Home,
            Route::Data,
            Route::Settings,
            Route::Share,
            Route::Help,
            Route::WheelFamily(ours.clone()),
            Route::WheelScore(ours.clone()),
            Route::ScaleFamily(ours.clone()),
            Route::ScaleAsk(ours.clone(), Id::fixed("q")),
            Route::Houses(ours.clone()),
            Route::Plan(ours.clone()),
            Route::FamilyPrint(ours.clone()),
            Route::ChildMilestones(child.clone()),
        ] {
            assert!(sees(r.clone()), "{r:?}");
        }
        for r in [
            Route::Families,
            Route::NewFamily,
            Route::Family(ours.clone()),
            Route::Wheels,
            Route::Milestones,
            Route::Scales,
            Route::Reports,
            Route::WheelFamily(other.clone()),
            Route::Plan(other.clone()),
            Route::ScaleAsk(other.clone(), Id::fixed("q")),
            Route::ChildMilestones(Id::fixed("someone-else")),
            Route::MilestoneCheck(child.clone()),
            Route::Needs(ours.clone()),
            Route::ClaimPack(ours.clone()),
            Route::Claims,
        ] {
            assert!(!sees(r.clone()), "{r:?}");
        }
        // With no family yet, no family page is shown.
        assert!(!family_may_see(&Route::Plan(ours), None, |_| false));
    }
}
