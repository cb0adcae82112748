//! The caseload report for a period (and optionally one worker): families open, opened and closed,
//! closing reasons, outcomes, wheel averages, scaling changes, milestone shares and reviews. All
//! figures are counts; [`percent`] turns a count into the whole-number percentage councils report.
//! The definitions are written down in `docs/outcomes.md`.

use super::outcome::{self, div_round, Classification, Outcome};
use crate::domain::base::Id;
use crate::domain::milestone::{self, CaseloadFigures, Framework};
use crate::domain::wheel::{self, WheelTemplate, STAGES};
use crate::domain::workspace::records::*;
use chrono::NaiveDate;

/// Which families and dates a report covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Only this worker's families (compared ignoring case and surrounding spaces).
    pub worker: Option<String>,
}

/// One family's line in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyLine {
    pub family: Id,
    pub reference: String,
    pub worker: String,
    pub opened: NaiveDate,
    pub closed: Option<Closure>,
    /// The readings counted: up to the end of the period, or the closing date if earlier.
    pub until: NaiveDate,
    pub outcome: Classification,
    /// Per child, their latest milestone check up to `until`: (child, stage, judgement counts).
    pub milestones: Vec<(Id, Id, [usize; 3])>,
}

/// One wheel area across the caseload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaFigures {
    pub area: Id,
    /// Families with a first and a latest score in this area.
    pub measured: usize,
    /// Average first and latest score, in tenths (rounded half away from zero).
    pub first_tenths: Option<i32>,
    pub latest_tenths: Option<i32>,
    /// At the latest reading: how many families are at each stage (1 to 5).
    pub stages: [usize; STAGES],
}

/// One wheel across the caseload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WheelFigures {
    pub template: Id,
    /// The newest version used (for area names).
    pub version: u32,
    /// Families (or children, for a child's wheel) with at least one reading.
    pub families: usize,
    /// Of those, how many have two readings or more.
    pub measured: usize,
    /// In the template's area order where the template is known.
    pub areas: Vec<AreaFigures>,
    /// Average distance travelled per area (first to latest), in tenths.
    pub distance_tenths: Option<i32>,
}

/// One scaling question across the caseload. The family's own questions are gathered as one
/// line with `own: true` (each is asked of one family only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleFigures {
    pub question: Option<Id>,
    pub own: bool,
    /// Families with two answers or more.
    pub measured: usize,
    /// Average change first to latest, in tenths.
    pub change_tenths: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Families worked with at any time in the period.
    pub active: usize,
    /// Families worked with who did not agree to be counted in reports (left out of everything
    /// else here, and of the CSV files).
    pub left_out: usize,
    /// Open at the end of the period.
    pub open_at_end: usize,
    pub opened: usize,
    pub closed: usize,
    /// Closed in the period, by reason (every reason, in `ClosureReason::ALL` order).
    pub closures: Vec<(ClosureReason, usize)>,
    /// The families worked with, by outcome (in `Outcome::ALL` order).
    pub outcomes: Vec<(Outcome, usize)>,
    pub wheels: Vec<WheelFigures>,
    pub scales: Vec<ScaleFigures>,
    /// Milestone checks dated in the period.
    pub milestones: CaseloadFigures,
    /// Open families whose review is due within two weeks of the report's end, or overdue.
    pub reviews_due: usize,
    pub reviews_overdue: usize,
    pub families: Vec<FamilyLine>,
}

/// A whole-number percentage, rounded half up; `None` when there is nothing to divide by.
pub fn percent(n: usize, of: usize) -> Option<u32> {
    (of > 0).then(|| ((n as u64 * 200 + of as u64) / (2 * of as u64)) as u32)
}

fn worker_matches(scope: &Scope, f: &Family) -> bool {
    match &scope.worker {
        None => true,
        Some(w) => f.worker.trim().to_lowercase() == w.trim().to_lowercase(),
    }
}

/// Every worker named on a live family, once each (ignoring case and spaces), sorted; each
/// written the way most families have it (on a tie, the first in code-point order, so "Sam"
/// before "sam").
pub fn workers(ws: &Workspace) -> Vec<String> {
    let mut spellings: Vec<(String, Vec<(String, usize)>)> = Vec::new();
    for f in ws.live_families() {
        let w = f.worker.trim();
        if w.is_empty() {
            continue;
        }
        let lower = w.to_lowercase();
        let i = match spellings.iter().position(|s| s.0 == lower) {
            Some(i) => i,
            None => {
                spellings.push((lower, Vec::new()));
                spellings.len() - 1
            }
        };
        let v = &mut spellings[i].1;
        match v.iter_mut().find(|(s, _)| s == w) {
            Some(e) => e.1 += 1,
            None => v.push((w.to_string(), 1)),
        }
    }
    spellings.sort_by(|a, b| a.0.cmp(&b.0));
    spellings
        .into_iter()
        .filter_map(|(_, mut v)| {
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v.into_iter().next().map(|(w, _)| w)
        })
        .collect()
}

