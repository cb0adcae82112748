//! Family plans, outcome classification, the caseload report and CSV files (issue 7), natively.
//! Every threshold of the rule in docs/outcomes.md is pinned here on both sides.
#![cfg(not(target_arch = "wasm32"))]

use chrono::Days;
use proptest::prelude::*;
use waymark::domain::base::id::Id;
use waymark::domain::base::time::Millis;
use waymark::domain::caseload::csv;
use waymark::domain::caseload::outcome::{self, Direction, Outcome, TooEarly};
use waymark::domain::caseload::report::{self, percent, Count, Scope};
use waymark::domain::milestone;
use waymark::domain::model::*;
use waymark::domain::wheel;
use waymark::domain::workspace::action::{apply, Action, ActionError, FamilyFields, MemberFields};

mod common;
use common::*;

fn family(ws: &mut Workspace, fid: &str, reference: &str, worker: &str, opened: &str) {
    apply(
        ws,
        Action::CreateFamily {
            id: id(fid),
            fields: FamilyFields {
                reference: reference.into(),
                worker: worker.into(),
                opened: Some(d(opened)),
                ..Default::default()
            },
        },
        &ctx(0),
    )
    .unwrap();
}

fn meta(rid: &str) -> Meta {
    Meta::new(id(rid), NOW, id("dev"))
}

/// A family-wheel reading with the given scores for the first areas.
fn wheel_reading(
    ws: &mut Workspace,
    rid: &str,
    fid: &str,
    date: &str,
    by: Respondent,
    scores: &[u8],
) {
    let areas = &wheel::builtin()[0].areas;
    let r = WheelReading {
        meta: meta(rid),
        family: id(fid),
        child: None,
        template: id("family"),
        template_version: 1,
        date: d(date),
        by,
        scores: scores
            .iter()
            .zip(areas)
            .map(|(s, a)| AreaScore {
                area: a.id.clone(),
                score: *s,
                other: None,
                note: String::new(),
                step: String::new(),
                priority: false,
            })
            .collect(),
        notes: String::new(),
    };
    ws.put(r);
}

fn answer(
    ws: &mut Workspace,
    rid: &str,
    fid: &str,
    q: &str,
    date: &str,
    by: Respondent,
    value: u8,
) {
    let a = ScaleAnswer {
        meta: meta(rid),
        family: id(fid),
        child: None,
        question: id(q),
        date: d(date),
        by,
        value,
        notes: String::new(),
        face: None,
        keeps: String::new(),
        higher: String::new(),
        notice: String::new(),
        confidence: None,
    };
    ws.put(a);
}

fn classify(ws: &Workspace, fid: &str) -> outcome::Classification {
    outcome::classify(ws, &id(fid), today(), &outcome::rules(ws))
}

/// A family with two family-wheel readings 12 weeks apart: all areas at 5, then `after`.
fn two_readings(after: &[u8]) -> Workspace {
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A", "Sam", "2026-01-01");
    wheel_reading(
        &mut ws,
        "r1",
        "f1",
        "2026-02-02",
        Respondent::Family,
        &[5; 10],
    );
    let later = (d("2026-02-02") + Days::new(84)).to_string();
    wheel_reading(&mut ws, "r2", "f1", &later, Respondent::Family, after);
    ws
}

#[test]
fn the_default_thresholds_are_the_documented_ones() {
    let r = OutcomeRules::default();
    assert_eq!((r.min_weeks, r.wheel_tenths, r.scale_tenths), (12, 10, 20));
    let doc = std::fs::read_to_string("docs/outcomes.md").unwrap();
    for needle in ["12 weeks", "1 point", "2 points"] {
        assert!(doc.contains(needle), "docs/outcomes.md should say {needle}");
    }
}

#[test]
fn wheel_change_of_one_point_per_area_is_the_line() {
    // +10 over 10 areas: an average of exactly +1.0: positive.
    let ws = two_readings(&[6; 10]);
    let c = classify(&ws, "f1");
    assert_eq!((c.outcome, c.wheel_tenths), (Outcome::Positive, Some(10)));
    // +9 over 10 areas: +0.9: no change.
    let ws = two_readings(&[6, 6, 6, 6, 6, 6, 6, 6, 6, 5]);
    let c = classify(&ws, "f1");
    assert_eq!((c.outcome, c.wheel_tenths), (Outcome::NoChange, Some(9)));
    // -1.0: deterioration; -0.9: no change.
    let ws = two_readings(&[4; 10]);
    assert_eq!(classify(&ws, "f1").outcome, Outcome::Deterioration);
    let ws = two_readings(&[4, 4, 4, 4, 4, 4, 4, 4, 4, 5]);
    assert_eq!(classify(&ws, "f1").outcome, Outcome::NoChange);
    // +0.95 rounds half away from zero to +1.0 (tenths): 19 points over 20 is not possible
    // with 10 areas, so check the rounding directly.
    assert_eq!(outcome::div_round(95, 10), 10);
    assert_eq!(outcome::div_round(-95, 10), -10);
    assert_eq!(outcome::div_round(94, 10), 9);
}

