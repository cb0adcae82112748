//! The data model, actions, merging, the file format and storage shards (issue 3), natively.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;
use waymark::domain::base::id::Id;
use waymark::domain::base::problem::ProblemKind;
use waymark::domain::base::time::Millis;
use waymark::domain::file::export::{self, read, ReadError, Scope, SCHEMA_VERSION};
use waymark::domain::file::sample;
use waymark::domain::file::shards::{self, ShardKey};
use waymark::domain::model::*;
use waymark::domain::workspace::action::{
    apply, Action, ActionError, Ctx, FamilyFields, MemberFields,
};
use waymark::domain::workspace::merge::{merge, preview};

const NOW: Millis = Millis(1_795_000_000_000); // 18 Nov 2026
fn today() -> NaiveDate {
    NOW.date().unwrap()
}
fn ctx(offset_ms: i64) -> Ctx {
    Ctx {
        now: Millis(NOW.0 + offset_ms),
        today: today(),
        device: Id::fixed("device-a"),
    }
}
fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}
fn fields(reference: &str) -> FamilyFields {
    FamilyFields {
        reference: reference.into(),
        opened: Some(d("2026-09-01")),
        ..Default::default()
    }
}
/// Creates a family through the action (as the app does) and returns what it did.
fn create(
    ws: &mut Workspace,
    id: &str,
    reference: &str,
) -> waymark::domain::workspace::action::Applied {
    apply(
        ws,
        Action::CreateFamily {
            id: Id::fixed_str(id),
            fields: fields(reference),
        },
        &ctx(0),
    )
    .unwrap()
}

fn ws_with_family(id: &str) -> Workspace {
    let mut ws = Workspace::default();
    create(&mut ws, id, "FAM-1");
    ws
}

trait FixedStr {
    fn fixed_str(s: &str) -> Id;
}
impl FixedStr for Id {
    fn fixed_str(s: &str) -> Id {
        Id::parse(s).unwrap()
    }
}

#[test]
fn creating_a_family_records_meta_and_touches_its_shard() {
    let mut ws = Workspace::default();
    let applied = create(&mut ws, "f1", "  FAM-1 ");
    let f = ws.families().get(&Id::fixed_str("f1")).unwrap();
    assert_eq!(f.reference, "FAM-1", "trimmed");
    assert_eq!(f.meta.created, NOW);
    assert_eq!(f.meta.updated, NOW);
    assert_eq!(f.meta.device, Id::fixed_str("device-a"));
    assert!(applied.touched.contains(&Id::fixed_str("f1")));
}

#[test]
fn invalid_input_changes_nothing_and_says_where() {
    let mut ws = ws_with_family("f1");
    let before = ws.clone();
    let bad = FamilyFields {
        reference: " ".into(),
        opened: Some(today().succ_opt().unwrap()),
        ..Default::default()
    };
    let err = apply(
        &mut ws,
        Action::UpdateFamily {
            id: Id::fixed_str("f1"),
            fields: bad,
        },
        &ctx(5),
    )
    .unwrap_err();
    let ActionError::Invalid(ps) = err else {
        panic!("expected Invalid")
    };
    assert!(ps
        .iter()
        .any(|p| p.path == "reference" && p.kind == ProblemKind::Required));
    assert!(ps
        .iter()
        .any(|p| p.path == "opened" && p.kind == ProblemKind::DateInFuture));
    assert_eq!(ws, before);

    let long = FamilyFields {
        reference: "x".repeat(61),
        ..fields("")
    };
    let err = apply(
        &mut ws,
        Action::CreateFamily {
            id: Id::fixed_str("f2"),
            fields: long,
        },
        &ctx(5),
    )
    .unwrap_err();
    assert_eq!(
        err,
        ActionError::Invalid(vec![waymark::domain::base::problem::Problem {
            path: "reference".into(),
            kind: ProblemKind::TooLong { max: 60 }
        }])
    );
    assert_eq!(ws, before);
}

#[test]
fn a_child_needs_birth_or_due_date() {
    let mut ws = ws_with_family("f1");
    let child = |born: Option<NaiveDate>, due: Option<NaiveDate>| MemberFields {
        role: MemberRole::Child,
        name: "Amy".into(),
        born,
        due,
        weeks_early: None,
    };
    let e = apply(
        &mut ws,
        Action::AddMember {
            id: Id::fixed_str("m1"),
            family: Id::fixed_str("f1"),
            fields: child(None, None),
        },
        &ctx(1),
    )
    .unwrap_err();
    assert!(matches!(e, ActionError::Invalid(ref p) if p[0].kind == ProblemKind::BirthOrDueNeeded));
    let e = apply(
        &mut ws,
        Action::AddMember {
            id: Id::fixed_str("m1"),
            family: Id::fixed_str("f1"),
            fields: child(Some(d("2030-01-01")), None),
        },
        &ctx(1),
    )
    .unwrap_err();
    assert!(matches!(e, ActionError::Invalid(ref p) if p[0].kind == ProblemKind::DateInFuture));
    apply(
        &mut ws,
        Action::AddMember {
            id: Id::fixed_str("m1"),
            family: Id::fixed_str("f1"),
            fields: child(Some(d("2025-03-01")), None),
        },
        &ctx(1),
    )
    .unwrap();
    assert_eq!(ws.live_members_of(&Id::fixed_str("f1")).count(), 1);
}

