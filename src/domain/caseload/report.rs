//! The caseload report for a period (and optionally one worker): families open, opened and closed,
//! closing reasons, outcomes, wheel averages, scaling changes, milestone shares and reviews. All
//! figures are counts; [`percent`] turns a count into the whole-number percentage councils report.
//! The definitions are written down in `docs/outcomes.md`.

use super::outcome::{self, div_round, Classification, Outcome};
use crate::domain::base::sort;
use crate::domain::base::Id;
use crate::domain::milestone::{self, CaseloadFigures, Framework};
use crate::domain::wheel::{self, WheelTemplate, STAGES};
use crate::domain::workspace::records::*;
use chrono::{Datelike, Days, Months, NaiveDate};

/// Which families and dates a report covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scope {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Only this worker's families (compared ignoring case and surrounding spaces).
    pub worker: Option<String>,
    /// Only this team's families (compared the same way).
    pub team: Option<String>,
}

impl Scope {
    /// Days in the period, both ends included.
    pub fn days(&self) -> u64 {
        (self.to - self.from).num_days().max(0) as u64 + 1
    }

    /// The same families over another period of the same length, starting on `from`.
    pub fn starting(&self, from: NaiveDate) -> Scope {
        Scope {
            from,
            to: from + Days::new(self.days() - 1),
            ..self.clone()
        }
    }

    /// The calendar quarter (January, April, July or October to the end of the third month)
    /// `back` quarters before the one holding `day`, for every worker and team.
    pub fn quarter(day: NaiveDate, back: u32) -> Scope {
        let start = NaiveDate::from_ymd_opt(day.year(), day.month0() / 3 * 3 + 1, 1).unwrap_or(day);
        let from = start - Months::new(3 * back);
        Scope {
            from,
            to: (from + Months::new(3)).pred_opt().unwrap_or(from),
            worker: None,
            team: None,
        }
    }

    /// The period of the same length that ends the day before this one starts.
    pub fn previous(&self) -> Scope {
        self.starting(self.from - Days::new(self.days()))
    }

    /// The same dates a year earlier (29 February becomes 28 February).
    pub fn year_before(&self) -> Scope {
        Scope {
            from: months_before(self.from, 12),
            to: months_before(self.to, 12),
            ..self.clone()
        }
    }
}

fn months_before(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n)).unwrap_or(d)
}

/// The last day on which a family closed on `closed` counts as referred again "within 12
/// months": the same date a year later (28 February for 29 February).
pub fn rereferral_until(closed: NaiveDate) -> NaiveDate {
    closed.checked_add_months(Months::new(12)).unwrap_or(closed)
}

/// What a figure counts: families (episodes of work with a family), or the children in them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Base {
    Families,
    Children,
}

/// A count of families (or episodes) and of the children in them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    pub families: usize,
    pub children: usize,
}

impl Count {
    pub fn of(self, base: Base) -> usize {
        match base {
            Base::Families => self.families,
            Base::Children => self.children,
        }
    }
    fn add(&mut self, children: usize) {
        self.families += 1;
        self.children += children;
    }
}

/// One family's line in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyLine {
    pub family: Id,
    pub reference: String,
    pub worker: String,
    pub team: String,
    /// The episode the line is about: the latest one open at some time in the period.
    pub opened: NaiveDate,
    pub closed: Option<Closure>,
    /// Episodes before this one.
    pub earlier: usize,
    /// The readings counted: up to the end of the period, or the closing date if earlier.
    pub until: NaiveDate,
    pub outcome: Classification,
    /// Each child counted (born by `until`), eldest first, with their outcome.
    pub children: Vec<(Id, Outcome)>,
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
    /// Families worked with at any time in the period (and the children in them).
    pub active: Count,
    /// Families worked with who did not agree to be counted in reports (left out of everything
    /// else here, and of the CSV files).
    pub left_out: usize,
    /// Families worked with who have no child recorded (born by the period's end): in the
    /// families' figures, not in the children's.
    pub no_children: usize,
    /// Open at the end of the period.
    pub open_at_end: Count,
    /// Episodes opened in the period.
    pub opened: Count,
    /// Episodes closed in the period.
    pub closed: Count,
    /// Episodes closed in the period, by reason (every reason, in `ClosureReason::ALL` order).
    pub closures: Vec<(ClosureReason, Count)>,
    /// Of the episodes closed in the period: with a positive outcome (children: children whose
    /// own outcome was positive).
    pub closed_positive: Count,
    /// The families worked with (their latest episode in the period), by outcome (in
    /// `Outcome::ALL` order); children by their own outcome.
    pub outcomes: Vec<(Outcome, Count)>,
    /// Episodes closed in the same period a year earlier (so each has had 12 months to come
    /// back), and of those, how many were not referred again within 12 months.
    pub rereferral_base: Count,
    pub not_rereferred: Count,
    pub wheels: Vec<WheelFigures>,
    pub scales: Vec<ScaleFigures>,
    /// Milestone checks dated in the period.
    pub milestones: CaseloadFigures,
    /// Open families whose review is due within two weeks of the report's end, or overdue.
    pub reviews_due: usize,
    pub reviews_overdue: usize,
    pub families: Vec<FamilyLine>,
}