#[test]
fn less_than_the_minimum_weeks_is_too_early() {
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A", "", "2026-01-01");
    wheel_reading(
        &mut ws,
        "r1",
        "f1",
        "2026-02-02",
        Respondent::Family,
        &[2; 10],
    );
    // 83 days: one day short of 12 weeks.
    let short = (d("2026-02-02") + Days::new(83)).to_string();
    wheel_reading(&mut ws, "r2", "f1", &short, Respondent::Family, &[9; 10]);
    let c = classify(&ws, "f1");
    assert_eq!(c.outcome, Outcome::TooEarly);
    assert_eq!(c.too_early, Some(TooEarly::NotLongEnough));
    // One more day and the same change counts.
    ws.update::<WheelReading>(&id("r2"), |r| r.date = d("2026-02-02") + Days::new(84));
    assert_eq!(classify(&ws, "f1").outcome, Outcome::Positive);
}

#[test]
fn no_readings_or_one_reading_is_too_early() {
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A", "", "2026-01-01");
    let c = classify(&ws, "f1");
    assert_eq!(
        (c.outcome, c.too_early),
        (Outcome::TooEarly, Some(TooEarly::NoReadings))
    );
    wheel_reading(
        &mut ws,
        "r1",
        "f1",
        "2026-02-02",
        Respondent::Family,
        &[2; 10],
    );
    answer(
        &mut ws,
        "a1",
        "f1",
        "safe_home",
        "2026-02-02",
        Respondent::Family,
        3,
    );
    let c = classify(&ws, "f1");
    assert_eq!(
        (c.outcome, c.too_early),
        (Outcome::TooEarly, Some(TooEarly::OneReading))
    );
}

#[test]
fn scaling_change_of_two_points_is_the_line() {
    let case = |from: u8, to: u8| {
        let mut ws = Workspace::default();
        family(&mut ws, "f1", "A", "", "2026-01-01");
        answer(
            &mut ws,
            "a1",
            "f1",
            "safe_home",
            "2026-01-05",
            Respondent::Family,
            from,
        );
        answer(
            &mut ws,
            "a2",
            "f1",
            "safe_home",
            "2026-06-01",
            Respondent::Family,
            to,
        );
        classify(&ws, "f1")
    };
    assert_eq!(case(3, 5).outcome, Outcome::Positive);
    assert_eq!(case(3, 4).outcome, Outcome::NoChange);
    assert_eq!(case(5, 3).outcome, Outcome::Deterioration);
    assert_eq!(case(5, 4).outcome, Outcome::NoChange);
    assert_eq!(case(3, 5).scale_tenths, Some(20));
    // Averaged over questions: +3 and +0 average +1.5: no change.
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A", "", "2026-01-01");
    answer(
        &mut ws,
        "a1",
        "f1",
        "safe_home",
        "2026-01-05",
        Respondent::Family,
        3,
    );
    answer(
        &mut ws,
        "a2",
        "f1",
        "safe_home",
        "2026-06-01",
        Respondent::Family,
        6,
    );
    answer(
        &mut ws,
        "a3",
        "f1",
        "coping",
        "2026-01-05",
        Respondent::Family,
        4,
    );
    answer(
        &mut ws,
        "a4",
        "f1",
        "coping",
        "2026-06-01",
        Respondent::Family,
        4,
    );
    let c = classify(&ws, "f1");
    assert_eq!((c.outcome, c.scale_tenths), (Outcome::NoChange, Some(15)));
}

