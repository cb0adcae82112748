//! The structure's promises (issue 14): the catalogue of wheels and frameworks, one save rule
//! for every kind of record, what each action is called, the one order readings are kept in,
//! and the defects the review found, each pinned by a test that failed before the fix.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{ctx, d, id, today, NOW};
use std::collections::BTreeMap;
use std::sync::Arc;
use waymark::domain::base::record::{newest_first, oldest_first};
use waymark::domain::base::{Meta, Millis, ProblemKind, Respondent};
use waymark::domain::caseload::outcome::next_review;
use waymark::domain::file::export::{self, read, Envelope, ReadError, Scope};
use waymark::domain::milestone::{self, CustomFramework, MilestoneAnswer, MilestoneCheck};
use waymark::domain::model::*;
use waymark::domain::wheel::{self, WheelTemplate, MAX_PRIORITIES, MAX_SCORE, MIN_SCORE};
use waymark::domain::workspace::action::{apply, Action, ActionError, Effect, WheelFields};
use waymark::domain::workspace::{Catalogue, KIND_NAMES};

fn family(ws: &mut Workspace, fid: &str) {
    apply(
        ws,
        Action::CreateFamily {
            id: id(fid),
            fields: waymark::domain::workspace::action::FamilyFields {
                reference: fid.to_uppercase(),
                opened: Some(d("2026-01-05")),
                ..Default::default()
            },
        },
        &ctx(0),
    )
    .unwrap();
}

fn child(ws: &mut Workspace, fid: &str, cid: &str) {
    apply(
        ws,
        Action::AddMember {
            id: id(cid),
            family: id(fid),
            fields: waymark::domain::workspace::action::MemberFields {
                role: MemberRole::Child,
                name: "Amy".into(),
                born: Some(d("2024-06-01")),
                due: None,
                weeks_early: None,
            },
        },
        &ctx(1),
    )
    .unwrap();
}

fn two_families() -> Workspace {
    let mut ws = Workspace::default();
    family(&mut ws, "f1");
    family(&mut ws, "f2");
    child(&mut ws, "f1", "c1");
    ws
}

fn houses(hid: &str, fid: &str) -> ThreeHouses {
    ThreeHouses {
        meta: Meta::new(id(hid), NOW, id("dev")),
        family: id(fid),
        child: None,
        date: d("2026-10-01"),
        worries: "the dog next door".into(),
        good: String::new(),
        wishes: String::new(),
        by_child: true,
    }
}

fn milestone_check(cid: &str, fid: &str, answers: &[(&str, MilestoneAnswer)]) -> MilestoneCheck {
    let f = milestone::builtin().unwrap();
    MilestoneCheck {
        meta: Meta::new(id(cid), NOW, id("dev")),
        family: id(fid),
        child: id("c1"),
        framework: f.id.clone(),
        framework_version: f.version,
        stage: f.stages[3].id.clone(),
        date: d("2026-10-01"),
        by: Respondent::Agreed,
        answers: answers.iter().map(|(k, v)| (id(k), *v)).collect(),
        notes: String::new(),
        overrides: BTreeMap::new(),
        actions: Vec::new(),
    }
}

fn reading(rid: &str, fid: &str) -> WheelFields {
    let t = &wheel::builtin()[0];
    WheelFields {
        id: id(rid),
        family: id(fid),
        child: None,
        template: t.id.clone(),
        template_version: t.version,
        date: d("2026-10-01"),
        by: Respondent::Family,
        scores: vec![AreaScore {
            area: t.areas[0].id.clone(),
            score: 4,
            other: None,
            note: String::new(),
            step: String::new(),
            priority: false,
        }],
        notes: String::new(),
    }
}

// ---------- one save rule for every kind ----------

#[test]
fn three_houses_are_never_saved_over_a_deleted_record_nor_moved_to_another_family() {
    let mut ws = two_families();
    apply(
        &mut ws,
        Action::SaveThreeHouses(Box::new(houses("h1", "f1"))),
        &ctx(2),
    )
    .unwrap();
    apply(&mut ws, Action::DeleteThreeHouses { id: id("h1") }, &ctx(3)).unwrap();
    let before = ws.clone();
    // Saving again with the id of the deleted record: refused (it used to bring it back).
    assert_eq!(
        apply(
            &mut ws,
            Action::SaveThreeHouses(Box::new(houses("h1", "f1"))),
            &ctx(4)
        ),
        Err(ActionError::NotFound)
    );
    assert_eq!(ws, before);
    // The same id, now for another family: refused (it used to move it).
    apply(
        &mut ws,
        Action::SaveThreeHouses(Box::new(houses("h2", "f1"))),
        &ctx(5),
    )
    .unwrap();
    let before = ws.clone();
    assert_eq!(
        apply(
            &mut ws,
            Action::SaveThreeHouses(Box::new(houses("h2", "f2"))),
            &ctx(6)
        ),
        Err(ActionError::NotFound)
    );
    assert_eq!(ws, before);
    // For a family that is not here: refused.
    assert_eq!(
        apply(
            &mut ws,
            Action::SaveThreeHouses(Box::new(houses("h3", "nobody"))),
            &ctx(7)
        ),
        Err(ActionError::NotFound)
    );
}

