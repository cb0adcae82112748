#![cfg(not(target_arch = "wasm32"))]
//! The engine (issue 29), driven natively on the memory backend: two engines on one memory are
//! two tabs of one device. What a save writes, what it leaves, what another tab's save does to it,
//! a failed write, a lock in the middle, sealed values, and the tabs' messages.

use chrono::NaiveDate;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use waymark::domain::base::{Id, Millis};
use waymark::domain::case::MemberRole;
use waymark::domain::file::locked::{IV_BYTES, SALT_BYTES, TAG_BYTES};
use waymark::domain::file::shards::{self, ShardKey, StorageError, SETTINGS_KEY};
use waymark::domain::file::vault::{self, LockRecord, LOCK_KEY};
use waymark::domain::workspace::action::{apply, Action, Ctx, FamilyFields, MemberFields};
use waymark::domain::workspace::{merge, Lookup, Records, Workspace};
use waymark::engine::memory::Memory;
use waymark::engine::{Engine, Host, Scope, TabMessage};

/// Runs a future of the memory backend, which never waits.
fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("the memory backend never waits"),
    }
}

const NOW: Millis = Millis(1_795_000_000_000);

/// One tab: its engine and its workspace in memory.
struct Tab {
    engine: Rc<Engine<Memory>>,
    mem: Mem,
    clock: Cell<i64>,
}

struct Mem {
    ws: RefCell<Workspace>,
    locked: Rc<Cell<bool>>,
}

impl Host for Mem {
    fn encode(&self, keys: &[ShardKey], now: Millis) -> Vec<Option<String>> {
        shards::texts(&self.ws.borrow(), keys, now)
    }
    fn merge(&self, records: &Records) -> bool {
        merge::merge(&mut self.ws.borrow_mut(), records).changes_anything()
    }
    fn replace(&self, key: &ShardKey, part: Records) {
        shards::replace_part(&mut self.ws.borrow_mut(), key, part);
    }
    fn locked(&self) -> bool {
        self.locked.get()
    }
}

impl Tab {
    fn on(memory: Memory) -> Tab {
        Tab {
            engine: Rc::new(Engine::new(memory)),
            mem: Mem {
                ws: RefCell::default(),
                locked: Rc::default(),
            },
            clock: Cell::new(0),
        }
    }

    /// A tab of a new device that has stored one family, `fam1`.
    fn with_one_family() -> Tab {
        let tab = Tab::on(Memory::default());
        tab.act(family("fam1", "Ann Lee")).unwrap();
        tab
    }

    /// Another tab of this tab's device, started (everything stored read in).
    fn other_tab(&self) -> Tab {
        let tab = Tab::on(self.memory().tab());
        tab.start();
        tab
    }

    /// A later millisecond each time (every write of a value is a new envelope).
    fn now(&self) -> Millis {
        self.clock.set(self.clock.get() + 1);
        Millis(NOW.0 + self.clock.get())
    }

    fn memory(&self) -> &Memory {
        self.engine.backend()
    }

    /// Reads everything stored, as a tab does at start.
    fn start(&self) {
        let read = block_on(self.engine.read_everything(self.now())).unwrap();
        *self.mem.ws.borrow_mut() = read.ws;
    }

    /// Applies an action in memory: the keys it changed, and when.
    fn apply(&self, action: Action) -> (Vec<ShardKey>, Millis) {
        let now = self.now();
        let ctx = Ctx {
            now,
            today: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
            device: Id::parse("device1").unwrap(),
        };
        let applied = apply(&mut self.mem.ws.borrow_mut(), action, &ctx).unwrap();
        let mut keys: Vec<ShardKey> = applied.touched.into_iter().map(ShardKey::Family).collect();
        if applied.settings_changed {
            keys.push(ShardKey::Settings);
        }
        (keys, now)
    }

    /// Applies an action in memory and stores what it changed.
    fn act(&self, action: Action) -> Result<Vec<ShardKey>, StorageError> {
        let (keys, now) = self.apply(action);
        block_on(self.engine.store(keys, &self.mem, now))
    }