impl Report {
    /// How many were closed in the period for `reason`.
    pub fn closed_for(&self, reason: ClosureReason) -> Count {
        self.closures
            .iter()
            .find(|(r, _)| *r == reason)
            .map(|(_, c)| *c)
            .unwrap_or_default()
    }
}

/// A whole-number percentage, **rounded down** (as the council papers Waymark serves do:
/// 833 of 1,349 is 61%); `None` when there is nothing to divide by. Rounded down, shares never
/// claim more than was achieved, and the shares of a whole may add up to less than 100.
pub fn percent(n: usize, of: usize) -> Option<u32> {
    (of > 0).then(|| (n as u64 * 100 / of as u64) as u32)
}

/// The change from `before` to `now` in percentage points (each rounded first, so the change
/// is what a reader sees between the two figures); `None` if either has no base.
pub fn points_change(now: (usize, usize), before: (usize, usize)) -> Option<i64> {
    Some(i64::from(percent(now.0, now.1)?) - i64::from(percent(before.0, before.1)?))
}

/// A headline figure of the report, as the report page, its print and the figures CSV show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureKey {
    /// Worked with at any time in the period.
    Active,
    OpenAtEnd,
    Opened,
    Closed,
    /// By outcome, of all worked with.
    Outcome(Outcome),
    /// Closed for a reason, of all closed in the period.
    ReasonOfClosed(ClosureReason),
    /// Closed for a reason, of all worked with (as council papers count "resolved by advice").
    ReasonOfActive(ClosureReason),
    /// Closed in the period with a positive outcome, of all closed.
    ClosedPositive,
    /// Closed in the period with outcomes met, of all closed.
    ClosedOutcomesMet,
    /// Not referred again within 12 months, of those closed in the same period a year before.
    NotRereferred,
    /// Children judged ready for school, of those checked at school entry (always children).
    SchoolReady,
}

impl FigureKey {
    /// A stable code for files (CSV), the same in every language.
    pub fn code(self) -> String {
        match self {
            FigureKey::Active => "worked_with".into(),
            FigureKey::OpenAtEnd => "open_at_end".into(),
            FigureKey::Opened => "opened".into(),
            FigureKey::Closed => "closed".into(),
            FigureKey::Outcome(o) => format!("outcome_{}", o.code()),
            FigureKey::ReasonOfClosed(c) => format!("closed_{}_of_closed", c.code()),
            FigureKey::ReasonOfActive(c) => format!("closed_{}_of_worked_with", c.code()),
            FigureKey::ClosedPositive => "closed_with_positive_outcome".into(),
            FigureKey::ClosedOutcomesMet => "closed_with_outcomes_met".into(),
            FigureKey::NotRereferred => "not_referred_again_within_12_months".into(),
            FigureKey::SchoolReady => "ready_for_school".into(),
        }
    }
}

/// One headline figure: how many, and of how many (`None`: a count, not a share).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Figure {
    pub key: FigureKey,
    pub n: usize,
    pub of: Option<usize>,
}

impl Figure {
    pub fn percent(&self) -> Option<u32> {
        percent(self.n, self.of?)
    }
}

