//! The engine: what to store, seal and tell the other tabs, between the interface and the
//! browser, with no Leptos in it. The interface applies an action to the workspace and hands the
//! engine the keys of the folders it changed; the engine
//!
//! - [`Engine::commit`]s them: reads what is stored now (with the lock record), merges in what
//!   another tab stored meanwhile, encodes each changed folder once, seals it when the lock is on,
//!   and writes it with the one compare-and-swap helper ([`Engine::swap`]), trying again if
//!   another tab wrote in between; a failure puts memory back to what is stored;
//! - tells the other tabs with a typed message ([`TabMessage`]) and reads in what they tell
//!   ([`Engine::heard`]);
//! - reads everything at start or after unlocking ([`Engine::load`]);
//! - keeps each change aside in the device's small synchronous storage from the moment it is
//!   made until its transaction has completed ([`Engine::prepare`]), so a reload or a closed tab
//!   in between loses nothing: the next start moves what was left aside in
//!   ([`Engine::move_aside_in`], the same move that brought an older version's layout in).
//!
//! It works through a [`Backend`] (IndexedDB, WebCrypto and a `BroadcastChannel` in the browser:
//! `browser`; [`memory::Memory`] in native tests, where two engines on one memory are two tabs)
//! and a [`Host`] (the workspace in memory), so every rule here is tested natively.
#![allow(async_fn_in_trait)]

#[cfg(target_arch = "wasm32")]
pub mod browser;
pub mod memory;
pub mod tabs;

use crate::domain::base::{sort, Millis};
use crate::domain::caseload::index::INDEX_KEY;
use crate::domain::file::export::{read_stored, ReadError};
use crate::domain::file::shards::{self, ShardKey, StorageError};
use crate::domain::file::vault::{self, LOCK_KEY};
use crate::domain::workspace::{Records, Workspace};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
pub use tabs::TabMessage;

/// The stored values one transaction covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// These keys (in this order; `None` where nothing is stored).
    Keys(Vec<String>),
    /// Every key stored (in the store's order of keys).
    All,
}

/// What one transaction decides from what is stored (key, value): the writes to make (`None`
/// removes a key), or none to leave everything as it is. It runs inside the transaction and
/// must not wait for anything.
pub type Decide = Box<dyn FnOnce(Vec<(String, Option<String>)>) -> Vec<(String, Option<String>)>>;

/// Where values are kept and how tabs talk: the browser's, or memory for tests.
pub trait Backend {
    /// The values stored under `keys` (`None`: nothing).
    async fn read(&self, keys: &[String]) -> Result<Vec<Option<String>>, StorageError>;
    /// Every key and value stored.
    async fn read_all(&self) -> Result<Vec<(String, String)>, StorageError>;
    /// One transaction, all or nothing: reads what `scope` covers, hands it to `decide`, and
    /// writes what it returns.
    async fn transact(&self, scope: Scope, decide: Decide) -> Result<(), StorageError>;
    /// The id of the data key this tab holds (the lock is on and open here), if any.
    fn key_id(&self) -> Option<String>;
    /// Each value sealed under the data key held (`None` stays `None`); `None` if refused.
    async fn seal(&self, values: &[(String, Option<String>)]) -> Option<Vec<Option<String>>>;
    /// Each sealed value opened with the data key held (`None`: it cannot be opened here).
    async fn open(&self, values: &[(String, String)]) -> Vec<Option<String>>;
    /// Tells the other tabs.
    fn tell(&self, message: &TabMessage);
    /// Lets the page breathe: resolves in a later task (between values read at start, so a
    /// large caseload never freezes the page for seconds).
    async fn pause(&self);
    /// Milliseconds from some fixed moment (for how long the page has gone without a breath).
    fn clock(&self) -> f64;
    /// Names this tab among the device's tabs (for what it keeps aside).
    fn tab_id(&self) -> String;
    /// Keeps a value aside under `name`, synchronously (the browser's `localStorage`); false if
    /// it could not.
    fn put_aside(&self, name: &str, text: &str) -> bool;
    /// Forgets a value kept aside.
    fn take_aside(&self, name: &str);
    /// Every value kept aside on the device, by any tab (name, value), with the rest of the
    /// device's small values (see [`aside_key`]).
    fn aside(&self) -> Vec<(String, String)>;
}