#[test]
fn milestone_checks_and_wheel_readings_are_never_moved_to_another_family() {
    let mut ws = two_families();
    let yes = [("ms_c_1", MilestoneAnswer::Yes)];
    apply(
        &mut ws,
        Action::SaveMilestoneCheck(Box::new(milestone_check("k1", "f1", &yes))),
        &ctx(2),
    )
    .unwrap();
    apply(
        &mut ws,
        Action::SaveWheelReading(Box::new(reading("r1", "f1"))),
        &ctx(3),
    )
    .unwrap();
    let before = ws.clone();
    assert_eq!(
        apply(
            &mut ws,
            Action::SaveMilestoneCheck(Box::new(milestone_check("k1", "f2", &yes))),
            &ctx(4)
        ),
        Err(ActionError::NotFound)
    );
    assert_eq!(
        apply(
            &mut ws,
            Action::SaveWheelReading(Box::new(reading("r1", "f2"))),
            &ctx(5)
        ),
        Err(ActionError::NotFound)
    );
    assert_eq!(ws, before);
    // Changing a record within its own family still works, and keeps when it was made.
    let mut changed = reading("r1", "f1");
    changed.scores[0].score = 7;
    apply(
        &mut ws,
        Action::SaveWheelReading(Box::new(changed)),
        &ctx(9),
    )
    .unwrap();
    let r = ws.wheel_readings().get(&id("r1")).unwrap();
    assert_eq!((r.scores[0].score, r.meta.created), (7, Millis(NOW.0 + 3)));
    assert_eq!(r.meta.updated, Millis(NOW.0 + 9));
}

// ---------- rules that hold for forms and files alike ----------

fn file_with(ws: &Workspace) -> String {
    Envelope::new(ws.to_records(), Scope::All, NOW).to_json()
}

#[test]
fn a_file_with_a_milestone_check_without_answers_is_refused() {
    let mut ws = two_families();
    let mut c = milestone_check("k1", "f1", &[]);
    c.meta = Meta::new(id("k1"), NOW, id("dev"));
    ws.put(c);
    let Err(ReadError::Invalid(ps)) = read(&file_with(&ws), NOW) else {
        panic!("a check with no answers must be refused");
    };
    assert!(
        ps.iter().any(
            |p| p.path == "data.milestone_checks[0].answers" && p.kind == ProblemKind::Required
        ),
        "{ps:?}"
    );
    // The action says the same, in the same words.
    let mut ws = two_families();
    let Err(ActionError::Invalid(ps)) = apply(
        &mut ws,
        Action::SaveMilestoneCheck(Box::new(milestone_check("k2", "f1", &[]))),
        &ctx(2),
    ) else {
        panic!("refused");
    };
    assert!(ps.iter().any(|p| p.path == "answers"));
}

fn framework_v(version: u32) -> milestone::Framework {
    let mut f = milestone::builtin().unwrap();
    f.id = id("our_framework");
    f.version = version;
    f
}

#[test]
fn a_loaded_framework_whose_record_id_is_not_its_id_and_version_is_refused() {
    let mut ws = Workspace::default();
    apply(
        &mut ws,
        Action::AddFramework(Box::new(framework_v(2))),
        &ctx(0),
    )
    .unwrap();
    assert!(read(&file_with(&ws), NOW).is_ok());
    // The same record claiming to be another version.
    let mut recs = ws.to_records();
    let (k, mut rec) = recs.frameworks.pop_first().unwrap();
    assert_eq!(k.as_str(), "our_framework-v2");
    rec.meta.id = id("our_framework-v9");
    recs.frameworks.insert(rec.meta.id.clone(), rec);
    let file = Envelope::new(recs, Scope::All, NOW).to_json();
    let Err(ReadError::Invalid(ps)) = read(&file, NOW) else {
        panic!("a framework record with the wrong id must be refused");
    };
    assert!(
        ps.iter()
            .any(|p| p.path == "data.frameworks[0].meta.id" && p.kind == ProblemKind::BadValue),
        "{ps:?}"
    );
}

