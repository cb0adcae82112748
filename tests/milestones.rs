//! The Incremental Change Model (issue 5, domain): age and corrected age, the stage for an age,
//! the judgement rule, checks due and overdue, readiness and the caseload figures, natively.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use std::collections::BTreeMap;
use waymark::domain::base::id::Id;
use waymark::domain::milestone::*;
use waymark::domain::model::*;

fn age(born: &str, on: &str) -> Option<(u32, u32)> {
    age_on(d(born), d(on)).map(|a| (a.months, a.weeks))
}

#[test]
fn age_in_months_and_weeks_at_month_ends_and_leap_days() {
    assert_eq!(age("2026-01-10", "2026-01-10"), Some((0, 0)));
    assert_eq!(age("2026-01-10", "2026-01-24"), Some((0, 2)));
    assert_eq!(
        age("2026-01-10", "2026-03-09"),
        Some((1, 3)),
        "a day short of two months"
    );
    assert_eq!(age("2026-01-10", "2026-03-10"), Some((2, 0)));
    // Born on the 31st: a month old on the last day of a shorter month.
    assert_eq!(age("2026-01-31", "2026-02-27"), Some((0, 3)));
    assert_eq!(age("2026-01-31", "2026-02-28"), Some((1, 0)));
    assert_eq!(age("2024-01-31", "2024-02-29"), Some((1, 0)));
    assert_eq!(age("2026-01-31", "2026-04-30"), Some((3, 0)));
    // Born on 29 February: a year old on 28 February in a common year.
    assert_eq!(age("2024-02-29", "2025-02-27"), Some((11, 4)));
    assert_eq!(age("2024-02-29", "2025-02-28"), Some((12, 0)));
    assert_eq!(age("2024-02-29", "2028-02-29"), Some((48, 0)));
    // A check before the birth has no age.
    assert_eq!(age("2026-05-01", "2026-04-30"), None);
    assert_eq!(age_on(d("2026-01-01"), d("2026-02-01")).unwrap().days, 31);
}

#[test]
fn corrected_age_for_a_child_born_early_until_two() {
    // Born 8 weeks early: corrected by 8 weeks.
    let (a, corrected) = age_for_checks(d("2025-01-01"), Some(8), d("2025-07-01")).unwrap();
    assert!(corrected);
    assert_eq!(
        (a.months, a.weeks),
        (4, 0),
        "6 months actual, 8 weeks (to 26 Feb) off: 4 months and 3 days"
    );
    // Three weeks early is not before 37 weeks: no correction.
    assert!(
        !age_for_checks(d("2025-01-01"), Some(3), d("2025-07-01"))
            .unwrap()
            .1
    );
    // From the second birthday the actual age is used.
    let (a, corrected) = age_for_checks(d("2023-01-01"), Some(10), d("2025-01-01")).unwrap();
    assert!(!corrected);
    assert_eq!(a.months, 24);
    // Before the corrected birth date: nought.
    let (a, corrected) = age_for_checks(d("2026-01-01"), Some(10), d("2026-02-01")).unwrap();
    assert!(corrected);
    assert_eq!(a.days, 0);
    assert_eq!(
        age_for_checks(d("2026-01-01"), Some(10), d("2025-12-01")),
        None
    );
}

#[test]
fn born_at_how_many_weeks_is_weeks_early_from_the_due_date() {
    // Born at 34 weeks of pregnancy: 6 weeks early, so corrected (the old form's "weeks born
    // early, before 37 weeks" invited 3 here, and no correction).
    assert_eq!(weeks_early(34), Some(6));
    assert_eq!(born_at_weeks(6), 34);
    assert!(
        age_for_checks(d("2025-01-01"), weeks_early(34), d("2025-07-01"))
            .unwrap()
            .1
    );
    // Born at 37 weeks: 3 weeks early, not corrected. From 40 weeks: not early at all.
    assert_eq!(weeks_early(37), Some(3));
    assert!(
        !age_for_checks(d("2025-01-01"), weeks_early(37), d("2025-07-01"))
            .unwrap()
            .1
    );
    assert_eq!(weeks_early(40), None);
    assert_eq!(weeks_early(41), None);
    for w in BORN_AT_WEEKS.0..FULL_TERM_WEEKS {
        assert_eq!(born_at_weeks(weeks_early(w).unwrap()), w);
    }
}