#[test]
fn deleting_a_family_marks_all_its_records_and_undo_brings_them_back() {
    let mut ws = sample::caseload(
        7,
        sample::Size {
            families: 3,
            wheel_readings: 2,
            milestone_checks: 1,
            scale_answers: 4,
        },
        today(),
        NOW,
    );
    let fid = ws.families().keys().next().unwrap().clone();
    let counts = ws.reading_counts(Some(&fid));
    assert_eq!(counts.total(), 2 + 1 + 4);
    let applied = apply(&mut ws, Action::DeleteFamily { id: fid.clone() }, &ctx(10)).unwrap();
    assert_eq!(ws.reading_counts(Some(&fid)).total(), 0);
    assert_eq!(ws.live_families().count(), 2);
    assert!(
        ws.families().get(&fid).unwrap().meta.deleted,
        "kept as a mark for merging"
    );
    apply(&mut ws, applied.undo.unwrap(), &ctx(20)).unwrap();
    assert_eq!(ws.reading_counts(Some(&fid)), counts);
    assert_eq!(ws.live_families().count(), 3);
    assert_eq!(
        ws.families().get(&fid).unwrap().meta.updated,
        Millis(NOW.0 + 20),
        "undo is a new change"
    );
}

/// Deleting gives space back: a family's stored value shrinks to the deletion marks, which hold
/// no name, note or score; undo (kept in memory) brings every word back.
#[test]
fn a_deleted_familys_stored_value_keeps_no_content_and_is_smaller() {
    let mut ws = sample::caseload(
        11,
        sample::Size {
            families: 2,
            wheel_readings: 3,
            milestone_checks: 1,
            scale_answers: 4,
        },
        today(),
        NOW,
    );
    let fid = ws.families().keys().next().unwrap().clone();
    let key = ShardKey::Family(fid.clone());
    let before = shards::texts(&ws, std::slice::from_ref(&key), NOW)[0]
        .clone()
        .unwrap();
    let reference = ws.families().get(&fid).unwrap().reference.clone();
    let names: Vec<String> = ws.live_members_of(&fid).map(|m| m.name.clone()).collect();
    assert!(before.contains(&reference));
    let applied = apply(&mut ws, Action::DeleteFamily { id: fid.clone() }, &ctx(10)).unwrap();
    let after = shards::texts(&ws, std::slice::from_ref(&key), NOW)[0]
        .clone()
        .unwrap();
    assert!(
        after.len() * 2 <= before.len(),
        "stored value {} -> {} characters: {after}",
        before.len(),
        after.len()
    );
    assert!(!after.contains(&reference), "{after}");
    for n in names.iter().filter(|n| !n.is_empty()) {
        assert!(!after.contains(n.as_str()), "{n} in {after}");
    }
    // The marks still read back, and still win a merge over the live records they replace.
    let back = shards::load([(key.key().as_str(), after.as_str())], NOW);
    assert!(back.unreadable.is_empty());
    assert!(back.ws.families().get(&fid).unwrap().meta.deleted);
    apply(&mut ws, applied.undo.unwrap(), &ctx(20)).unwrap();
    assert_eq!(ws.families().get(&fid).unwrap().reference, reference);
    let restored = shards::texts(&ws, std::slice::from_ref(&key), NOW)[0]
        .clone()
        .unwrap();
    assert!(restored.contains(&reference));
}

/// Deleting 20 families that people had worked on (every field changed since it was made, so
/// each carries a clock) gives back at least half of what they took: a deletion mark keeps one
/// clock, not one per emptied field (issue 28: 8% was freed, and a small family's mark was larger
/// than the family).
#[test]
fn deleting_twenty_worked_on_families_frees_at_least_half_their_room() {
    let mut ws = sample::caseload(
        28,
        sample::Size {
            families: 20,
            ..sample::BENCH
        },
        today(),
        NOW,
    );
    let ids: Vec<Id> = ws.families().keys().cloned().collect();
    let keys: Vec<ShardKey> = ids.iter().cloned().map(ShardKey::Family).collect();
    // Each family edited on two devices (a worker's and a manager's), then brought together.
    for (i, id) in ids.iter().enumerate() {
        for (n, device) in ["worker1", "manager1"].into_iter().enumerate() {
            let f = ws.families().get(&id).unwrap().clone();
            let fields = FamilyFields {
                reference: f.reference.clone(),
                full_name: format!("{} changed", f.full_name),
                worker: format!("Worker {n}"),
                team: "North".into(),
                opened: Some(f.opened),
                notes: format!("{} Seen again ({n}).", f.notes),
                review_weeks: Some(8 + n as u8),
                consent: f.consent.clone(),
                wheel: f.wheel.clone(),
            };
            let c = Ctx {
                device: Id::fixed_str(device),
                ..ctx(100 + i as i64 * 10 + n as i64)
            };
            apply(
                &mut ws,
                Action::UpdateFamily {
                    id: id.clone(),
                    fields,
                },
                &c,
            )
            .unwrap();
        }
    }
    let size = |ws: &Workspace| -> usize {
        shards::texts(ws, &keys, NOW)
            .into_iter()
            .map(|t| t.map_or(0, |t| t.len()))
            .sum()
    };
    let before = size(&ws);
    let small_before = shards::texts(&ws, &keys[..1], NOW)[0]
        .clone()
        .unwrap()
        .len();
    for (i, id) in ids.iter().enumerate() {
        apply(
            &mut ws,
            Action::DeleteFamily { id: id.clone() },
            &ctx(1_000 + i as i64),
        )
        .unwrap();
    }
    let after = size(&ws);
    eprintln!("20 families: {before} -> {after} characters");
    assert!(
        after * 2 <= before,
        "20 families stored in {before} characters, their marks in {after}"
    );
    let mark = shards::texts(&ws, &keys[..1], NOW)[0].clone().unwrap();
    assert!(
        mark.len() < small_before,
        "{small_before} -> {}: {mark}",
        mark.len()
    );
    // One clock per mark, and it still wins over the live copy a device kept from before.
    let f = ws.families().get(&ids[0]).unwrap();
    assert_eq!(f.meta.clocks.len(), 1, "{:?}", f.meta.clocks);
    assert!(f.meta.others.is_empty());
    let back = shards::load(
        keys.iter()
            .map(|k| k.key())
            .zip(shards::texts(&ws, &keys, NOW).into_iter().flatten())
            .collect::<Vec<_>>()
            .iter()
            .map(|(k, t)| (k.as_str(), t.as_str())),
        NOW,
    );
    assert_eq!(back.ws, ws);
}