#[test]
fn wheel_limits_come_from_the_wheel_constants() {
    let mut ws = two_families();
    let t = &wheel::builtin()[0];
    let mut r = reading("r1", "f1");
    r.scores = t
        .areas
        .iter()
        .take(MAX_PRIORITIES + 1)
        .map(|a| AreaScore {
            area: a.id.clone(),
            score: MAX_SCORE,
            other: Some(MIN_SCORE),
            note: String::new(),
            step: String::new(),
            priority: true,
        })
        .collect();
    let Err(ActionError::Invalid(ps)) = apply(
        &mut ws,
        Action::SaveWheelReading(Box::new(r.clone())),
        &ctx(2),
    ) else {
        panic!("too many priorities");
    };
    assert_eq!(
        ps,
        vec![waymark::domain::base::Problem::new(
            "priorities",
            ProblemKind::OutOfRange {
                min: 0,
                max: MAX_PRIORITIES as i64
            }
        )]
    );
    r.scores[0].priority = false;
    r.scores[1].score = MAX_SCORE + 1;
    let Err(ActionError::Invalid(ps)) =
        apply(&mut ws, Action::SaveWheelReading(Box::new(r)), &ctx(3))
    else {
        panic!("a score over the top");
    };
    assert_eq!(
        ps[0].kind,
        ProblemKind::OutOfRange {
            min: MIN_SCORE.into(),
            max: MAX_SCORE.into()
        }
    );
}

// ---------- what an action is called ----------

#[test]
fn each_action_says_what_it_did() {
    assert_eq!(
        Action::DeleteWheelReading { id: id("x") }.effect(),
        Effect::Deleted
    );
    assert_eq!(
        Action::RemoveMember { id: id("x") }.effect(),
        Effect::Deleted
    );
    assert_eq!(
        Action::ArchiveFamilyQuestion { id: id("x") }.effect(),
        Effect::Archived,
        "stopping a question deletes nothing"
    );
    assert_eq!(
        Action::Import(Box::default()).effect(),
        Effect::Imported,
        "bringing in a file deletes nothing"
    );
    assert_eq!(Action::Restore(Box::default()).effect(), Effect::Restored);
    assert_eq!(Action::SetReviewWeeks { weeks: 8 }.effect(), Effect::Saved);
}

// ---------- one order ----------