#[test]
fn a_timeline_shows_the_stages_checked_and_the_current_one() {
    let f = waymark::domain::milestone::builtin().unwrap();
    let ids: Vec<&Id> = f.stages.iter().map(|s| &s.id).collect();
    let shown = |checked: &[&Id], current: Option<&Id>| {
        timeline_stages(&f, checked, current)
            .iter()
            .map(|s| s.id.clone())
            .collect::<Vec<_>>()
    };
    // Checked at the 2nd and 4th, the age calls for the 5th: those three, in order.
    assert_eq!(
        shown(&[ids[3], ids[1]], Some(ids[4])),
        vec![ids[1].clone(), ids[3].clone(), ids[4].clone()]
    );
    assert_eq!(shown(&[], Some(ids[0])), vec![ids[0].clone()]);
    assert_eq!(shown(&[ids[2]], Some(ids[2])), vec![ids[2].clone()]);
}

fn m(id: &str, area: &str) -> Milestone {
    Milestone {
        id: Id::parse(id).unwrap(),
        area: Id::parse(area).unwrap(),
        text: BTreeMap::from([("en".into(), id.into())]),
    }
}

fn stage(sid: &str, from: u32, to: u32) -> Stage {
    Stage {
        id: Id::parse(sid).unwrap(),
        name: BTreeMap::new(),
        from_days: from,
        to_days: to,
        milestones: vec![
            m(&format!("{sid}_s1"), "speaking"),
            m(&format!("{sid}_s2"), "speaking"),
            m(&format!("{sid}_h1"), "hands"),
            m(&format!("{sid}_h2"), "hands"),
        ],
    }
}

fn framework() -> Framework {
    let text = |s: &str| BTreeMap::from([("en".to_string(), s.to_string())]);
    Framework {
        id: id("fw"),
        version: 1,
        name: text("fw"),
        areas: vec![
            MArea {
                id: id("speaking"),
                group: id("talking"),
                name: text("Speaking"),
            },
            MArea {
                id: id("hands"),
                group: id("moving"),
                name: text("Hands"),
            },
        ],
        groups: vec![],
        stages: vec![
            stage("a", 0, 28),
            stage("b", 35, 63),
            stage("c", 240, 395),
            stage("school_start", 1400, 1700),
        ],
        ready_for_nursery: vec![],
        ready_for_school: (1..=5)
            .map(|i| Statement {
                id: id(&format!("rs{i}")),
                text: text("r"),
            })
            .collect(),
    }
}

fn answers(list: &[(&str, MilestoneAnswer)]) -> BTreeMap<Id, MilestoneAnswer> {
    list.iter().map(|(k, v)| (id(k), *v)).collect()
}

use MilestoneAnswer::{NotYet, Sometimes, Yes};

