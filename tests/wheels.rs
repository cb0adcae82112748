//! Outcome wheels (issue 4): templates, stages, radar geometry, distance travelled, reviews and a
//! reading in progress, natively.
#![cfg(not(target_arch = "wasm32"))]

use waymark::domain::base::problem::{Checker, ProblemKind};
use waymark::domain::base::text::text;
use waymark::domain::base::time::Millis;
use waymark::domain::chart::*;
use waymark::domain::model::*;
use waymark::domain::wheel::*;
use waymark::domain::workspace::action::{apply, Action, ActionError, FamilyFields, WheelFields};

mod common;
use common::*;
use proptest::prelude::*;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn the_builtin_wheels_are_complete_and_valid() {
    let all = builtin();
    let ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["family", "early_years", "child"]);
    let sizes: Vec<usize> = all.iter().map(|t| t.areas.len()).collect();
    assert_eq!(sizes, [10, 8, 7]);
    for t in &all {
        let mut problems = Vec::new();
        check_template(t, &mut Checker::new(t.id.as_str(), &mut problems));
        assert_eq!(problems, vec![], "{}", t.id);
    }
    let family = &all[0];
    let stages: Vec<&str> = family.stages.iter().map(|s| text(s, "en")).collect();
    assert_eq!(
        stages,
        [
            "Struggling right now",
            "Open to support",
            "Giving it a go",
            "Getting there",
            "Steady on our own"
        ]
    );
}

#[test]
fn the_builtin_wheels_use_none_of_the_protected_names() {
    for t in builtin() {
        let json = serde_json::to_string(&t).unwrap().to_lowercase();
        for word in [
            "outcomes star",
            "outcome star",
            "family star",
            "journey of change",
        ] {
            assert!(!json.contains(word), "{} mentions {word}", t.id);
        }
    }
}

