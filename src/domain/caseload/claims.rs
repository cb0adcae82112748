//! Claims across a caseload (the worker's build): the claims list for a period, what is due for a
//! sustainment check, the quarterly figures the programme asks for, and the CSV of a period's
//! claims. Each family's standing is [`crate::domain::claim::family_state`], read from its own
//! folder; the definitions are in `docs/outcomes.md` ("Claims").

use super::csv::{encode, Cell};
use super::report::{scope_matches, Count, Scope};
use crate::domain::base::record::Dated;
use crate::domain::base::sort;
use crate::domain::base::Id;
use crate::domain::claim::headline::present;
use crate::domain::claim::{FamilyClaim, Headline, Need, NeedState, OutcomePlan, State};
use crate::domain::workspace::records::*;
use crate::domain::workspace::standing;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// One family in the claims list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimLine {
    pub family: Id,
    pub reference: String,
    pub worker: String,
    pub team: String,
    pub standing: FamilyClaim,
    /// The headlines of its live needs, in the framework's order.
    pub headlines: Vec<Headline>,
    /// The last claim made for it, if any.
    pub claimed: Option<NaiveDate>,
}

/// Which families the claims list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListFilter {
    /// Only families in this state (by [`State::code`]).
    pub state: Option<&'static str>,
    /// Only families with a need under this headline.
    pub headline: Option<Headline>,
}

/// The live families of `scope` (its worker or team), each with its folder.
fn families_in<'a>(
    ws: &'a Workspace,
    scope: &'a Scope,
) -> impl Iterator<Item = (&'a Id, &'a Folder, &'a Family)> + 'a {
    ws.folders().filter_map(move |(id, folder)| {
        let f = folder.families.get(id).filter(|f| !f.meta.deleted)?;
        scope_matches(scope, f).then_some((id, &**folder, f))
    })
}

/// Whether a family's results are counted in reports (its consent does not leave them out).
fn counted(f: &Family) -> bool {
    f.consent
        .as_ref()
        .is_none_or(|k| k.agreed.contains(&ConsentItem::Reports))
}

fn live_needs(folder: &Folder) -> impl Iterator<Item = &Need> {
    folder.needs.values().filter(|n| !n.meta.deleted)
}

/// The claims list for `scope`: every family (of its worker or team) with a need identified by
/// the period's end, but those whose every need was claimed before the period began; standing
/// as on `today` (or the period's end, if earlier). Sorted by reference.
pub fn claims_list(
    ws: &Workspace,
    scope: &Scope,
    filter: &ListFilter,
    plan: &OutcomePlan,
    today: NaiveDate,
) -> Vec<ClaimLine> {
    let day = scope.to.min(today);
    let mut out = Vec::new();
    for (id, folder, f) in families_in(ws, scope) {
        if !live_needs(folder).any(|n| n.identified <= scope.to) {
            continue;
        }
        let standing = standing::of_folder(folder, f, plan, day);
        let claimed = folder
            .claims
            .values()
            .filter(|c| !c.meta.deleted && c.date <= day)
            .map(|c| c.date)
            .max();
        if let State::Claimed { on } = standing.state {
            if on < scope.from {
                continue;
            }
        }
        let headlines = present(
            live_needs(folder)
                .filter(|n| n.identified <= day)
                .map(|n| n.headline),
        );
        if filter.state.is_some_and(|s| s != standing.state.code())
            || filter.headline.is_some_and(|h| !headlines.contains(&h))
        {
            continue;
        }
        out.push(ClaimLine {
            family: id.clone(),
            reference: f.reference.clone(),
            worker: f.worker.clone(),
            team: f.team.clone(),
            standing,
            headlines,
            claimed,
        });
    }
    sort::by(&mut out, |a, b| {
        (a.reference.to_lowercase(), &a.family).cmp(&(b.reference.to_lowercase(), &b.family))
    });
    out
}

/// A need whose outcome should be checked: it has lasted (or should have) since `since`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub family: Id,
    pub reference: String,
    pub need: Id,
    pub headline: Headline,
    pub since: NaiveDate,
}