#[test]
fn the_judgement_rule_pins_every_threshold() {
    let f = framework();
    let s = &f.stages[0];
    let judge_hands =
        |a: &[(&str, MilestoneAnswer)]| judge(s, &id("hands"), &id("moving"), &answers(a));
    assert_eq!(judge_hands(&[]), None, "no answers, no judgement");
    assert_eq!(
        judge_hands(&[("a_h1", Yes), ("a_h2", Yes)]),
        Some(Judgement::OnTrack),
        "100%"
    );
    assert_eq!(
        judge_hands(&[("a_h1", Yes), ("a_h2", Sometimes)]),
        Some(Judgement::OnTrack),
        "75% is on track"
    );
    assert_eq!(
        judge_hands(&[("a_h1", Sometimes), ("a_h2", Sometimes)]),
        Some(Judgement::KeepAnEye),
        "50%"
    );
    assert_eq!(
        judge_hands(&[("a_h1", Yes), ("a_h2", NotYet)]),
        Some(Judgement::KeepAnEye),
        "50%"
    );
    assert_eq!(
        judge_hands(&[("a_h1", Sometimes), ("a_h2", NotYet)]),
        Some(Judgement::NeedsExtraHelp),
        "25%"
    );
    assert_eq!(
        judge_hands(&[("a_h1", NotYet)]),
        Some(Judgement::NeedsExtraHelp),
        "0%"
    );
    // Unanswered milestones are left out, not counted as "not yet".
    assert_eq!(judge_hands(&[("a_h1", Yes)]), Some(Judgement::OnTrack));
    // Talking: any "not yet" is at least keep an eye, even at 75% or more.
    let mut s4 = s.clone();
    s4.milestones
        .extend([m("a_s3", "speaking"), m("a_s4", "speaking")]);
    let talk = judge(
        &s4,
        &id("speaking"),
        &id("talking"),
        &answers(&[
            ("a_s1", Yes),
            ("a_s2", Yes),
            ("a_s3", Yes),
            ("a_s4", NotYet),
        ]),
    );
    assert_eq!(talk, Some(Judgement::KeepAnEye));
    let talk = judge(
        &s4,
        &id("speaking"),
        &id("talking"),
        &answers(&[
            ("a_s1", Yes),
            ("a_s2", Yes),
            ("a_s3", Yes),
            ("a_s4", Sometimes),
        ]),
    );
    assert_eq!(talk, Some(Judgement::OnTrack));
}

#[test]
fn the_stage_for_an_age_and_checks_due_or_overdue() {
    let f = framework();
    assert_eq!(stage_for_age(&f, 0).unwrap().id.as_str(), "a");
    assert_eq!(
        stage_for_age(&f, 30).unwrap().id.as_str(),
        "a",
        "between windows: the last one started"
    );
    assert_eq!(stage_for_age(&f, 40).unwrap().id.as_str(), "b");
    let st = |days: u32, done: &[&str]| {
        check_status(&f, days, &done.iter().map(|s| id(s)).collect::<Vec<_>>())
            .map(|(s, c)| (s.id.as_str().to_string(), c))
    };
    assert_eq!(st(40, &[]), Some(("b".into(), CheckStatus::Due)));
    assert_eq!(
        st(63, &[]),
        Some(("b".into(), CheckStatus::Due)),
        "the last day of the window is still due"
    );
    assert_eq!(st(64, &[]), Some(("b".into(), CheckStatus::Overdue)));
    assert_eq!(st(100, &["b"]), Some(("b".into(), CheckStatus::Done)));
}

fn check(
    cid: &str,
    child: &str,
    stage: &str,
    date: &str,
    a: &[(&str, MilestoneAnswer)],
) -> MilestoneCheck {
    MilestoneCheck {
        meta: Meta::new(id(cid), NOW, id("dev")),
        family: id("f1"),
        child: id(child),
        framework: id("fw"),
        framework_version: 1,
        stage: id(stage),
        date: d(date),
        by: Respondent::Worker,
        answers: answers(a),
        notes: String::new(),
        overrides: BTreeMap::new(),
        actions: Vec::new(),
    }
}