/// Finds a framework for a check: the same id and version, or else the same id.
fn framework_for<'f>(frameworks: &[&'f Framework], id: &Id, version: u32) -> Option<&'f Framework> {
    frameworks
        .iter()
        .find(|f| &f.id == id && f.version == version)
        .or_else(|| frameworks.iter().find(|f| &f.id == id))
        .copied()
}

/// Computes the report. `templates` and `frameworks` are every wheel and framework the
/// workspace knows (built-in and loaded), used for area order and judgements.
pub fn report(
    ws: &Workspace,
    scope: &Scope,
    templates: &[&WheelTemplate],
    frameworks: &[&Framework],
    today: NaiveDate,
) -> Report {
    let rules = outcome::rules(ws);
    let mut r = Report {
        closures: ClosureReason::ALL.iter().map(|c| (*c, 0)).collect(),
        outcomes: Outcome::ALL.iter().map(|o| (*o, 0)).collect(),
        ..Report::default()
    };
    // Per template: per unit (family, child) the first and latest reading.
    struct Acc<'a> {
        version: u32,
        units: Vec<(&'a WheelReading, &'a WheelReading, usize)>,
    }
    let mut wheels: Vec<(Id, Acc)> = Vec::new();
    // Per question (None: the family's own), the changes.
    let mut scales: Vec<(Option<Id>, Vec<i64>)> = Vec::new();
    let mut checks: Vec<&MilestoneCheck> = Vec::new();
    let review_day = scope.to.min(today);
    let records = outcome::Records::all(ws);
    let none = outcome::Records::default();
    let library: Vec<Id> = crate::domain::scale::library()
        .into_iter()
        .map(|q| q.id)
        .collect();
    for f in ws.live_families() {
        if !worker_matches(scope, f) || f.opened > scope.to {
            continue;
        }
        if f.closed.as_ref().is_some_and(|c| c.date < scope.from) {
            continue;
        }
        // A family whose recorded consent leaves out "counting our results in reports" is not
        // counted (only how many were left out is). No consent recorded yet: counted.
        if f.consent
            .as_ref()
            .is_some_and(|k| !k.agreed.contains(&ConsentItem::Reports))
        {
            r.left_out += 1;
            continue;
        }
        r.active += 1;
        if f.opened >= scope.from {
            r.opened += 1;
        }
        match &f.closed {
            Some(c) if c.date <= scope.to => {
                r.closed += 1;
                if let Some(slot) = r.closures.iter_mut().find(|(x, _)| *x == c.reason) {
                    slot.1 += 1;
                }
            }
            _ => r.open_at_end += 1,
        }
        let until = match &f.closed {
            Some(c) => c.date.min(scope.to),
            None => scope.to,
        };
        let rec = records.get(&f.meta.id).unwrap_or(&none);
        // Reviews: open families only, as of the report's end (or today, if sooner).
        if f.closed.as_ref().is_none_or(|c| c.date > scope.to) {
            let latest = rec
                .wheels
                .iter()
                .map(|r| r.date)
                .filter(|d| *d <= review_day)
                .max();
            if let Some(due) = outcome::next_review_after(
                ws,
                &Family {
                    closed: None,
                    ..f.clone()
                },
                latest,
            ) {
                match wheel::review_state(due, review_day) {
                    wheel::ReviewState::Overdue => r.reviews_overdue += 1,
                    wheel::ReviewState::DueSoon => r.reviews_due += 1,
                    wheel::ReviewState::Later => {}
                }
            }
        }
        let class = outcome::classify_measures(outcome::measures_of(rec, until), &rules);
        if let Some(slot) = r.outcomes.iter_mut().find(|(o, _)| *o == class.outcome) {
            slot.1 += 1;
        }
        for ((template, _, _), rs) in rec.wheel_series(until) {
            let i = match wheels.iter().position(|w| w.0 == template) {
                Some(i) => i,
                None => {
                    wheels.push((
                        template,
                        Acc {
                            version: 0,
                            units: Vec::new(),
                        },
                    ));
                    wheels.len() - 1
                }
            };
            let acc = &mut wheels[i].1;
            let latest = rs[rs.len() - 1];
            acc.version = acc.version.max(latest.template_version);
            acc.units.push((rs[0], latest, rs.len()));
        }
        for ((question, _, _), rs) in rec.scale_series(until) {
            let own = !library.contains(&question);
            let key = if own { None } else { Some(question) };
            let i = match scales.iter().position(|s| s.0 == key) {
                Some(i) => i,
                None => {
                    scales.push((key, Vec::new()));
                    scales.len() - 1
                }
            };
            let slot = &mut scales[i].1;
            if rs.len() > 1 {
                slot.push(i64::from(rs[rs.len() - 1].value) - i64::from(rs[0].value));
            }
        }
        // Milestones: each child's latest check up to `until`, for the family's line.
        let mut latest_check: Vec<(Id, &MilestoneCheck)> = Vec::new();
        for &c in &rec.checks {
            if c.date >= scope.from && c.date <= scope.to {
                checks.push(c);
            }
            if c.date <= until {
                match latest_check.iter_mut().find(|(k, _)| k == &c.child) {
                    Some((_, old)) if (old.date, old.meta.created) >= (c.date, c.meta.created) => {}
                    Some((_, old)) => *old = c,
                    None => latest_check.push((c.child.clone(), c)),
                }
            }
        }
        latest_check.sort_by(|a, b| a.0.cmp(&b.0));
        let milestones = latest_check
            .into_iter()
            .filter_map(|(child, c)| {
                let fw = framework_for(frameworks, &c.framework, c.framework_version)?;
                let mut counts = [0usize; 3];
                for (_, j, _) in milestone::judge_check(fw, c) {
                    if let Some(j) = j {
                        counts[j as usize] += 1;
                    }
                }
                Some((child, c.stage.clone(), counts))
            })
            .collect();
        r.families.push(FamilyLine {
            family: f.meta.id.clone(),
            reference: f.reference.clone(),
            worker: f.worker.clone(),
            opened: f.opened,
            closed: f.closed.clone(),
            until,
            outcome: class,
            milestones,
        });
    }
    r.families
        .sort_by(|a, b| a.reference.to_lowercase().cmp(&b.reference.to_lowercase()));

    // Wheels, in template id order.
    wheels.sort_by(|a, b| a.0.cmp(&b.0));
    for (template, acc) in wheels {
        let t = templates
            .iter()
            .find(|t| t.id == template && t.version == acc.version)
            .or_else(|| templates.iter().find(|t| t.id == template));
        let mut order: Vec<Id> = t
            .map(|t| t.areas.iter().map(|a| a.id.clone()).collect())
            .unwrap_or_default();
        for (first, latest, _) in &acc.units {
            for s in first.scores.iter().chain(&latest.scores) {
                if !order.contains(&s.area) {
                    order.push(s.area.clone());
                }
            }
        }
        let mut areas = Vec::new();
        for area in order {
            let mut a = AreaFigures {
                area: area.clone(),
                measured: 0,
                first_tenths: None,
                latest_tenths: None,
                stages: [0; STAGES],
            };
            let (mut first_sum, mut latest_sum) = (0i64, 0i64);
            for (first, latest, n) in &acc.units {
                let l = latest.scores.iter().find(|s| s.area == area);
                if let Some(l) = l {
                    a.stages[wheel::stage_of(l.score)] += 1;
                }
                let f = first.scores.iter().find(|s| s.area == area);
                if let (Some(f), Some(l), true) = (f, l, *n > 1) {
                    a.measured += 1;
                    first_sum += i64::from(f.score);
                    latest_sum += i64::from(l.score);
                }
            }
            if a.measured > 0 {
                let m = a.measured as i64;
                a.first_tenths = Some(div_round(first_sum * 10, m) as i32);
                a.latest_tenths = Some(div_round(latest_sum * 10, m) as i32);
            }
            areas.push(a);
        }
        let changes: Vec<i64> = acc
            .units
            .iter()
            .filter(|(_, _, n)| *n > 1)
            .filter_map(|(f, l, _)| outcome::wheel_change_tenths(f, l).map(i64::from))
            .collect();
        r.wheels.push(WheelFigures {
            template,
            version: acc.version,
            families: acc.units.len(),
            measured: acc.units.iter().filter(|(_, _, n)| *n > 1).count(),
            areas,
            distance_tenths: (!changes.is_empty())
                .then(|| div_round(changes.iter().sum(), changes.len() as i64) as i32),
        });
    }

    // Scaling: library questions in library order, then the families' own.
    let lib = crate::domain::scale::library();
    let mut keys: Vec<Option<Id>> = lib
        .iter()
        .map(|q| Some(q.id.clone()))
        .filter(|k| scales.iter().any(|s| &s.0 == k))
        .collect();
    if scales.iter().any(|s| s.0.is_none()) {
        keys.push(None);
    }
    for k in keys {
        let Some((_, v)) = scales.iter().find(|s| s.0 == k) else {
            continue;
        };
        r.scales.push(ScaleFigures {
            own: k.is_none(),
            question: k,
            measured: v.len(),
            change_tenths: (!v.is_empty())
                .then(|| div_round(v.iter().sum::<i64>() * 10, v.len() as i64) as i32),
        });
    }

    // Milestones: checks dated in the period, judged by their own framework.
    let mut by_framework: Vec<((Id, u32), Vec<&MilestoneCheck>)> = Vec::new();
    for c in checks {
        let key = (c.framework.clone(), c.framework_version);
        match by_framework.iter_mut().find(|b| b.0 == key) {
            Some(b) => b.1.push(c),
            None => by_framework.push((key, vec![c])),
        }
    }
    for ((id, version), cs) in by_framework {
        if let Some(fw) = framework_for(frameworks, &id, version) {
            let part = milestone::caseload(fw, cs);
            for (k, v) in part.by_stage_area {
                let slot = r.milestones.by_stage_area.entry(k).or_insert([0; 3]);
                for i in 0..3 {
                    slot[i] += v[i];
                }
            }
            r.milestones.school_ready += part.school_ready;
            r.milestones.school_checked += part.school_checked;
        }
    }
    r
}
