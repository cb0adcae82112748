//! The app's state: the workspace in a signal, and [`Store::dispatch`], the one way to change it.
//! Every action is applied by the domain, then committed at once by the engine
//! ([`crate::engine`]: one IndexedDB transaction, one value per family it touched, sealed when the
//! lock is on, the other tabs told). "Saved" is said only once the transaction has completed; if
//! it fails, nothing was written and the change is taken back in memory too, so what the person
//! sees is what is stored. The store keeps the signals, dispatch, the lock's screens and what the
//! person is told; what to store and read is the engine's.

use crate::domain::base::{Id, Millis};
#[cfg(feature = "staff")]
use crate::domain::caseload::index::Index;
#[cfg(feature = "staff")]
use crate::domain::caseload::index::INDEX_KEY;
use crate::domain::file::export;
use crate::domain::file::shards::{self, ShardKey};
use crate::domain::file::vault::{self, LockRecord, Wait, LOCK_KEY};
use crate::domain::workspace::action::{self, Action, ActionError, Ctx, Effect};
use crate::engine::browser::{self, Browser};
use crate::engine::{Engine, Host, Prepared, Scope, TabMessage};

#[cfg(feature = "staff")]
use crate::domain::workspace::merge;
use crate::domain::workspace::{Catalogue, Records, Workspace};
use crate::i18n::{t, Msg};
use crate::storage::{self, crypto, idb, StorageError};
use chrono::NaiveDate;
use leptos::prelude::*;

/// The families list's index, in the worker's build (a family's own device has one family, and
/// reads it at once: its build has no index).
#[cfg(not(feature = "staff"))]
type Index = ();

/// A message for the live region, with an optional way to undo what it reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
    pub undo: Option<Action>,
    /// Changes each time, so the same words are announced again.
    pub serial: u32,
}

/// Lasting warnings shown at the top of every page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Warning {
    StorageOff,
    ReadOnlyNewer,
    Unreadable,
    /// Data of the older layout could not be moved yet: shown, kept, tried again next start.
    NotMoved,
    /// The device's room for Waymark is nearly used up (said before it runs out).
    RoomShort,
}

/// Why a change was not made: the domain refused it, this device may not write (data from a
/// newer version), or it could not be saved (storage full or off). In every case nothing changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DispatchError {
    Refused(ActionError),
    ReadOnly,
    NotSaved,
}

impl From<ActionError> for DispatchError {
    fn from(e: ActionError) -> Self {
        DispatchError::Refused(e)
    }
}

impl DispatchError {
    /// The problems at a form's fields, if the domain refused the input.
    pub fn problems(&self) -> Option<&[crate::domain::base::Problem]> {
        match self {
            DispatchError::Refused(ActionError::Invalid(ps)) => Some(ps),
            _ => None,
        }
    }
}

/// What the message after a change says: "Saved", "Deleted", "Brought in"...
pub fn effect_words(e: Effect) -> &'static str {
    t(match e {
        Effect::Saved => Msg::Saved,
        Effect::Deleted => Msg::Deleted,
        Effect::Archived => Msg::Archived,
        Effect::Imported => Msg::Imported,
        Effect::Restored => Msg::Undone,
    })
}

/// Handle to the app's state, shared through context.
#[derive(Clone, Copy)]
pub struct Store {
    pub ws: RwSignal<Workspace>,
    /// Every wheel and framework the workspace knows (built in, and loaded by a service).
    pub catalogue: Memo<Catalogue>,
    pub notice: RwSignal<Option<Notice>>,
    pub warnings: RwSignal<Vec<Warning>>,
    pub last_export: RwSignal<Option<Millis>>,
    device: StoredValue<Id>,
    persist_asked: StoredValue<bool>,
    serial: StoredValue<u32>,
    /// The lock is on for this device (issue 19).
    pub lock_on: RwSignal<bool>,
    /// Locked: the page shows only the unlock screen, and nothing is in memory.
    pub locked: RwSignal<bool>,
    /// When this device was last used (here or in another tab), for locking when idle.
    last_used: StoredValue<Millis>,
    /// When this tab last told the others it was in use.
    told_used: StoredValue<Millis>,
    /// Counts erasings of everything (here or in another tab): the app then starts afresh.
    pub cleared: RwSignal<u32>,
    /// Every folder stored is in memory. Until then (after a start or an unlocking drawn from
    /// the families list's index) only the pages drawn from the index are shown.
    #[cfg(feature = "staff")]
    pub ready: RwSignal<bool>,
}

/// Why the app could not be unlocked, or the lock turned on, off or changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockError {
    /// Not the passphrase; the next try may be made in this many seconds (0: at once).
    Wrong(i64),
    /// Too many wrong passphrases: wait this many seconds.
    Wait(i64),
    /// The lock record is damaged: this device's data cannot be opened.
    Damaged,
    /// Some stored values cannot be opened, so the lock cannot be turned off.
    Unopenable,
    /// The browser would not do it (no WebCrypto, storage refused): nothing changed.
    Failed,
}

/// What was read from the device at start, before the app is drawn.
pub struct Boot {
    ws: Workspace,
    warnings: Vec<Warning>,
    device: Id,
    last_export: Option<Millis>,
    /// The lock is on: nothing was read; the app starts locked.
    locked: bool,
    /// The families list's index (and its text), when the first page is drawn from it and the
    /// folders are read after (`ws` is then empty).
    index: Option<(Index, String)>,
}

thread_local! {
    static ENGINE: std::rc::Rc<Engine<Browser>> = std::rc::Rc::new(Engine::new(Browser));
}

/// The engine that stores this tab's changes and reads in the other tabs'.
fn engine() -> std::rc::Rc<Engine<Browser>> {
    ENGINE.with(|e| e.clone())
}

/// The workspace in memory, as the engine sees it: changes made by the engine are made without
/// telling the page, then told once ([`Mem::done`]).
struct Mem {
    store: Store,
    changed: std::cell::Cell<bool>,
    /// The engine's epoch when this began: locked or erased since, nothing more is read in
    /// (the worker's build, where a family's folder may be read in ahead of the others).
    #[cfg(feature = "staff")]
    epoch: u32,
}