/// A version 3 deletion mark (a clock per emptied field) is read as version 4's: one clock that
/// has seen all of them, no kept versions of its text.
#[test]
fn a_version_3_mark_is_migrated_to_one_clock() {
    let text = r#"{"format":"waymark","schema_version":3,"saved_at":1795000000000,"scope":"all","data":{"families":[{"meta":{"id":"fam1","created":1790000000000,"updated":1795000000000,"device":"devA","deleted":true,"clocks":{"deleted":{"devA":1795000000000},"notes":{"devA":1795000000001,"devB":1794000000000},"reference":{"devA":1795000000000}},"others":{"notes":[{"text":"old words","clock":{"devC":1793000000000}}]}},"reference":"","opened":"2026-01-01"}]}}"#;
    let env = read(text, NOW).unwrap();
    let m = &env
        .data
        .families()
        .get(&Id::fixed_str("fam1"))
        .unwrap()
        .meta;
    assert!(m.others.is_empty(), "no text kept in a mark");
    assert_eq!(m.clocks.len(), 1);
    let d = &m.clocks["deleted"];
    assert_eq!(d[&Id::fixed_str("devA")], Millis(1_795_000_000_001));
    assert_eq!(d[&Id::fixed_str("devB")], Millis(1_794_000_000_000));
    assert_eq!(d[&Id::fixed_str("devC")], Millis(1_793_000_000_000));
}

/// An older file's deletion mark that still carries content is kept without it.
#[test]
fn a_deletion_mark_from_a_file_is_kept_without_its_content() {
    let mut ws = Workspace::default();
    create(&mut ws, "f1", "Fam-Secret");
    let mut file = ws.to_records();
    let f = file.families.values_mut().next().unwrap();
    f.meta.deleted = true;
    f.meta.updated = Millis(f.meta.updated.0 + 5);
    let mut here = Workspace::default();
    merge(&mut here, &file);
    let f = here.families().values().next().unwrap();
    assert!(f.meta.deleted);
    assert!(f.reference.is_empty());
}

#[test]
fn undo_of_a_create_removes_it() {
    let mut ws = Workspace::default();
    let a = create(&mut ws, "f1", "A");
    apply(&mut ws, a.undo.unwrap(), &ctx(1)).unwrap();
    assert!(ws.is_empty());
}

#[test]
fn closing_and_reopening() {
    let mut ws = ws_with_family("f1");
    let early = Closure {
        date: d("2026-08-01"),
        reason: ClosureReason::OutcomesMet,
        note: String::new(),
    };
    assert!(
        apply(
            &mut ws,
            Action::CloseFamily {
                id: Id::fixed_str("f1"),
                closure: early
            },
            &ctx(1)
        )
        .is_err(),
        "before opening"
    );
    let ok = Closure {
        date: d("2026-11-01"),
        reason: ClosureReason::SteppedDown,
        note: String::new(),
    };
    apply(
        &mut ws,
        Action::CloseFamily {
            id: Id::fixed_str("f1"),
            closure: ok,
        },
        &ctx(1),
    )
    .unwrap();
    assert_eq!(
        ws.families()
            .get(&Id::fixed_str("f1"))
            .unwrap()
            .closed
            .as_ref()
            .unwrap()
            .reason,
        ClosureReason::SteppedDown
    );
    apply(
        &mut ws,
        Action::ReopenFamily {
            id: Id::fixed_str("f1"),
            again: None,
        },
        &ctx(2),
    )
    .unwrap();
    assert!(ws
        .families()
        .get(&Id::fixed_str("f1"))
        .unwrap()
        .closed
        .is_none());
}

#[test]
fn export_then_read_gives_the_same_workspace() {
    let ws = sample::caseload(
        1,
        sample::Size {
            families: 5,
            wheel_readings: 2,
            milestone_checks: 2,
            scale_answers: 3,
        },
        today(),
        NOW,
    );
    let text = export::export(&ws, None, NOW);
    let env = read(&text, NOW).unwrap();
    assert_eq!(Workspace::from_records(env.data), ws);
    assert_eq!(env.scope, Scope::All);
    assert_eq!(env.schema_version, SCHEMA_VERSION);
    let fid = ws.families().keys().nth(2).unwrap();
    let one = read(&export::export(&ws, Some(fid), NOW), NOW).unwrap();
    assert_eq!(one.scope, Scope::Family);
    assert_eq!(one.data.families().len(), 1);
    assert_eq!(one.data, *ws.family_part(fid));
}

fn valid_file() -> String {
    let ws = sample::caseload(
        2,
        sample::Size {
            families: 2,
            wheel_readings: 1,
            milestone_checks: 1,
            scale_answers: 2,
        },
        today(),
        NOW,
    );
    export::export(&ws, None, NOW)
}

fn edit(f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&valid_file()).unwrap();
    f(&mut v);
    v.to_string()
}