/// Every need due for a sustainment check on `today` (open or closed cases alike), the longest
/// waiting first.
pub fn due_checks(ws: &Workspace, scope: &Scope, plan: &OutcomePlan, today: NaiveDate) -> Vec<Due> {
    let mut out = Vec::new();
    for (id, folder, f) in families_in(ws, scope) {
        if live_needs(folder).next().is_none() {
            continue;
        }
        for (need, s) in standing::of_folder(folder, f, plan, today).needs {
            if let NeedState::CheckDue { since } = s {
                let headline = folder
                    .needs
                    .get(&need)
                    .map_or(Headline::Education, |n| n.headline);
                out.push(Due {
                    family: id.clone(),
                    reference: f.reference.clone(),
                    need,
                    headline,
                    since,
                });
            }
        }
    }
    sort::by(&mut out, |a, b| {
        (a.since, &a.reference).cmp(&(b.since, &b.reference))
    });
    out
}

/// The figures the programme asks a council for, over a period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimFigures {
    /// Families worked with at some time in the period (and the children in them).
    pub worked_with: Count,
    /// Of those, with a need under each headline (identified by the period's end).
    pub with_need: Vec<(Headline, Count)>,
    /// Families with an outcome met in the period, under each headline.
    pub met: Vec<(Headline, Count)>,
    /// Families with an outcome checked as sustained in the period, under each headline.
    pub sustained: Vec<(Headline, Count)>,
    /// Families with a claim made in the period.
    pub claimed: Count,
}

fn add(list: &mut [(Headline, Count)], h: Headline, children: usize) {
    if let Some((_, c)) = list.iter_mut().find(|(x, _)| *x == h) {
        c.families += 1;
        c.children += children;
    }
}

/// The quarterly figures for `scope` (any period): counted as the report counts (families whose
/// consent leaves out "counting our results in reports" are not counted). A family counts once
/// under a headline however many needs it has there; its children are those named on its needs
/// under the headline, or every child born by the period's end where a need is the whole
/// family's.
pub fn claim_figures(
    ws: &Workspace,
    scope: &Scope,
    plan: &OutcomePlan,
    today: NaiveDate,
) -> ClaimFigures {
    let day = scope.to.min(today);
    let zero = || {
        plan.headlines
            .iter()
            .map(|h| (h.headline, Count::default()))
            .collect::<Vec<_>>()
    };
    let mut r = ClaimFigures {
        with_need: zero(),
        met: zero(),
        sustained: zero(),
        ..ClaimFigures::default()
    };
    let during = |d: NaiveDate| d >= scope.from && d <= scope.to;
    for (_, folder, f) in families_in(ws, scope).filter(|(_, _, f)| counted(f)) {
        let kids: Vec<&Id> = folder
            .members
            .values()
            .filter(|m| {
                !m.meta.deleted
                    && m.role == MemberRole::Child
                    && m.born.is_some_and(|b| b <= scope.to)
            })
            .map(|m| &m.meta.id)
            .collect();
        let worked = f
            .episodes()
            .iter()
            .any(|e| e.opened <= scope.to && e.closed.is_none_or(|c| c.date >= scope.from));
        if worked {
            r.worked_with.families += 1;
            r.worked_with.children += kids.len();
        }
        if folder
            .claims
            .values()
            .any(|c| !c.meta.deleted && during(c.date))
        {
            r.claimed.families += 1;
            r.claimed.children += kids.len();
        }
        let states = standing::of_folder(folder, f, plan, day).needs;
        let children_under = |pick: &dyn Fn(&Need) -> bool, h: Headline| {
            let mut named = BTreeSet::new();
            for n in live_needs(folder).filter(|n| n.headline == h && pick(n)) {
                match &n.child {
                    Some(c) => {
                        named.insert(c);
                    }
                    None => return kids.len(),
                }
            }
            named.len()
        };
        for p in &plan.headlines {
            let h = p.headline;
            let identified = |n: &Need| n.identified <= scope.to;
            if worked && live_needs(folder).any(|n| n.headline == h && identified(n)) {
                add(&mut r.with_need, h, children_under(&identified, h));
            }
            let met = |n: &Need| n.met.as_ref().is_some_and(|m| during(m.date));
            if live_needs(folder).any(|n| n.headline == h && met(n)) {
                add(&mut r.met, h, children_under(&met, h));
            }
            let sustained = |n: &Need| {
                states.iter().any(|(id, s)| {
                    id == &n.meta.id
                        && match s {
                            NeedState::Sustained { on } => during(*on),
                            // Claimed: sustained on the check that came before the claim.
                            NeedState::Claimed { .. } => n
                                .checks
                                .iter()
                                .any(|k| k.held && during(k.date) && sustained_by(plan, n, k.date)),
                            _ => false,
                        }
                })
            };
            if live_needs(folder).any(|n| n.headline == h && sustained(n)) {
                add(&mut r.sustained, h, children_under(&sustained, h));
            }
        }
    }
    r
}

