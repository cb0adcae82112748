#![cfg(not(target_arch = "wasm32"))]
//! One family is the unit of data (issue 29): the workspace is a folder per family. The file,
//! storage and wire formats do not change with it (every fixture and older file reads and writes
//! back byte for byte); a change copies and stores one family's folder and shares the rest; and
//! an undo puts back what its action changed, and nothing that changed since.

use chrono::NaiveDate;
use std::sync::Arc;
use waymark::domain::base::{Id, Millis};
use waymark::domain::file::export::{self, read};
use waymark::domain::file::sample;
use waymark::domain::file::shards::{self, ShardKey};
use waymark::domain::model::*;
use waymark::domain::workspace::action::{apply, Action, Ctx};
use waymark::domain::workspace::Place;

mod common;
use common::fields_of;

const NOW: Millis = Millis(1_795_000_000_000);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()
}

fn ctx(t: i64) -> Ctx {
    Ctx {
        now: Millis(NOW.0 + t),
        today: today(),
        device: Id::parse("device1").unwrap(),
    }
}

fn service(families: usize) -> Workspace {
    let mut ws = sample::caseload(
        29,
        sample::Size {
            families,
            wheel_readings: 3,
            milestone_checks: 2,
            scale_answers: 6,
        },
        today(),
        NOW,
    );
    // A deleted family and settings, so every part of the format is there.
    let gone = ws.families().keys().nth(1).unwrap().clone();
    apply(&mut ws, Action::DeleteFamily { id: gone }, &ctx(1)).unwrap();
    apply(&mut ws, Action::SetReviewWeeks { weeks: 8 }, &ctx(2)).unwrap();
    ws
}

#[test]
fn an_export_reads_into_folders_and_writes_back_byte_for_byte() {
    let ws = service(40);
    let text = export::export(&ws, None, NOW);
    let back = Workspace::from_records(read(&text, NOW).unwrap().data);
    assert_eq!(back, ws);
    assert_eq!(export::export(&back, None, NOW), text);
    // Flattened and foldered again: the same records.
    assert_eq!(Workspace::from_records(ws.to_records()), ws);
    // A family's own file, likewise.
    let fid = ws.live_families().next().unwrap().meta.id.clone();
    let one = export::export(&ws, Some(&fid), NOW);
    let again = Workspace::from_records(read(&one, NOW).unwrap().data);
    assert_eq!(export::export(&again, Some(&fid), NOW), one);
}

#[test]
fn every_stored_value_reads_back_as_its_folder_and_writes_back_byte_for_byte() {
    let ws = service(40);
    let mut keys: Vec<ShardKey> = ws.family_ids().into_iter().map(ShardKey::Family).collect();
    keys.push(ShardKey::Settings);
    let texts: Vec<(String, String)> = keys
        .iter()
        .zip(shards::texts(&ws, &keys, NOW))
        .map(|(k, t)| (k.key(), t.unwrap()))
        .collect();
    let loaded = shards::load(texts.iter().map(|(k, t)| (k.as_str(), t.as_str())), NOW);
    assert!(loaded.unreadable.is_empty());
    assert_eq!(loaded.ws, ws);
    for ((_, t), again) in texts.iter().zip(shards::texts(&loaded.ws, &keys, NOW)) {
        assert_eq!(&again.unwrap(), t);
    }
}

#[test]
fn older_files_read_and_write_back_the_same_every_time() {
    let v1 = r#"{"format":"waymark","schema_version":1,"saved_at":1790000000000,"scope":"all","data":{"families":[{"meta":{"id":"fam1","created":1790000000000,"updated":1790000000000,"device":"dev"},"reference":"OLD","worker":"Sam","opened":"2025-01-01","closed":{"date":"2025-06-01","reason":"stepped_down","note":"Moved on."}}],"members":[{"meta":{"id":"m1","created":1790000000000,"updated":1790000000000,"device":"dev"},"family":"fam1","role":"child","name":"Amy","born":"2024-05-06"}]}}"#;
    let v3_mark = r#"{"format":"waymark","schema_version":3,"saved_at":1795000000000,"scope":"all","data":{"families":[{"meta":{"id":"fam1","created":1790000000000,"updated":1795000000000,"device":"devA","deleted":true,"clocks":{"deleted":{"devA":1795000000000},"notes":{"devA":1795000000001}}},"reference":"","opened":"2026-01-01"}]}}"#;
    let old_store: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/engines/fixtures/old-store.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut files = vec![v1.to_string(), v3_mark.to_string()];
    for v in old_store["entries"].as_object().unwrap().values() {
        if let Some(t) = v.as_str().filter(|t| t.contains("\"format\":\"waymark\"")) {
            files.push(t.to_string());
        }
    }
    assert!(files.len() >= 3, "{}", files.len());
    // (Read a while later: the stored fixture was made this December.)
    let later = Millis(1_900_000_000_000);
    for text in files {
        let ws = Workspace::from_records(read(&text, later).unwrap().data);
        let written = export::export(&ws, None, NOW);
        let again = Workspace::from_records(read(&written, later).unwrap().data);
        assert_eq!(again, ws, "{text}");
        assert_eq!(export::export(&again, None, NOW), written);
    }
}