impl Mem {
    fn new(store: Store) -> Mem {
        Mem {
            store,
            changed: std::cell::Cell::new(false),
            #[cfg(feature = "staff")]
            epoch: engine().epoch(),
        }
    }

    /// Tells the page if the engine changed anything; whether it did.
    fn done(self) -> bool {
        let changed = self.changed.get();
        if changed {
            self.store.ws.notify();
        }
        changed
    }
}

impl Host for Mem {
    fn encode(&self, keys: &[ShardKey], now: Millis) -> Vec<Option<String>> {
        self.store
            .ws
            .with_untracked(|ws| shards::texts(ws, keys, now))
    }

    fn merge(&self, records: &Records) -> bool {
        let mut changed = false;
        self.store.ws.update_untracked(|ws| {
            changed = crate::domain::workspace::merge::merge(ws, records).changes_anything();
        });
        if changed {
            self.changed.set(true);
        }
        changed
    }

    fn replace(&self, key: &ShardKey, part: Records) {
        self.store
            .ws
            .update_untracked(|ws| shards::replace_part(ws, key, part));
        self.changed.set(true);
    }

    fn locked(&self) -> bool {
        #[cfg(feature = "staff")]
        if engine().epoch() != self.epoch {
            return true;
        }
        self.store.locked.get_untracked()
    }
}

impl Boot {
    /// Opens IndexedDB, moves anything left in the older `localStorage` layout into it, and
    /// reads every record. Never fails: what cannot be read is named in warnings.
    pub async fn read() -> Boot {
        let mut warnings = Vec::new();
        let kv = storage::available();
        let device = kv
            .then(|| storage::get(shards::DEVICE_KEY).ok().flatten())
            .flatten()
            .and_then(|s| Id::parse(&s))
            .unwrap_or_else(|| {
                let d = new_id();
                let _ = storage::set(shards::DEVICE_KEY, d.as_str());
                d
            });
        let last_export = storage::get(shards::EXPORTED_KEY)
            .ok()
            .flatten()
            .and_then(|s| s.parse().ok())
            .map(Millis);
        // Values kept aside in localStorage (a change a reload cut short, or the older layout,
        // one value per family), read once; where IndexedDB cannot be used, read as they are.
        let kept = engine().kept_aside();
        let old = || -> Vec<(String, String)> {
            kept.iter().map(|k| (k.key.key(), k.text.clone())).collect()
        };
        let now = now();
        let entries = match idb::open().await {
            Ok(()) => {
                // With the lock on, nothing is read until it is unlocked (the families list's
                // index, if any, is read with the lock record).
                #[cfg(feature = "staff")]
                let keys = [LOCK_KEY.to_string(), INDEX_KEY.to_string()];
                #[cfg(not(feature = "staff"))]
                let keys = [LOCK_KEY.to_string()];
                let first = idb::read(&keys).await.unwrap_or_default();
                let mut first = first.into_iter();
                if first.next().flatten().is_some() {
                    return Boot {
                        ws: Workspace::default(),
                        warnings,
                        device,
                        last_export,
                        locked: true,
                        index: None,
                    };
                }
                // Changes kept aside whose transaction a reload cut short, or an older
                // version's layout: moved in first.
                let left = if kept.is_empty() {
                    Vec::new()
                } else {
                    engine()
                        .move_aside_in(kept.clone(), now)
                        .await
                        .unwrap_or_else(|_| old())
                };
                if !left.is_empty() {
                    warnings.push(Warning::NotMoved);
                } else if let Some(index) = Self::index(first.next().flatten()) {
                    // The first page from the families list's index; the folders after.
                    return Boot {
                        ws: Workspace::default(),
                        warnings,
                        device,
                        last_export,
                        locked: false,
                        index: Some(index),
                    };
                }
                match idb::read_all().await {
                    Ok(mut e) => {
                        e.extend(left);
                        e
                    }
                    Err(_) => {
                        warnings.push(Warning::StorageOff);
                        old()
                    }
                }
            }
            Err(StorageError::Newer) => {
                warnings.push(Warning::ReadOnlyNewer);
                old()
            }
            Err(_) => {
                warnings.push(Warning::StorageOff);
                old()
            }
        };
        let read = engine().load(entries, now).await;
        if read.newer {
            warnings.push(Warning::ReadOnlyNewer);
        } else if !read.unreadable.is_empty() {
            warnings.push(Warning::Unreadable);
        }
        warnings.dedup();
        Boot {
            ws: read.ws,
            warnings,
            device,
            last_export,
            locked: false,
            index: None,
        }
    }

    /// The families list's index stored, and its text, when the worker's build starts on the
    /// caseload (a family's own device has one family: it reads it at once).
    #[cfg(feature = "staff")]
    fn index(text: Option<String>) -> Option<(Index, String)> {
        if storage::get(shards::MODE_KEY).ok().flatten().as_deref() != Some("caseload") {
            return None;
        }
        let text = text?;
        Some((Index::read(&text)?, text))
    }

    #[cfg(not(feature = "staff"))]
    fn index(_: Option<String>) -> Option<(Index, String)> {
        None
    }
}

pub fn now() -> Millis {
    Millis(js_sys::Date::now() as i64)
}

