//! Where a need and a family stand against the outcome plan, from plain inputs: the rule of
//! `docs/outcomes.md` ("Claims"), used alike by an action refusing a claim, the claims list and
//! the quarterly figures.

use super::headline::Headline;
use super::need::{Claim, Need};
use super::plan::OutcomePlan;
use crate::domain::base::Id;
use chrono::{Months, NaiveDate};

/// Where one need stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NeedState {
    /// No outcome yet.
    Open,
    /// Its outcome did not last: a check found it had not held, or the family was referred again
    /// before it had lasted long enough.
    Lapsed { on: NaiveDate },
    /// Met, and must hold until `until` (the plan's months after it was met).
    Sustaining { until: NaiveDate },
    /// Should have lasted since `since`: a check on or after that day is due.
    CheckDue { since: NaiveDate },
    /// Met and checked as held on `on`, on or after the day it had to hold until.
    Sustained { on: NaiveDate },
    /// Counted in a claim made on `on`.
    Claimed { on: NaiveDate },
}

impl NeedState {
    /// A stable code for files (CSV, the claim pack).
    pub fn code(self) -> &'static str {
        match self {
            NeedState::Open => "open",
            NeedState::Lapsed { .. } => "lapsed",
            NeedState::Sustaining { .. } => "sustaining",
            NeedState::CheckDue { .. } => "check_due",
            NeedState::Sustained { .. } => "sustained",
            NeedState::Claimed { .. } => "claimed",
        }
    }
}

/// What a family has, beyond its needs, that a claim asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// A lead practitioner is named (the family's worker).
    pub lead: bool,
    /// A whole-family assessment is recorded (a wheel done for the family).
    pub assessment: bool,
    /// A family plan is recorded (a goal).
    pub plan: bool,
    /// The days the family was referred again (each episode opened after its first).
    pub reopened: Vec<NaiveDate>,
}

/// What the claim rule finds missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    Lead,
    Assessment,
    Plan,
    /// Needs under `have` headlines; the plan asks for `need`.
    Headlines {
        have: usize,
        need: usize,
    },
}

/// Where a family stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    /// No need recorded (by the day looked at).
    NoNeeds,
    /// The claim rule is not met: what is missing.
    NotEligible(Vec<Missing>),
    /// `open` needs have no outcome, or one that did not last.
    NeedsOpen { open: usize },
    /// Every outcome met; the last must hold until `until`.
    Sustaining { until: NaiveDate },
    /// Every outcome has lasted long enough; `due` of them still need their check.
    CheckDue { due: usize },
    /// Every need's outcome is sustained: a claim can be made.
    Ready,
    /// Everything recorded is claimed; the last claim was made on `on`.
    Claimed { on: NaiveDate },
}

impl State {
    /// A stable code for files (CSV, the claim pack).
    pub fn code(&self) -> &'static str {
        match self {
            State::NoNeeds => "no_needs",
            State::NotEligible(_) => "not_eligible",
            State::NeedsOpen { .. } => "needs_open",
            State::Sustaining { .. } => "sustaining",
            State::CheckDue { .. } => "check_due",
            State::Ready => "ready",
            State::Claimed { .. } => "claimed",
        }
    }
}

/// A family's standing, with each of its needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyClaim {
    pub state: State,
    /// Every live need, oldest first, with where it stands.
    pub needs: Vec<(Id, NeedState)>,
}

/// The day an outcome met on `met` under `headline` must hold until.
pub fn until(plan: &OutcomePlan, headline: Headline, met: NaiveDate) -> NaiveDate {
    met.checked_add_months(Months::new(plan.sustain_months(headline).into()))
        .unwrap_or(NaiveDate::MAX)
}