#[test]
fn stages_span_two_points_each() {
    assert_eq!(
        (1..=10).map(stage_of).collect::<Vec<_>>(),
        [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    );
    assert_eq!(stage_scores(0), (1, 2));
    assert_eq!(stage_scores(4), (9, 10));
    assert_eq!(stage_of(0), 0, "clamped");
    assert_eq!(stage_of(11), 4, "clamped");
}

#[test]
fn radar_geometry() {
    let r = Radar {
        n: 4,
        cx: 100.0,
        cy: 100.0,
        radius: 80.0,
    };
    // The first spoke points up; the rest go clockwise.
    let (x, y) = r.point(0, 10.0);
    assert!(close(x, 100.0) && close(y, 20.0));
    let (x, y) = r.point(1, 5.0);
    assert!(close(x, 140.0) && close(y, 100.0), "{x},{y}");
    let (x, y) = r.point(2, 10.0);
    assert!(close(x, 100.0) && close(y, 180.0));
    // Out-of-range and missing values are clamped.
    assert_eq!(r.point(3, 14.0), r.point(3, 10.0));
    assert_eq!(r.point(3, -2.0), (100.0, 100.0));
    assert_eq!(r.point(3, f64::NAN), (100.0, 100.0));
    assert_eq!(r.rings(), [16.0, 32.0, 48.0, 64.0, 80.0]);
    assert_eq!(svg_points(&[r.point(0, 10.0)]), "100.0,20.0");
    // Labels: top centred, right starts, left ends.
    assert_eq!(r.label(0, 10.0).2, Anchor::Middle);
    assert_eq!(r.label(1, 10.0).2, Anchor::Start);
    assert_eq!(r.label(3, 10.0).2, Anchor::End);
    let (lx, ly, _) = r.label(0, 10.0);
    assert!(close(lx, 100.0) && close(ly, 10.0));
    // Ten spokes are 36 degrees apart.
    let ten = Radar { n: 10, ..r };
    assert!(close(
        ten.angle(1) - ten.angle(0),
        std::f64::consts::TAU / 10.0
    ));
    assert_eq!(fmt1(-0.04), "0.0");
    assert_eq!(fmt1(-1.25), "-1.3");
    assert_eq!(fmt1(12.34), "12.3");
}

fn template() -> WheelTemplate {
    builtin().remove(0)
}

fn reading(t: &WheelTemplate, rid: &str, date: &str, scores: &[u8]) -> WheelReading {
    WheelReading {
        meta: Meta::new(id(rid), NOW, id("dev")),
        family: id("f1"),
        child: None,
        template: t.id.clone(),
        template_version: 1,
        date: d(date),
        by: Respondent::Agreed,
        scores: t
            .areas
            .iter()
            .zip(scores)
            .map(|(a, s)| AreaScore {
                area: a.id.clone(),
                score: *s,
                other: None,
                note: String::new(),
                step: String::new(),
                priority: false,
            })
            .collect(),
        notes: String::new(),
    }
}

#[test]
fn distance_travelled_first_previous_latest() {
    let t = template();
    let a = reading(&t, "r1", "2026-01-10", &[2, 5, 5, 7, 1, 3, 3, 6, 2, 4]);
    let b = reading(&t, "r2", "2026-04-10", &[3, 5, 4, 7, 2, 3, 5, 6, 4, 4]);
    let mut c = reading(&t, "r3", "2026-07-10", &[5, 5, 3, 9, 2, 6, 5, 6, 5, 4]);
    c.scores.pop(); // the last area skipped this time
    let order = in_order([&c, &a, &b]);
    assert_eq!(
        order.iter().map(|r| r.meta.id.as_str()).collect::<Vec<_>>(),
        ["r1", "r2", "r3"]
    );
    let dist = distance(&t, &order);
    let first = &dist.areas[0];
    assert_eq!(
        (first.first, first.previous, first.latest),
        (Some(2), Some(3), Some(5))
    );
    assert_eq!(
        (first.since_first, first.since_previous),
        (Some(3), Some(2))
    );
    assert_eq!((first.stage_from(), first.stage_to()), (Some(0), Some(2)));
    assert_eq!(
        dist.areas[9].since_first, None,
        "skipped areas are not compared"
    );
    // Changes: +3, 0, -2, +2, +1, +3, +2, 0, +3 -> improved 6, unchanged 2, worse 1; mean 12/9.
    assert_eq!((dist.improved, dist.unchanged, dist.worse), (6, 2, 1));
    assert_eq!(dist.average_tenths, Some(13));
    assert_eq!(dist.readings, 3);
    // Since the previous reading (what a family is told after saving): +2, 0, -1, +2, 0, +3,
    // 0, 0, +1, the last skipped.
    assert_eq!(dist.since_previous(), Some((4, 4, 1)));
    // One reading: nothing to compare yet.
    let one = distance(&t, &order[..1]);
    assert_eq!(
        (one.improved, one.unchanged, one.worse, one.average_tenths),
        (0, 0, 0, None)
    );
    assert_eq!(one.since_previous(), None);
    // Deleted readings do not count.
    let mut gone = b.clone();
    gone.meta.deleted = true;
    assert_eq!(in_order([&a, &gone]).len(), 1);
}

#[test]
fn reviews_fall_due_twelve_weeks_after_the_latest_reading() {
    let due = review_due(d("2026-09-01"), 12);
    assert_eq!(due, d("2026-11-24"));
    assert_eq!(review_state(due, d("2026-11-01")), ReviewState::Later);
    assert_eq!(review_state(due, d("2026-11-10")), ReviewState::DueSoon);
    assert_eq!(review_state(due, d("2026-11-24")), ReviewState::DueSoon);
    assert_eq!(review_state(due, d("2026-11-25")), ReviewState::Overdue);
}

#[test]
fn a_draft_chooses_stages_and_points_and_limits_priorities() {
    let t = template();
    let mut dr = WheelDraft::new(id("f1"), &t, Respondent::Family, today());
    // A tap on a stage is a score at once: the stage's lower point.
    dr.choose_stage(0, 2);
    assert_eq!(dr.areas[0].stage, Some(2));
    assert_eq!(dr.areas[0].score, Some(5));
    dr.choose_score(0, 6);
    dr.choose_stage(0, 2);
    assert_eq!(
        dr.areas[0].score,
        Some(6),
        "the finer choice stays in its stage"
    );
    dr.choose_stage(0, 3);
    assert_eq!(dr.areas[0].score, Some(7), "another stage: its lower point");
    dr.choose_score(0, 8);
    assert_eq!(dr.areas[0].stage, Some(3));
    dr.clear(2);
    assert_eq!(dr.areas[2].score, None);
    for i in 0..3 {
        assert!(dr.toggle_priority(i));
    }
    assert!(!dr.toggle_priority(3), "a fourth priority is refused");
    assert!(dr.toggle_priority(1), "unmarking works");
    assert_eq!(dr.priorities(), 2);
    let scores = dr.area_scores(&t);
    assert_eq!(scores.len(), 1, "only scored areas");
    assert_eq!(scores[0].score, 8);
    let json = serde_json::to_string(&dr).unwrap();
    assert_eq!(
        serde_json::from_str::<WheelDraft>(&json).unwrap(),
        dr,
        "a draft survives storage"
    );
}

#[test]
fn saving_editing_and_deleting_a_reading() {
    let t = template();
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
    let mut dr = WheelDraft::new(id("f1"), &t, Respondent::Agreed, d("2026-02-01"));
    let fields = |dr: &WheelDraft, rid: &str| WheelFields {
        id: id(rid),
        family: id("f1"),
        child: None,
        template: t.id.clone(),
        template_version: t.version,
        date: dr.date,
        by: dr.by,
        scores: dr.area_scores(&t),
        notes: String::new(),
    };
    let e = apply(
        &mut ws,
        Action::SaveWheelReading(Box::new(fields(&dr, "w1"))),
        &ctx(1),
    )
    .unwrap_err();
    assert!(
        matches!(e, ActionError::Invalid(ref p) if p[0].kind == ProblemKind::Required),
        "no scores at all"
    );
    dr.choose_score(0, 4);
    dr.choose_score(1, 7);
    apply(
        &mut ws,
        Action::SaveWheelReading(Box::new(fields(&dr, "w1"))),
        &ctx(1),
    )
    .unwrap();
    assert_eq!(ws.wheel_readings().get(&id("w1")).unwrap().scores.len(), 2);
    dr.choose_score(1, 9);
    apply(
        &mut ws,
        Action::SaveWheelReading(Box::new(fields(&dr, "w1"))),
        &ctx(2),
    )
    .unwrap();
    let r = ws.wheel_readings().get(&id("w1")).unwrap();
    assert_eq!(r.scores[1].score, 9);
    assert_eq!(
        r.meta.created,
        Millis(NOW.0 + 1),
        "an edit keeps its creation time"
    );
    // A future date is refused.
    let mut future = fields(&dr, "w2");
    future.date = d("2099-01-01");
    assert!(apply(&mut ws, Action::SaveWheelReading(Box::new(future)), &ctx(3)).is_err());
    let del = apply(
        &mut ws,
        Action::DeleteWheelReading { id: id("w1") },
        &ctx(4),
    )
    .unwrap();
    assert_eq!(ws.reading_counts(None).wheels, 0);
    apply(&mut ws, del.undo.unwrap(), &ctx(5)).unwrap();
    assert_eq!(ws.reading_counts(None).wheels, 1);
    // Editing a saved reading starts from its scores, on the review screen.
    let back = WheelDraft::from_reading(&t, ws.wheel_readings().get(&id("w1")).unwrap());
    assert_eq!(back.areas[1].score, Some(9));
    assert_eq!(back.at, t.areas.len());
    assert_eq!(back.editing, Some(id("w1")));
}

#[test]
fn a_new_reading_keeps_the_id_it_is_first_saved_under() {
    let t = template();
    let mut dr = WheelDraft::new(id("fam1"), &t, Respondent::Family, d("2026-12-07"));
    // The first try fixes the id; trying again (after a reload cut the first short) keeps it,
    // so the reading is replaced, not added twice.
    assert_eq!(dr.saved_as(id("r1")), id("r1"));
    assert_eq!(dr.saved_as(id("r2")), id("r1"));
    // Editing a saved reading keeps that reading's id.
    let mut edit = WheelDraft::new(id("fam1"), &t, Respondent::Family, d("2026-12-07"));
    edit.editing = Some(id("w1"));
    assert_eq!(edit.saved_as(id("r3")), id("w1"));
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// The viewBox of a radar: (x, y, width, height).
fn view_box(svg: &str) -> (f64, f64, f64, f64) {
    let v: Vec<f64> = svg
        .split("viewBox=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    (v[0], v[1], v[2], v[3])
}

#[test]
fn the_radar_svg_is_complete_escaped_and_marks_each_series_differently() {
    let svg = radar_svg(
        "r",
        &names(&["Health", "Home and money", "Safety", "Work"]),
        &[
            (SeriesKind::First, vec![Some(2), Some(4), None, Some(6)]),
            (SeriesKind::Latest, vec![Some(5), Some(6), Some(3), Some(9)]),
        ],
        "Family <wheel> & more",
        "A \"radar\"",
        "not scored",
    );
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.ends_with("</svg>"));
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("<title id=\"r-t\">Family &lt;wheel&gt; &amp; more</title>"));
    assert!(svg.contains("<desc id=\"r-d\">A &quot;radar&quot;</desc>"));
    assert_eq!(
        svg.matches("<circle cx=\"0\" cy=\"0\"").count(),
        5,
        "five stage rings"
    );
    assert_eq!(svg.matches("<line ").count(), 4, "one spoke per area");
    // Each spoke is named, in words, wrapped where long.
    assert_eq!(svg.matches("<text ").count(), 4);
    assert!(svg.contains(">Health</tspan>") && svg.contains(">Safety</tspan>"));
    assert!(svg.contains(">Home and</tspan>") && svg.contains(">money</tspan>"));
    // First: dashed, circle markers for the 3 scored areas, and a gap where one was not
    // scored (two lines round the gap, never a point at the centre).
    let first = &svg
        [svg.find("data-series=\"first\"").unwrap()..svg.find("data-series=\"latest\"").unwrap()];
    assert!(first.contains("stroke-dasharray=\"7 4\""));
    assert_eq!(first.matches(" r=\"4\"/>").count(), 3);
    assert_eq!(
        first.matches("<polyline").count(),
        1,
        "one run: spokes 4, 1 and 2"
    );
    assert!(!first.contains("<polygon"));
    assert!(!first.contains("0.0,0.0"), "nothing drawn at the centre");
    // Latest: every area scored, a filled shape with 4 diamond markers; its top point (5 on
    // the first spoke) is half way up.
    let latest = &svg[svg.find("data-series=\"latest\"").unwrap()..];
    assert_eq!(latest.matches("<polygon").count(), 1 + 4);
    assert!(latest.contains("points=\"0.0,-55.0 "), "{latest}");
    assert!(!svg.contains("not scored"), "the latest has every area");
}

#[test]
fn an_area_not_scored_in_the_latest_reading_is_a_gap_with_a_word() {
    let svg = radar_svg(
        "r",
        &names(&["One", "Two", "Three", "Four", "Five"]),
        &[(
            SeriesKind::Latest,
            vec![Some(5), None, Some(3), Some(4), None],
        )],
        "t",
        "d",
        "not scored",
    );
    assert_eq!(svg.matches(">not scored</tspan>").count(), 2);
    assert!(svg.contains("font-style=\"italic\""));
    // Runs: spokes 3-4 (two points) and spoke 1 alone (a marker, no line).
    assert_eq!(svg.matches("<polyline").count(), 1);
    assert_eq!(
        svg.matches("<polygon").count(),
        3,
        "three diamond markers, no filled shape"
    );
    // A spoke with no reading at all: no word, no shape.
    let empty = radar_svg("e", &names(&["A", "B", "C"]), &[], "t", "d", "not scored");
    assert!(!empty.contains("not scored") && !empty.contains("data-series"));
}

proptest! {
    /// The radar's own sine and cosine agree with the standard library's at any angle a chart
    /// could ask for (and far beyond).
    #[test]
    fn the_radars_sine_and_cosine_are_the_standard_ones(a in -1000.0f64..1000.0) {
        let (sin, cos) = waymark::domain::chart::radar::sin_cos(a);
        prop_assert!((sin - a.sin()).abs() < 1e-12, "sin {a}: {sin} {}", a.sin());
        prop_assert!((cos - a.cos()).abs() < 1e-12, "cos {a}: {cos} {}", a.cos());
    }

    /// Whatever the names (long, short, one long word, another script), every label's box is
    /// inside the drawing: a name is wrapped, never cut off.
    #[test]
    fn labels_always_fit_inside_the_drawing(
        labels in proptest::collection::vec("[a-zA-Z\u{0627}-\u{06CC} ]{1,40}", 3..16),
    ) {
        let n = labels.len();
        let r = Radar { n, cx: 0.0, cy: 0.0, radius: 110.0 };
        let svg = radar_svg("p", &labels, &[(SeriesKind::Latest, vec![Some(5); n])], "t", "d", "x");
        let (x, y, w, h) = view_box(&svg);
        for (i, l) in labels.iter().enumerate() {
            let lines = wrap(l, 11);
            // Every word of the name is drawn.
            for word in l.split_whitespace() {
                prop_assert!(lines.iter().any(|line| line.split(' ').any(|w| w == word)));
            }
            let b = r.place_label(i, lines).bounds;
            prop_assert!(b.left >= x && b.top >= y, "{b:?} in {x} {y} {w} {h}");
            prop_assert!(b.right <= x + w && b.bottom <= y + h, "{b:?} in {x} {y} {w} {h}");
        }
    }

    /// Whatever is tapped, an area with a stage always has a score in that stage: no tap is
    /// ever lost.
    #[test]
    fn a_tap_on_a_stage_is_never_lost(taps in proptest::collection::vec((0usize..3, 0usize..5, 0u8..12, 0u8..3), 1..40)) {
        let t = template();
        let mut dr = WheelDraft::new(id("f1"), &t, Respondent::Family, today());
        for (area, stage, score, what) in taps {
            match what {
                0 => dr.choose_stage(area, stage),
                1 => dr.choose_score(area, score),
                _ => dr.clear(area),
            }
            for a in &dr.areas {
                match (a.stage, a.score) {
                    (Some(st), Some(sc)) => prop_assert_eq!(stage_of(sc), usize::from(st)),
                    (None, None) => {}
                    other => prop_assert!(false, "stage and score apart: {:?}", other),
                }
            }
        }
    }
}

fn custom_json(version: u32, areas: usize) -> String {
    let mut t = serde_json::to_value(builtin().remove(0)).unwrap();
    t["id"] = "our_centre".into();
    t["version"] = version.into();
    t["name"] = serde_json::json!({"en": "Our centre's wheel", "ur": "ہمارا پہیہ"});
    t["areas"].as_array_mut().unwrap().truncate(areas);
    t.to_string()
}

#[test]
fn a_service_loads_its_own_wheel_and_old_versions_stay() {
    let mut ws = Workspace::default();
    let t1 = read_template(&custom_json(1, 6)).unwrap();
    assert_eq!(
        text(&t1.name, "ur"),
        "ہمارا پہیہ",
        "a template carries its own translations"
    );
    apply(
        &mut ws,
        Action::AddWheelTemplate(Box::new(t1.clone())),
        &ctx(0),
    )
    .unwrap();
    assert!(
        apply(&mut ws, Action::AddWheelTemplate(Box::new(t1)), &ctx(1)).is_err(),
        "the same version twice"
    );
    let t2 = read_template(&custom_json(2, 5)).unwrap();
    let a = apply(&mut ws, Action::AddWheelTemplate(Box::new(t2)), &ctx(2)).unwrap();
    assert!(a.settings_changed);
    assert_eq!(
        ws.wheel_templates().len(),
        2,
        "version 1 is kept for readings made with it"
    );
    apply(&mut ws, a.undo.unwrap(), &ctx(3)).unwrap();
    assert_eq!(
        ws.wheel_templates()
            .values()
            .filter(|w| !w.meta.deleted)
            .count(),
        1
    );
    // A built-in id cannot be taken over.
    let mut clash = read_template(&custom_json(1, 6)).unwrap();
    clash.id = id("family");
    assert!(apply(&mut ws, Action::AddWheelTemplate(Box::new(clash)), &ctx(4)).is_err());
    // It travels in an export and is read back.
    let text = waymark::domain::file::export::export(&ws, None, Millis(NOW.0 + 10));
    let back = waymark::domain::file::export::read(&text, Millis(NOW.0 + 10)).unwrap();
    assert_eq!(back.data.wheel_templates, ws.shared().wheel_templates);
}

#[test]
fn malformed_wheels_are_refused_with_where_and_why() {
    use waymark::domain::file::export::ReadError;
    let problems = |text: &str| match read_template(text) {
        Err(ReadError::Invalid(ps)) => ps.into_iter().map(|p| (p.path, p.kind)).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert!(matches!(
        read_template("not json"),
        Err(ReadError::NotJson { .. })
    ));
    assert_eq!(read_template("[1]"), Err(ReadError::NotWaymark));
    assert_eq!(
        problems(&custom_json(1, 2)),
        vec![("areas".into(), ProblemKind::OutOfRange { min: 3, max: 16 })]
    );
    let mut v: serde_json::Value = serde_json::from_str(&custom_json(1, 6)).unwrap();
    v["areas"][2]["stages"].as_array_mut().unwrap().pop();
    v["areas"][4]["name"] = serde_json::json!({"en": ""});
    assert_eq!(
        problems(&v.to_string()),
        vec![
            (
                "areas[2].stages".into(),
                ProblemKind::OutOfRange { min: 5, max: 5 }
            ),
            ("areas[4].name".into(), ProblemKind::Required),
        ]
    );
    v["colour"] = "red".into();
    assert_eq!(
        problems(&v.to_string()),
        vec![(
            "template".into(),
            ProblemKind::UnknownField("colour".into())
        )]
    );
}

#[test]
fn a_family_can_have_its_own_review_interval() {
    let mut ws = Workspace::default();
    let mut fields = FamilyFields {
        reference: "A".into(),
        opened: Some(d("2026-01-01")),
        ..Default::default()
    };
    apply(
        &mut ws,
        Action::CreateFamily {
            id: id("f1"),
            fields: fields.clone(),
        },
        &ctx(0),
    )
    .unwrap();
    assert_eq!(ws.review_weeks_for(&id("f1")), 12);
    fields.review_weeks = Some(53);
    assert!(apply(
        &mut ws,
        Action::UpdateFamily {
            id: id("f1"),
            fields: fields.clone()
        },
        &ctx(1)
    )
    .is_err());
    fields.review_weeks = Some(6);
    apply(
        &mut ws,
        Action::UpdateFamily {
            id: id("f1"),
            fields,
        },
        &ctx(1),
    )
    .unwrap();
    assert_eq!(ws.review_weeks_for(&id("f1")), 6);
    assert_eq!(
        review_due(d("2026-03-01"), ws.review_weeks_for(&id("f1"))),
        d("2026-04-12")
    );
}

/// A family's taps on the first screens before the app arrived (index.html's loader writes them
/// as `wheel;2;health=3`) carry on as the app's reading in progress:
/// the same scores, the same area on screen; what it does not know is left out.
#[test]
fn the_first_visits_wheel_carries_on_in_the_app() {
    let t = builtin()
        .into_iter()
        .find(|t| t.id.as_str() == "family")
        .unwrap();
    let (a0, a1) = (t.areas[0].id.as_str(), t.areas[1].id.as_str());
    let text = format!("wheel;2;{a0}=4,{a1}=9,nowhere=3");
    let first = FirstVisit::parse(&text).unwrap();
    assert_eq!(first.go, FirstGo::Wheel);
    assert!(first.scored());
    let mut dr = WheelDraft::new(id("f1"), &t, Respondent::Family, d("2026-12-07"));
    first.carry_on(&t, &mut dr);
    assert_eq!(dr.at, 2);
    assert_eq!((dr.areas[0].score, dr.areas[0].stage), (Some(4), Some(1)));
    assert_eq!((dr.areas[1].score, dr.areas[1].stage), (Some(9), Some(4)));
    assert_eq!(
        dr.scored(),
        2,
        "an area the wheel does not have is left out"
    );
    // A score out of range is left out; the review after the last area stays the review.
    let first = FirstVisit::parse(&format!("home;99;{a0}=0,{a1}=11")).unwrap();
    let mut d2 = WheelDraft::new(id("f1"), &t, Respondent::Family, d("2026-12-07"));
    first.carry_on(&t, &mut d2);
    assert_eq!((d2.scored(), d2.at), (0, t.areas.len()));
    assert_eq!(first.go, FirstGo::Home);
    assert!(!first.scored());
    // Where the family went, each as the loader names it; anything else is not a first visit.
    for (name, go) in [
        ("questions", FirstGo::Questions),
        ("how", FirstGo::How),
        ("plan", FirstGo::Plan),
        ("share", FirstGo::Share),
        ("settings", FirstGo::Settings),
        ("help", FirstGo::Help),
    ] {
        assert_eq!(FirstVisit::parse(&format!("{name};0;")).unwrap().go, go);
    }
    for bad in [
        "report;0;",
        "wheel;x;",
        "wheel;0;health",
        "wheel;0;health=x",
        "wheel;0;;",
        "wheel",
        "{}",
    ] {
        assert_eq!(FirstVisit::parse(bad), None, "{bad}");
    }
}