/// Today's date where the person is (local time).
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// 16 random bytes from the browser's cryptographic generator.
pub fn random_bytes() -> [u8; 16] {
    let mut b = [0u8; 16];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut b).ok())
        .is_some();
    if !ok {
        // No crypto (very old browser): fall back to Math.random, still 128 bits of spread.
        for x in b.iter_mut() {
            *x = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    b
}

pub fn new_id() -> Id {
    Id::from_random(random_bytes())
}

impl Store {
    /// The app's state from what was read at start; starts listening to other tabs.
    pub fn new(boot: Boot) -> Store {
        let Boot {
            ws,
            warnings,
            device,
            last_export,
            locked,
            index,
        } = boot;
        let ws = RwSignal::new(ws);
        #[cfg(not(feature = "staff"))]
        let _ = index;
        #[cfg(feature = "staff")]
        let ready = RwSignal::new(!locked && index.is_none());
        #[cfg(feature = "staff")]
        if let Some(index) = index {
            listing::first(index);
        }
        let catalogue = Memo::new(move |prev: Option<&Catalogue>| {
            let base = match prev {
                Some(c) => c.clone(),
                None => {
                    let c = crate::ui::shared::lang::content();
                    Catalogue::new(c.wheels.clone(), c.framework.clone())
                }
            };
            ws.with(|ws| base.with_loaded(ws))
        });
        let store = Store {
            ws,
            catalogue,
            notice: RwSignal::new(None),
            warnings: RwSignal::new(warnings),
            last_export: RwSignal::new(last_export),
            device: StoredValue::new(device),
            persist_asked: StoredValue::new(false),
            serial: StoredValue::new(0),
            lock_on: RwSignal::new(locked),
            locked: RwSignal::new(locked),
            last_used: StoredValue::new(now()),
            told_used: StoredValue::new(Millis(0)),
            cleared: RwSignal::new(0),
            #[cfg(feature = "staff")]
            ready,
        };
        store.listen_to_other_tabs();
        #[cfg(feature = "staff")]
        if !locked && !ready.get_untracked() {
            leptos::task::spawn_local(async move { store.read_rest().await });
        } else if !locked {
            // Read in full (no index yet, or one that could not be read): made now.
            store.index_later();
        }
        if locked {
            // Another tab open and unlocked hands its key over: this one opens unlocked too.
            browser::post(&TabMessage::AskKey, None);
        }
        store.watch_idle();
        store.check_room();
        store
    }

    pub fn read_only(&self) -> bool {
        self.warnings
            .with_untracked(|w| w.contains(&Warning::ReadOnlyNewer))
    }

    fn ctx(&self) -> Ctx {
        Ctx {
            now: now(),
            today: today(),
            device: self.device.get_value(),
        }
    }

    /// Shows a message in the live region.
    pub fn say(&self, text: impl Into<String>, error: bool, undo: Option<Action>) {
        let serial = self.serial.get_value().wrapping_add(1);
        self.serial.set_value(serial);
        let fades = !error && undo.is_none();
        self.notice.set(Some(Notice {
            text: text.into(),
            error,
            undo,
            serial,
        }));
        // A plain confirmation fades after a while; errors and offers to undo stay until
        // dismissed or replaced, so nobody is rushed.
        if fades {
            let store = *self;
            set_timeout(
                move || {
                    if store
                        .notice
                        .with_untracked(|n| n.as_ref().is_some_and(|n| n.serial == serial))
                    {
                        store.notice.set(None);
                    }
                },
                std::time::Duration::from_secs(6),
            );
        }
    }

    /// Applies an action, saves it, and says what happened ("Saved", "Deleted"), or why not.
    /// `undoable` offers an Undo button in the message. On an error nothing has changed.
    pub fn dispatch(
        &self,
        action: Action,
        undoable: bool,
    ) -> Result<action::Applied, DispatchError> {
        self.apply(action, undoable, true)
    }

    /// Applies and saves a change the person did not ask for in so many words (the family
    /// record made when a phone is set up for a family): nothing is said unless it fails.
    pub fn dispatch_quietly(&self, action: Action) -> Result<action::Applied, DispatchError> {
        self.apply(action, false, false)
    }

    fn apply(
        &self,
        action: Action,
        undoable: bool,
        announce: bool,
    ) -> Result<action::Applied, DispatchError> {
        let (applied, saving) = self.apply_now(action, undoable, announce)?;
        if let Some(saving) = saving {
            leptos::task::spawn_local(async move {
                saving.await;
            });
        }
        Ok(applied)
    }

    /// Applies an action and, once it is stored, calls `saved`; if the domain refuses it, or it
    /// could not be stored (the device full, a failed transaction, the app locked meanwhile),
    /// calls `refused` instead. Either way nothing else happens to the page: a form stays as the
    /// person typed it until its change is stored, so a refused save loses nothing.
    ///
    /// One function, not generic over its callbacks: each form would otherwise bring its own
    /// copy of the waiting task.
    pub fn submit(
        &self,
        action: Action,
        undoable: bool,
        saved: Box<dyn FnOnce(action::Applied)>,
        refused: Box<dyn FnOnce(DispatchError)>,
    ) {
        match self.apply_now(action, undoable, true) {
            Err(e) => refused(e),
            Ok((applied, None)) => saved(applied),
            Ok((applied, Some(saving))) => leptos::task::spawn_local(async move {
                if saving.await {
                    saved(applied);
                } else {
                    refused(DispatchError::NotSaved);
                }
            }),
        }
    }

    /// Applies an action and waits until it is stored (or has failed, been taken back and said
    /// so): for a change whose result the page shows, such as bringing in a file.
    pub async fn dispatch_saved(
        &self,
        action: Action,
        undoable: bool,
    ) -> Result<action::Applied, DispatchError> {
        let (applied, saving) = self.apply_now(action, undoable, true)?;
        if let Some(saving) = saving {
            if !saving.await {
                return Err(DispatchError::NotSaved);
            }
        }
        Ok(applied)
    }

    /// Applies an action in memory; returns it with the save to wait for (none where nothing
    /// can be stored), which says what happened when it ends and resolves to whether it worked.
    #[allow(clippy::type_complexity)]
    #[inline(never)]
    fn apply_now(
        &self,
        action: Action,
        undoable: bool,
        announce: bool,
    ) -> Result<
        (
            action::Applied,
            Option<std::pin::Pin<Box<dyn std::future::Future<Output = bool>>>>,
        ),
        DispatchError,
    > {
        if self.read_only() {
            self.say(t(Msg::ReadOnlyRefused), true, None);
            return Err(DispatchError::ReadOnly);
        }
        let ctx = self.ctx();
        let effect = action.effect();
        let applied = self
            .ws
            .try_update(|ws| action::apply(ws, action, &ctx))
            .unwrap_or(Err(ActionError::NotFound))?;
        let mut keys: Vec<ShardKey> = applied
            .touched
            .iter()
            .cloned()
            .map(ShardKey::Family)
            .collect();
        if applied.settings_changed {
            keys.push(ShardKey::Settings);
        }
        let undo = if undoable { applied.undo.clone() } else { None };
        let store = *self;
        // Said once the change is stored (or at once, where nothing can be stored: the banner
        // says so); on failure the change is taken back and the person told what to do.
        let finish = move |r: Result<(), StorageError>| match r {
            // Locked meanwhile: nothing is said (no message, no Undo holding a record, on the
            // unlock screen).
            _ if store.locked.get_untracked() => r.is_ok(),
            Ok(()) => {
                if announce {
                    store.say(effect_words(effect), false, undo);
                }
                store.ask_to_persist();
                if effect == Effect::Imported {
                    store.check_room();
                }
                true
            }
            Err(_) => {
                store.say(t(Msg::SaveFailed), true, None);
                store.check_room();
                false
            }
        };
        if self.storage_off() {
            finish(Ok(()));
            return Ok((applied, None));
        }
        let now = ctx.now;
        // Encoded and kept aside now, before anything waits: a reload straight after the change
        // cannot lose it (see `Engine::prepare`).
        let prepared = engine().prepare(keys, &Mem::new(store), now);
        Ok((
            applied,
            Some(Box::pin(
                async move { finish(store.save(prepared, now).await) },
            )),
        ))
    }

    /// Looks at how much room is left, and warns (on every page) before it runs out.
    pub fn check_room(&self) {
        let store = *self;
        leptos::task::spawn_local(async move {
            let short = storage::estimate()
                .await
                .is_some_and(|(used, quota)| shards::room_is_short(used, quota));
            store.warnings.update(|w| {
                w.retain(|x| *x != Warning::RoomShort);
                if short {
                    w.push(Warning::RoomShort);
                }
            });
        });
    }

    /// Undoes an action (from the Undo button): "Undone", or why not.
    pub fn undo(&self, undo: Action) {
        let _ = self.dispatch(undo, false);
    }

    /// Saves the whole workspace as a file named with today's date.
    pub fn export_all(&self) {
        let text = self.ws.with_untracked(|ws| export::export(ws, None, now()));
        let name = format!("waymark-{}.json", today());
        if crate::ui::shared::dom::download(&name, "application/json", &text) {
            self.mark_exported();
        }
    }

    fn storage_off(&self) -> bool {
        self.warnings
            .with_untracked(|w| w.contains(&Warning::StorageOff))
    }

    /// Commits the given folders (see [`Engine::commit`]); once stored, a team's sync hears of
    /// them. If it fails, nothing was written and memory is put back to what is stored.
    async fn save(&self, prepared: Prepared, now: Millis) -> Result<(), StorageError> {
        #[cfg(feature = "staff")]
        let was_ready = self.ready.get_untracked();
        let mem = Mem::new(*self);
        let result = engine().commit(prepared, &mem, now).await;
        mem.done();
        #[cfg(feature = "staff")]
        if let Ok(keys) = &result {
            if !was_ready {
                // Stored while the other folders were being read (a family's page opened ahead
                // of them): read in again once they are (now, if they are already), in case the
                // reading began before.
                if self.ready.get_untracked() {
                    self.hear(keys.clone());
                } else {
                    listing::heard(keys.clone());
                }
            }
            self.index_later();
            SAVED.with(|f| {
                if let Some(f) = &*f.borrow() {
                    f(keys)
                }
            });
        }
        result.map(|_| ())
    }

    /// Merges records from elsewhere (a team's server) into memory and stores what changed,
    /// without telling [`on_saved`] (they came from there). Refused while locked.
    #[cfg(feature = "staff")]
    pub async fn merge_in(&self, incoming: &Records) -> Result<merge::MergeReport, StorageError> {
        if self.locked.get_untracked() || self.read_only() {
            return Err(StorageError::Other("locked".into()));
        }
        let report = self
            .ws
            .try_update(|ws| merge::merge(ws, incoming))
            .unwrap_or_default();
        if !report.changes_anything() || self.storage_off() {
            return Ok(report);
        }
        let mut keys: Vec<ShardKey> = report
            .touched_families
            .iter()
            .cloned()
            .map(ShardKey::Family)
            .collect();
        if report.settings_changed {
            keys.push(ShardKey::Settings);
        }
        let mem = Mem::new(*self);
        let result = engine().store(keys, &mem, now()).await;
        mem.done();
        self.index_later();
        result.map(|_| report)
    }

    /// Asks the browser to keep our data (once a session, once there is data).
    fn ask_to_persist(&self) {
        if self.persist_asked.get_value() || self.ws.with_untracked(|w| w.is_empty()) {
            return;
        }
        self.persist_asked.set_value(true);
        if let Some(sm) = web_sys::window().map(|w| w.navigator().storage()) {
            let _ = sm.persist();
        }
    }

    /// Remembers that an export was made now.
    pub fn mark_exported(&self) {
        let n = now();
        let _ = storage::set(shards::EXPORTED_KEY, &n.0.to_string());
        self.last_export.set(Some(n));
    }

    /// Removes everything Waymark stored on this device: every record, every device value, every
    /// tab value. Other tabs are told and forget theirs too.
    pub async fn delete_all(&self) -> Result<(), StorageError> {
        // Nothing under way (a save, the index, a reading) writes or reads in after this.
        #[cfg(feature = "staff")]
        engine().lock();
        if idb::is_open() {
            idb::clear().await?;
        }
        storage::remove_all(shards::PREFIX)?;
        storage::session_clear(shards::PREFIX);
        self.forget_all();
        browser::post(&TabMessage::Cleared, None);
        Ok(())
    }

    fn forget_all(&self) {
        crypto::forget_data_key();
        storage::forget_private();
        storage::keep_private(false);
        // Only if they change: setting one notifies even when it is the same, and the whole app
        // would be drawn again under the task that is erasing (its page's signals gone).
        set_if_changed(self.lock_on, false);
        set_if_changed(self.locked, false);
        engine().lock();
        self.ws.set(Workspace::default());
        self.set_ready(true);
        #[cfg(feature = "staff")]
        listing::stored(None);
        self.last_export.set(None);
        self.warnings
            .update(|w| w.retain(|x| *x == Warning::StorageOff));
        self.cleared.update(|n| *n = n.wrapping_add(1));
    }

    /// The lock record stored, if any (`Err`: it cannot be read).
    async fn lock_record(&self) -> Result<Option<LockRecord>, LockError> {
        let text = idb::read(&[LOCK_KEY.to_string()])
            .await
            .map_err(|_| LockError::Failed)?
            .pop()
            .flatten();
        text.map(|t| LockRecord::read(&t).map_err(|_| LockError::Damaged))
            .transpose()
    }

    /// Reads every record again, opened with the data key if the lock is on, and shows them
    /// (unless the app was locked or erased meanwhile: then nothing read is kept).
    async fn read_everything(&self) -> Result<(), StorageError> {
        let at = engine().epoch();
        let read = engine().read_everything(now()).await?;
        if engine().epoch() != at {
            return Ok(());
        }
        self.warnings.update(|w| {
            w.retain(|x| *x != Warning::Unreadable);
            // (A newer version's value found on reading again: the worker's build, where the
            // folders are read again after a start drawn from the index.)
            #[cfg(feature = "staff")]
            if read.newer && !w.contains(&Warning::ReadOnlyNewer) {
                w.push(Warning::ReadOnlyNewer);
            }
            if !read.unreadable.is_empty() {
                w.push(Warning::Unreadable);
            }
        });
        #[cfg_attr(not(feature = "staff"), allow(unused_mut))]
        let mut ws = read.ws;
        #[cfg(feature = "staff")]
        if !self.ready.get_untracked() {
            // Folders opened ahead of the others: the same Arc where unchanged (the page showing
            // one, with whatever is half typed in it, is not drawn again), merged where a save
            // changed one meanwhile (the reading may have begun before it).
            self.ws
                .with_untracked(|early| crate::domain::workspace::merge::adopt(&mut ws, early));
        }
        self.ws.set(ws);
        self.set_ready(true);
        #[cfg(feature = "staff")]
        self.index_later();
        Ok(())
    }

    /// Every folder stored is in memory (true), or not yet (the worker's build: drawn from the
    /// families list's index meanwhile).
    fn set_ready(&self, _ready: bool) {
        #[cfg(feature = "staff")]
        set_if_changed(self.ready, _ready);
    }

    /// After the first page was drawn from the index: reads every folder, then what another tab
    /// said it saved meanwhile, and (the lock on) seals what was kept aside before the lock came.
    #[cfg(feature = "staff")]
    async fn read_rest(&self) {
        if self.read_everything().await.is_err() {
            // Nothing could be read: said, and the pages show what memory holds (nothing).
            self.warnings.update(|w| {
                if !w.contains(&Warning::StorageOff) {
                    w.push(Warning::StorageOff)
                }
            });
            set_if_changed(self.ready, true);
        }
        if !self.ready.get_untracked() || self.locked.get_untracked() {
            return;
        }
        let keys = listing::take_heard();
        if !keys.is_empty() {
            self.hear(keys);
        }
        if self.lock_on.get_untracked() {
            self.fold_aside().await;
        }
    }

    /// Opens one family's folder (and the shared part) ahead of the others while every folder
    /// is still being read, so that the family's page after a reload does not wait for the whole
    /// service. Nothing if every folder is read, or this one is open already.
    #[cfg(feature = "staff")]
    pub fn open_family(&self, id: &Id) {
        if self.ready.get_untracked()
            || self.ws.with_untracked(|ws| ws.folder(id).is_some())
            || !listing::ask(id)
        {
            return;
        }
        let (store, keys) = (
            *self,
            vec![ShardKey::Family(id.clone()), ShardKey::Settings],
        );
        leptos::task::spawn_local(async move {
            // Read in as another tab's save would be: merged into what memory holds (nothing, if
            // locked or erased meanwhile: `Mem` knows).
            let mem = Mem::new(store);
            engine().heard(&keys, &mem, now()).await;
            mem.done();
        });
    }

    /// The families list: from the workspace once every folder is read, from the index read at
    /// start (or unlocking) before.
    #[cfg(feature = "staff")]
    pub fn with_list<R>(&self, f: impl FnOnce(&Index) -> R) -> R {
        if self.ready.get() {
            self.ws.with(|ws| f(&Index::of(ws)))
        } else {
            listing::with_first(f)
        }
    }

    /// Stores the families list's index a moment after the last change stored here (the tab
    /// that stores a change has every folder in memory; the others leave the index to it).
    /// Only when it says something new; a write that fails is left for the next change.
    #[cfg(feature = "staff")]
    fn index_later(&self) {
        let store = *self;
        listing::later(move || {
            if !store.ready.get_untracked() || store.locked.get_untracked() || store.read_only() {
                return;
            }
            let index = store.ws.with_untracked(Index::of);
            let text = (!index.rows.is_empty()).then(|| index.to_text());
            if !listing::is_stored(&text) {
                leptos::task::spawn_local(async move {
                    if let Ok(true) = engine().put_index(text.clone()).await {
                        listing::stored(text);
                    }
                });
            }
        });
    }

    /// Locks the app: the data key and the workspace leave memory, with every draft, message
    /// and undo; the page shows only the unlock screen. `tell`: the other tabs lock too.
    pub fn lock(&self, tell: bool) {
        if !self.lock_on.get_untracked() || self.locked.get_untracked() {
            return;
        }
        engine().lock();
        crypto::forget_data_key();
        self.set_ready(false);
        // This tab's drafts leave the browser's storage (if the lock was turned on elsewhere),
        // and memory.
        storage::keep_private(true);
        storage::forget_private();
        self.notice.set(None);
        self.locked.set(true);
        // The workspace leaves memory once the pages showing it are gone (in the next task: a
        // page still drawn as its records vanish could read what is no longer there).
        let (ws, locked) = (self.ws, self.locked);
        set_timeout(
            move || {
                if locked.get_untracked() {
                    ws.set(Workspace::default());
                }
            },
            std::time::Duration::ZERO,
        );
        document().set_title(t(Msg::AppName));
        if tell {
            browser::post(&TabMessage::Locked, None);
        }
    }

    /// How long to wait before the next try, in seconds (0: now).
    fn unlock_wait(&self) -> i64 {
        let n = now();
        Wait::read(storage::get(vault::WAIT_KEY).ok().flatten().as_deref(), n).seconds_left(n)
    }

    /// Unlocks with a passphrase: reads and opens everything, and tells the other tabs (handing
    /// them the data key, which the browser can pass between tabs without it leaving memory).
    pub async fn unlock(&self, pass: &str) -> Result<(), LockError> {
        let Some(record) = self.lock_record().await? else {
            // Turned off in another tab meanwhile.
            self.lock_on.set(false);
            self.read_everything()
                .await
                .map_err(|_| LockError::Failed)?;
            self.locked.set(false);
            return Ok(());
        };
        let key = self.open_lock(&record, pass).await?;
        self.open_with(key.clone(), record.id.clone()).await?;
        browser::post(&TabMessage::Unlocked, Some((&key, &record.id)));
        Ok(())
    }

    /// The data key of `record`, if `pass` is its passphrase: refused while the wait after wrong
    /// ones lasts; a wrong one counted, a right one clearing the count.
    async fn open_lock(
        &self,
        record: &LockRecord,
        pass: &str,
    ) -> Result<web_sys::CryptoKey, LockError> {
        self.may_try()?;
        match crypto::unlock(record, pass).await {
            Ok(key) => {
                let _ = storage::remove(vault::WAIT_KEY);
                Ok(key)
            }
            Err(crypto::OpenError::Wrong) => Err(self.wrong_try()),
            Err(_) => Err(LockError::Failed),
        }
    }

    /// Writes `writes` over every stored value in one transaction, if what is stored is still
    /// `all` (every key and value); false if something changed meanwhile.
    async fn rewrite_all(
        all: &[(String, String)],
        writes: Vec<(String, Option<String>)>,
    ) -> Result<bool, LockError> {
        let expected = all
            .iter()
            .map(|(k, v)| (k.clone(), Some(v.clone())))
            .collect();
        engine()
            .swap(Scope::All, expected, writes)
            .await
            .map_err(|_| LockError::Failed)
    }

    /// Refuses a try at the passphrase while the wait after wrong ones lasts.
    fn may_try(&self) -> Result<(), LockError> {
        match self.unlock_wait() {
            0 => Ok(()),
            s => Err(LockError::Wait(s)),
        }
    }

    /// Counts a wrong passphrase (unlocking, turning off or changing: read again now, so tries
    /// made together in several tabs all count).
    fn wrong_try(&self) -> LockError {
        let n = now();
        let w = Wait::read(storage::get(vault::WAIT_KEY).ok().flatten().as_deref(), n).failed(n);
        let _ = storage::set(vault::WAIT_KEY, &w.to_text());
        LockError::Wrong(w.seconds_left(n))
    }

    /// A change kept aside in plain text before the lock came (a reload cut its save short):
    /// sealed and stored now.
    #[cfg_attr(not(feature = "staff"), inline(always))]
    async fn fold_aside(&self) {
        let mem = Mem::new(*self);
        let _ = engine().fold_aside_in(&mem, now()).await;
        mem.done();
    }

    /// Reads in what another tab said it saved.
    #[cfg_attr(not(feature = "staff"), inline(always))]
    fn hear(&self, keys: Vec<ShardKey>) {
        let store = *self;
        leptos::task::spawn_local(async move {
            let mem = Mem::new(store);
            let heard = engine().heard(&keys, &mem, now()).await;
            if heard.newer {
                store.warnings.update(|w| w.push(Warning::ReadOnlyNewer));
            }
            if mem.done() {
                store.say(t(Msg::UpdatedElsewhere), false, None);
            }
        });
    }

    /// Starts using a data key: reads and shows everything.
    async fn open_with(&self, key: web_sys::CryptoKey, id: String) -> Result<(), LockError> {
        crypto::use_data_key(key, id);
        storage::keep_private(true);
        // Unlocking on the caseload: the first page from the index, the folders after.
        #[cfg(feature = "staff")]
        if self.locked.get_untracked() {
            if let Some((index, text)) = Boot::index(engine().read_index().await) {
                listing::first((index, text));
                self.last_used.set_value(now());
                set_if_changed(self.lock_on, true);
                set_if_changed(self.locked, false);
                let store = *self;
                leptos::task::spawn_local(async move { store.read_rest().await });
                return Ok(());
            }
        }
        if self.read_everything().await.is_err() {
            crypto::forget_data_key();
            return Err(LockError::Failed);
        }
        self.fold_aside().await;
        self.last_used.set_value(now());
        // Set only when they change: setting one notifies even if it is the same, and the
        // page (with whatever is half typed in it) would be drawn again.
        set_if_changed(self.lock_on, true);
        set_if_changed(self.locked, false);
        Ok(())
    }

    /// Turns the lock on: a new data key, and every stored value sealed with it and written in
    /// one transaction with the lock record, so that an interruption anywhere leaves all plain or
    /// all sealed.
    pub async fn turn_lock_on(&self, pass: &str) -> Result<(), LockError> {
        let (record, key) = crypto::new_lock(pass).await.ok_or(LockError::Failed)?;
        let record_text = record.to_json();
        for _ in 0..8 {
            let all = idb::read_all().await.map_err(|_| LockError::Failed)?;
            if all.iter().any(|(k, _)| k == LOCK_KEY) {
                return Err(LockError::Failed);
            }
            let plain: Vec<(String, Option<String>)> = all
                .iter()
                .map(|(k, v)| (k.clone(), Some(v.clone())))
                .collect();
            let sealed = crypto::seal_all(&key, &plain)
                .await
                .ok_or(LockError::Failed)?;
            let mut writes: Vec<(String, Option<String>)> =
                all.iter().map(|(k, _)| k.clone()).zip(sealed).collect();
            writes.push((LOCK_KEY.to_string(), Some(record_text.clone())));
            if Self::rewrite_all(&all, writes.clone()).await? {
                crypto::use_data_key(key.clone(), record.id.clone());
                storage::keep_private(true);
                // Memory holds what it held; only what is stored changed (sealed).
                engine().remember(writes.iter().map(|(k, v)| (k, v)));
                set_if_changed(self.lock_on, true);
                self.last_used.set_value(now());
                if !browser::post(&TabMessage::LockOn, Some((&key, &record.id))) {
                    // This browser cannot hand a key to another tab: they lock instead.
                    browser::post(&TabMessage::Locked, None);
                }
                return Ok(());
            }
        }
        Err(LockError::Failed)
    }

    /// Turns the lock off (the passphrase asked again): every value opened and written plain, and
    /// the lock record removed, in one transaction.
    pub async fn turn_lock_off(&self, pass: &str) -> Result<(), LockError> {
        let record = self.lock_record().await?.ok_or(LockError::Failed)?;
        let key = self.open_lock(&record, pass).await?;
        for _ in 0..8 {
            let mut all = idb::read_all().await.map_err(|_| LockError::Failed)?;
            // The lock this passphrase opened, not one turned off and on again meanwhile.
            let stored_lock = all
                .iter()
                .find(|(k, _)| k == LOCK_KEY)
                .map(|(_, v)| v.as_str());
            if vault::key_id(stored_lock) != Some(record.id.clone()) {
                return Err(LockError::Failed);
            }
            let expected = all.clone();
            all.retain(|(k, _)| k != LOCK_KEY);
            let opened = crypto::open_all(&key, &all).await;
            if opened.iter().any(Option::is_none) {
                return Err(LockError::Unopenable);
            }
            let mut writes: Vec<(String, Option<String>)> =
                all.iter().map(|(k, _)| k.clone()).zip(opened).collect();
            writes.push((LOCK_KEY.to_string(), None));
            if Self::rewrite_all(&expected, writes.clone()).await? {
                engine().remember(writes.iter().map(|(k, v)| (k, v)));
                self.lock_off_here(false).await;
                browser::post(&TabMessage::LockOff, None);
                return Ok(());
            }
        }
        Err(LockError::Failed)
    }

    /// This tab after the lock was turned off (here, or elsewhere: `read`, everything is read
    /// again): plain values, drafts back.
    async fn lock_off_here(&self, read: bool) {
        crypto::forget_data_key();
        storage::keep_private(false);
        set_if_changed(self.lock_on, false);
        if read && self.read_everything().await.is_err() {
            self.set_ready(true);
        }
        set_if_changed(self.locked, false);
    }

    /// Changes the passphrase: the same data key wrapped again; no record is rewritten.
    pub async fn change_passphrase(&self, old: &str, new: &str) -> Result<(), LockError> {
        let record = self.lock_record().await?.ok_or(LockError::Failed)?;
        self.may_try()?;
        let text = match crypto::rewrap(&record, old, new).await {
            Ok(r) => r.to_json(),
            Err(crypto::OpenError::Wrong) => return Err(self.wrong_try()),
            Err(_) => return Err(LockError::Failed),
        };
        let _ = storage::remove(vault::WAIT_KEY);
        let lock = LOCK_KEY.to_string();
        // Only over the record re-wrapped (not one changed in another tab meanwhile, whose new
        // passphrase would otherwise be lost without a word).
        let wrote = engine()
            .swap(
                Scope::Keys(vec![lock.clone()]),
                vec![(lock.clone(), Some(record.to_json()))],
                vec![(lock, Some(text))],
            )
            .await
            .map_err(|_| LockError::Failed)?;
        if wrote {
            Ok(())
        } else {
            Err(LockError::Failed)
        }
    }

    /// Erases everything (the passphrase forgotten): from the unlock screen.
    pub async fn erase_locked(&self) -> Result<(), StorageError> {
        self.delete_all().await
    }

    /// What another tab said about the lock (with the data key it handed over, if any).
    fn heard_lock(&self, message: TabMessage, key: Option<(web_sys::CryptoKey, String)>) {
        let store = *self;
        match message {
            TabMessage::Used(at) => {
                if at > self.last_used.get_value() {
                    self.last_used.set_value(at);
                }
            }
            TabMessage::Locked => {
                self.lock_on.set(true);
                self.lock(false);
            }
            TabMessage::Unlocked | TabMessage::LockOn => {
                let Some((key, id)) = key else {
                    self.lock_on.set(true);
                    self.lock(false);
                    return;
                };
                // Unlocked elsewhere: open here too, if this tab is locked (or knew no lock).
                if message == TabMessage::Unlocked && !self.locked.get_untracked() {
                    return;
                }
                leptos::task::spawn_local(async move {
                    if store.open_with(key, id).await.is_err() {
                        store.lock_on.set(true);
                        store.locked.set(true);
                    }
                });
            }
            TabMessage::LockOff => {
                leptos::task::spawn_local(async move {
                    // Only if no lock is stored now (it may have been turned on again since).
                    if let Ok(None) = store.lock_record().await {
                        store.lock_off_here(true).await;
                    }
                });
            }
            TabMessage::AskKey => {
                if self.lock_on.get_untracked() && !self.locked.get_untracked() {
                    if let (Some(key), Some(id)) = (crypto::data_key(), crypto::data_key_id()) {
                        browser::post(&TabMessage::Unlocked, Some((&key, &id)));
                    }
                }
            }
            TabMessage::Saved(_) | TabMessage::Cleared => {}
        }
    }

    /// Locks the app when it has not been used for the chosen time (in any tab), checked every
    /// few seconds and whenever the page is shown again (a hidden page's timers are slowed).
    fn watch_idle(&self) {
        let store = *self;
        let used = move |_: web_sys::Event| {
            if !store.lock_on.get_untracked() || store.locked.get_untracked() {
                return;
            }
            let n = now();
            store.last_used.set_value(n);
            // The other tabs hear of it now and then, so one in use keeps them all open.
            if n.0 - store.told_used.get_value().0 > 10_000 {
                store.told_used.set_value(n);
                browser::post(&TabMessage::Used(n), None);
            }
        };
        for ev in ["pointerdown", "keydown", "input", "wheel", "touchstart"] {
            std::mem::forget(window_event_listener_untyped(ev, used));
        }
        let check = move || {
            if store.lock_on.get_untracked()
                && !store.locked.get_untracked()
                && vault::idle_for_long(store.last_used.get_value(), now(), idle_minutes())
            {
                store.lock(true);
            }
        };
        std::mem::forget(window_event_listener_untyped(
            "visibilitychange",
            move |_| check(),
        ));
        let _ = set_interval_with_handle(check, std::time::Duration::from_secs(5));
    }

    fn listen_to_other_tabs(&self) {
        let store = *self;
        // The export reminder is a device value (localStorage): its own event.
        let handle =
            window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
                if ev.key().as_deref() == Some(shards::EXPORTED_KEY) {
                    store
                        .last_export
                        .set(ev.new_value().and_then(|s| s.parse().ok()).map(Millis));
                }
            });
        // The store lives as long as the app.
        std::mem::forget(handle);
        browser::listen(move |message, key| match message {
            TabMessage::Cleared => {
                store.forget_all();
                store.say(t(Msg::UpdatedElsewhere), false, None);
            }
            TabMessage::Saved(keys) => {
                if store.locked.get_untracked() {
                    return;
                }
                #[cfg(feature = "staff")]
                if !store.ready.get_untracked() {
                    // Read in once every folder is (the reading may have begun before it).
                    listing::heard(keys);
                    return;
                }
                store.hear(keys);
            }
            _ => store.heard_lock(message, key),
        });
    }
}

