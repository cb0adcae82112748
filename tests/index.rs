//! The families list's index (issue 29): what the first page after a reload is drawn from before
//! any folder is read. It must say what the folders say, read back exactly what was written, and
//! refuse what it cannot read (so the app reads the folders instead of drawing a wrong list).

#![cfg(not(target_arch = "wasm32"))]

use waymark::domain::caseload::index::{Index, Row};
use waymark::domain::caseload::outcome;
use waymark::domain::file::sample;
use waymark::domain::workspace::action::{apply, Action};

mod common;
use common::*;

fn service() -> waymark::domain::workspace::Workspace {
    let size = sample::Size {
        families: 40,
        wheel_readings: 3,
        milestone_checks: 1,
        scale_answers: 2,
    };
    sample::caseload(7, size, today(), NOW)
}

#[test]
fn says_what_the_folders_say() {
    let ws = service();
    let index = Index::of(&ws);
    let live: Vec<_> = ws.live_families().collect();
    assert_eq!(index.rows.len(), live.len());
    assert!(index.rows.len() >= 30, "the sample has families");
    let latest = outcome::latest_wheel_dates(&ws);
    for f in live {
        let row = index.rows.iter().find(|r| r.id == f.meta.id).unwrap();
        assert_eq!(row.reference, f.reference);
        assert_eq!(row.worker, f.worker);
        assert_eq!(row.opened, f.opened);
        assert_eq!(row.closed, f.closed.as_ref().map(|c| c.date));
        assert_eq!(
            row.review,
            outcome::next_review_after(&ws, f, latest.get(&f.meta.id).copied())
        );
    }
    let (open, closed) = index.counts();
    assert_eq!(
        open,
        ws.live_families().filter(|f| f.closed.is_none()).count()
    );
    assert_eq!(open + closed, index.rows.len());
    assert!(closed > 0 && open > 0, "the sample has both");
}

#[test]
fn a_deleted_family_leaves_the_index_and_an_edit_shows() {
    let mut ws = service();
    let first = ws.live_families().next().unwrap().clone();
    let second = ws.live_families().nth(1).unwrap().clone();
    apply(
        &mut ws,
        Action::DeleteFamily {
            id: first.meta.id.clone(),
        },
        &ctx(1),
    )
    .unwrap();
    apply(
        &mut ws,
        Action::UpdateFamily {
            id: second.meta.id.clone(),
            fields: fields_of(&second, "Renamed family"),
        },
        &ctx(2),
    )
    .unwrap();
    let index = Index::of(&ws);
    assert!(index.rows.iter().all(|r| r.id != first.meta.id));
    let row: &Row = index.rows.iter().find(|r| r.id == second.meta.id).unwrap();
    assert_eq!(row.reference, "Renamed family");
}

#[test]
fn reads_back_exactly_what_was_written() {
    let index = Index::of(&service());
    let text = index.to_text();
    assert_eq!(Index::read(&text), Some(index.clone()));
    // Names with quotes, tabs, new lines and other scripts survive.
    let mut odd = index;
    odd.rows[0].reference = "A \"quoted\"\tname\nعائشہ 🙂".into();
    odd.rows[0].worker = String::new();
    assert_eq!(Index::read(&odd.to_text()), Some(odd));
    assert_eq!(
        Index::read(&Index::default().to_text()),
        Some(Index::default())
    );
}

#[test]
fn what_cannot_be_read_is_no_index() {
    let text = Index::of(&service()).to_text();
    for bad in [
        String::new(),
        "{}".to_string(),
        "not json".to_string(),
        text.replacen("\"index\":1}", "\"index\":2}", 1),
        text[..text.len() / 2].to_string(),
        // A day out of range, an id that is not one.
        r#"{"index":1,"families":[["a1","A",999999999,null,"",null]]}"#.to_string(),
        r#"{"index":1,"families":[["not an id!","A",739000,null,"",null]]}"#.to_string(),
    ] {
        assert_eq!(Index::read(&bad), None, "{bad:.80}");
    }
    assert!(Index::read(r#"{"index":1,"families":[["a1","A",739000,null,"",739084]]}"#).is_some());
}

#[test]
fn its_text_is_the_json_a_json_writer_would_write() {
    let mut index = Index::of(&service());
    index.rows[0].reference = "A \"quoted\"\tname\n\\ عائشہ".into();
    let text = index.to_text();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_string(&v).unwrap(), text);
    assert_eq!(v["families"].as_array().unwrap().len(), index.rows.len());
}

#[test]
fn folders_read_ahead_are_kept_as_they_are_or_merged_when_changed_meanwhile() {
    use std::sync::Arc;
    use waymark::domain::workspace::{merge, Place, Workspace};
    let stored = service();
    let ids: Vec<_> = stored
        .live_families()
        .map(|f| f.meta.id.clone())
        .take(2)
        .collect();
    let (a, b) = (&ids[0], &ids[1]);
    // Memory before every folder is read: two families' folders read ahead, one changed since.
    let mut early = Workspace::default();
    for id in [a, b] {
        early.set_part(
            &Place::Family(id.clone()),
            stored.folder(id).unwrap().clone(),
        );
    }
    let before = early.family(b).unwrap().clone();
    apply(
        &mut early,
        Action::UpdateFamily {
            id: b.clone(),
            fields: fields_of(&before, "Changed while reading"),
        },
        &ctx(5),
    )
    .unwrap();
    // Everything read from storage, as its own copy (read before the change was stored).
    let mut read = Workspace::from_records(stored.to_records());
    assert!(!Arc::ptr_eq(
        read.folder(a).unwrap(),
        early.folder(a).unwrap()
    ));
    merge::adopt(&mut read, &early);
    // Unchanged: the very folder memory held, so a page showing it is not drawn again.
    assert!(Arc::ptr_eq(
        read.folder(a).unwrap(),
        early.folder(a).unwrap()
    ));
    // Changed meanwhile: the change kept; every other family as read.
    assert_eq!(read.family(b).unwrap().reference, "Changed while reading");
    assert_eq!(read.live_families().count(), stored.live_families().count());
    let c = stored.live_families().nth(2).unwrap();
    assert_eq!(read.family(&c.meta.id), Some(c));
}
