//! The lock on a device (issue 19): the lock record, sealed values, the wait after wrong
//! passphrases and the idle rule. The encryption itself is the browser's WebCrypto, tested in
//! `tests/web.rs` and end to end in `tests/e2e/lock.test.mjs`.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use waymark::domain::base::Millis;
use waymark::domain::file::shards::ShardKey;
use waymark::domain::file::vault::*;

fn record() -> LockRecord {
    LockRecord::new("0a1b2c".into(), vec![7; 16], vec![9; 12], vec![1; 48])
}

#[test]
fn a_lock_record_reads_back() {
    let r = record();
    assert_eq!(LockRecord::read(&r.to_json()), Ok(r.clone()));
    assert_eq!(r.iterations, 600_000);
    assert_eq!(key_id(Some(&r.to_json())).as_deref(), Some("0a1b2c"));
    assert_eq!(key_id(None), None);
    // Not a record key: the records' loader passes it by.
    assert!(ShardKey::parse(LOCK_KEY).is_none());
}

#[test]
fn a_damaged_lock_record_is_refused() {
    let good = record().to_json();
    for bad in [
        good.replace("\"version\":1", "\"version\":2"),
        good.replace("waymark-lock", "waymark-locked"),
        good.replace("600000", "1000"),
        good.replace("600000", "99000000"),
        good.replace("\"id\":\"0a1b2c\"", "\"id\":\"\""),
        good.replace("\"id\":\"0a1b2c\"", "\"id\":\"<b>\""),
        good.replace("}", ",\"extra\":1}"),
        good.replace("BwcH", "Bwc"),
        good[..good.len() - 1].to_string(),
        "null".to_string(),
    ] {
        assert_eq!(LockRecord::read(&bad), Err(VaultError::Damaged), "{bad}");
    }
    // A wrapped key of the wrong length.
    let mut r = record();
    r.wrapped.pop();
    assert_eq!(LockRecord::read(&r.to_json()), Err(VaultError::Damaged));
}

#[test]
fn sealed_values_are_told_from_plain_ones() {
    let s = seal_text(&[3; 12], &[4; 40]);
    assert!(is_sealed(&s));
    assert_eq!(open_text(&s), Some((vec![3; 12], vec![4; 40])));
    assert!(!is_sealed("{\"format\":\"waymark\"}"));
    assert_eq!(open_text("{\"format\":\"waymark\"}"), None);
    // Too short to hold a tag; a wrong IV; not base64.
    assert_eq!(open_text(&seal_text(&[3; 12], &[4; 15])), None);
    assert_eq!(open_text(&seal_text(&[3; 11], &[4; 40])), None);
    assert_eq!(open_text("sealed1:AAAA:%%%%"), None);
    assert_eq!(open_text("sealed1:no-colon"), None);
}

#[test]
fn wrong_passphrases_wait_longer_and_longer() {
    let waits: Vec<i64> = (0..12).map(wait_after).collect();
    assert_eq!(waits, [0, 0, 0, 0, 10, 20, 40, 80, 160, 320, 640, 1280]);
    assert_eq!(wait_after(12), 2560);
    assert_eq!(wait_after(13), 3600);
    assert_eq!(wait_after(u32::MAX), 3600);
    let now = Millis(1_000_000);
    let mut w = Wait::default();
    for _ in 0..3 {
        w = w.failed(now);
        assert_eq!(w.seconds_left(now), 0);
    }
    w = w.failed(now);
    assert_eq!(w.failures, 4);
    assert_eq!(w.seconds_left(now), 10);
    assert_eq!(w.seconds_left(Millis(now.0 + 9_001)), 1);
    assert_eq!(w.seconds_left(Millis(now.0 + 10_000)), 0);
    assert_eq!(w.failed(now).seconds_left(now), 20);
    // Kept across a reload.
    assert_eq!(Wait::read(Some(&w.to_text()), now), w);
}

#[test]
fn a_damaged_wait_is_not_a_way_round_it() {
    let now = Millis(5_000);
    assert_eq!(Wait::read(None, now), Wait::default());
    let w = Wait::read(Some("rubbish"), now);
    assert!(w.seconds_left(now) > 0);
    // A wait set far in the future (a clock changed) is no longer than the longest.
    let w = Wait::read(Some("30:999999999999"), now);
    assert_eq!(w.seconds_left(now), 3600);
}

#[test]
fn idle_minutes_are_one_of_the_choices() {
    assert_eq!(idle_minutes(None), 5);
    assert_eq!(idle_minutes(Some("15")), 15);
    assert_eq!(idle_minutes(Some("7")), 5);
    assert_eq!(idle_minutes(Some("x")), 5);
    assert!(!idle_for_long(Millis(0), Millis(299_999), 5));
    assert!(idle_for_long(Millis(0), Millis(300_000), 5));
}

proptest! {
    #[test]
    fn any_sealed_value_opens_to_its_parts(iv in prop::collection::vec(any::<u8>(), 12), data in prop::collection::vec(any::<u8>(), 16..200)) {
        let s = seal_text(&iv, &data);
        prop_assert!(is_sealed(&s));
        prop_assert_eq!(open_text(&s), Some((iv, data)));
    }

    #[test]
    fn waits_never_shrink(n in 0u32..100) {
        prop_assert!(wait_after(n + 1) >= wait_after(n));
        prop_assert!(wait_after(n) <= LONGEST_WAIT);
    }
}