/// Sets a signal only if its value changes (setting notifies even when it is the same).
fn set_if_changed(s: RwSignal<bool>, v: bool) {
    if s.get_untracked() != v {
        s.set(v);
    }
}

/// The idle minutes chosen on this device.
pub fn idle_minutes() -> u32 {
    vault::idle_minutes(storage::get(vault::IDLE_KEY).ok().flatten().as_deref())
}

#[cfg(feature = "staff")]
thread_local! {
    static SAVED: std::cell::RefCell<Option<Box<dyn Fn(&[ShardKey])>>> =
        const { std::cell::RefCell::new(None) };
}

/// Calls `f` with the keys of every change a person made here, once it is stored (a team's sync
/// sends them).
#[cfg(feature = "staff")]
pub fn on_saved(f: impl Fn(&[ShardKey]) + 'static) {
    SAVED.with(|s| *s.borrow_mut() = Some(Box::new(f)));
}

/// A part of the workspace as a page sees it: equal only to the very same part (compared by
/// pointer, never record by record), so a page about one family is drawn again only when that
/// family's folder (or the shared part) changed, not when another family's did.
#[derive(Clone, Debug, Default)]
pub struct PartRef(Option<std::sync::Arc<crate::domain::workspace::Records>>);

impl PartialEq for PartRef {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// What a page about one family watches: its folder and the shared part (settings, loaded
/// wheels). Read the workspace through it: `watch.with(|ws| …)` is drawn again when that family
/// changes, and only then.
#[derive(Clone, Copy)]
pub struct FamilyWatch {
    store: Store,
    parts: Memo<(PartRef, PartRef)>,
}

impl FamilyWatch {
    pub fn with<R>(&self, f: impl FnOnce(&Workspace) -> R) -> R {
        // Read, not only tracked: a memo is computed when read, and one never computed has no
        // sources to tell it of a change (`track` alone would leave the page as first drawn).
        self.parts.with(|_| ());
        self.store.ws.with_untracked(f)
    }
}

impl Store {
    /// Watches one family's folder (see [`FamilyWatch`]).
    pub fn watch_family(&self, family: Id) -> FamilyWatch {
        let ws = self.ws;
        FamilyWatch {
            store: *self,
            parts: Memo::new(move |_| {
                ws.with(|ws| {
                    (
                        PartRef(ws.folder(&family).cloned()),
                        PartRef(Some(ws.shared().clone())),
                    )
                })
            }),
        }
    }
}

/// The store from context. Panics only if called outside the app (a programming error).
pub fn use_store() -> Store {
    expect_context::<Store>()
}

/// The families list's index in this tab (the worker's build): the one read at start or at
/// unlocking (drawn from until every folder is read), its text as stored, the keys another tab
/// said it saved while the folders were being read, and the write waiting for a quiet moment.
#[cfg(feature = "staff")]
mod listing {
    use super::{Index, ShardKey};
    use std::cell::RefCell;