#[test]
fn a_fall_in_one_instrument_is_not_hidden_by_a_rise_in_the_other() {
    let mut ws = two_readings(&[8; 10]);
    answer(
        &mut ws,
        "a1",
        "f1",
        "safe_home",
        "2026-01-05",
        Respondent::Family,
        8,
    );
    answer(
        &mut ws,
        "a2",
        "f1",
        "safe_home",
        "2026-06-01",
        Respondent::Family,
        5,
    );
    let c = classify(&ws, "f1");
    assert_eq!(c.wheel, Some(Direction::Up));
    assert_eq!(c.scale, Some(Direction::Down));
    assert_eq!(c.outcome, Outcome::Deterioration);
    // A rise in one with no change in the other is positive.
    ws.update::<ScaleAnswer>(&id("a2"), |r| r.value = 7);
    assert_eq!(classify(&ws, "f1").outcome, Outcome::Positive);
}

#[test]
fn the_series_with_most_readings_speaks_and_an_agreed_one_wins_a_tie() {
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A", "", "2026-01-01");
    // The worker saw a rise; the family, with as many readings, agreed no change.
    wheel_reading(
        &mut ws,
        "w1",
        "f1",
        "2026-01-05",
        Respondent::Worker,
        &[2; 10],
    );
    wheel_reading(
        &mut ws,
        "w2",
        "f1",
        "2026-06-01",
        Respondent::Worker,
        &[8; 10],
    );
    wheel_reading(
        &mut ws,
        "g1",
        "f1",
        "2026-01-05",
        Respondent::Agreed,
        &[5; 10],
    );
    wheel_reading(
        &mut ws,
        "g2",
        "f1",
        "2026-06-01",
        Respondent::Agreed,
        &[5; 10],
    );
    let c = classify(&ws, "f1");
    assert_eq!(c.measures.len(), 1);
    assert_eq!(c.measures[0].by, Respondent::Agreed);
    assert_eq!(c.outcome, Outcome::NoChange);
    // A third worker reading makes the worker's series the longest.
    wheel_reading(
        &mut ws,
        "w3",
        "f1",
        "2026-07-01",
        Respondent::Worker,
        &[9; 10],
    );
    let c = classify(&ws, "f1");
    assert_eq!(c.measures[0].by, Respondent::Worker);
    assert_eq!(c.outcome, Outcome::Positive);
}

#[test]
fn readings_after_the_date_asked_about_do_not_count() {
    let ws = two_readings(&[9; 10]);
    let c = outcome::classify(&ws, &id("f1"), d("2026-03-01"), &OutcomeRules::default());
    assert_eq!(c.outcome, Outcome::TooEarly);
}

#[test]
fn thresholds_are_settings_that_change_the_result_and_can_be_undone() {
    let mut ws = two_readings(&[6; 10]);
    assert_eq!(classify(&ws, "f1").outcome, Outcome::Positive);
    let rules = OutcomeRules {
        min_weeks: 12,
        wheel_tenths: 15,
        scale_tenths: 20,
    };
    let done = apply(&mut ws, Action::SetOutcomeRules(rules), &ctx(1)).unwrap();
    assert!(done.settings_changed);
    assert_eq!(classify(&ws, "f1").outcome, Outcome::NoChange);
    // The review weeks setting is kept, and setting it keeps the rules.
    apply(&mut ws, Action::SetReviewWeeks { weeks: 8 }, &ctx(2)).unwrap();
    assert_eq!(outcome::rules(&ws), rules);
    // Nonsense is refused and changes nothing.
    let zero = OutcomeRules {
        wheel_tenths: 0,
        ..rules
    };
    assert!(matches!(
        apply(&mut ws, Action::SetOutcomeRules(zero), &ctx(3)),
        Err(ActionError::Invalid(_))
    ));
    assert_eq!(outcome::rules(&ws), rules);
    // Undo puts the defaults back.
    apply(&mut ws, done.undo.unwrap(), &ctx(4)).unwrap();
    assert_eq!(outcome::rules(&ws), OutcomeRules::default());
    assert_eq!(ws.review_weeks(), DEFAULT_REVIEW_WEEKS);
}

