//! The app's state: the workspace in a signal, and [`Store::dispatch`], the one way to change it.
//! Every action is applied by the domain, then saved at once in one IndexedDB transaction (one
//! value per family it touched). "Saved" is said only once the transaction has completed; if it
//! fails, nothing was written and the change is taken back in memory too, so what the person sees
//! is what is stored. Other tabs hear of each save (a `BroadcastChannel`) and read it in.

use crate::domain::base::{Id, Millis};
use crate::domain::file::export::{self, read_stored, ReadError};
use crate::domain::file::shards::{self, MoveIn, ShardKey};
use crate::domain::workspace::action::{self, Action, ActionError, Ctx, Effect};

use crate::domain::workspace::{merge, Catalogue, Workspace};
use crate::i18n::{t, Msg};
use crate::storage::{self, idb, StorageError};
use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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
    /// Keys that could not be read at start: never written over.
    unreadable: StoredValue<Vec<String>>,
    persist_asked: StoredValue<bool>,
    serial: StoredValue<u32>,
    /// Fingerprints of the values as this tab last read or wrote them, per key: a value whose
    /// fingerprint differs when it is saved again was changed by another tab, and is merged in.
    seen: StoredValue<std::collections::HashMap<String, u64>>,
}

/// What was read from the device at start, before the app is drawn.
pub struct Boot {
    ws: Workspace,
    seen: std::collections::HashMap<String, u64>,
    unreadable: Vec<String>,
    warnings: Vec<Warning>,
    device: Id,
    last_export: Option<Millis>,
}

/// The name of the channel on which tabs tell each other what they saved.
const CHANNEL: &str = "waymark";
/// Sent on the channel when every record was erased.
const CLEARED: &str = "cleared";

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
        // Records of the older layout, one localStorage value per family.
        let old: Vec<(String, String)> = storage::entries(shards::PREFIX)
            .unwrap_or_default()
            .into_iter()
            .filter(|(k, _)| ShardKey::parse(k).is_some())
            .collect();
        let now = now();
        let mut entries = match idb::open().await {
            Ok(()) => {
                let left = if old.is_empty() {
                    Vec::new()
                } else {
                    match move_house(&old, now).await {
                        Ok(left) => left,
                        Err(_) => old.clone(),
                    }
                };
                if !left.is_empty() {
                    warnings.push(Warning::NotMoved);
                }
                match idb::read_all().await {
                    Ok(mut e) => {
                        e.extend(left);
                        e
                    }
                    Err(_) => {
                        warnings.push(Warning::StorageOff);
                        old
                    }
                }
            }
            Err(StorageError::Newer) => {
                warnings.push(Warning::ReadOnlyNewer);
                old
            }
            Err(_) => {
                warnings.push(Warning::StorageOff);
                old
            }
        };
        // Sorted by key, so that whichever copy of a key comes first is the same every start.
        entries.sort();
        let loaded = shards::load(entries.iter().map(|(k, v)| (k.as_str(), v.as_str())), now);
        if loaded.newer {
            warnings.push(Warning::ReadOnlyNewer);
        } else if !loaded.unreadable.is_empty() {
            warnings.push(Warning::Unreadable);
        }
        warnings.dedup();
        let seen = entries
            .iter()
            .map(|(k, v)| (k.clone(), shards::fingerprint(v)))
            .collect();
        Boot {
            ws: loaded.ws,
            seen,
            unreadable: loaded.unreadable,
            warnings,
            device,
            last_export,
        }
    }
}