/// The report's headline figures, counting `base`, in the order they are shown.
pub fn figures(r: &Report, base: Base) -> Vec<Figure> {
    let c = |x: Count| x.of(base);
    let count = |key, n| Figure { key, n, of: None };
    let share = |key, n, of| Figure {
        key,
        n,
        of: Some(of),
    };
    let mut v = vec![
        count(FigureKey::Active, c(r.active)),
        count(FigureKey::OpenAtEnd, c(r.open_at_end)),
        count(FigureKey::Opened, c(r.opened)),
        count(FigureKey::Closed, c(r.closed)),
    ];
    for (o, n) in &r.outcomes {
        v.push(share(FigureKey::Outcome(*o), c(*n), c(r.active)));
    }
    for (reason, n) in &r.closures {
        v.push(share(
            FigureKey::ReasonOfClosed(*reason),
            c(*n),
            c(r.closed),
        ));
    }
    for (reason, n) in &r.closures {
        v.push(share(
            FigureKey::ReasonOfActive(*reason),
            c(*n),
            c(r.active),
        ));
    }
    v.push(share(
        FigureKey::ClosedPositive,
        c(r.closed_positive),
        c(r.closed),
    ));
    v.push(share(
        FigureKey::ClosedOutcomesMet,
        c(r.closed_for(ClosureReason::OutcomesMet)),
        c(r.closed),
    ));
    v.push(share(
        FigureKey::NotRereferred,
        c(r.not_rereferred),
        c(r.rereferral_base),
    ));
    v.push(share(
        FigureKey::SchoolReady,
        r.milestones.school_ready,
        r.milestones.school_checked,
    ));
    v
}