fn problems(text: &str) -> Vec<(String, ProblemKind)> {
    match read(text, NOW) {
        Err(ReadError::Invalid(ps)) => ps.into_iter().map(|p| (p.path, p.kind)).collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn bad_files_are_refused_with_where_and_why() {
    assert!(matches!(
        read("hello", NOW),
        Err(ReadError::NotJson { line: 1, .. })
    ));
    assert!(matches!(
        read("{\"a\":\n1,", NOW),
        Err(ReadError::NotJson { line: 2, .. })
    ));
    assert_eq!(read("[1,2]", NOW), Err(ReadError::NotWaymark));
    assert_eq!(
        read("{\"format\":\"other\"}", NOW),
        Err(ReadError::NotWaymark)
    );
    assert_eq!(
        read(
            &edit(|v| v["schema_version"] = (SCHEMA_VERSION + 1).into()),
            NOW
        ),
        Err(ReadError::NewerVersion {
            found: u64::from(SCHEMA_VERSION) + 1
        })
    );
    assert_eq!(
        read(&edit(|v| v["schema_version"] = 0.into()), NOW),
        Err(ReadError::UnsupportedVersion { found: 0 })
    );
    let deep = format!("{}{}", "[".repeat(20), "]".repeat(20));
    assert_eq!(read(&deep, NOW), Err(ReadError::TooDeep));
    let deeper = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert_eq!(read(&deeper, NOW), Err(ReadError::TooDeep));
    let big = " ".repeat(export::MAX_IMPORT_BYTES + 1);
    assert!(matches!(read(&big, NOW), Err(ReadError::TooLarge { .. })));

    let p = problems(&edit(|v| v["data"]["families"][0]["colour"] = "red".into()));
    assert_eq!(
        p,
        vec![(
            "data.families[0]".into(),
            ProblemKind::UnknownField("colour".into())
        )]
    );
    let p = problems(&edit(|v| {
        v["data"]["families"][1]
            .as_object_mut()
            .unwrap()
            .remove("reference");
    }));
    assert_eq!(
        p,
        vec![(
            "data.families[1]".into(),
            ProblemKind::MissingField("reference".into())
        )]
    );
    let p = problems(&edit(|v| {
        v["data"]["scale_answers"][0]["value"] = "seven".into()
    }));
    assert_eq!(
        p,
        vec![("data.scale_answers[0]".into(), ProblemKind::WrongType)]
    );
    let p = problems(&edit(|v| {
        v["data"]["scale_answers"][1]["value"] = 11.into()
    }));
    assert_eq!(
        p,
        vec![(
            "data.scale_answers[1].value".into(),
            ProblemKind::OutOfRange { min: 0, max: 10 }
        )]
    );
    let p = problems(&edit(|v| {
        v["data"]["wheel_readings"][0]["scores"][3]["score"] = 11.into()
    }));
    assert_eq!(
        p,
        vec![(
            "data.wheel_readings[0].scores[3].score".into(),
            ProblemKind::OutOfRange { min: 1, max: 10 }
        )]
    );
    let p = problems(&edit(|v| {
        v["data"]["scale_answers"][0]["by"] = "neighbour".into()
    }));
    assert_eq!(
        p,
        vec![(
            "data.scale_answers[0]".into(),
            ProblemKind::UnknownChoice("neighbour".into())
        )]
    );
    let p = problems(&edit(|v| {
        let m = v["data"]["members"]
            .as_array()
            .unwrap()
            .iter()
            .position(|m| m["role"] == "child")
            .unwrap();
        v["data"]["members"][m]["born"] = "2031-01-01".into();
    }));
    assert!(
        p.iter()
            .any(|(path, k)| path.ends_with(".born") && *k == ProblemKind::DateInFuture),
        "{p:?}"
    );
    let p = problems(&edit(|v| {
        v["data"]["families"][0]["opened"] = "2026-02-30".into()
    }));
    assert_eq!(p, vec![("data.families[0]".into(), ProblemKind::BadValue)]);
    let p = problems(&edit(|v| {
        let first = v["data"]["families"][0].clone();
        v["data"]["families"].as_array_mut().unwrap().push(first);
    }));
    assert_eq!(
        p,
        vec![("data.families[2].meta.id".into(), ProblemKind::Duplicate)]
    );
    let p = problems(&edit(|v| {
        v["data"]["families"][0]["notes"] = "x".repeat(4001).into()
    }));
    assert_eq!(
        p,
        vec![(
            "data.families[0].notes".into(),
            ProblemKind::TooLong { max: 4000 }
        )]
    );
    let p = problems(&edit(|v| {
        v["data"]["scale_answers"][0]["family"] = "nobody".into()
    }));
    assert_eq!(
        p,
        vec![(
            "data.scale_answers[0].family".into(),
            ProblemKind::UnknownFamily
        )]
    );
    let p = problems(&edit(|v| {
        v["data"]["families"][0]["meta"]["id"] = "<b>x</b>".into()
    }));
    assert_eq!(p, vec![("data.families[0]".into(), ProblemKind::BadValue)]);
    let p = problems(&edit(|v| v["extra"] = 1.into()));
    assert_eq!(
        p,
        vec![("extra".into(), ProblemKind::UnknownField("extra".into()))]
    );
}

#[test]
fn imported_text_is_kept_as_text() {
    // Markup in a file is data, not markup: it survives unchanged (the UI shows it as text).
    let text =
        edit(|v| v["data"]["families"][0]["reference"] = "<img src=x onerror=alert(1)>".into());
    let env = read(&text, NOW).unwrap();
    assert!(env
        .data
        .families()
        .values()
        .any(|f| f.reference == "<img src=x onerror=alert(1)>"));
}

#[test]
fn import_preview_counts_added_updated_and_kept() {
    let theirs = sample::caseload(
        3,
        sample::Size {
            families: 4,
            wheel_readings: 2,
            milestone_checks: 0,
            scale_answers: 1,
        },
        today(),
        NOW,
    )
    .to_records();
    let mut ours = Workspace::default();
    let r = preview(&ours, &theirs);
    assert_eq!((r.families_added.len(), r.readings_added), (4, 4 * 3));
    assert!(ours.is_empty(), "preview changes nothing");
    merge(&mut ours, &theirs);
    // Change one family here (newer), and one in the file (newer there).
    let ids: Vec<Id> = theirs.families().keys().cloned().collect();
    let mut theirs2 = theirs.clone();
    apply(
        &mut ours,
        Action::UpdateFamily {
            id: ids[0].clone(),
            fields: fields("OURS"),
        },
        &ctx(100),
    )
    .unwrap();
    let f = theirs2.families.get_mut(&ids[1]).unwrap();
    f.reference = "THEIRS".into();
    f.meta.updated = Millis(NOW.0 + 200);
    // And the file's older version of ids[0] conflicts with ours.
    let f0 = theirs2.families.get_mut(&ids[0]).unwrap();
    f0.reference = "OLD".into();
    let r = preview(&ours, &theirs2);
    assert_eq!(r.families_added.len(), 0);
    assert_eq!(r.families_updated, vec![ids[1].clone()]);
    assert_eq!(r.families_kept, vec![ids[0].clone()]);
    merge(&mut ours, &theirs2);
    assert_eq!(ours.families().get(&ids[0]).unwrap().reference, "OURS");
    assert_eq!(ours.families().get(&ids[1]).unwrap().reference, "THEIRS");
}

#[test]
fn importing_then_undoing_restores_exactly_the_live_view() {
    let mut ours = sample::caseload(
        4,
        sample::Size {
            families: 2,
            wheel_readings: 1,
            milestone_checks: 0,
            scale_answers: 1,
        },
        today(),
        NOW,
    );
    let theirs = sample::caseload(
        5,
        sample::Size {
            families: 2,
            wheel_readings: 1,
            milestone_checks: 0,
            scale_answers: 1,
        },
        today(),
        NOW,
    );
    let before_live: Vec<String> = ours.live_families().map(|f| f.reference.clone()).collect();
    let a = apply(
        &mut ours,
        Action::Import(Box::new(theirs.to_records())),
        &ctx(1),
    )
    .unwrap();
    assert_eq!(ours.live_families().count(), 4);
    assert_eq!(a.report.as_ref().unwrap().families_added.len(), 2);
    apply(&mut ours, a.undo.unwrap(), &ctx(2)).unwrap();
    let after_live: Vec<String> = ours.live_families().map(|f| f.reference.clone()).collect();
    assert_eq!(before_live, after_live);
    assert_eq!(ours.reading_counts(None).total(), 4);
}

#[test]
fn shards_round_trip_and_protect_unreadable_or_newer_values() {
    let ws = sample::caseload(
        6,
        sample::Size {
            families: 3,
            wheel_readings: 1,
            milestone_checks: 1,
            scale_answers: 2,
        },
        today(),
        NOW,
    );
    let mut entries: Vec<(String, String)> = ws
        .family_ids()
        .into_iter()
        .map(|f| {
            let k = ShardKey::Family(f);
            (k.key(), shards::shard_text(&ws, &k, NOW))
        })
        .collect();
    entries.push(("unrelated.key".into(), "whatever".into()));
    let loaded = shards::load(entries.iter().map(|(k, v)| (k.as_str(), v.as_str())), NOW);
    assert_eq!(loaded.ws, ws);
    assert!(loaded.unreadable.is_empty() && !loaded.newer);

    entries[0].1 = "{broken".into();
    let newer = entries[1]
        .1
        .replace("\"schema_version\":5", "\"schema_version\":9");
    entries[1].1 = newer;
    let loaded = shards::load(entries.iter().map(|(k, v)| (k.as_str(), v.as_str())), NOW);
    assert_eq!(loaded.unreadable.len(), 2);
    assert!(loaded.newer);
    assert_eq!(loaded.ws.live_families().count(), 1);
}

#[test]
fn stored_values_stay_readable_when_the_clock_goes_back() {
    let ws = sample::caseload(
        8,
        sample::Size {
            families: 1,
            wheel_readings: 1,
            milestone_checks: 0,
            scale_answers: 1,
        },
        today(),
        NOW,
    );
    let k = ShardKey::Family(ws.families().keys().next().unwrap().clone());
    let text = shards::shard_text(&ws, &k, NOW);
    let a_year_ago = Millis(NOW.0 - 365 * 86_400_000);
    assert!(export::read_stored(&text, a_year_ago).is_ok());
    assert!(
        read(&text, a_year_ago).is_err(),
        "a file from the future is refused on import"
    );
}

#[test]
fn the_benchmark_caseload_is_valid() {
    let ws = sample::caseload(42, sample::BENCH, today(), NOW);
    assert_eq!(ws.live_families().count(), 300);
    assert_eq!(ws.wheel_readings().len(), 1800);
    assert_eq!(ws.scale_answers().len(), 6000);
    assert_eq!(
        waymark::domain::workspace::validate::check_workspace(&ws.to_records(), NOW),
        vec![]
    );
}

// ---------- properties ----------

fn arb_family(pool: u8) -> impl Strategy<Value = Family> {
    (0..pool, 0i64..4, 0u8..2, "[A-Z]{1,3}").prop_map(|(i, t, dev, r)| Family {
        meta: Meta {
            id: Id::parse(&format!("f{i}")).unwrap(),
            created: NOW,
            updated: Millis(NOW.0 + t),
            device: Id::parse(&format!("d{dev}")).unwrap(),
            deleted: t == 3,
            clocks: Default::default(),
            others: Default::default(),
        },
        reference: r,
        full_name: String::new(),
        worker: String::new(),
        team: String::new(),
        opened: d("2026-01-01"),
        closed: None,
        earlier: Vec::new(),
        notes: String::new(),
        review_weeks: None,
        consent: None,
        wheel: None,
    })
}

fn arb_answer(pool: u8) -> impl Strategy<Value = ScaleAnswer> {
    (0..pool, 0..pool, 0i64..4, 0u8..2, 0u8..=10).prop_map(|(i, f, t, dev, v)| ScaleAnswer {
        meta: Meta {
            id: Id::parse(&format!("a{i}")).unwrap(),
            created: NOW,
            updated: Millis(NOW.0 + t),
            device: Id::parse(&format!("d{dev}")).unwrap(),
            deleted: false,
            clocks: Default::default(),
            others: Default::default(),
        },
        family: Id::parse(&format!("f{f}")).unwrap(),
        child: None,
        question: Id::fixed("safe"),
        date: d("2026-02-01"),
        by: Respondent::Family,
        value: v,
        notes: String::new(),
        face: None,
        keeps: String::new(),
        higher: String::new(),
        notice: String::new(),
        confidence: None,
    })
}

fn arb_workspace() -> impl Strategy<Value = Records> {
    (
        proptest::collection::vec(arb_family(4), 0..5),
        proptest::collection::vec(arb_answer(5), 0..6),
    )
        .prop_map(|(fs, answers)| {
            let mut ws = Records::default();
            for f in fs {
                ws.put(f);
            }
            for a in answers {
                ws.put(a);
            }
            ws
        })
}

fn merged(base: &Records, files: &[&Records]) -> Workspace {
    let mut ws = Workspace::from_records(base.clone());
    for f in files {
        merge(&mut ws, f);
    }
    ws
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn importing_the_same_file_twice_changes_nothing(base in arb_workspace(), file in arb_workspace()) {
        let once = merged(&base, &[&file]);
        let mut twice = once.clone();
        let report = merge(&mut twice, &file);
        prop_assert_eq!(&once, &twice);
        prop_assert!(!report.changes_anything());
    }

    #[test]
    fn the_order_of_imports_does_not_matter(base in arb_workspace(), a in arb_workspace(), b in arb_workspace()) {
        prop_assert_eq!(merged(&base, &[&a, &b]), merged(&base, &[&b, &a]));
    }

    #[test]
    fn the_newest_version_of_each_record_wins(a in arb_workspace(), b in arb_workspace()) {
        let m = merged(&a, &[&b]);
        for (id, f) in m.families().iter() {
            for other in [a.families().get(id), b.families().get(id)].into_iter().flatten() {
                prop_assert!(other.meta.updated <= f.meta.updated);
            }
        }
        prop_assert_eq!(m.families().len(), a.families().keys().chain(b.families().keys()).collect::<std::collections::BTreeSet<_>>().len());
    }

    /// Undoing an import brings back every record as it was (only the bookkeeping of who
    /// changed it and when moves on), and takes out every record the import added, leaving no
    /// deletion mark (the space is given back; the same file can be brought in again).
    #[test]
    fn undoing_an_import_restores_every_record(base in arb_workspace(), file in arb_workspace()) {
        // Storage as the app keeps it: one value per family, rewritten for the families an
        // action says it touched. What is stored must read back as what is shown.
        fn save(stored: &mut std::collections::BTreeMap<String, String>, ws: &Workspace, touched: &std::collections::BTreeSet<Id>) {
            let keys: Vec<ShardKey> = touched.iter().cloned().map(ShardKey::Family).collect();
            for (k, text) in keys.iter().zip(shards::texts(ws, &keys, NOW)) {
                match text {
                    Some(t) => { stored.insert(k.key(), t); }
                    None => { stored.remove(&k.key()); }
                }
            }
        }
        fn reloaded(stored: &std::collections::BTreeMap<String, String>) -> Workspace {
            shards::load(stored.iter().map(|(k, v)| (k.as_str(), v.as_str())), NOW).ws
        }
        // Each family's value holds exactly its own records (none left behind in another's).
        fn fresh(ws: &Workspace) -> std::collections::BTreeMap<String, String> {
            let mut all = std::collections::BTreeMap::new();
            save(&mut all, ws, &ws.family_ids());
            all
        }
        // As the app holds it: read from storage, so every deletion mark is without content.
        let base = merged(&Records::default(), &[&base]);
        let mut stored = std::collections::BTreeMap::new();
        save(&mut stored, &base, &base.family_ids());
        let mut ws = base.clone();
        let a = apply(&mut ws, Action::Import(Box::new(file)), &ctx(10)).unwrap();
        save(&mut stored, &ws, &a.touched);
        prop_assert_eq!(&reloaded(&stored), &ws);
        prop_assert_eq!(&stored, &fresh(&ws));
        if let Some(undo) = a.undo {
            let u = apply(&mut ws, undo, &ctx(20)).unwrap();
            save(&mut stored, &ws, &u.touched);
            prop_assert_eq!(&reloaded(&stored), &ws);
            prop_assert_eq!(&stored, &fresh(&ws));
        }
        fn plain<T: Record + Clone>(r: &T) -> T {
            let mut r = r.clone();
            if r.meta().deleted {
                // A deletion mark keeps no content, whatever it held before.
                r.scrub();
            }
            r.meta_mut().updated = Millis(0);
            r.meta_mut().device = Id::fixed("any");
            // Undo writes the old values anew: their fields' clocks say so.
            r.meta_mut().clocks.clear();
            r
        }
        fn check<T: Record + Clone + PartialEq + std::fmt::Debug>(
            before: &std::collections::BTreeMap<Id, T>,
            after: &std::collections::BTreeMap<Id, T>,
        ) -> Result<(), TestCaseError> {
            for (id, r) in after {
                match before.get(id) {
                    Some(b) => prop_assert_eq!(plain(b), plain(r)),
                    None => prop_assert!(false, "{:?} was added and is still here", id),
                }
            }
            prop_assert!(before.keys().all(|k| after.contains_key(k)));
            Ok(())
        }
        let (base, ws) = (base.to_records(), ws.to_records());
        check(&base.families, &ws.families)?;
        check(&base.scale_answers, &ws.scale_answers)?;
    }

    #[test]
    fn reading_random_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = read(&text, NOW);
        let _ = export::read_stored(&text, NOW);
    }

    #[test]
    fn reading_mutated_files_never_panics(cuts in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)) {
        let mut bytes = valid_file().into_bytes();
        for (at, byte, op) in cuts {
            if bytes.is_empty() { break; }
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = byte,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, byte),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(env) = read(&text, NOW) {
            // Whatever is accepted is valid and round-trips.
            prop_assert!(waymark::domain::workspace::validate::check_workspace(&env.data, NOW).is_empty());
            let ws = Workspace::from_records(env.data.clone());
            prop_assert_eq!(read(&export::export(&ws, None, NOW), NOW).map(|e| e.data), Ok(env.data));
        }
    }
}