#[test]
fn readiness_and_the_caseload_figures() {
    let f = framework();
    let r = readiness(
        &f.ready_for_school,
        &answers(&[
            ("rs1", Yes),
            ("rs2", Yes),
            ("rs3", Yes),
            ("rs4", Yes),
            ("rs5", Sometimes),
        ]),
    );
    assert_eq!((r.met, r.total), (4, 5));
    assert!(r.ready(), "80% is ready");
    assert_eq!(r.to_work_on, vec![id("rs5")]);
    assert!(!readiness(
        &f.ready_for_school,
        &answers(&[("rs1", Yes), ("rs2", Yes), ("rs3", Yes)])
    )
    .ready());

    let checks = [
        // Child 1 at stage a twice: only the later check counts.
        check(
            "c1",
            "k1",
            "a",
            "2026-01-05",
            &[("a_h1", NotYet), ("a_h2", NotYet)],
        ),
        check(
            "c2",
            "k1",
            "a",
            "2026-01-20",
            &[("a_h1", Yes), ("a_h2", Yes), ("a_s1", Yes)],
        ),
        check(
            "c3",
            "k2",
            "a",
            "2026-01-07",
            &[
                ("a_h1", Sometimes),
                ("a_h2", Sometimes),
                ("a_s1", NotYet),
                ("a_s2", NotYet),
            ],
        ),
        check(
            "c4",
            "k1",
            "school_start",
            "2026-09-01",
            &[
                ("rs1", Yes),
                ("rs2", Yes),
                ("rs3", Yes),
                ("rs4", Yes),
                ("rs5", Yes),
            ],
        ),
        check("c5", "k2", "school_start", "2026-09-02", &[("rs1", Yes)]),
    ];
    let fig = caseload(&f, checks.iter());
    assert_eq!(
        fig.by_stage_area[&(id("a"), id("hands"))],
        [1, 1, 0],
        "one on track, one keep an eye"
    );
    assert_eq!(fig.by_stage_area[&(id("a"), id("speaking"))], [1, 0, 1]);
    assert_eq!((fig.school_ready, fig.school_checked), (1, 2));
}

#[test]
fn the_builtin_framework_is_complete() {
    let Some(f) = builtin() else {
        panic!("the built-in framework does not load")
    };
    let ids: Vec<&str> = f.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "new_birth",
            "weeks_6_8",
            "months_9_12",
            "months_18_24",
            "years_2_2half",
            "nursery_start",
            "years_3_4",
            "school_start"
        ]
    );
    for s in &f.stages {
        assert!(s.from_days <= s.to_days);
        for a in &f.areas {
            let n = s.milestones.iter().filter(|m| m.area == a.id).count();
            assert!((2..=3).contains(&n), "{} {}: {n} milestones", s.id, a.id);
        }
    }
    let mut all = std::collections::BTreeSet::new();
    for s in &f.stages {
        for m in &s.milestones {
            assert!(all.insert(m.id.clone()), "duplicate {}", m.id);
        }
    }
    assert!(f.ready_for_nursery.len() >= 6 && f.ready_for_school.len() >= 8);
}