/// Where values are kept aside: `waymark.aside.<tab>/<key>`, one name per tab, so one tab's
/// change kept aside is never taken by another's save of the same family.
const ASIDE: &str = "waymark.aside.";

/// A stored value as a tab without a data key reads it: plain, as it is; sealed, not at all. (A
/// tab with the key opens sealed values and reads no plain one: it cannot have been written under
/// this lock.)
fn plain(stored: &str) -> Option<&str> {
    (!vault::is_sealed(stored)).then_some(stored)
}

/// The name a tab keeps a value aside under.
pub fn aside_name(tab: &str, key: &str) -> String {
    format!("{ASIDE}{tab}/{key}")
}

/// The key of the value kept aside under `name` (an older version's layout kept each family's
/// value under its own key); `None` for any other small value of the device.
pub fn aside_key(name: &str) -> Option<ShardKey> {
    match name.strip_prefix(ASIDE) {
        Some(rest) => ShardKey::parse(rest.split_once('/')?.1),
        None => ShardKey::parse(name),
    }
}

/// The workspace in memory, as the engine sees it.
pub trait Host {
    /// The text to store for each key (`None`: the folder is empty, remove the key).
    fn encode(&self, keys: &[ShardKey], now: Millis) -> Vec<Option<String>>;
    /// Merges records stored elsewhere into memory; true if anything changed.
    fn merge(&self, records: &Records) -> bool;
    /// Puts one folder (or the shared part) back to what is stored.
    fn replace(&self, key: &ShardKey, part: Records);
    /// The app is locked (nothing may be written or read in).
    fn locked(&self) -> bool;
}

/// Everything read from storage.
pub struct Read {
    pub ws: Workspace,
    /// Values that could not be read (kept, never written over).
    pub unreadable: Vec<String>,
    /// A value was written by a newer version: this device may not write.
    pub newer: bool,
}

/// What reading in another tab's save did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Heard {
    pub changed: bool,
    /// A value was written by a newer version.
    pub newer: bool,
}

/// A value kept aside: the key it belongs to, the name it is kept under, and the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub key: ShardKey,
    name: String,
    pub text: String,
}

/// A change made in memory, encoded once and kept aside until it is stored.
pub struct Prepared {
    keys: Vec<ShardKey>,
    /// The plain text of each key as encoded when the change was made (`None`: remove).
    texts: Vec<Option<String>>,
    /// The keys kept aside (removed once the change is stored, or refused).
    aside: Vec<String>,
}

/// The most a change keeps aside, in characters: a change of one family, or a few, is kept
/// aside; a change of many at once (a file brought in) is not (the small storage holds about 5 MB
/// in all, and the file is still there to bring in again).
pub const ASIDE_MAX_CHARS: usize = 512 * 1024;

/// How long, in milliseconds, stored values are read before the page gets a breath. Each breath
/// costs tens of milliseconds under a large caseload (measured at 10,000 families: a breath
/// every 100 values made the whole reading 6.0 -> 8.4 s), and the first page is drawn from the
/// index before the folders are read, so the page breathes about every tenth of a second: never
/// frozen longer, and the reading barely longer (the start's longest task was 4.7 s at 10,000
/// families when everything was read in one go).
pub const BREATH_MS: f64 = 100.0;

/// How many times a save reads and tries again when another tab keeps writing the same values.
const TRIES: usize = 8;

pub struct Engine<B> {
    backend: B,
    /// Fingerprints of the values as this tab last read or wrote them, per key: a value whose
    /// fingerprint differs when it is saved again was changed by another tab, and is merged in.
    seen: RefCell<HashMap<String, u64>>,
    /// Keys that could not be read: never written over.
    unreadable: RefCell<Vec<String>>,
    /// Counts lockings: a save that began before the latest one stops without writing.
    epoch: Rc<Cell<u32>>,
    /// This tab's name among the device's tabs.
    tab: String,
}