proptest! {
    /// Swapping first and latest readings turns a rise into a fall of the same size.
    #[test]
    fn the_rule_is_symmetric(a in proptest::collection::vec(1u8..=10, 10), b in proptest::collection::vec(1u8..=10, 10)) {
        let mut up = Workspace::default();
        family(&mut up, "f1", "A", "", "2026-01-01");
        wheel_reading(&mut up, "r1", "f1", "2026-01-05", Respondent::Family, &a);
        wheel_reading(&mut up, "r2", "f1", "2026-06-01", Respondent::Family, &b);
        let mut down = Workspace::default();
        family(&mut down, "f1", "A", "", "2026-01-01");
        wheel_reading(&mut down, "r1", "f1", "2026-01-05", Respondent::Family, &b);
        wheel_reading(&mut down, "r2", "f1", "2026-06-01", Respondent::Family, &a);
        let (u, dn) = (classify(&up, "f1"), classify(&down, "f1"));
        prop_assert_eq!(u.wheel_tenths.map(|t| -t), dn.wheel_tenths);
        let mirrored = match u.outcome {
            Outcome::Positive => Outcome::Deterioration,
            Outcome::Deterioration => Outcome::Positive,
            o => o,
        };
        prop_assert_eq!(mirrored, dn.outcome);
    }

    /// Raising any latest score never makes the outcome worse.
    #[test]
    fn more_progress_is_never_a_worse_outcome(a in proptest::collection::vec(1u8..=10, 10), b in proptest::collection::vec(1u8..=9, 10), i in 0usize..10) {
        let rank = |o: Outcome| match o { Outcome::Deterioration => 0, Outcome::NoChange => 1, Outcome::Positive => 2, Outcome::TooEarly => 9 };
        let mut ws = Workspace::default();
        family(&mut ws, "f1", "A", "", "2026-01-01");
        wheel_reading(&mut ws, "r1", "f1", "2026-01-05", Respondent::Family, &a);
        wheel_reading(&mut ws, "r2", "f1", "2026-06-01", Respondent::Family, &b);
        let before = rank(classify(&ws, "f1").outcome);
        ws.update::<WheelReading>(&id("r2"), |r| r.scores[i].score += 1);
        prop_assert!(rank(classify(&ws, "f1").outcome) >= before);
    }
}

// ---------- plans ----------

fn goal(gid: &str, fid: &str, text: &str) -> Goal {
    Goal {
        meta: meta(gid),
        family: id(fid),
        text: text.into(),
        from: Some(GoalSource {
            template: id("family"),
            area: id("home_bills"),
        }),
        set: d("2026-10-01"),
        status: GoalStatus::NotStarted,
        steps: vec![Step {
            what: " Ring the housing officer ".into(),
            who: "Mum".into(),
            by: Some(d("2026-12-01")),
            done: false,
        }],
        reviews: Vec::new(),
    }
}

#[test]
fn a_goal_is_kept_in_the_familys_words_with_steps_and_reviews() {
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A", "", "2026-01-01");
    let done = apply(
        &mut ws,
        Action::SaveGoal(Box::new(goal("g1", "f1", "Get on top of the rent"))),
        &ctx(1),
    )
    .unwrap();
    assert!(done.touched.contains(&id("f1")));
    let g = ws.goals().get(&id("g1")).unwrap();
    assert_eq!(g.steps[0].what, "Ring the housing officer");
    // Reviewed: the status moves on and the review is kept, oldest first.
    let mut g2 = g.clone();
    g2.status = GoalStatus::UnderWay;
    g2.steps[0].done = true;
    g2.reviews.push(GoalReview {
        date: d("2026-11-01"),
        status: GoalStatus::UnderWay,
        note: "Rang them; meeting booked".into(),
    });
    apply(&mut ws, Action::SaveGoal(Box::new(g2)), &ctx(2)).unwrap();
    assert_eq!(
        ws.goals().get(&id("g1")).unwrap().status,
        GoalStatus::UnderWay
    );
    assert_eq!(ws.goals().get(&id("g1")).unwrap().reviews.len(), 1);
    assert_eq!(
        ws.goals().get(&id("g1")).unwrap().meta.created,
        Millis(NOW.0 + 1)
    );
    // Words are needed; a step without words is refused; nothing changes.
    let before = ws.clone();
    for bad in [
        goal("g2", "f1", "  "),
        Goal {
            steps: vec![Step {
                what: " ".into(),
                who: String::new(),
                by: None,
                done: false,
            }],
            ..goal("g2", "f1", "Ok")
        },
        Goal {
            set: d("2030-01-01"),
            ..goal("g2", "f1", "Ok")
        },
    ] {
        assert!(matches!(
            apply(&mut ws, Action::SaveGoal(Box::new(bad)), &ctx(3)),
            Err(ActionError::Invalid(_))
        ));
    }
    assert_eq!(ws, before);
    // A goal for a family that does not exist is refused.
    assert_eq!(
        apply(
            &mut ws,
            Action::SaveGoal(Box::new(goal("g3", "zz", "Ok"))),
            &ctx(3)
        ),
        Err(ActionError::NotFound)
    );
    // Deleting the family marks its goals deleted; undo brings them back.
    let del = apply(&mut ws, Action::DeleteFamily { id: id("f1") }, &ctx(4)).unwrap();
    assert!(ws.goals().get(&id("g1")).unwrap().meta.deleted);
    apply(&mut ws, del.undo.unwrap(), &ctx(5)).unwrap();
    assert!(!ws.goals().get(&id("g1")).unwrap().meta.deleted);
}