/// Whether a check on `day` is the one that found `n`'s outcome sustained: its first held check
/// on or after the day it had to hold until.
fn sustained_by(plan: &OutcomePlan, n: &Need, day: NaiveDate) -> bool {
    let Some(m) = &n.met else {
        return false;
    };
    let until = crate::domain::claim::state::until(plan, n.headline, m.date);
    n.checks
        .iter()
        .filter(|k| k.held && k.date >= until)
        .map(|k| k.date)
        .min()
        == Some(day)
}

/// The columns of the claims CSV.
pub const CLAIMS_HEADER: [&str; 7] = [
    "claimed_on",
    "family_reference",
    "worker",
    "team",
    "headlines",
    "needs",
    "plan",
];

/// The claims CSV of a period: one row for each claim made in it (the family, the headlines and
/// number of needs it counted, the plan it was made under), by date; as the report's files, a
/// family that did not agree to be counted in reports is left out.
pub fn claims_csv(ws: &Workspace, scope: &Scope) -> String {
    let mut rows = Vec::new();
    // As the report's files: a family that did not agree to be counted is left out.
    for (_, folder, f) in families_in(ws, scope).filter(|(_, _, f)| counted(f)) {
        let mut claims: Vec<_> = folder
            .claims
            .values()
            .filter(|c| !c.meta.deleted && c.date >= scope.from && c.date <= scope.to)
            .collect();
        sort::by_key(&mut claims, |c| c.date);
        for c in claims {
            let needs: Vec<&Need> = c.needs.iter().filter_map(|n| folder.needs.get(n)).collect();
            let headlines: Vec<&str> = present(needs.iter().map(|n| n.headline))
                .into_iter()
                .map(Headline::code)
                .collect();
            rows.push((
                (c.date, f.reference.to_lowercase()),
                vec![
                    Cell::Date(c.date),
                    Cell::from(f.reference.as_str()),
                    Cell::from(f.worker.as_str()),
                    Cell::from(f.team.as_str()),
                    Cell::from(headlines.join(" ")),
                    Cell::Int(needs.len() as i64),
                    Cell::from(c.plan.to_string()),
                ],
            ));
        }
    }
    sort::by(&mut rows, |a, b| a.0.cmp(&b.0));
    let rows: Vec<Vec<Cell>> = rows.into_iter().map(|(_, r)| r).collect();
    encode(&CLAIMS_HEADER, &rows)
}

/// One need in a claim pack: what was found, the outcome and its evidence, how it lasted.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PackNeed {
    pub id: Id,
    pub headline: Headline,
    /// The descriptor's words (in English, or the plan's first language).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub descriptor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child: Option<String>,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub identified: NaiveDate,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub by: String,
    pub source: crate::domain::claim::NeedSource,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met: Option<crate::domain::claim::Met>,
    /// The day the outcome had to last until.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::domain::base::date::ymd_opt"
    )]
    pub must_last_until: Option<NaiveDate>,
    pub checks: Vec<crate::domain::claim::Check>,
    /// Where it stands ([`NeedState::code`]).
    pub state: &'static str,
}

/// What an auditor needs for one family's claim: the plan, the lead practitioner, the
/// assessment and the plan's dates, every need with its evidence, and the claims made.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ClaimPack {
    pub format: &'static str,
    pub version: u32,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub made: NaiveDate,
    pub reference: String,
    pub lead_practitioner: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub team: String,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub opened: NaiveDate,
    /// The plan the pack is read against, `<id>-v<version>`.
    pub plan: Id,
    /// The first whole-family assessment (a wheel for the family).
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::domain::base::date::ymd_opt"
    )]
    pub assessment: Option<NaiveDate>,
    /// The first goal of the family plan was set on this day; how many goals there are.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "crate::domain::base::date::ymd_opt"
    )]
    pub plan_set: Option<NaiveDate>,
    pub goals: usize,
    /// Where the family stands (written as [`State::code`]).
    #[serde(serialize_with = "state_code")]
    pub state: State,
    pub needs: Vec<PackNeed>,
    /// The claims made, by date.
    pub claims: Vec<PackClaim>,
}

fn state_code<S: serde::Serializer>(s: &State, to: S) -> Result<S::Ok, S::Error> {
    to.serialize_str(s.code())
}