impl<B: Backend> Engine<B> {
    pub fn new(backend: B) -> Self {
        Engine {
            tab: backend.tab_id(),
            backend,
            seen: RefCell::default(),
            unreadable: RefCell::default(),
            epoch: Rc::default(),
        }
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// Keys that could not be read at the last reading.
    pub fn unreadable(&self) -> Vec<String> {
        self.unreadable.borrow().clone()
    }

    /// The app is being locked (or everything erased): a save under way stops without writing,
    /// and what this tab knew of storage is forgotten.
    pub fn lock(&self) {
        self.epoch.set(self.epoch.get().wrapping_add(1));
        self.seen.borrow_mut().clear();
        self.unreadable.borrow_mut().clear();
    }

    /// Counts lockings and erasings ([`Engine::lock`]): what was read before the latest is not
    /// to be shown.
    pub fn epoch(&self) -> u32 {
        self.epoch.get()
    }

    /// Every value kept aside on the device (by any tab, or an older version's layout), read
    /// once.
    pub fn kept_aside(&self) -> Vec<Kept> {
        self.backend
            .aside()
            .into_iter()
            .filter_map(|(name, text)| {
                Some(Kept {
                    key: aside_key(&name)?,
                    name,
                    text,
                })
            })
            .collect()
    }

    /// Stored values opened to read: sealed ones with the data key (if this tab holds one),
    /// plain ones as they are (see [`plain`]).
    pub async fn open_values(&self, raw: &[(String, String)]) -> Vec<Option<String>> {
        match self.backend.key_id() {
            None => raw
                .iter()
                .map(|(_, v)| plain(v).map(str::to_string))
                .collect(),
            Some(_) => self.backend.open(raw).await,
        }
    }

    /// As [`Engine::open_values`], for values read by key (`None`: nothing stored).
    async fn open_stored(
        &self,
        names: &[String],
        stored: &[Option<String>],
    ) -> Vec<Option<String>> {
        let present: Vec<(String, String)> = names
            .iter()
            .zip(stored)
            .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
            .collect();
        let mut opened = self.open_values(&present).await.into_iter();
        stored
            .iter()
            .map(|v| v.as_ref().and_then(|_| opened.next().flatten()))
            .collect()
    }

    /// Reads stored `entries` (key, value) as the workspace, sorted by key so that whichever copy
    /// of a key comes first is the same every time; remembers what was read. Plain values are
    /// read as they are (no copy); the page gets a breath every [`BREATH_MS`].
    pub async fn load(&self, mut entries: Vec<(String, String)>, now: Millis) -> Read {
        entries.retain(|(k, _)| k != LOCK_KEY);
        sort::sort(&mut entries);
        let opened = match self.backend.key_id() {
            Some(_) => Some(self.backend.open(&entries).await),
            None => None,
        };
        let epoch = self.epoch.get();
        let mut loaded = shards::Loaded::default();
        let mut unreadable = Vec::new();
        let mut breath = self.backend.clock();
        for (i, (k, v)) in entries.iter().enumerate() {
            let text = match &opened {
                Some(o) => o[i].as_deref(),
                None => plain(v),
            };
            match text {
                Some(t) => loaded.add(k, t, now),
                None if ShardKey::parse(k).is_some() => unreadable.push(k.clone()),
                None => {}
            }
            if self.backend.clock() - breath >= BREATH_MS {
                self.backend.pause().await;
                breath = self.backend.clock();
            }
        }
        unreadable.extend(loaded.unreadable);
        // Locked or erased while reading: what was read is not remembered (nor shown).
        if self.epoch.get() == epoch {
            *self.seen.borrow_mut() = entries
                .iter()
                .map(|(k, v)| (k.clone(), shards::fingerprint(v)))
                .collect();
            *self.unreadable.borrow_mut() = unreadable.clone();
        }
        Read {
            ws: loaded.ws,
            unreadable,
            newer: loaded.newer,
        }
    }

    /// Reads every stored value again (after unlocking, or the lock turned off elsewhere).
    pub async fn read_everything(&self, now: Millis) -> Result<Read, StorageError> {
        let all = self.backend.read_all().await?;
        Ok(self.load(all, now).await)
    }

    /// The families list's index as stored and opened here (`None`: none stored, or it cannot
    /// be read here: sealed under a lock this tab does not hold, or plain while it holds one).
    pub async fn read_index(&self) -> Option<String> {
        let names = [INDEX_KEY.to_string()];
        let stored = self.backend.read(&names).await.ok()?;
        self.open_stored(&names, &stored).await.pop().flatten()
    }

    /// Stores the families list's index (`None`: removes it), sealed when the lock is on, and
    /// only under the lock this tab knows and if it was not locked meanwhile (`Ok(false)`:
    /// nothing written). Not told to the other tabs: the index is a copy each tab makes from
    /// its own workspace once every folder is read.
    pub async fn put_index(&self, text: Option<String>) -> Result<bool, StorageError> {
        let key_id = self.backend.key_id();
        let value = match (&key_id, text) {
            (Some(_), Some(t)) => {
                let sealed = self.backend.seal(&[(INDEX_KEY.to_string(), Some(t))]).await;
                match sealed.and_then(|mut v| v.pop().flatten()) {
                    Some(v) => Some(v),
                    None => return Ok(false),
                }
            }
            (_, t) => t,
        };
        let done = Rc::new(Cell::new(false));
        let (wrote, epoch, at) = (done.clone(), self.epoch.clone(), self.epoch.get());
        self.backend
            .transact(
                Scope::Keys(vec![LOCK_KEY.to_string()]),
                Box::new(move |stored| {
                    let lock = stored.first().and_then(|(_, v)| v.as_deref());
                    if vault::key_id(lock) == key_id && epoch.get() == at {
                        wrote.set(true);
                        vec![(INDEX_KEY.to_string(), value)]
                    } else {
                        Vec::new()
                    }
                }),
            )
            .await?;
        Ok(done.get())
    }

    /// The one compare-and-swap: in one transaction, writes `writes` if what `scope` covers is
    /// still exactly `expected` (and the app was not locked meanwhile); `Ok(false)` if anything
    /// changed, and nothing was written.
    pub async fn swap(
        &self,
        scope: Scope,
        expected: Vec<(String, Option<String>)>,
        writes: Vec<(String, Option<String>)>,
    ) -> Result<bool, StorageError> {
        let done = Rc::new(Cell::new(false));
        let (wrote, epoch, at) = (done.clone(), self.epoch.clone(), self.epoch.get());
        self.backend
            .transact(
                scope,
                Box::new(move |stored| {
                    if stored == expected && epoch.get() == at {
                        wrote.set(true);
                        writes
                    } else {
                        Vec::new()
                    }
                }),
            )
            .await?;
        Ok(done.get())
    }

    /// Encodes the folders of `keys` as they are in memory now (values that could not be read
    /// are left alone), and keeps them aside at once, before anything waits, when the lock is
    /// off (with it on, nothing is kept anywhere in plain text). Call when the change is made;
    /// then [`Engine::commit`].
    pub fn prepare(&self, keys: Vec<ShardKey>, host: &dyn Host, now: Millis) -> Prepared {
        let keys: Vec<ShardKey> = {
            let unreadable = self.unreadable.borrow();
            keys.into_iter()
                .filter(|k| !unreadable.contains(&k.key()))
                .collect()
        };
        let texts = host.encode(&keys, now);
        let mut aside = Vec::new();
        let chars: usize = texts.iter().flatten().map(String::len).sum();
        if self.backend.key_id().is_none() && chars <= ASIDE_MAX_CHARS {
            for (k, t) in keys.iter().zip(&texts) {
                let name = aside_name(&self.tab, &k.key());
                if let Some(t) = t {
                    if self.backend.put_aside(&name, t) {
                        aside.push(name);
                    }
                }
            }
        }
        Prepared { keys, texts, aside }
    }

    /// Stores a prepared change, and tells the other tabs. If it fails, nothing was written and
    /// memory is put back to what is stored. Either way, what was kept aside goes. Returns the
    /// keys stored.
    pub async fn commit(
        &self,
        prepared: Prepared,
        host: &dyn Host,
        now: Millis,
    ) -> Result<Vec<ShardKey>, StorageError> {
        let Prepared { keys, texts, aside } = prepared;
        let result = self.try_commit(&keys, Some(texts), host, now).await;
        for k in &aside {
            self.backend.take_aside(k);
        }
        match result {
            Ok(()) => {
                self.backend.tell(&TabMessage::Saved(keys.clone()));
                Ok(keys)
            }
            Err(e) => {
                if !host.locked() {
                    self.reread(&keys, host, now).await;
                }
                Err(e)
            }
        }
    }

    /// Prepares and commits at once (a change that came from elsewhere, such as a team's pull).
    pub async fn store(
        &self,
        keys: Vec<ShardKey>,
        host: &dyn Host,
        now: Millis,
    ) -> Result<Vec<ShardKey>, StorageError> {
        let prepared = self.prepare(keys, host, now);
        self.commit(prepared, host, now).await
    }

    /// Moves values kept aside (a change whose transaction a reload cut short, or an older
    /// version's layout, one value per family) into storage: a value goes in as it is where its
    /// key is free, and is merged with what is there otherwise, one transaction for each value
    /// of a key (usually one for all). Only once its transaction has completed does a value kept
    /// aside go. Returns those that stay (one side could not be read: both kept as they are), by
    /// the key each belongs to.
    pub async fn move_aside_in(
        &self,
        mut waiting: Vec<Kept>,
        now: Millis,
    ) -> Result<Vec<(String, String)>, StorageError> {
        let mut left = Vec::new();
        while !waiting.is_empty() {
            // One value of each key this time; another of the same key the next.
            let mut now_: Vec<Kept> = Vec::new();
            let mut later = Vec::new();
            for w in waiting {
                if now_.iter().any(|k| k.key == w.key) {
                    later.push(w);
                } else {
                    now_.push(w);
                }
            }
            waiting = later;
            let keys: Vec<String> = now_.iter().map(|k| k.key.key()).collect();
            let texts: Vec<String> = now_.iter().map(|k| k.text.clone()).collect();
            let gone = Rc::new(RefCell::new(vec![false; now_.len()]));
            let marks = gone.clone();
            self.backend
                .transact(
                    Scope::Keys(keys),
                    Box::new(move |there| {
                        let mut writes = Vec::new();
                        let mut marks = marks.borrow_mut();
                        for (i, ((k, there), text)) in there.into_iter().zip(&texts).enumerate() {
                            match shards::move_in(text, there.as_deref(), now) {
                                shards::MoveIn::Write(t) => {
                                    writes.push((k, Some(t)));
                                    marks[i] = true;
                                }
                                shards::MoveIn::Same => marks[i] = true,
                                shards::MoveIn::Leave => {}
                            }
                        }
                        writes
                    }),
                )
                .await?;
            for (kept, gone) in now_.into_iter().zip(gone.borrow().iter()) {
                if *gone {
                    self.backend.take_aside(&kept.name);
                } else {
                    left.push((kept.key.key(), kept.text));
                }
            }
        }
        Ok(left)
    }

    /// Brings values kept aside into memory and stores them under the lock (after unlocking):
    /// a change kept aside in plain text before the lock was turned on elsewhere is sealed, not
    /// left in the small storage. A value that cannot be read stays where it is.
    pub async fn fold_aside_in(&self, host: &dyn Host, now: Millis) -> Result<(), StorageError> {
        let mut keys: Vec<ShardKey> = Vec::new();
        let mut names = Vec::new();
        for Kept { key, name, text } in self.kept_aside() {
            if let Ok(env) = read_stored(&text, now) {
                host.merge(&env.data);
                if !keys.contains(&key) {
                    keys.push(key);
                }
                names.push(name);
            }
        }
        if names.is_empty() {
            return Ok(());
        }
        self.store(keys, host, now).await?;
        for name in &names {
            self.backend.take_aside(name);
        }
        Ok(())
    }

    async fn try_commit(
        &self,
        keys: &[ShardKey],
        mut first: Option<Vec<Option<String>>>,
        host: &dyn Host,
        now: Millis,
    ) -> Result<(), StorageError> {
        let names: Vec<String> = keys.iter().map(ShardKey::key).collect();
        // The lock record is read with the values: a write is made only under the lock this tab
        // knows (none, or the same data key).
        let mut guarded = names.clone();
        guarded.push(LOCK_KEY.to_string());
        let key_id = self.backend.key_id();
        let refused = || StorageError::Other("lock".into());
        // Locked while this save waited (here or in another tab): it stops without writing,
        // since the workspace it would write from is being emptied.
        let epoch = self.epoch.get();
        let locked_since = || host.locked() || self.epoch.get() != epoch;
        // Another tab writing the same values again and again could keep this one waiting: a
        // few tries, then it is said that the change was not saved.
        for _ in 0..TRIES {
            let stored = self.backend.read(&guarded).await?;
            if locked_since() || vault::key_id(stored[names.len()].as_deref()) != key_id {
                return Err(refused());
            }
            let changed: Vec<(String, String)> = {
                let seen = self.seen.borrow();
                names
                    .iter()
                    .zip(&stored)
                    .filter_map(|(k, v)| {
                        let v = v.as_ref()?;
                        (seen.get(k) != Some(&shards::fingerprint(v)))
                            .then(|| (k.clone(), v.clone()))
                    })
                    .collect()
            };
            if !changed.is_empty() {
                let opened = self.open_values(&changed).await;
                if locked_since() {
                    return Err(refused());
                }
                for text in opened.iter().flatten() {
                    if let Ok(env) = read_stored(text, now) {
                        // Memory changed: what was encoded before is out of date.
                        if host.merge(&env.data) {
                            first = None;
                        }
                    }
                }
            }
            // Each changed folder encoded once (when the change was made, unless another tab's
            // change came in since), and sealed once when the lock is on.
            let plain = match first.take() {
                Some(texts) => texts,
                None => host.encode(keys, now),
            };
            let texts = match key_id {
                Some(_) => {
                    let plain: Vec<(String, Option<String>)> =
                        names.iter().cloned().zip(plain).collect();
                    self.backend.seal(&plain).await.ok_or_else(refused)?
                }
                None => plain,
            };
            if locked_since() {
                return Err(refused());
            }
            let expected = guarded.iter().cloned().zip(stored).collect();
            let writes = names.iter().cloned().zip(texts.iter().cloned()).collect();
            let wrote = self
                .swap(Scope::Keys(guarded.clone()), expected, writes)
                .await?;
            if locked_since() {
                return Err(refused());
            }
            if wrote {
                self.remember(names.iter().zip(&texts));
                return Ok(());
            }
        }
        Err(StorageError::Other("busy".into()))
    }

    /// Remembers what is stored under each key now (`None`: nothing), as this tab has seen it.
    pub fn remember<'a>(&self, writes: impl IntoIterator<Item = (&'a String, &'a Option<String>)>) {
        let mut seen = self.seen.borrow_mut();
        for (k, t) in writes {
            match t {
                Some(t) => seen.insert(k.clone(), shards::fingerprint(t)),
                None => seen.remove(k),
            };
        }
    }