#[test]
fn goals_and_consent_travel_in_exports() {
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A", "", "2026-01-01");
    let mut fields = FamilyFields {
        reference: "A".into(),
        opened: Some(d("2026-01-01")),
        consent: Some(Consent {
            date: d("2026-01-01"),
            agreed: vec![
                ConsentItem::Reports,
                ConsentItem::KeepRecords,
                ConsentItem::Reports,
            ],
            note: String::new(),
        }),
        ..Default::default()
    };
    apply(
        &mut ws,
        Action::UpdateFamily {
            id: id("f1"),
            fields: fields.clone(),
        },
        &ctx(1),
    )
    .unwrap();
    // Sorted and each item once.
    assert_eq!(
        ws.families()
            .get(&id("f1"))
            .unwrap()
            .consent
            .as_ref()
            .unwrap()
            .agreed,
        [ConsentItem::KeepRecords, ConsentItem::Reports]
    );
    apply(
        &mut ws,
        Action::SaveGoal(Box::new(goal("g1", "f1", "Calmer mornings"))),
        &ctx(2),
    )
    .unwrap();
    let text = waymark::domain::file::export::export(&ws, None, NOW);
    let back = waymark::domain::file::export::read(&text, NOW).unwrap();
    assert_eq!(Workspace::from_records(back.data), ws);
    // A consent date in the future is refused.
    fields.consent.as_mut().unwrap().date = d("2031-01-01");
    assert!(apply(
        &mut ws,
        Action::UpdateFamily {
            id: id("f1"),
            fields
        },
        &ctx(3)
    )
    .is_err());
}

// ---------- the report ----------

fn scope(from: &str, to: &str) -> Scope {
    Scope {
        from: d(from),
        to: d(to),
        worker: None,
        team: None,
    }
}

fn templates() -> Vec<wheel::WheelTemplate> {
    wheel::builtin()
}

fn run(ws: &Workspace, s: &Scope) -> report::Report {
    let t = templates();
    let tr: Vec<&wheel::WheelTemplate> = t.iter().collect();
    let f = milestone::builtin().unwrap();
    report::report(ws, s, &tr, &[&f], today())
}

/// Five families: two closed in the period, one closed before it, one opened after it.
fn caseload() -> Workspace {
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A1", "Sam", "2026-01-10");
    family(&mut ws, "f2", "B2", "Priya", "2026-02-01");
    family(&mut ws, "f3", "C3", "sam ", "2025-06-01");
    family(&mut ws, "f4", "D4", "Sam", "2025-01-01");
    family(&mut ws, "f5", "E5", "Sam", "2026-11-01");
    // A1: +2 per area over 20 weeks: positive; closed, outcomes met.
    wheel_reading(
        &mut ws,
        "r1",
        "f1",
        "2026-01-12",
        Respondent::Family,
        &[4; 10],
    );
    wheel_reading(
        &mut ws,
        "r2",
        "f1",
        "2026-06-01",
        Respondent::Family,
        &[6; 10],
    );
    // B2: one reading: too early.
    wheel_reading(
        &mut ws,
        "r3",
        "f2",
        "2026-02-10",
        Respondent::Family,
        &[3; 10],
    );
    // C3: scaling down 3: deterioration; closed, stepped up.
    answer(
        &mut ws,
        "a1",
        "f3",
        "safe_home",
        "2026-01-05",
        Respondent::Family,
        7,
    );
    answer(
        &mut ws,
        "a2",
        "f3",
        "safe_home",
        "2026-05-05",
        Respondent::Family,
        4,
    );
    // D4: closed in 2025: outside the period.
    for (f, date, reason) in [
        ("f1", "2026-07-01", ClosureReason::OutcomesMet),
        ("f3", "2026-06-01", ClosureReason::SteppedUp),
        ("f4", "2025-12-01", ClosureReason::MovedAway),
    ] {
        apply(
            &mut ws,
            Action::CloseFamily {
                id: id(f),
                closure: Closure {
                    date: d(date),
                    reason,
                    note: String::new(),
                },
            },
            &ctx(1),
        )
        .unwrap();
    }
    ws
}