#[test]
fn a_change_copies_one_folder_and_shares_every_other() {
    let mut ws = service(300);
    let before = ws.clone();
    let fid = ws.live_families().nth(7).unwrap().meta.id.clone();
    let f = ws.family(&fid).unwrap().clone();
    let applied = apply(
        &mut ws,
        Action::UpdateFamily {
            id: fid.clone(),
            fields: fields_of(&f, "CHANGED"),
        },
        &ctx(10),
    )
    .unwrap();
    // One folder changed, said once (the value to store, the document to send).
    let places: Vec<&Place> = applied.changes.parts().iter().map(|(p, ..)| p).collect();
    assert_eq!(places, [&Place::Family(fid.clone())]);
    assert_eq!(applied.touched.iter().collect::<Vec<_>>(), [&fid]);
    // Every other folder is the very same one as before (shared, not copied).
    for (id, folder) in ws.folders() {
        let old = before.folder(id).unwrap();
        assert_eq!(Arc::ptr_eq(folder, old), id != &fid, "{id}");
    }
    assert!(Arc::ptr_eq(ws.shared(), before.shared()));
    // The change set holds the folder as it was and as it is, nothing else.
    let (_, was, is) = applied.changes.get(&Place::Family(fid.clone())).unwrap();
    assert!(Arc::ptr_eq(
        was.as_ref().unwrap(),
        before.folder(&fid).unwrap()
    ));
    assert!(Arc::ptr_eq(is.as_ref().unwrap(), ws.folder(&fid).unwrap()));
}

#[test]
fn an_undo_puts_back_what_its_action_changed_and_nothing_that_changed_since() {
    let mut ws = service(5);
    let fid = ws.live_families().next().unwrap().meta.id.clone();
    let f = ws.family(&fid).unwrap().clone();
    let member = ws.live_members_of(&fid).next().unwrap().meta.id.clone();
    let rename = apply(
        &mut ws,
        Action::UpdateFamily {
            id: fid.clone(),
            fields: fields_of(&f, "FIRST"),
        },
        &ctx(10),
    )
    .unwrap();
    // Then, in the same folder, a person is removed (another change, not undone).
    apply(
        &mut ws,
        Action::RemoveMember { id: member.clone() },
        &ctx(20),
    )
    .unwrap();
    apply(&mut ws, rename.undo.unwrap(), &ctx(30)).unwrap();
    assert_eq!(ws.family(&fid).unwrap().reference, f.reference);
    assert!(
        ws.members().get(&member).unwrap().meta.deleted,
        "the later change stays"
    );
}

#[test]
fn a_record_is_found_by_its_id_alone_and_a_moved_record_leaves_its_old_folder() {
    let mut ws = service(5);
    let fams: Vec<Id> = ws.live_families().map(|f| f.meta.id.clone()).collect();
    let a = ws.live_of::<ScaleAnswer>(&fams[0]).next().unwrap().clone();
    assert_eq!(ws.scale_answers().get(&a.meta.id), Some(&a));
    assert_eq!(ws.home_of::<ScaleAnswer>(&a.meta.id), Some(&fams[0]));
    let mut moved = a.clone();
    moved.family = fams[1].clone();
    ws.put(moved.clone());
    assert_eq!(ws.home_of::<ScaleAnswer>(&a.meta.id), Some(&fams[1]));
    assert!(ws
        .live_of::<ScaleAnswer>(&fams[0])
        .all(|x| x.meta.id != a.meta.id));
    assert!(ws.live_of::<ScaleAnswer>(&fams[1]).any(|x| x == &moved));
    assert_eq!(
        ws.scale_answers()
            .values()
            .filter(|x| x.meta.id == a.meta.id)
            .count(),
        1
    );
}