/// The change from `before` to `now`: in percentage points for a share (each rounded first),
/// in the count itself for a count. `None` when either share has nothing to divide by.
pub fn change(now: &Figure, before: &Figure) -> Option<i64> {
    match (now.of, before.of) {
        (Some(a), Some(b)) => points_change((now.n, a), (before.n, b)),
        _ => Some(now.n as i64 - before.n as i64),
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Whether family `f` is one of the scope's (its worker's or team's, ignoring case and spaces).
pub(super) fn scope_matches(scope: &Scope, f: &Family) -> bool {
    scope
        .worker
        .as_ref()
        .is_none_or(|w| same_name(w, &f.worker))
        && scope.team.as_ref().is_none_or(|t| same_name(t, &f.team))
}

/// Every worker named on a live family, once each (ignoring case and spaces), sorted; each
/// written the way most families have it (on a tie, the first in code-point order, so "Sam"
/// before "sam").
pub fn workers(ws: &Workspace) -> Vec<String> {
    names(ws, |f| &f.worker)
}

/// Every team named on a live family, the same way as [`workers`].
pub fn teams(ws: &Workspace) -> Vec<String> {
    names(ws, |f| &f.team)
}

fn names(ws: &Workspace, name: impl Fn(&Family) -> &String) -> Vec<String> {
    let mut spellings: Vec<(String, Vec<(String, usize)>)> = Vec::new();
    for f in ws.live_families() {
        let w = name(f).trim();
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
    sort::by(&mut spellings, |a, b| a.0.cmp(&b.0));
    spellings
        .into_iter()
        .filter_map(|(_, mut v)| {
            sort::by(&mut v, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
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
        closures: ClosureReason::ALL
            .iter()
            .map(|c| (*c, Count::default()))
            .collect(),
        outcomes: Outcome::ALL
            .iter()
            .map(|o| (*o, Count::default()))
            .collect(),
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
    let records = outcome::Readings::all(ws);
    let none = outcome::Readings::default();
    let library: Vec<Id> = crate::domain::scale::library()
        .into_iter()
        .map(|q| q.id)
        .collect();
    // Episodes closed in this window have had 12 months, by the period's end, to come back.
    let (again_from, again_to) = (months_before(scope.from, 12), months_before(scope.to, 12));
    let counted = |f: &Family| {
        f.consent
            .as_ref()
            .is_none_or(|k| k.agreed.contains(&ConsentItem::Reports))
    };
    for f in ws.live_families() {
        if !scope_matches(scope, f) {
            continue;
        }
        let all = records.get(&f.meta.id).unwrap_or(&none);
        let episodes = f.episodes();
        // Re-referrals: episodes closed a year before this period, whether or not the family
        // was worked with in it.
        if counted(f) {
            for (i, e) in episodes.iter().enumerate() {
                let Some(c) = e
                    .closed
                    .filter(|c| c.date >= again_from && c.date <= again_to)
                else {
                    continue;
                };
                let kids = all.children_on(c.date).len();
                r.rereferral_base.add(kids);
                let back = episodes
                    .get(i + 1)
                    .is_some_and(|next| next.opened <= rereferral_until(c.date));
                if !back {
                    r.not_rereferred.add(kids);
                }
            }
        }
        // Worked with: an episode open at some time in the period.
        let in_period =
            |e: &EpisodeView| e.opened <= scope.to && e.closed.is_none_or(|c| c.date >= scope.from);
        let Some(ci) = episodes.iter().rposition(in_period) else {
            continue;
        };
        let current = episodes[ci];
        // A family whose recorded consent leaves out "counting our results in reports" is not
        // counted (only how many were left out is). No consent recorded yet: counted.
        if !counted(f) {
            r.left_out += 1;
            continue;
        }
        let until = current.closed.map_or(scope.to, |c| c.date.min(scope.to));
        let kids = all.children_on(until);
        if kids.is_empty() {
            r.no_children += 1;
        }
        r.active.add(kids.len());
        // The readings of one episode: every reading for the first, from its opening after.
        let episode_records = |e: &EpisodeView| (!e.first).then(|| all.since(e.opened));
        let own_rec = episode_records(&current);
        let rec = own_rec.as_ref().unwrap_or(all);
        let class = outcome::classify_measures(outcome::measures_of(rec, until), &rules);
        let children: Vec<(Id, Outcome)> = kids
            .iter()
            .map(|k| {
                let o = outcome::classify_child(&k.meta.id, &class, &rules);
                (k.meta.id.clone(), o)
            })
            .collect();
        if let Some(slot) = r.outcomes.iter_mut().find(|(x, _)| *x == class.outcome) {
            slot.1.families += 1;
        }
        for (_, o) in &children {
            if let Some(slot) = r.outcomes.iter_mut().find(|(x, _)| x == o) {
                slot.1.children += 1;
            }
        }
        for (i, e) in episodes.iter().enumerate().filter(|(_, e)| in_period(e)) {
            let kids_then = all.children_on(e.closed.map_or(scope.to, |c| c.date.min(scope.to)));
            if e.opened >= scope.from {
                r.opened.add(kids_then.len());
            }
            let Some(c) = e.closed.filter(|c| c.date <= scope.to) else {
                r.open_at_end.add(kids_then.len());
                continue;
            };
            r.closed.add(kids_then.len());
            if let Some(slot) = r.closures.iter_mut().find(|(x, _)| *x == c.reason) {
                slot.1.add(kids_then.len());
            }
            // The episode's outcome (the current episode's is already known).
            let (fam, kids_positive) = if i == ci {
                let n = children
                    .iter()
                    .filter(|(_, o)| *o == Outcome::Positive)
                    .count();
                (class.outcome, n)
            } else {
                let rec_e = episode_records(e);
                let rec_e = rec_e.as_ref().unwrap_or(all);
                let cl = outcome::classify_measures(outcome::measures_of(rec_e, c.date), &rules);
                let n = kids_then
                    .iter()
                    .filter(|k| {
                        outcome::classify_child(&k.meta.id, &cl, &rules) == Outcome::Positive
                    })
                    .count();
                (cl.outcome, n)
            };
            if fam == Outcome::Positive {
                r.closed_positive.families += 1;
            }
            r.closed_positive.children += kids_positive;
        }
        // Reviews: open families only, as of the report's end (or today, if sooner).
        if current.closed.is_none_or(|c| c.date > scope.to) {
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
                    opened: current.opened,
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
        sort::by(&mut latest_check, |a, b| a.0.cmp(&b.0));
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
            team: f.team.clone(),
            opened: current.opened,
            closed: current.closed.cloned(),
            earlier: ci,
            until,
            outcome: class,
            children,
            milestones,
        });
    }
    sort::by(&mut r.families, |a, b| {
        a.reference.to_lowercase().cmp(&b.reference.to_lowercase())
    });

    // Wheels, in template id order.
    sort::by(&mut wheels, |a, b| a.0.cmp(&b.0));
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