#[test]
fn the_report_counts_families_closures_and_outcomes() {
    let ws = caseload();
    let r = run(&ws, &scope("2026-01-01", "2026-09-30"));
    // A1, B2, C3 were worked with; D4 closed before, E5 opened after.
    let f = |c: Count| c.families;
    assert_eq!(
        (f(r.active), f(r.opened), f(r.closed), f(r.open_at_end)),
        (3, 2, 2, 1)
    );
    let closures: Vec<usize> = r.closures.iter().map(|c| c.1.families).collect();
    assert_eq!(closures, [1, 1, 0, 0, 0, 0, 0]);
    let outcomes: Vec<(Outcome, usize)> = r.outcomes.iter().map(|o| (o.0, o.1.families)).collect();
    assert_eq!(
        outcomes,
        [
            (Outcome::Positive, 1),
            (Outcome::NoChange, 0),
            (Outcome::Deterioration, 1),
            (Outcome::TooEarly, 1)
        ]
    );
    assert_eq!(percent(1, 3), Some(33));
    // Wheels: A1 measured (4 -> 6), B2 counted at its only reading.
    let w = &r.wheels[0];
    assert_eq!(
        (w.template.as_str(), w.families, w.measured),
        ("family", 2, 1)
    );
    assert_eq!(w.distance_tenths, Some(20));
    assert_eq!(w.areas.len(), 10);
    assert_eq!(
        (w.areas[0].first_tenths, w.areas[0].latest_tenths),
        (Some(40), Some(60))
    );
    // Latest stages: A1 at 6 (stage 3), B2 at 3 (stage 2).
    assert_eq!(w.areas[0].stages, [0, 1, 1, 0, 0]);
    // Scaling: safe_home fell 3 on average.
    assert_eq!(r.scales.len(), 1);
    assert_eq!(
        (r.scales[0].measured, r.scales[0].change_tenths),
        (1, Some(-30))
    );
    // One worker only, named with other case and spaces.
    let sam = run(
        &ws,
        &Scope {
            worker: Some("SAM".into()),
            ..scope("2026-01-01", "2026-09-30")
        },
    );
    assert_eq!(sam.active.families, 2);
    assert_eq!(report::workers(&ws), ["Priya", "Sam"]);
    // Per family lines carry the outcome.
    let lines: Vec<(&str, Outcome)> = r
        .families
        .iter()
        .map(|l| (l.reference.as_str(), l.outcome.outcome))
        .collect();
    assert_eq!(
        lines,
        [
            ("A1", Outcome::Positive),
            ("B2", Outcome::TooEarly),
            ("C3", Outcome::Deterioration)
        ]
    );
}

#[test]
fn a_family_who_did_not_agree_to_reports_is_left_out_and_only_counted_as_left_out() {
    let mut ws = caseload();
    let mut f = ws.families().get(&id("f2")).unwrap().clone();
    f.consent = Some(Consent {
        date: d("2026-02-01"),
        agreed: vec![ConsentItem::KeepRecords],
        note: String::new(),
    });
    ws.put(f);
    let r = run(&ws, &scope("2026-01-01", "2026-09-30"));
    assert_eq!((r.active.families, r.left_out), (2, 1));
    assert!(r.families.iter().all(|l| l.reference != "B2"));
    // Agreeing to reports puts them back.
    ws.update::<Family>(&id("f2"), |f| {
        f.consent
            .as_mut()
            .unwrap()
            .agreed
            .push(ConsentItem::Reports)
    });
    let r = run(&ws, &scope("2026-01-01", "2026-09-30"));
    assert_eq!((r.active.families, r.left_out), (3, 0));
}

#[test]
fn reviews_in_a_past_period_ignore_readings_made_after_it() {
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A", "", "2026-01-01");
    wheel_reading(
        &mut ws,
        "r1",
        "f1",
        "2026-01-05",
        Respondent::Family,
        &[5; 10],
    );
    wheel_reading(
        &mut ws,
        "r2",
        "f1",
        "2026-09-01",
        Respondent::Family,
        &[5; 10],
    );
    // At the end of June the review (12 weeks after 5 January) was overdue.
    let r = run(&ws, &scope("2026-04-01", "2026-06-30"));
    assert_eq!(r.reviews_overdue, 1);
}