    /// Applies an action in memory and prepares its save, as the app does when the change is
    /// made; the save itself is left to the caller (or never made: a reload).
    fn change(&self, action: Action) -> (waymark::engine::Prepared, Millis) {
        let (keys, now) = self.apply(action);
        (self.engine.prepare(keys, &self.mem, now), now)
    }

    fn hear(&self, keys: &[ShardKey]) -> bool {
        block_on(self.engine.heard(keys, &self.mem, self.now())).changed
    }

    fn has_member(&self, id: &Id) -> bool {
        Lookup::member(&*self.mem.ws.borrow(), id).is_some()
    }
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn family(f: &str, name: &str) -> Action {
    Action::CreateFamily {
        id: id(f),
        fields: FamilyFields {
            reference: format!("REF-{f}"),
            full_name: name.into(),
            opened: NaiveDate::from_ymd_opt(2026, 11, 2),
            ..Default::default()
        },
    }
}

fn child(m: &str, f: &str) -> Action {
    Action::AddMember {
        id: id(m),
        family: id(f),
        fields: MemberFields {
            role: MemberRole::Child,
            name: format!("Child {m}"),
            born: NaiveDate::from_ymd_opt(2023, 1, 1),
            due: None,
            weeks_early: None,
        },
    }
}

fn key(f: &str) -> ShardKey {
    ShardKey::Family(id(f))
}

#[test]
fn a_save_writes_only_the_folder_it_changed_and_tells_the_other_tabs() {
    let a = Tab::on(Memory::default());
    assert_eq!(a.act(family("fam1", "Ann Lee")), Ok(vec![key("fam1")]));
    a.act(family("fam2", "Bo Khan")).unwrap();
    let before = a.memory().values();
    assert_eq!(a.act(child("kid1", "fam1")), Ok(vec![key("fam1")]));
    let after = a.memory().values();
    let k2 = key("fam2").key();
    assert_eq!(
        before[&k2], after[&k2],
        "another family's value is not written"
    );
    assert_ne!(before[&key("fam1").key()], after[&key("fam1").key()]);
    // What is stored is the folder in memory, encoded once: read back, the same workspace.
    let b = a.other_tab();
    assert_eq!(*b.mem.ws.borrow(), *a.mem.ws.borrow());
    assert_eq!(
        a.memory().told(),
        vec![
            TabMessage::Saved(vec![key("fam1")]),
            TabMessage::Saved(vec![key("fam2")]),
            TabMessage::Saved(vec![key("fam1")]),
        ]
    );
    assert!(b.memory().told().is_empty(), "reading tells nobody");
}

#[test]
fn two_tabs_saving_one_family_keep_both_changes() {
    let a = Tab::with_one_family();
    let b = a.other_tab();
    a.act(child("kid1", "fam1")).unwrap();
    // B has not heard of A's child yet, and adds its own: its save reads A's first.
    b.act(child("kid2", "fam1")).unwrap();
    assert!(b.has_member(&id("kid1")) && b.has_member(&id("kid2")));
    let c = a.other_tab();
    assert!(
        c.has_member(&id("kid1")) && c.has_member(&id("kid2")),
        "both stored"
    );
    // A hears B's save and reads it in; hearing it again changes nothing.
    assert!(a.hear(&[key("fam1")]));
    assert!(a.has_member(&id("kid2")));
    assert!(!a.hear(&[key("fam1")]));
}

#[test]
fn a_failed_write_changes_nothing_stored_and_memory_goes_back() {
    let a = Tab::with_one_family();
    let before = a.memory().values();
    a.memory().fail_next(StorageError::QuotaExceeded);
    assert_eq!(
        a.act(child("kid1", "fam1")),
        Err(StorageError::QuotaExceeded)
    );
    assert_eq!(a.memory().values(), before, "nothing written");
    assert!(!a.has_member(&id("kid1")), "memory is what is stored");
    assert_eq!(a.memory().told().len(), 1, "a failed save tells nobody");
    // The next save works, from what is stored.
    a.act(child("kid2", "fam1")).unwrap();
    assert!(a.has_member(&id("kid2")) && !a.has_member(&id("kid1")));
}

#[test]
fn locked_while_saving_nothing_is_written() {
    let a = Tab::with_one_family();
    let before = a.memory().values();
    // The lock comes (the idle timer, another tab) after the save has read and encoded, just
    // before its transaction decides.
    let (engine, locked) = (a.engine.clone(), a.mem.locked.clone());
    a.memory().meddle(move |_| {
        engine.lock();
        locked.set(true);
    });
    assert!(a.act(child("kid1", "fam1")).is_err());
    a.memory().stop_meddling();
    assert_eq!(a.memory().values(), before, "nothing written under a lock");
}

fn lock_record(id: &str) -> String {
    LockRecord {
        id: id.into(),
        iterations: waymark::domain::file::locked::ITERATIONS,
        salt: vec![1; SALT_BYTES],
        iv: vec![2; IV_BYTES],
        wrapped: vec![3; 32 + TAG_BYTES],
    }
    .to_json()
}

#[test]
fn with_the_lock_on_nothing_is_stored_plain_and_only_a_tab_with_the_key_reads_it() {
    let device = Memory::default();
    device.put(LOCK_KEY, &lock_record("abc1"));
    device.hold_key(Some("abc1"));
    let a = Tab::on(device);
    a.act(family("fam1", "Zebedee Quill")).unwrap();
    let stored = a.memory().values();
    let value = &stored[&key("fam1").key()];
    assert!(vault::is_sealed(value), "sealed: {value}");
    assert!(
        stored.values().all(|v| !v.contains("Zebedee")),
        "no name in plain text"
    );
    // A tab without the key: the value is kept, unread, and never written over.
    let b = Tab::on(a.memory().tab());
    let read = block_on(b.engine.read_everything(b.now())).unwrap();
    assert_eq!(read.unreadable, vec![key("fam1").key()]);
    assert!(!b.hear(&[key("fam1")]));
    // A tab holding another lock's key may not write at all.
    b.memory().hold_key(Some("abc2"));
    assert_eq!(
        b.act(family("fam2", "Other")),
        Err(StorageError::Other("lock".into()))
    );
    assert_eq!(a.memory().values(), stored);
    // With the key, it reads the family.
    b.memory().hold_key(Some("abc1"));
    b.start();
    assert_eq!(
        b.mem
            .ws
            .borrow()
            .family(&id("fam1"))
            .map(|f| f.full_name.clone()),
        Some("Zebedee Quill".into())
    );
}

#[test]
fn a_value_that_cannot_be_read_is_never_written_over() {
    let device = Memory::default();
    device.put(SETTINGS_KEY, "{ not a value Waymark wrote");
    let a = Tab::on(device);
    a.start();
    assert_eq!(a.engine.unreadable(), vec![SETTINGS_KEY.to_string()]);
    assert_eq!(a.act(Action::SetReviewWeeks { weeks: 8 }), Ok(vec![]));
    assert_eq!(
        a.memory().values()[SETTINGS_KEY],
        "{ not a value Waymark wrote"
    );
}

#[test]
fn another_tab_writing_every_time_ends_in_busy_with_memory_as_stored() {
    let a = Tab::with_one_family();
    // Another tab's values for the family, each newer than the last.
    let other = a.other_tab();
    other.act(child("kid9", "fam1")).unwrap();
    let theirs = other.mem.ws.borrow().clone();
    let k = key("fam1");
    let n = Rc::new(Cell::new(0));
    let count = n.clone();
    a.memory().meddle(move |values| {
        count.set(count.get() + 1);
        let text = shards::texts(
            &theirs,
            std::slice::from_ref(&k),
            Millis(NOW.0 + 1000 + count.get()),
        );
        values.insert(k.key(), text[0].clone().unwrap());
    });
    assert_eq!(
        a.act(child("kid1", "fam1")),
        Err(StorageError::Other("busy".into()))
    );
    a.memory().stop_meddling();
    assert_eq!(n.get(), 8, "a few tries, then it says so");
    assert!(a.has_member(&id("kid9")), "memory is what is stored");
    assert!(!a.has_member(&id("kid1")));
}

#[test]
fn the_one_swap_refuses_when_anything_changed_or_a_key_was_added() {
    let a = Tab::with_one_family();
    let all: Vec<(String, Option<String>)> = a
        .memory()
        .values()
        .into_iter()
        .map(|(k, v)| (k, Some(v)))
        .collect();
    let writes = vec![("waymark.x".to_string(), Some("x".to_string()))];
    // A key added meanwhile (another tab's new family): nothing written.
    a.memory()
        .meddle(|v| drop(v.insert("waymark.family.new".into(), "{}".into())));
    let swapped = block_on(a.engine.swap(Scope::All, all.clone(), writes.clone()));
    a.memory().stop_meddling();
    assert_eq!(swapped, Ok(false));
    assert!(!a.memory().values().contains_key("waymark.x"));
    // As read: written.
    let all: Vec<(String, Option<String>)> = a
        .memory()
        .values()
        .into_iter()
        .map(|(k, v)| (k, Some(v)))
        .collect();
    assert_eq!(block_on(a.engine.swap(Scope::All, all, writes)), Ok(true));
    assert!(a.memory().values().contains_key("waymark.x"));
}

#[test]
fn tab_messages_read_back_and_nothing_else_is_a_message() {
    let messages = [
        TabMessage::Saved(vec![key("fam1"), ShardKey::Settings]),
        TabMessage::Saved(vec![]),
        TabMessage::Cleared,
        TabMessage::Used(Millis(1_795_000_000_123)),
        TabMessage::Locked,
        TabMessage::Unlocked,
        TabMessage::LockOn,
        TabMessage::LockOff,
        TabMessage::AskKey,
    ];
    for m in messages {
        assert_eq!(TabMessage::parse(&m.to_text()), Some(m.clone()), "{m:?}");
    }
    for text in [
        "",
        "saved waymark.device",
        "saved waymark.family.a nonsense",
        "used",
        "used soon",
        "locked now",
        "cleared 1",
        "ask me",
        "waymark.family.a",
        "{\"lock\":\"on\"}",
    ] {
        assert_eq!(TabMessage::parse(text), None, "{text:?}");
    }
    assert!(TabMessage::LockOn.carries_key() && TabMessage::Unlocked.carries_key());
    assert!(!TabMessage::Locked.carries_key());
}

#[test]
fn a_change_is_kept_aside_until_stored_so_a_reload_in_between_loses_nothing() {
    let a = Tab::with_one_family();
    assert!(
        a.memory().kept_aside().is_empty(),
        "nothing left aside once stored"
    );
    // The change is made, kept aside at once; the page goes before its transaction (a reload).
    let (prepared, _) = a.change(child("kid1", "fam1"));
    assert_eq!(
        a.memory().kept_aside().keys().collect::<Vec<_>>(),
        vec![&waymark::engine::aside_name("tab0", &key("fam1").key())]
    );
    drop(prepared);
    let b = Tab::on(a.memory().tab());
    assert_eq!(
        block_on(b.engine.move_aside_in(b.engine.kept_aside(), b.now())),
        Ok(vec![])
    );
    assert!(b.memory().kept_aside().is_empty(), "moved in, then gone");
    b.start();
    assert!(
        b.has_member(&id("kid1")),
        "the change is there after the reload"
    );
    // Moving it in again (a start cut short after the transaction) changes nothing.
    a.memory()
        .put(&key("fam1").key(), &b.memory().values()[&key("fam1").key()]);
    assert_eq!(
        block_on(b.engine.move_aside_in(b.engine.kept_aside(), b.now())),
        Ok(vec![])
    );
}

#[test]
fn a_refused_change_is_not_kept_aside_to_come_back_later() {
    let a = Tab::with_one_family();
    let (prepared, now) = a.change(child("kid1", "fam1"));
    a.memory().fail_next(StorageError::QuotaExceeded);
    assert!(block_on(a.engine.commit(prepared, &a.mem, now)).is_err());
    assert!(a.memory().kept_aside().is_empty());
    let b = Tab::on(a.memory().tab());
    block_on(b.engine.move_aside_in(b.engine.kept_aside(), b.now())).unwrap();
    b.start();
    assert!(!b.has_member(&id("kid1")), "what was refused stays refused");
}

#[test]
fn with_the_lock_on_nothing_is_kept_aside_and_a_refused_aside_still_saves() {
    let device = Memory::default();
    device.put(LOCK_KEY, &lock_record("abc1"));
    device.hold_key(Some("abc1"));
    let a = Tab::on(device);
    let (prepared, now) = a.change(family("fam1", "Zebedee Quill"));
    assert!(a.memory().kept_aside().is_empty(), "no plain text anywhere");
    block_on(a.engine.commit(prepared, &a.mem, now)).unwrap();
    // A change too big to keep aside (a file of many families brought in) is not kept aside.
    let big = Tab::on(Memory::default());
    *big.mem.ws.borrow_mut() = waymark::domain::file::sample::caseload(
        7,
        waymark::domain::file::sample::Size {
            families: 200,
            wheel_readings: 3,
            milestone_checks: 2,
            scale_answers: 6,
        },
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
        NOW,
    );
    let many: Vec<ShardKey> = big
        .mem
        .ws
        .borrow()
        .families()
        .keys()
        .cloned()
        .map(ShardKey::Family)
        .collect();
    let now = big.now();
    drop(big.engine.prepare(many, &big.mem, now));
    assert!(
        big.memory().kept_aside().is_empty(),
        "over {} chars",
        waymark::engine::ASIDE_MAX_CHARS
    );
    // Without the lock, the small storage full: the save is made all the same.
    let b = Tab::on(Memory::default());
    b.memory().refuse_aside(true);
    assert_eq!(b.act(family("fam2", "Bo Khan")), Ok(vec![key("fam2")]));
}

#[test]
fn values_kept_aside_merge_with_what_is_stored_and_one_unreadable_side_keeps_both() {
    let a = Tab::with_one_family();
    // Another tab's change left aside (a reload), while this one stored another since.
    let other = a.other_tab();
    let (prepared, _) = other.change(child("kid2", "fam1"));
    drop(prepared);
    a.act(child("kid1", "fam1")).unwrap();
    // And a damaged value under another family's key, kept aside: it stays, untouched.
    a.memory().put(&key("fam9").key(), "{ damaged");
    let damaged = "{ also damaged".to_string();
    let b = Tab::on(a.memory().tab());
    b.memory().leave_aside(&key("fam9").key(), &damaged);
    let left = block_on(b.engine.move_aside_in(b.engine.kept_aside(), b.now())).unwrap();
    assert_eq!(left, vec![(key("fam9").key(), damaged.clone())]);
    assert_eq!(b.memory().values()[&key("fam9").key()], "{ damaged");
    b.start();
    assert!(
        b.has_member(&id("kid1")) && b.has_member(&id("kid2")),
        "both kept"
    );
}

#[test]
fn names_kept_aside_say_their_key_and_nothing_else_is_taken_for_one() {
    use waymark::engine::{aside_key, aside_name};
    let name = aside_name("9f3a", &key("fam1").key());
    assert_eq!(aside_key(&name), Some(key("fam1")));
    assert_eq!(
        aside_key(&aside_name("t", SETTINGS_KEY)),
        Some(ShardKey::Settings)
    );
    // An older version's layout: the value under the family's own key.
    assert_eq!(aside_key(&key("fam1").key()), Some(key("fam1")));
    for other in [
        "waymark.device",
        "waymark.first",
        "waymark.aside.9f3a",
        "waymark.aside.9f3a/waymark.device",
        "waymark.wheeldraft.fam1",
    ] {
        assert_eq!(aside_key(other), None, "{other}");
    }
}

#[test]
fn a_change_left_aside_before_the_lock_came_is_sealed_after_unlocking() {
    let device = Memory::default();
    // A change left aside in plain text by a tab before the lock was turned on in another.
    let before = Tab::on(device.tab());
    before.act(family("fam1", "Ann Lee")).unwrap();
    let (prepared, _) = before.change(child("kid7", "fam1"));
    drop(prepared);
    device.put(LOCK_KEY, &lock_record("abc1"));
    // The family as stored, sealed under the lock.
    let plain = device.values()[&key("fam1").key()].clone();
    device.put(&key("fam1").key(), &Memory::sealed("abc1", &plain));
    device.hold_key(Some("abc1"));
    let a = Tab::on(device);
    a.start();
    assert!(!a.has_member(&id("kid7")));
    block_on(a.engine.fold_aside_in(&a.mem, a.now())).unwrap();
    assert!(a.has_member(&id("kid7")), "the change is in");
    assert!(
        a.memory().kept_aside().is_empty(),
        "nothing left in plain text"
    );
    let stored = &a.memory().values()[&key("fam1").key()];
    assert!(vault::is_sealed(stored) && !stored.contains("Child kid7"));
    // Nothing aside: nothing done.
    assert_eq!(block_on(a.engine.fold_aside_in(&a.mem, a.now())), Ok(()));
}

#[test]
fn the_index_is_stored_under_the_lock_this_tab_knows_and_read_only_where_it_can_be_opened() {
    use waymark::domain::caseload::index::INDEX_KEY;
    // Lock off: stored plain, read back.
    let a = Tab::with_one_family();
    assert_eq!(
        block_on(a.engine.put_index(Some("plain list".into()))),
        Ok(true)
    );
    assert_eq!(a.memory().values()[INDEX_KEY], "plain list");
    assert_eq!(block_on(a.engine.read_index()), Some("plain list".into()));
    // Removed when there is nothing to list.
    assert_eq!(block_on(a.engine.put_index(None)), Ok(true));
    assert!(!a.memory().values().contains_key(INDEX_KEY));
    assert_eq!(block_on(a.engine.read_index()), None);

    // The lock turned on in another tab meanwhile: this tab (holding no key) writes nothing
    // plain under it.
    a.memory().put(LOCK_KEY, &lock_record("abc1"));
    assert_eq!(
        block_on(a.engine.put_index(Some("Zebedee".into()))),
        Ok(false)
    );
    assert!(!a.memory().values().contains_key(INDEX_KEY));

    // With the key: sealed, and opened only by a tab holding it.
    a.memory().hold_key(Some("abc1"));
    assert_eq!(
        block_on(a.engine.put_index(Some("Zebedee".into()))),
        Ok(true)
    );
    let stored = a.memory().values()[INDEX_KEY].clone();
    assert!(
        vault::is_sealed(&stored) && !stored.contains("Zebedee"),
        "{stored}"
    );
    assert_eq!(block_on(a.engine.read_index()), Some("Zebedee".into()));
    let b = Tab::on(a.memory().tab());
    assert_eq!(block_on(b.engine.read_index()), None);
    // Nor is it read as a folder by anyone (the family stored plain before the lock is, here).
    let read = block_on(a.engine.read_everything(a.now())).unwrap();
    assert_eq!(read.unreadable, vec![key("fam1").key()]);

    // Locked while it was being written: nothing written.
    a.engine.lock();
    let before = a.memory().values();
    a.memory().meddle({
        let engine = a.engine.clone();
        move |_| engine.lock()
    });
    assert_eq!(block_on(a.engine.put_index(Some("late".into()))), Ok(false));
    a.memory().stop_meddling();
    assert_eq!(a.memory().values(), before);
}