    #[derive(Default)]
    struct Listing {
        first: Index,
        stored: Option<String>,
        heard: Vec<ShardKey>,
        asked: Vec<crate::domain::base::Id>,
        timer: Option<leptos::prelude::TimeoutHandle>,
    }

    thread_local! {
        static LISTING: RefCell<Listing> = RefCell::default();
    }

    pub fn first((index, text): (Index, String)) {
        LISTING.with(|l| {
            let mut l = l.borrow_mut();
            l.first = index;
            l.stored = Some(text);
            l.asked.clear();
        });
    }

    pub fn with_first<R>(f: impl FnOnce(&Index) -> R) -> R {
        LISTING.with(|l| f(&l.borrow().first))
    }

    pub fn stored(text: Option<String>) {
        LISTING.with(|l| l.borrow_mut().stored = text);
    }

    pub fn is_stored(text: &Option<String>) -> bool {
        LISTING.with(|l| l.borrow().stored == *text)
    }

    /// True the first time a family's folder is asked for ahead of the others (a family with
    /// no folder stored is asked for once, not again at every change meanwhile).
    pub fn ask(id: &crate::domain::base::Id) -> bool {
        LISTING.with(|l| {
            let asked = &mut l.borrow_mut().asked;
            !asked.contains(id) && {
                asked.push(id.clone());
                true
            }
        })
    }

    pub fn heard(keys: Vec<ShardKey>) {
        LISTING.with(|l| l.borrow_mut().heard.extend(keys));
    }

    pub fn take_heard() -> Vec<ShardKey> {
        LISTING.with(|l| std::mem::take(&mut l.borrow_mut().heard))
    }

    /// Runs `write` once nothing more has been asked for a moment and a half.
    pub fn later(write: impl FnOnce() + 'static) {
        let timer =
            leptos::prelude::set_timeout_with_handle(write, std::time::Duration::from_millis(1500))
                .ok();
        if let Some(old) = LISTING.with(|l| std::mem::replace(&mut l.borrow_mut().timer, timer)) {
            old.clear();
        }
    }
}
