//! Scaling questions (issue 6): the library, faces, family questions, three houses, history,
//! change and the family/worker gap, and the chart's geometry, natively.
#![cfg(not(target_arch = "wasm32"))]

use waymark::domain::base::problem::ProblemKind;
use waymark::domain::chart::{chart_svg, spread_x, CHART};
use waymark::domain::model::*;
use waymark::domain::scale::*;
use waymark::domain::workspace::action::{
    apply, Action, ActionError, FamilyFields, ScaleAnswerFields,
};

mod common;
use common::*;

fn with_family() -> Workspace {
    let mut ws = Workspace::default();
    apply(
        &mut ws,
        Action::CreateFamily {
            id: id("f1"),
            fields: FamilyFields {
                reference: "A".into(),
                opened: Some(d("2026-01-01")),
                ..Default::default()
            },
        },
        &ctx(0),
    )
    .unwrap();
    ws
}

fn answer(rid: &str, q: &str, date: &str, by: Respondent, value: u8) -> Action {
    Action::RecordScaleAnswer(Box::new(ScaleAnswerFields {
        id: id(rid),
        family: id("f1"),
        child: None,
        question: id(q),
        date: d(date),
        by,
        value,
        face: None,
        keeps: String::new(),
        higher: String::new(),
        notice: String::new(),
        confidence: None,
    }))
}

#[test]
fn the_library_is_complete_and_in_our_own_words() {
    let lib = library();
    let ids: Vec<&str> = lib.iter().map(|q| q.id.as_str()).collect();
    for want in ["safe_home", "confident_parent", "feeling_today", "our_goal"] {
        assert!(ids.contains(&want), "{want} missing from {ids:?}");
    }
    for q in &lib {
        for t in [&q.question, &q.low, &q.high, &q.child] {
            let s = waymark::domain::base::text::text(t, "en");
            assert!(
                !s.trim().is_empty() && s.chars().count() <= 140,
                "{}: {s}",
                q.id
            );
            assert!(!s.to_lowercase().contains("signs of safety"));
        }
    }
}

#[test]
fn faces_map_to_the_scale_by_a_named_mapping() {
    let values: Vec<Option<u8>> = (0..=6).map(|f| face_value(f, FACES_V1)).collect();
    assert_eq!(
        values,
        [None, Some(0), Some(3), Some(5), Some(7), Some(10), None]
    );
    assert_eq!(
        face_value(3, "faces-v9"),
        None,
        "an unknown mapping is not guessed"
    );
    let mut ws = with_family();
    let mut a = answer("a1", "feeling_today", "2026-11-01", Respondent::Child, 5);
    if let Action::RecordScaleAnswer(f) = &mut a {
        f.face = Some(FaceAnswer {
            face: 3,
            mapping: FACES_V1.into(),
        });
    }
    apply(&mut ws, a, &ctx(1)).unwrap();
    let mut wrong = answer("a2", "feeling_today", "2026-11-01", Respondent::Child, 9);
    if let Action::RecordScaleAnswer(f) = &mut wrong {
        f.face = Some(FaceAnswer {
            face: 3,
            mapping: FACES_V1.into(),
        });
    }
    let e = apply(&mut ws, wrong, &ctx(2)).unwrap_err();
    assert!(
        matches!(e, ActionError::Invalid(ref p) if p[0].path == "value" && p[0].kind == ProblemKind::BadValue),
        "a face's value must be its mapped value"
    );
}

#[test]
fn answers_must_be_0_to_10_to_a_question_that_exists() {
    let mut ws = with_family();
    assert!(matches!(
        apply(
            &mut ws,
            answer("a1", "safe_home", "2026-11-01", Respondent::Family, 11),
            &ctx(1)
        ),
        Err(ActionError::Invalid(_))
    ));
    let e = apply(
        &mut ws,
        answer(
            "a1",
            "no_such_question",
            "2026-11-01",
            Respondent::Family,
            3,
        ),
        &ctx(1),
    )
    .unwrap_err();
    assert!(matches!(e, ActionError::Invalid(ref p) if p[0].kind == ProblemKind::UnknownQuestion));
    assert!(apply(
        &mut ws,
        answer("a1", "safe_home", "2099-01-01", Respondent::Family, 3),
        &ctx(1)
    )
    .is_err());
    assert_eq!(ws.scale_answers().len(), 0);
}