#[test]
fn the_export_reminder_comes_after_seven_days_without_an_export() {
    let day = 86_400_000;
    let mut ws = Workspace::default();
    assert!(!ws.export_reminder_due(None, NOW), "no data, no reminder");
    create(&mut ws, "f1", "A");
    assert!(!ws.export_reminder_due(None, Millis(NOW.0 + 6 * day)));
    assert!(ws.export_reminder_due(None, Millis(NOW.0 + 7 * day)));
    assert!(!ws.export_reminder_due(Some(Millis(NOW.0 + 5 * day)), Millis(NOW.0 + 7 * day)));
    assert!(ws.export_reminder_due(Some(Millis(NOW.0 + 5 * day)), Millis(NOW.0 + 12 * day)));
}

#[test]
fn shard_texts_in_one_pass_match_one_at_a_time() {
    let ws = sample::caseload(
        9,
        sample::Size {
            families: 6,
            wheel_readings: 2,
            milestone_checks: 1,
            scale_answers: 3,
        },
        today(),
        NOW,
    );
    let mut keys: Vec<ShardKey> = ws.family_ids().into_iter().map(ShardKey::Family).collect();
    keys.push(ShardKey::Family(Id::fixed_str("gone")));
    keys.push(ShardKey::Settings);
    let texts = shards::texts(&ws, &keys, NOW);
    for (k, t) in keys.iter().zip(&texts) {
        let expected =
            (shards::part(&ws, k).record_count() > 0).then(|| shards::shard_text(&ws, k, NOW));
        assert_eq!(t, &expected, "{k:?}");
    }
    assert_eq!(texts[6], None);
}