#[test]
fn readings_are_ordered_by_date_then_entry_and_deleted_ones_left_out() {
    let mut ws = two_families();
    for (i, (rid, date)) in [
        ("late", "2026-10-03"),
        ("b", "2026-10-01"),
        ("a", "2026-10-01"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut r = reading(rid, "f1");
        r.date = d(date);
        apply(
            &mut ws,
            Action::SaveWheelReading(Box::new(r)),
            &ctx(10 + i as i64),
        )
        .unwrap();
    }
    apply(
        &mut ws,
        Action::SaveWheelReading(Box::new(reading("gone", "f1"))),
        &ctx(20),
    )
    .unwrap();
    apply(
        &mut ws,
        Action::DeleteWheelReading { id: id("gone") },
        &ctx(21),
    )
    .unwrap();
    let ids = |v: Vec<&WheelReading>| v.iter().map(|r| r.meta.id.to_string()).collect::<Vec<_>>();
    // Same day: the one entered first comes first ("b" was entered before "a").
    assert_eq!(
        ids(oldest_first(ws.wheel_readings().values())),
        ["b", "a", "late"]
    );
    assert_eq!(
        ids(newest_first(ws.wheel_readings().values())),
        ["late", "a", "b"]
    );
    assert_eq!(
        ids(wheel::in_order(ws.wheel_readings().values())),
        ["b", "a", "late"]
    );
}

// ---------- one review rule ----------

#[test]
fn the_next_review_follows_one_rule_and_a_closed_family_has_none() {
    let mut ws = two_families();
    let f1 = ws.families().get(&id("f1")).unwrap().clone();
    // No reading yet: two weeks after opening.
    assert_eq!(next_review(&ws, &f1), Some(d("2026-01-19")));
    apply(
        &mut ws,
        Action::SaveWheelReading(Box::new(reading("r1", "f1"))),
        &ctx(2),
    )
    .unwrap();
    assert_eq!(next_review(&ws, &f1), Some(d("2026-12-24")), "12 weeks on");
    apply(
        &mut ws,
        Action::CloseFamily {
            id: id("f1"),
            closure: Closure {
                date: today(),
                reason: ClosureReason::OutcomesMet,
                note: String::new(),
            },
        },
        &ctx(3),
    )
    .unwrap();
    assert_eq!(
        next_review(&ws, ws.families().get(&id("f1")).unwrap()),
        None
    );
}

// ---------- the catalogue ----------

fn loaded(tid: &str, version: u32) -> WheelTemplate {
    let mut t = wheel::builtin()[0].clone();
    t.id = id(tid);
    t.version = version;
    t
}

#[test]
fn the_catalogue_finds_built_in_and_loaded_wheels_by_id_and_version() {
    let builtin = wheel::builtin();
    let base = Catalogue::new(builtin.clone(), milestone::builtin());
    let mut ws = Workspace::default();
    for (v, ms) in [(1, 0), (3, 1), (2, 2)] {
        apply(
            &mut ws,
            Action::AddWheelTemplate(Box::new(loaded("ours", v))),
            &ctx(ms),
        )
        .unwrap();
    }
    let cat = base.with_loaded(&ws);
    // Built in: found whatever the version asked.
    assert_eq!(
        cat.wheel(&builtin[0].id, Some(99)).unwrap().id,
        builtin[0].id
    );
    // Loaded: the version asked, or the newest.
    assert_eq!(cat.wheel(&id("ours"), Some(2)).unwrap().version, 2);
    assert_eq!(cat.wheel(&id("ours"), None).unwrap().version, 3);
    assert!(cat.wheel(&id("ours"), Some(4)).is_none());
    assert!(cat.wheel(&id("nobody"), None).is_none());
    // For a new reading: the built-in ones, then the newest of each loaded one.
    let offered: Vec<(String, u32)> = cat
        .wheels()
        .iter()
        .map(|t| (t.id.to_string(), t.version))
        .collect();
    assert_eq!(offered.len(), builtin.len() + 1);
    assert_eq!(offered.last().unwrap(), &("ours".to_string(), 3));
    // A version taken away again (undo) is no longer offered, but its readings still show.
    let undo = apply(
        &mut ws,
        Action::AddWheelTemplate(Box::new(loaded("ours", 4))),
        &ctx(5),
    )
    .unwrap()
    .undo
    .unwrap();
    apply(&mut ws, undo, &ctx(6)).unwrap();
    let cat = cat.with_loaded(&ws);
    assert_eq!(cat.wheel(&id("ours"), None).unwrap().version, 3);
    assert_eq!(cat.wheel(&id("ours"), Some(4)).unwrap().version, 4);
    // Rebuilt after a save, an unchanged wheel is shared, not copied.
    let again = cat.with_loaded(&ws);
    assert!(Arc::ptr_eq(
        cat.wheel(&id("ours"), Some(3)).unwrap(),
        again.wheel(&id("ours"), Some(3)).unwrap()
    ));
    assert_eq!(cat, again);
}

#[test]
fn the_catalogue_gives_the_framework_new_checks_use_and_each_checks_own() {
    let built = milestone::builtin().unwrap();
    let base = Catalogue::new(Vec::new(), Some(built.clone()));
    assert_eq!(base.current_framework().unwrap().id, built.id);
    let mut ws = Workspace::default();
    apply(
        &mut ws,
        Action::AddFramework(Box::new(framework_v(1))),
        &ctx(1),
    )
    .unwrap();
    apply(
        &mut ws,
        Action::AddFramework(Box::new(framework_v(2))),
        &ctx(2),
    )
    .unwrap();
    let cat = base.with_loaded(&ws);
    // New checks: the one loaded last.
    let current = cat.current_framework().unwrap();
    assert_eq!((current.id.as_str(), current.version), ("our_framework", 2));
    // A check: its own framework and version, or the same framework at another version.
    assert_eq!(cat.framework(&id("our_framework"), 1).unwrap().version, 1);
    assert_eq!(
        cat.framework(&id("our_framework"), 7).unwrap().id.as_str(),
        "our_framework"
    );
    assert_eq!(
        cat.framework(&built.id, built.version).unwrap().id,
        built.id
    );
    assert_eq!(cat.all_frameworks().len(), 3);
    // Every loaded one taken away: the built-in one again.
    let mut none = ws.clone();
    let ids: Vec<waymark::domain::base::Id> = none.frameworks().keys().cloned().collect();
    for f in ids {
        none.update::<CustomFramework>(&f, |f| f.meta.deleted = true);
    }
    assert_eq!(
        cat.with_loaded(&none).current_framework().unwrap().id,
        built.id
    );
}

// ---------- one list of kinds ----------

#[test]
fn every_kind_of_record_is_in_the_file_format_and_the_export() {
    // The collections a file may hold are exactly the workspace's, in the same words.
    let mut ws = two_families();
    apply(
        &mut ws,
        Action::SaveThreeHouses(Box::new(houses("h1", "f1"))),
        &ctx(2),
    )
    .unwrap();
    apply(
        &mut ws,
        Action::AddFramework(Box::new(framework_v(1))),
        &ctx(3),
    )
    .unwrap();
    apply(
        &mut ws,
        Action::AddWheelTemplate(Box::new(loaded("ours", 1))),
        &ctx(4),
    )
    .unwrap();
    let text = export::export(&ws, None, NOW);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for key in v["data"].as_object().unwrap().keys() {
        assert!(
            key == "settings" || KIND_NAMES.contains(&key.as_str()),
            "{key}"
        );
    }
    assert_eq!(Workspace::from_records(read(&text, NOW).unwrap().data), ws);
    let _: &CustomFramework = ws.frameworks().values().next().unwrap();
}