/// Where need `n` stands on `today`. `claims` are the family's live claims; `reopened` the days
/// the family was referred again.
pub fn need_state(
    n: &Need,
    plan: &OutcomePlan,
    claims: &[&Claim],
    reopened: &[NaiveDate],
    today: NaiveDate,
) -> NeedState {
    if let Some(on) = claims
        .iter()
        .filter(|c| !c.meta.deleted && c.date <= today && c.needs.contains(&n.meta.id))
        .map(|c| c.date)
        .min()
    {
        return NeedState::Claimed { on };
    }
    // What was recorded after `today` did not yet happen (a figure for a past period).
    let Some(met) = n.met.as_ref().filter(|m| m.date <= today) else {
        return NeedState::Open;
    };
    let until = until(plan, n.headline, met.date);
    // Checks and re-referrals count from the day it was met, to the day it had to hold until.
    let checks = || {
        n.checks
            .iter()
            .filter(|k| k.date >= met.date && k.date <= today)
    };
    let not_held = checks()
        .filter(|k| !k.held && k.date <= until)
        .map(|k| k.date);
    let again = reopened
        .iter()
        .copied()
        .filter(|d| *d > met.date && *d <= until);
    if let Some(on) = not_held.chain(again).filter(|d| *d <= today).min() {
        return NeedState::Lapsed { on };
    }
    if today < until {
        return NeedState::Sustaining { until };
    }
    match checks()
        .filter(|k| k.held && k.date >= until)
        .map(|k| k.date)
        .min()
    {
        Some(on) => NeedState::Sustained { on },
        None => NeedState::CheckDue { since: until },
    }
}

/// Where a family stands on `today`: its live `needs` and `claims` against `plan`'s rule.
pub fn family_state(
    needs: &[&Need],
    claims: &[&Claim],
    plan: &OutcomePlan,
    facts: &Facts,
    today: NaiveDate,
) -> FamilyClaim {
    let claims: Vec<&Claim> = claims
        .iter()
        .copied()
        .filter(|c| !c.meta.deleted && c.date <= today)
        .collect();
    let mut live: Vec<&Need> = needs
        .iter()
        .copied()
        .filter(|n| !n.meta.deleted && n.identified <= today)
        .collect();
    crate::domain::base::sort::by_key(&mut live, |n| (n.identified, n.meta.created));
    let states: Vec<(Id, NeedState)> = live
        .iter()
        .map(|n| {
            let s = need_state(n, plan, &claims, &facts.reopened, today);
            (n.meta.id.clone(), s)
        })
        .collect();
    let open: Vec<(&Need, NeedState)> = live
        .iter()
        .zip(&states)
        .map(|(n, (_, s))| (*n, *s))
        .filter(|(_, s)| !matches!(s, NeedState::Claimed { .. }))
        .collect();
    let state = if open.is_empty() {
        claims
            .iter()
            .map(|c| c.date)
            .max()
            .filter(|_| !states.is_empty())
            .map_or(State::NoNeeds, |on| State::Claimed { on })
    } else {
        let mut missing = Vec::new();
        let rule = &plan.rule;
        if rule.lead && !facts.lead {
            missing.push(Missing::Lead);
        }
        if rule.assessment && !facts.assessment {
            missing.push(Missing::Assessment);
        }
        if rule.plan && !facts.plan {
            missing.push(Missing::Plan);
        }
        // Headlines the plan counts, among the needs not yet claimed.
        let have = super::headline::present(
            open.iter()
                .map(|(n, _)| n.headline)
                .filter(|h| plan.headline(*h).is_some()),
        )
        .len();
        let need = usize::from(rule.headlines);
        if have < need {
            missing.push(Missing::Headlines { have, need });
        }
        let count = |f: fn(&NeedState) -> bool| open.iter().filter(|(_, s)| f(s)).count();
        let not_met = count(|s| matches!(s, NeedState::Open | NeedState::Lapsed { .. }));
        let due = count(|s| matches!(s, NeedState::CheckDue { .. }));
        let last = open
            .iter()
            .filter_map(|(_, s)| match s {
                NeedState::Sustaining { until } => Some(*until),
                _ => None,
            })
            .max();
        if !missing.is_empty() {
            State::NotEligible(missing)
        } else if not_met > 0 {
            State::NeedsOpen { open: not_met }
        } else if let Some(until) = last {
            State::Sustaining { until }
        } else if due > 0 {
            State::CheckDue { due }
        } else {
            State::Ready
        }
    };
    FamilyClaim {
        state,
        needs: states,
    }
}