/// Built-in texts, catalogues and drafts are read through one path (`from_json`), which tells
/// text that is not JSON from JSON of the wrong shape.
#[test]
fn from_json_tells_bad_json_from_wrong_shape() {
    use export::{from_json, JsonError};
    assert_eq!(
        from_json::<Vec<String>>(r#"["a","b"]"#),
        Ok(vec!["a".to_string(), "b".to_string()])
    );
    assert_eq!(from_json::<Vec<String>>("[\"a\","), Err(JsonError::Syntax));
    assert_eq!(from_json::<Vec<String>>("[1, 2]"), Err(JsonError::Shape));
    assert_eq!(from_json::<Vec<String>>(""), Err(JsonError::Syntax));
}

/// Moving house from the older layout: an old value goes in where the key is free (even one that
/// cannot be read, so nothing is lost), is merged with one already there (a move interrupted after
/// writing), and is left alone, with what is there untouched, where either cannot be read.
#[test]
fn moving_from_the_old_layout_loses_nothing() {
    use shards::{move_in, MoveIn};
    let mut a = Workspace::default();
    create(&mut a, "f1", "A");
    let key = ShardKey::Family(Id::fixed_str("f1"));
    let old = shards::shard_text(&a, &key, NOW);
    // Free key: written as it is.
    assert_eq!(move_in(&old, None, NOW), MoveIn::Write(old.clone()));
    assert_eq!(
        move_in("not json", None, NOW),
        MoveIn::Write("not json".into())
    );
    // Already there (the move wrote, then the tab closed): the old copy may simply go.
    assert_eq!(move_in(&old, Some(&old), NOW), MoveIn::Same);
    // There, and changed on both sides: merged by the usual rules, the newer version wins
    // whichever side it is on.
    let mut b = a.clone();
    b.update::<Family>(&Id::fixed_str("f1"), |f| {
        f.reference = "B".into();
        f.meta.updated = Millis(f.meta.updated.0 + 10);
    });
    let there = shards::shard_text(&b, &key, NOW);
    let mut c = a.clone();
    c.update::<Family>(&Id::fixed_str("f1"), |f| {
        f.reference = "C".into();
        f.meta.updated = Millis(f.meta.updated.0 + 20);
    });
    let newer_old = shards::shard_text(&c, &key, NOW);
    match move_in(&newer_old, Some(&there), NOW) {
        MoveIn::Write(t) => {
            let ws = shards::load([(key.key().as_str(), t.as_str())], NOW).ws;
            assert_eq!(
                ws.families().get(&Id::fixed_str("f1")).unwrap().reference,
                "C"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        move_in(&old, Some(&there), NOW),
        MoveIn::Same,
        "nothing newer in the old copy"
    );
    // A newer version's value there is never written over; nor is a damaged one.
    let newer = there.replace(
        &format!("\"schema_version\":{SCHEMA_VERSION}"),
        "\"schema_version\":999",
    );
    assert_ne!(newer, there);
    assert_eq!(move_in(&old, Some(&newer), NOW), MoveIn::Leave);
    assert_eq!(move_in("{damaged", Some(&there), NOW), MoveIn::Leave);
}

/// "Your data" warns before the room runs out, and before a file that may not fit is brought in.
#[test]
fn room_is_short_before_it_runs_out() {
    use shards::{may_not_fit, room_is_short};
    let gb = 1e9;
    assert!(!room_is_short(0.0, gb));
    assert!(!room_is_short(0.79 * gb, gb));
    assert!(room_is_short(0.8 * gb, gb));
    assert!(room_is_short(gb, gb));
    assert!(!room_is_short(10.0, 0.0), "no quota known: no warning");
    assert!(!may_not_fit(7.3e6, 0.0, gb));
    assert!(
        may_not_fit(7.3e6, gb - 10e6, gb),
        "10 MB free is not twice 7.3 MB"
    );
    assert!(!may_not_fit(7.3e6, gb - 20e6, gb));
}

/// A file's bytes must be UTF-8: Latin-1 bytes are refused rather than turned into "�".
#[test]
fn a_file_that_is_not_utf8_is_refused() {
    use waymark::domain::base::json::{text_from_bytes, MAX_IMPORT_BYTES};
    assert_eq!(
        text_from_bytes(b"{\"a\":1}".to_vec(), MAX_IMPORT_BYTES).unwrap(),
        "{\"a\":1}"
    );
    // "Zoë" in Latin-1.
    assert_eq!(
        text_from_bytes(vec![b'Z', b'o', 0xEB], MAX_IMPORT_BYTES),
        Err(ReadError::NotUtf8)
    );
    // The same in UTF-8, with a byte-order mark: read, the mark dropped.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend("Zoë".as_bytes());
    assert_eq!(text_from_bytes(bom, MAX_IMPORT_BYTES).unwrap(), "Zoë");
    assert_eq!(
        text_from_bytes(vec![b' '; 11], 10),
        Err(ReadError::TooLarge { bytes: 11, max: 10 })
    );
}

/// A file that is not text at all is named for what it is (issue 28: a photo chosen by mistake
/// was called "not saved as UTF-8").
#[test]
fn a_file_that_is_not_text_is_named() {
    use waymark::domain::base::json::{text_from_bytes, Binary, MAX_IMPORT_BYTES};
    let png = [
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ];
    let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'];
    let heic = [
        0, 0, 0, 24, b'f', b't', b'y', b'p', b'h', b'e', b'i', b'c', 0, 0,
    ];
    let webp = *b"RIFF\x10\x00\x00\x00WEBPVP8 ";
    let zip = [b'P', b'K', 3, 4, 20, 0, 0, 0];
    let gzip = [0x1F, 0x8B, 8, 0, 0, 0];
    let pdf = *b"%PDF-1.7\n";
    let utf16 = [0xFF, 0xFE, b'{', 0, b'}', 0];
    for (bytes, kind) in [
        (&png[..], Binary::Picture),
        (&jpeg[..], Binary::Picture),
        (&heic[..], Binary::Picture),
        (&webp[..], Binary::Picture),
        (&zip[..], Binary::Archive),
        (&gzip[..], Binary::Archive),
        (&pdf[..], Binary::Pdf),
        (&utf16[..], Binary::Other),
    ] {
        assert_eq!(
            text_from_bytes(bytes.to_vec(), MAX_IMPORT_BYTES),
            Err(ReadError::NotText(kind)),
            "{bytes:?}"
        );
    }
    // Text that merely starts like a name is text.
    let bmp = [b'B', b'M', 70, 0, 0, 0, 0, 0, 0, 0, 54, 0];
    assert_eq!(
        text_from_bytes(bmp.to_vec(), MAX_IMPORT_BYTES),
        Err(ReadError::NotText(Binary::Picture))
    );
    assert_eq!(
        text_from_bytes(b"BMX club notes".to_vec(), MAX_IMPORT_BYTES).unwrap(),
        "BMX club notes"
    );
    assert_eq!(
        text_from_bytes(b"PKU diet".to_vec(), MAX_IMPORT_BYTES).unwrap(),
        "PKU diet"
    );
}

/// Undoing an import leaves no trace of what it added, so the same file can be brought in again
/// (a deletion mark newer than the file would have kept it out).
#[test]
fn after_undoing_an_import_the_same_file_can_be_brought_in_again() {
    let file = sample::caseload(
        9,
        sample::Size {
            families: 3,
            wheel_readings: 2,
            milestone_checks: 1,
            scale_answers: 2,
        },
        today(),
        NOW,
    );
    let mut ws = Workspace::default();
    let file = file.to_records();
    let a = apply(&mut ws, Action::Import(Box::new(file.clone())), &ctx(10)).unwrap();
    assert_eq!(ws.live_families().count(), 3);
    let u = apply(&mut ws, a.undo.unwrap(), &ctx(20)).unwrap();
    assert!(ws.is_empty(), "nothing left, not even deletion marks");
    assert_eq!(
        u.touched.len(),
        3,
        "every family's value is rewritten (removed)"
    );
    assert!(u.undo.is_none());
    let again = apply(&mut ws, Action::Import(Box::new(file)), &ctx(30)).unwrap();
    assert_eq!(again.report.unwrap().families_added.len(), 3);
    assert_eq!(ws.live_families().count(), 3);
}

/// Another tab's write is told from this tab's own by the value's fingerprint: its time of
/// writing and its length.
#[test]
fn a_stored_values_fingerprint_changes_with_each_write() {
    let mut ws = Workspace::default();
    create(&mut ws, "f1", "A");
    let key = ShardKey::Family(Id::fixed_str("f1"));
    let a = shards::shard_text(&ws, &key, NOW);
    let b = shards::shard_text(&ws, &key, Millis(NOW.0 + 1));
    assert_eq!(shards::fingerprint(&a), shards::fingerprint(&a.clone()));
    assert_ne!(
        shards::fingerprint(&a),
        shards::fingerprint(&b),
        "written a millisecond later"
    );
    create(&mut ws, "f1b", "B");
    let c = shards::shard_text(&ws, &ShardKey::Family(Id::fixed_str("f1b")), NOW);
    assert_ne!(shards::fingerprint(&a), shards::fingerprint(&c));
}