/// A claim as a pack lists it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct PackClaim {
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    pub needs: Vec<Id>,
    pub plan: Id,
}

/// The claim pack of family `id` on `today` under `plan` (`None`: no such live family).
pub fn claim_pack(
    ws: &Workspace,
    id: &Id,
    plan: &OutcomePlan,
    today: NaiveDate,
) -> Option<ClaimPack> {
    let folder = ws.folder(id)?;
    let f = folder.families.get(id).filter(|f| !f.meta.deleted)?;
    let standing = standing::of_folder(folder, f, plan, today);
    let name = |t: &crate::domain::base::Text| crate::domain::base::text::text(t, "en").to_string();
    let needs = standing
        .needs
        .iter()
        .filter_map(|(nid, s)| {
            let n = folder.needs.get(nid)?;
            Some(PackNeed {
                id: nid.clone(),
                headline: n.headline,
                descriptor: n
                    .descriptor
                    .as_ref()
                    .and_then(|d| plan.descriptor(d))
                    .map(|(_, d)| name(&d.text)),
                child: n
                    .child
                    .as_ref()
                    .and_then(|c| folder.members.get(c))
                    .map(|m| m.name.clone()),
                identified: n.identified,
                by: n.by.clone(),
                source: n.source,
                note: n.note.clone(),
                met: n.met.clone(),
                must_last_until: n
                    .met
                    .as_ref()
                    .map(|m| crate::domain::claim::state::until(plan, n.headline, m.date)),
                checks: n.checks.clone(),
                state: s.code(),
            })
        })
        .collect();
    let first = |dates: &mut dyn Iterator<Item = NaiveDate>| dates.min();
    let mut claims: Vec<PackClaim> = folder
        .claims
        .values()
        .filter(|c| !c.meta.deleted)
        .map(|c| PackClaim {
            date: c.date,
            needs: c.needs.clone(),
            plan: c.plan.clone(),
        })
        .collect();
    sort::by_key(&mut claims, |c| c.date);
    let goals: Vec<&Goal> = folder.goals.values().filter(|g| !g.meta.deleted).collect();
    Some(ClaimPack {
        format: "waymark-claim-pack",
        version: 1,
        made: today,
        reference: f.reference.clone(),
        lead_practitioner: f.worker.clone(),
        team: f.team.clone(),
        opened: f.opened,
        plan: standing::plan_id(plan),
        assessment: first(
            &mut folder
                .wheel_readings
                .values()
                .filter(|r| !r.meta.deleted && r.child.is_none())
                .map(|r| r.date),
        ),
        plan_set: first(&mut goals.iter().map(|g| g.set)),
        goals: goals.len(),
        state: standing.state,
        needs,
        claims,
    })
}

/// A need a family's wheel suggests: an area of its latest reading of a wheel (the family's
/// own, not a child's) scored in the lowest two stages, whose headline in the plan has no need
/// not yet claimed (and no suggestion before it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub template: Id,
    pub area: Id,
    pub score: u8,
    pub headline: Headline,
}

/// The needs `folder`'s latest wheels suggest under `plan`, given where its needs stand.
pub fn suggestions(
    folder: &Folder,
    plan: &OutcomePlan,
    needs: &[(Id, NeedState)],
) -> Vec<Suggestion> {
    let mut latest: Vec<&WheelReading> = Vec::new();
    for r in folder
        .wheel_readings
        .values()
        .filter(|r| !r.meta.deleted && r.child.is_none())
    {
        match latest.iter_mut().find(|l| l.template == r.template) {
            Some(l) if l.when() >= r.when() => {}
            Some(l) => *l = r,
            None => latest.push(r),
        }
    }
    let open = |h: Headline| {
        needs.iter().any(|(id, s)| {
            !matches!(s, NeedState::Claimed { .. })
                && folder.needs.get(id).is_some_and(|n| n.headline == h)
        })
    };
    let mut out: Vec<Suggestion> = Vec::new();
    for r in latest {
        for sc in &r.scores {
            let Some(headline) = plan.headline_of(&r.template, &sc.area) else {
                continue;
            };
            let taken = open(headline) || out.iter().any(|x| x.headline == headline);
            if crate::domain::wheel::stage_of(sc.score) < 2 && !taken {
                out.push(Suggestion {
                    template: r.template.clone(),
                    area: sc.area.clone(),
                    score: sc.score,
                    headline,
                });
            }
        }
    }
    out
}