    /// Makes memory match what is stored for `keys`.
    pub async fn reread(&self, keys: &[ShardKey], host: &dyn Host, now: Millis) {
        let names: Vec<String> = keys.iter().map(ShardKey::key).collect();
        if let Ok(stored) = self.backend.read(&names).await {
            self.remember(names.iter().zip(&stored));
            let opened = self.open_stored(&names, &stored).await;
            for (key, text) in keys.iter().zip(opened) {
                let part = text
                    .and_then(|t| read_stored(&t, now).ok())
                    .map(|e| e.data)
                    .unwrap_or_default();
                host.replace(key, part);
            }
        }
    }

    /// Reads in what another tab said it stored under `keys`.
    pub async fn heard(&self, keys: &[ShardKey], host: &dyn Host, now: Millis) -> Heard {
        let mut out = Heard::default();
        if host.locked() || keys.is_empty() {
            return out;
        }
        let names: Vec<String> = keys.iter().map(ShardKey::key).collect();
        let Ok(stored) = self.backend.read(&names).await else {
            return out;
        };
        let opened = self.open_stored(&names, &stored).await;
        if host.locked() {
            return out;
        }
        self.remember(names.iter().zip(&stored));
        for ((key, text), was) in keys.iter().zip(opened).zip(&stored) {
            match (text, was) {
                // Stored but not to be opened here (locked, or sealed under another lock).
                (None, Some(_)) => {}
                (Some(text), _) => match read_stored(&text, now) {
                    Ok(env) => out.changed |= host.merge(&env.data),
                    Err(ReadError::NewerVersion { .. }) => out.newer = true,
                    Err(_) => {}
                },
                // Removed there (its records taken out by an undone import).
                (None, None) => {
                    host.replace(key, Records::default());
                    out.changed = true;
                }
            }
        }
        out
    }
}