#[test]
fn a_worker_can_change_a_judgement_with_a_reason_and_record_a_referral() {
    let f = framework();
    let mut c = check(
        "c1",
        "k1",
        "a",
        "2026-01-20",
        &[
            ("a_h1", Yes),
            ("a_h2", Yes),
            ("a_s1", NotYet),
            ("a_s2", NotYet),
        ],
    );
    let rule = judge_check(&f, &c);
    assert_eq!(
        rule[0],
        (id("speaking"), Some(Judgement::NeedsExtraHelp), false)
    );
    c.overrides.insert(
        id("hands"),
        Override {
            judgement: Judgement::KeepAnEye,
            reason: "Struggles with a spoon at home".into(),
        },
    );
    let changed = judge_check(&f, &c);
    assert_eq!(changed[1], (id("hands"), Some(Judgement::KeepAnEye), true));
    let fig = caseload(&f, [&c]);
    assert_eq!(
        fig.by_stage_area[&(id("a"), id("hands"))],
        [0, 1, 0],
        "figures use the changed judgement"
    );

    // In a workspace: a reason and what was done are required.
    use waymark::domain::workspace::action::{
        apply, Action, ActionError, FamilyFields, MemberFields,
    };
    let mut ws = Workspace::default();
    apply(
        &mut ws,
        Action::CreateFamily {
            id: id("f1"),
            fields: FamilyFields {
                reference: "A".into(),
                opened: Some(d("2025-01-01")),
                ..Default::default()
            },
        },
        &ctx(0),
    )
    .unwrap();
    apply(
        &mut ws,
        Action::AddMember {
            id: id("k1"),
            family: id("f1"),
            fields: MemberFields {
                role: MemberRole::Child,
                name: "K".into(),
                born: Some(d("2025-12-01")),
                due: None,
                weeks_early: None,
            },
        },
        &ctx(0),
    )
    .unwrap();
    c.overrides.get_mut(&id("hands")).unwrap().reason = " ".into();
    c.actions.push(Referral {
        area: id("speaking"),
        what: String::new(),
        to: "Speech and language therapy".into(),
        date: d("2026-01-21"),
    });
    let e = apply(
        &mut ws,
        Action::SaveMilestoneCheck(Box::new(c.clone())),
        &ctx(1),
    )
    .unwrap_err();
    let ActionError::Invalid(ps) = e else {
        panic!()
    };
    let paths: Vec<&str> = ps.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["overrides.hands.reason", "actions[0].what"]);
    c.overrides.get_mut(&id("hands")).unwrap().reason = "Struggles with a spoon at home".into();
    c.actions[0].what = "Referral".into();
    apply(&mut ws, Action::SaveMilestoneCheck(Box::new(c)), &ctx(1)).unwrap();
    assert_eq!(
        ws.milestone_checks().get(&id("c1")).unwrap().actions[0].to,
        "Speech and language therapy"
    );
    // A check before the birth is refused.
    let mut early = check("c2", "k1", "a", "2025-11-01", &[("a_h1", Yes)]);
    early.family = id("f1");
    assert!(apply(
        &mut ws,
        Action::SaveMilestoneCheck(Box::new(early)),
        &ctx(2)
    )
    .is_err());
}

#[test]
fn a_service_loads_its_own_framework_and_a_malformed_one_is_refused() {
    use waymark::domain::file::export::ReadError;
    use waymark::domain::workspace::action::{apply, Action};
    let mut v = serde_json::to_value(builtin().unwrap()).unwrap();
    v["id"] = "our_steps".into();
    v["stages"].as_array_mut().unwrap().truncate(3);
    let own = read_framework(&v.to_string()).unwrap();
    let mut ws = Workspace::default();
    apply(
        &mut ws,
        Action::AddFramework(Box::new(own.clone())),
        &ctx(0),
    )
    .unwrap();
    assert!(
        apply(&mut ws, Action::AddFramework(Box::new(own)), &ctx(1)).is_err(),
        "the same version twice"
    );
    assert!(
        apply(
            &mut ws,
            Action::AddFramework(Box::new(builtin().unwrap())),
            &ctx(1)
        )
        .is_err(),
        "the built-in id"
    );
    let back = waymark::domain::file::export::read(
        &waymark::domain::file::export::export(&ws, None, NOW),
        NOW,
    )
    .unwrap();
    assert_eq!(back.data.frameworks, ws.shared().frameworks);

    let problems = |text: &str| match read_framework(text) {
        Err(ReadError::Invalid(ps)) => ps.into_iter().map(|p| (p.path, p.kind)).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    let mut bad = v.clone();
    bad["stages"][1]["milestones"][0]["area"] = "dancing".into();
    bad["stages"][2]["from_days"] = 900.into();
    bad["stages"][2]["to_days"] = 100.into();
    let p = problems(&bad.to_string());
    assert!(
        p.contains(&(
            "stages[1].milestones[0].area".into(),
            waymark::domain::base::problem::ProblemKind::UnknownChoice("dancing".into())
        )),
        "{p:?}"
    );
    assert!(
        p.iter().any(|(path, _)| path == "stages[2].to_days"),
        "{p:?}"
    );
    bad["extra"] = 1.into();
    assert_eq!(
        problems(&bad.to_string())[0].1,
        waymark::domain::base::problem::ProblemKind::UnknownField("extra".into())
    );
    assert!(matches!(
        read_framework("{"),
        Err(ReadError::NotJson { .. })
    ));
}