#[test]
fn a_closed_familys_outcome_is_taken_at_its_closing() {
    let mut ws = caseload();
    // A reading after A1 closed (entered late) does not change its outcome.
    wheel_reading(
        &mut ws,
        "r9",
        "f1",
        "2026-08-01",
        Respondent::Family,
        &[1; 10],
    );
    let r = run(&ws, &scope("2026-01-01", "2026-09-30"));
    assert_eq!(r.families[0].outcome.outcome, Outcome::Positive);
}

#[test]
fn reviews_due_and_overdue_are_counted_for_open_families() {
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A", "", "2026-01-01");
    family(&mut ws, "f2", "B", "", "2026-01-01");
    family(&mut ws, "f3", "C", "", "2026-11-10");
    // A: reading 12 weeks + a day before today: overdue. B: due in 10 days. C: no reading, due
    // 2 weeks after opening (in a week's time): due soon.
    let t = today();
    wheel_reading(
        &mut ws,
        "r1",
        "f1",
        &(t - Days::new(85)).to_string(),
        Respondent::Family,
        &[5; 10],
    );
    wheel_reading(
        &mut ws,
        "r2",
        "f2",
        &(t - Days::new(74)).to_string(),
        Respondent::Family,
        &[5; 10],
    );
    let r = run(&ws, &scope("2026-01-01", &t.to_string()));
    assert_eq!((r.reviews_overdue, r.reviews_due), (1, 2));
    let f3 = ws.families().get(&id("f3")).unwrap().clone();
    assert_eq!(outcome::next_review(&ws, &f3), Some(d("2026-11-24")));
}

#[test]
fn milestones_count_each_child_once_per_stage_and_school_readiness() {
    let mut ws = Workspace::default();
    family(&mut ws, "f1", "A", "", "2020-01-01");
    apply(
        &mut ws,
        Action::AddMember {
            id: id("c1"),
            family: id("f1"),
            fields: MemberFields {
                role: MemberRole::Child,
                name: "Ava".into(),
                born: Some(d("2021-09-01")),
                due: None,
                weeks_early: None,
            },
        },
        &ctx(0),
    )
    .unwrap();
    let f = milestone::builtin().unwrap();
    let school = f
        .stages
        .iter()
        .find(|s| s.id.as_str() == milestone::SCHOOL_STAGE)
        .unwrap();
    let answers: std::collections::BTreeMap<Id, MilestoneAnswer> = school
        .milestones
        .iter()
        .map(|m| m.id.clone())
        .chain(f.ready_for_school.iter().map(|s| s.id.clone()))
        .map(|m| (m, MilestoneAnswer::Yes))
        .collect();
    let check = MilestoneCheck {
        meta: meta("k1"),
        family: id("f1"),
        child: id("c1"),
        framework: f.id.clone(),
        framework_version: f.version,
        stage: school.id.clone(),
        date: d("2026-06-01"),
        by: Respondent::Worker,
        answers,
        notes: String::new(),
        overrides: Default::default(),
        actions: Vec::new(),
    };
    ws.put(check);
    let r = run(&ws, &scope("2026-01-01", "2026-09-30"));
    assert_eq!(
        (r.milestones.school_ready, r.milestones.school_checked),
        (1, 1)
    );
    let on_track: usize = r.milestones.by_stage_area.values().map(|v| v[0]).sum();
    assert_eq!(on_track, f.areas.len());
    assert_eq!(r.families[0].milestones[0].2, [f.areas.len(), 0, 0]);
    // A check outside the period is not counted in the figures.
    let r = run(&ws, &scope("2026-07-01", "2026-09-30"));
    assert_eq!(r.milestones.school_checked, 0);
}

#[test]
fn percentages_round_down() {
    assert_eq!(percent(0, 0), None);
    assert_eq!(percent(1, 8), Some(12));
    assert_eq!(percent(2, 3), Some(66));
    assert_eq!(percent(199, 200), Some(99));
    assert_eq!(percent(3, 3), Some(100));
    assert_eq!(percent(0, 5), Some(0));
}