#[test]
fn a_family_question_in_its_own_words_is_asked_and_can_be_archived() {
    let mut ws = with_family();
    let add = |q: &str, low: &str, high: &str| Action::AddFamilyQuestion {
        id: id("own1"),
        family: id("f1"),
        question: q.into(),
        low: low.into(),
        high: high.into(),
    };
    assert!(apply(&mut ws, add("", "x", "y"), &ctx(1)).is_err());
    apply(
        &mut ws,
        add(
            "How are school mornings?",
            "Every morning is a fight",
            "The children go to school every day without a fight",
        ),
        &ctx(1),
    )
    .unwrap();
    let asked = asked_for(ws.questions().values(), &id("f1"), &library(), "en");
    let own = asked.last().unwrap();
    assert!(own.own && own.high == "The children go to school every day without a fight");
    apply(
        &mut ws,
        answer("a1", "own1", "2026-10-01", Respondent::Family, 2),
        &ctx(2),
    )
    .unwrap();
    apply(
        &mut ws,
        Action::ArchiveFamilyQuestion { id: id("own1") },
        &ctx(3),
    )
    .unwrap();
    assert!(
        !asked_for(ws.questions().values(), &id("f1"), &library(), "en")
            .iter()
            .any(|q| q.own)
    );
    assert_eq!(
        answers(ws.scale_answers().values(), &id("f1"), &id("own1")).len(),
        1,
        "answers stay"
    );
}

#[test]
fn history_change_and_the_gap_between_family_and_worker() {
    let mut ws = with_family();
    for (i, (date, by, v)) in [
        ("2026-09-01", Respondent::Family, 3),
        ("2026-09-01", Respondent::Worker, 5),
        ("2026-10-01", Respondent::Family, 6),
        ("2026-11-01", Respondent::Family, 8),
        ("2026-11-01", Respondent::Worker, 6),
        ("2026-11-01", Respondent::Child, 7),
    ]
    .into_iter()
    .enumerate()
    {
        apply(
            &mut ws,
            answer(&format!("a{i}"), "safe_home", date, by, v),
            &ctx(i as i64),
        )
        .unwrap();
    }
    let a = answers(ws.scale_answers().values(), &id("f1"), &id("safe_home"));
    let lines = history(&a);
    assert_eq!(
        lines.iter().map(|l| l.by).collect::<Vec<_>>(),
        [Respondent::Family, Respondent::Worker, Respondent::Child]
    );
    assert_eq!(lines[0].change(), Some(5));
    assert_eq!(lines[1].change(), Some(1));
    assert_eq!(lines[2].change(), None, "one answer: no change yet");
    assert_eq!(family_worker_gap(&lines), Some(2));
    let latest = latest_by(&a);
    assert_eq!(latest[0], (Respondent::Family, 8, d("2026-11-01")));
}

#[test]
fn two_answers_on_one_day_are_drawn_side_by_side() {
    let c = CHART;
    let (a, b) = (d("2026-01-01"), d("2026-01-11"));
    let xs = spread_x(&c, &[a, b, b], a, b);
    assert_eq!(xs[0], c.x(a, a, b));
    // The two on the last day sit either side of its place, in the order given.
    assert!(xs[1] < c.x(b, a, b) && xs[2] > c.x(b, a, b) && xs[1] < xs[2]);
    assert_eq!((xs[1] + xs[2]) / 2.0, c.x(b, a, b));
    let svg = chart_svg(
        "c",
        &[Line {
            by: Respondent::Family,
            points: vec![(b, 3), (b, 7)],
        }],
        "t",
        "d",
        ("11 Jan", "11 Jan"),
    );
    assert_eq!(
        svg.matches(">11 Jan</text>").count(),
        1,
        "one day: one date"
    );
    assert_eq!(svg.matches("<circle").count(), 2);
}