/// Moves the older layout's values into IndexedDB in one transaction; only once it has
/// completed are the old values removed. Interrupted anywhere, the next start finishes the job
/// (merging is idempotent). Returns the old values that stay (see [`MoveIn::Leave`]).
async fn move_house(
    old: &[(String, String)],
    now: Millis,
) -> Result<Vec<(String, String)>, StorageError> {
    let keys: Vec<String> = old.iter().map(|(k, _)| k.clone()).collect();
    let texts: Vec<String> = old.iter().map(|(_, v)| v.clone()).collect();
    let gone = std::rc::Rc::new(std::cell::RefCell::new(vec![false; old.len()]));
    let marks = gone.clone();
    idb::update(keys.clone(), move |there| {
        let mut writes = Vec::new();
        for (i, ((k, text), there)) in keys.into_iter().zip(&texts).zip(there).enumerate() {
            match shards::move_in(text, there.as_deref(), now) {
                MoveIn::Write(t) => {
                    writes.push((k, Some(t)));
                    marks.borrow_mut()[i] = true;
                }
                MoveIn::Same => marks.borrow_mut()[i] = true,
                MoveIn::Leave => {}
            }
        }
        writes
    })
    .await?;
    let gone = gone.borrow();
    let mut left = Vec::new();
    for ((k, v), gone) in old.iter().zip(gone.iter()) {
        if *gone {
            let _ = storage::remove(k);
        } else {
            left.push((k.clone(), v.clone()));
        }
    }
    Ok(left)
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
            seen,
            unreadable,
            warnings,
            device,
            last_export,
        } = boot;
        let ws = RwSignal::new(ws);
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
            unreadable: StoredValue::new(unreadable),
            persist_asked: StoredValue::new(false),
            serial: StoredValue::new(0),
            seen: StoredValue::new(seen),
        };
        store.listen_to_other_tabs();
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
        Ok((
            applied,
            Some(Box::pin(async move { finish(store.save(keys, now).await) })),
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

    /// Writes the given shards in one transaction. In it, first the records another tab stored
    /// meanwhile are merged in, so neither tab overwrites the other's change. If it fails,
    /// nothing was written: memory is put back to what is stored.
    async fn save(&self, keys: Vec<ShardKey>, now: Millis) -> Result<(), StorageError> {
        let unreadable = self.unreadable.get_value();
        let keys: Vec<ShardKey> = keys
            .into_iter()
            .filter(|k| !unreadable.contains(&k.key()))
            .collect();
        let names: Vec<String> = keys.iter().map(ShardKey::key).collect();
        let store = *self;
        let shards = keys.clone();
        let result = idb::update(names.clone(), move |stored| {
            // Merge in only what another tab wrote since this one last saw it: this tab's own
            // last write is what memory holds (and may have taken records out since).
            let changed: Vec<String> = names
                .iter()
                .zip(stored)
                .filter_map(|(k, v)| {
                    let v = v?;
                    let seen = store.seen.with_value(|s| s.get(k).copied());
                    (seen != Some(shards::fingerprint(&v))).then_some(v)
                })
                .collect();
            store.merge_stored(changed.iter(), now);
            let texts = store
                .ws
                .with_untracked(|ws| shards::texts(ws, &shards, now));
            store.remember(&names, &texts);
            names.into_iter().zip(texts).collect()
        })
        .await;
        match &result {
            Ok(()) => tell_other_tabs(&keys),
            Err(_) => self.reread(&keys, now).await,
        }
        result
    }

    /// Merges values read from storage into memory (telling the page only if anything changed).
    fn merge_stored<'a>(&self, texts: impl IntoIterator<Item = &'a String>, now: Millis) -> bool {
        let mut changed = false;
        for text in texts {
            if let Ok(env) = read_stored(text, now) {
                self.ws.update_untracked(|ws| {
                    changed |= merge::merge(ws, &env.data).changes_anything();
                });
            }
        }
        if changed {
            self.ws.notify();
        }
        changed
    }

    /// Remembers what is stored under `names` now (`None`: nothing), as this tab has seen it.
    fn remember(&self, names: &[String], texts: &[Option<String>]) {
        self.seen.update_value(|s| {
            for (k, t) in names.iter().zip(texts) {
                match t {
                    Some(t) => s.insert(k.clone(), shards::fingerprint(t)),
                    None => s.remove(k),
                };
            }
        });
    }

    /// Makes memory match what is stored for `keys`.
    async fn reread(&self, keys: &[ShardKey], now: Millis) {
        let names: Vec<String> = keys.iter().map(ShardKey::key).collect();
        if let Ok(stored) = idb::read(&names).await {
            self.remember(&names, &stored);
            self.ws.update(|ws| {
                for (key, text) in keys.iter().zip(stored) {
                    let part = text
                        .and_then(|t| read_stored(&t, now).ok())
                        .map(|e| e.data)
                        .unwrap_or_default();
                    shards::replace_part(ws, key, part);
                }
            });
        }
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
        if idb::is_open() {
            idb::clear().await?;
        }
        storage::remove_all(shards::PREFIX)?;
        storage::session_clear(shards::PREFIX);
        self.forget_all();
        post(&JsValue::from_str(CLEARED));
        Ok(())
    }

    fn forget_all(&self) {
        self.seen.update_value(|s| s.clear());
        self.ws.set(Workspace::default());
        self.last_export.set(None);
        self.unreadable.set_value(Vec::new());
        self.warnings
            .update(|w| w.retain(|x| *x == Warning::StorageOff));
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
        let Some(channel) = channel() else {
            return;
        };
        let on_message =
            Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let data = ev.data();
                if data.as_string().as_deref() == Some(CLEARED) {
                    store.forget_all();
                    store.say(t(Msg::UpdatedElsewhere), false, None);
                    return;
                }
                let keys: Vec<ShardKey> = js_sys::Array::from(&data)
                    .iter()
                    .filter_map(|k| k.as_string())
                    .filter_map(|k| ShardKey::parse(&k))
                    .collect();
                if keys.is_empty() {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let names: Vec<String> = keys.iter().map(ShardKey::key).collect();
                    let Ok(stored) = idb::read(&names).await else {
                        return;
                    };
                    let now = now();
                    let mut changed = false;
                    store.remember(&names, &stored);
                    for (key, text) in keys.iter().zip(stored) {
                        match text {
                            Some(text) => match read_stored(&text, now) {
                                Ok(env) => {
                                    store.ws.update_untracked(|ws| {
                                        changed |= merge::merge(ws, &env.data).changes_anything();
                                    });
                                }
                                Err(ReadError::NewerVersion { .. }) => {
                                    store.warnings.update(|w| w.push(Warning::ReadOnlyNewer));
                                }
                                Err(_) => {}
                            },
                            None => {
                                store.ws.update_untracked(|ws| {
                                    shards::replace_part(ws, key, Workspace::default())
                                });
                                changed = true;
                            }
                        }
                    }
                    if changed {
                        store.ws.notify();
                        store.say(t(Msg::UpdatedElsewhere), false, None);
                    }
                });
            });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
    }
}

thread_local! {
    static CHANNEL_: std::cell::OnceCell<Option<web_sys::BroadcastChannel>> =
        const { std::cell::OnceCell::new() };
}

/// This tab's end of the channel between tabs (none in a browser without one).
fn channel() -> Option<web_sys::BroadcastChannel> {
    CHANNEL_.with(|c| {
        c.get_or_init(|| web_sys::BroadcastChannel::new(CHANNEL).ok())
            .clone()
    })
}

fn post(message: &JsValue) {
    if let Some(c) = channel() {
        let _ = c.post_message(message);
    }
}

/// Tells the other tabs which values this one has just stored.
fn tell_other_tabs(keys: &[ShardKey]) {
    let list: js_sys::Array = keys.iter().map(|k| JsValue::from_str(&k.key())).collect();
    post(&list);
}

/// The store from context. Panics only if called outside the app (a programming error).
pub fn use_store() -> Store {
    expect_context::<Store>()
}