#[test]
fn the_sample_caseload_reports_every_kind_of_figure() {
    let ws = waymark::domain::file::sample::caseload(
        7,
        waymark::domain::file::sample::BENCH,
        today(),
        NOW,
    );
    let r = run(&ws, &scope("2025-04-01", &today().to_string()));
    assert!(r.active.families > 200);
    assert!(r.closed.families > 0 && r.closures.iter().filter(|c| c.1.families > 0).count() > 3);
    let total: usize = r.outcomes.iter().map(|o| o.1.families).sum();
    assert_eq!(total, r.active.families);
    assert!(
        r.outcomes.iter().all(|o| o.1.families > 0),
        "{:?}",
        r.outcomes
    );
    assert_eq!(r.wheels[0].areas.len(), 10);
    assert!(!r.scales.is_empty());
    assert!(!r.milestones.by_stage_area.is_empty());
}

// ---------- CSV ----------

#[test]
fn csv_opens_in_excel_and_runs_no_formula() {
    use csv::Cell;
    let out = csv::encode(
        &["a", "b", "c", "d", "e"],
        &[
            vec![
                Cell::Text("=HYPERLINK(\"x\")".into()),
                Cell::Text("He said \"hi\", then left\nfor good".into()),
                Cell::Int(-3),
                Cell::Tenths(-15),
                Cell::Date(d("2026-03-04")),
            ],
            vec![
                Cell::Text("+1".into()),
                Cell::Text("-2".into()),
                Cell::Text("@me".into()),
                Cell::Text("\tx".into()),
                Cell::Empty,
            ],
        ],
    );
    assert!(out.starts_with("\u{FEFF}\"a\",\"b\",\"c\",\"d\",\"e\"\r\n"));
    assert!(out.contains("\"'=HYPERLINK(\"\"x\"\")\""));
    assert!(out.contains("\"He said \"\"hi\"\", then left\nfor good\",-3,-1.5,2026-03-04\r\n"));
    assert!(out.ends_with("\"'+1\",\"'-2\",\"'@me\",\"'\tx\",\r\n"));
    assert_eq!(csv::text_cell("Safe = ok"), "\"Safe = ok\"");
}

/// Reads one quoted CSV cell back (the inverse of `text_cell`, less the apostrophe).
fn unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    if inner.replace("\"\"", "").contains('"') {
        return None;
    }
    Some(inner.replace("\"\"", "\""))
}

proptest! {
    #[test]
    fn every_text_cell_reads_back_and_never_starts_a_formula(s in "\\PC{0,40}") {
        let cell = csv::text_cell(&s);
        let back = unquote(&cell).expect("a well-quoted cell");
        let dangerous = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
        prop_assert!(!back.starts_with(['=', '+', '-', '@', '\t', '\r']));
        if dangerous {
            prop_assert_eq!(back, format!("'{s}"));
        } else {
            prop_assert_eq!(back, s);
        }
    }
}

#[test]
fn the_csv_files_have_a_row_per_reading_and_per_family() {
    let mut ws = caseload();
    // A child's wheel answer and a name that would be a formula.
    ws.update::<Family>(&id("f2"), |r| r.worker = "=cmd|' /C calc'!A0".into());
    let s = scope("2026-01-01", "2026-09-30");
    let r = run(&ws, &s);
    let t = templates();
    let tr: Vec<&wheel::WheelTemplate> = t.iter().collect();
    let f = milestone::builtin().unwrap();
    let readings = csv::readings(&ws, &r, &s, &tr, &[&f], "en");
    let lines: Vec<&str> = readings.trim_end().split("\r\n").collect();
    // Header, 3 wheel readings of 10 areas, 2 answers.
    assert_eq!(lines.len(), 1 + 30 + 2, "{readings}");
    assert!(lines[0].starts_with("\u{FEFF}\"family_reference\",\"worker\",\"date\""));
    assert!(lines[1].starts_with("\"A1\",\"Sam\",2026-01-12,\"wheel\",\"family\",\"health\","));
    assert!(lines[1].ends_with(",4,2,"), "{}", lines[1]);
    assert!(readings.contains("\"'=cmd|' /C calc'!A0\""));
    assert!(lines.iter().any(|l| l
        .starts_with("\"C3\",\"sam\",2026-05-05,\"scale\",\"safe_home\",,")
        && l.contains(",4,,")));
    let outcomes = csv::outcomes(&r);
    let lines: Vec<&str> = outcomes.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[1],
        "\"A1\",\"Sam\",2026-01-10,2026-07-01,\"outcomes_met\",\"positive\",,2.0,,2026-01-12,2026-06-01,0,0,0,\"\",0,0,0,0,0"
    );
    assert!(lines[2].contains("\"too_early\",\"one_reading\""));
    assert!(lines[3].contains("\"stepped_up\",\"deterioration\",,,-3.0,"));
}