#[test]
fn chart_geometry() {
    let c = CHART;
    assert_eq!(c.y(10.0), c.pad);
    assert_eq!(c.y(0.0), c.height - c.bottom);
    assert_eq!(c.y(15.0), c.y(10.0), "clamped");
    assert_eq!(c.y(f64::NAN), c.y(0.0));
    let (a, b) = (d("2026-01-01"), d("2026-01-11"));
    assert_eq!(c.x(a, a, b), c.left + c.pad);
    assert_eq!(c.x(b, a, b), c.width - c.pad);
    assert_eq!(
        c.x(a, a, a),
        (c.left + c.pad + c.width - c.pad) / 2.0,
        "one date sits in the middle"
    );
    let lines = vec![
        Line {
            by: Respondent::Family,
            points: vec![(a, 2), (b, 7)],
        },
        Line {
            by: Respondent::Worker,
            points: vec![(b, 5)],
        },
    ];
    let svg = chart_svg("c", &lines, "Safe <home>", "d", ("1 Jan", "11 Jan"));
    assert!(
        svg.contains(">1 Jan</text>") && svg.contains(">11 Jan</text>"),
        "dated marks"
    );
    assert!(svg.contains("Safe &lt;home&gt;") && svg.contains("role=\"img\""));
    assert_eq!(
        svg.matches("<polyline").count(),
        1,
        "a single answer is a point, not a line"
    );
    assert_eq!(svg.matches("<circle").count(), 2);
    assert_eq!(svg.matches("<rect").count(), 1);
}

#[test]
fn three_houses_keep_the_childs_words() {
    let mut ws = with_family();
    let h = |worries: &str| ThreeHouses {
        meta: Meta::new(id("h1"), NOW, id("dev")),
        family: id("f1"),
        child: None,
        date: d("2026-11-01"),
        worries: worries.into(),
        good: String::new(),
        wishes: String::new(),
        by_child: true,
    };
    assert!(
        apply(&mut ws, Action::SaveThreeHouses(Box::new(h(" "))), &ctx(1)).is_err(),
        "an empty page is not kept"
    );
    apply(
        &mut ws,
        Action::SaveThreeHouses(Box::new(h("When it's loud at night"))),
        &ctx(1),
    )
    .unwrap();
    assert_eq!(
        ws.three_houses().get(&id("h1")).unwrap().worries,
        "When it's loud at night"
    );
    let del = apply(&mut ws, Action::DeleteThreeHouses { id: id("h1") }, &ctx(2)).unwrap();
    apply(&mut ws, del.undo.unwrap(), &ctx(3)).unwrap();
    assert!(!ws.three_houses().get(&id("h1")).unwrap().meta.deleted);
}

/// "How close are we to the goal your family chose?" waits for a goal: a family with none is
/// not asked it, a family with one is, and one who answered it before keeps it in their list.
#[test]
fn the_goal_question_waits_for_a_goal() {
    let asked = asked_for(std::iter::empty(), &id("f1"), &library(), "en");
    let goal_q = asked
        .iter()
        .find(|q| q.about_goal)
        .expect("a question about the goal");
    assert_eq!(goal_q.id, id("our_goal"));
    assert_eq!(asked.iter().filter(|q| q.about_goal).count(), 1);
    let n = asked.len();
    let none = to_ask(asked.clone(), false, |_| false);
    assert_eq!(none.len(), n - 1);
    assert!(!none.iter().any(|q| q.about_goal));
    assert_eq!(to_ask(asked.clone(), true, |_| false).len(), n);
    let before = to_ask(asked, false, |q| q == &id("our_goal"));
    assert!(before.iter().any(|q| q.about_goal));

    // A family's own list, read from its folder: without a goal the question waits; once
    // answered, it stays.
    let mut ws = with_family();
    let today = |ws: &Workspace| ws.questions_today(&id("f1"), &library(), "en");
    assert!(!today(&ws).iter().any(|q| q.about_goal));
    apply(
        &mut ws,
        answer("a1", "our_goal", "2026-10-01", Respondent::Family, 3),
        &ctx(5),
    )
    .unwrap();
    assert!(today(&ws).iter().any(|q| q.about_goal));
}
