//! Where a family stands against the outcome plan in force, read from its folder (the worker's
//! build): what [`crate::domain::claim::family_state`] needs, gathered once for an action, the
//! family's page, the claims list and the report alike.

use super::folders::{Folder, Workspace};
use crate::domain::base::{Id, Record};
use crate::domain::case::Family;
use crate::domain::claim::{self, CustomPlan, Facts, FamilyClaim, OutcomePlan};
use chrono::NaiveDate;

/// The outcome plan in force: the one a service loaded last, or the national framework.
pub fn plan_in_force(ws: &Workspace) -> OutcomePlan {
    claim::in_force(ws.shared().outcome_plans.values())
}

/// The id a claim records for the plan it was made under (`national-v1` for the built-in one).
pub fn plan_id(plan: &OutcomePlan) -> Id {
    CustomPlan::record_id(plan).unwrap_or_else(|| Id::fixed("national-v1"))
}

/// What a family has on `day`, beyond its needs, that a claim asks for: a worker named (as now:
/// the worker is not dated), a wheel done for the family (not one child's) and a goal in its
/// plan by that day, and the days it was referred again.
pub fn facts(folder: &Folder, family: &Family, day: NaiveDate) -> Facts {
    let live = |m: &crate::domain::base::Meta| !m.deleted;
    Facts {
        lead: !family.worker.trim().is_empty(),
        assessment: folder
            .wheel_readings
            .values()
            .any(|r| live(r.meta()) && r.child.is_none() && r.date <= day),
        plan: folder
            .goals
            .values()
            .any(|g| live(g.meta()) && g.set <= day),
        reopened: family.episodes().iter().skip(1).map(|e| e.opened).collect(),
    }
}

/// Where the family `id` stands on `today` under `plan` (`None`: no such live family).
pub fn standing(
    ws: &Workspace,
    id: &Id,
    plan: &OutcomePlan,
    today: NaiveDate,
) -> Option<FamilyClaim> {
    let folder = ws.folder(id)?;
    let family = folder.families.get(id).filter(|f| !f.meta.deleted)?;
    Some(of_folder(folder, family, plan, today))
}

/// Where `family` stands, from its own `folder`.
pub fn of_folder(
    folder: &Folder,
    family: &Family,
    plan: &OutcomePlan,
    today: NaiveDate,
) -> FamilyClaim {
    let needs: Vec<_> = folder.needs.values().collect();
    let claims: Vec<_> = folder.claims.values().collect();
    claim::family_state(&needs, &claims, plan, &facts(folder, family, today), today)
}
