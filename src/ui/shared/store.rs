//! The app's state: the workspace in a signal, and [`Store::dispatch`], the one way to change it.
//! Every action is applied by the domain, then saved at once, shard by shard. If a write fails,
//! the values already stored are put back and the change is undone in memory too, so what the
//! person sees is always what is stored.

use crate::domain::base::{Id, Millis};
use crate::domain::file::export::{self, read_stored, ReadError};
use crate::domain::file::shards::{self, ShardKey};
use crate::domain::workspace::action::{self, Action, ActionError, Ctx, Effect};
use crate::domain::workspace::{merge, Catalogue, Workspace};
use crate::i18n::{t, Msg};
use crate::storage::{self, StorageError};
use chrono::NaiveDate;
use leptos::prelude::*;

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
    /// Fingerprints of the values this tab last read or wrote, per key.
    seen: StoredValue<std::collections::HashMap<String, u64>>,
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
    /// Reads everything stored and starts listening for changes made in other tabs.
    pub fn load() -> Store {
        let mut warnings = Vec::new();
        let mut seen = std::collections::HashMap::new();
        let (ws, unreadable, device, last_export) = if storage::available() {
            let entries = storage::entries(shards::PREFIX).unwrap_or_default();
            for (k, v) in &entries {
                seen.insert(k.clone(), shards::fingerprint(v));
            }
            let loaded = shards::load(entries.iter().map(|(k, v)| (k.as_str(), v.as_str())), now());
            if loaded.newer {
                warnings.push(Warning::ReadOnlyNewer);
            } else if !loaded.unreadable.is_empty() {
                warnings.push(Warning::Unreadable);
            }
            let device = match storage::get(shards::DEVICE_KEY)
                .ok()
                .flatten()
                .and_then(|s| Id::parse(&s))
            {
                Some(d) => d,
                None => {
                    let d = new_id();
                    let _ = storage::set(shards::DEVICE_KEY, d.as_str());
                    d
                }
            };
            let last_export = storage::get(shards::EXPORTED_KEY)
                .ok()
                .flatten()
                .and_then(|s| s.parse().ok())
                .map(Millis);
            (loaded.ws, loaded.unreadable, device, last_export)
        } else {
            warnings.push(Warning::StorageOff);
            (Workspace::default(), Vec::new(), new_id(), None)
        };
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
        match self.save(&keys, ctx.now) {
            Ok(()) => {
                let undo = if undoable { applied.undo.clone() } else { None };
                if announce {
                    self.say(effect_words(effect), false, undo);
                }
                self.ask_to_persist();
                Ok(applied)
            }
            Err(_) => {
                self.say(t(Msg::SaveFailed), true, None);
                Err(DispatchError::NotSaved)
            }
        }
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

    /// Writes the given shards. Before writing, records another tab stored meanwhile are merged
    /// in, so neither tab overwrites the other's change. On failure every shard is put back.
    fn save(&self, keys: &[ShardKey], now: Millis) -> Result<(), StorageError> {
        if self
            .warnings
            .with_untracked(|w| w.contains(&Warning::StorageOff))
        {
            return Ok(()); // nothing can be stored; the banner says so
        }
        let unreadable = self.unreadable.get_value();
        let keys: Vec<ShardKey> = keys
            .iter()
            .filter(|k| !unreadable.contains(&k.key()))
            .cloned()
            .collect();
        // Read what is stored now; where another tab changed it since we last saw it, merge its
        // records in first.
        let mut olds: Vec<Option<String>> = Vec::with_capacity(keys.len());
        for key in &keys {
            let k = key.key();
            let old = storage::get(&k)?;
            if let Some(o) = &old {
                let seen = self.seen.with_value(|s| s.get(&k).copied());
                if seen != Some(shards::fingerprint(o)) {
                    if let Ok(env) = read_stored(o, now) {
                        self.ws.update(|ws| {
                            merge::merge(ws, &env.data);
                        });
                    }
                }
            }
            olds.push(old);
        }
        let texts = self.ws.with_untracked(|ws| shards::texts(ws, &keys, now));
        let mut written: Vec<(ShardKey, Option<String>)> = Vec::new();
        let mut result = Ok(());
        for ((key, old), text) in keys.iter().zip(olds).zip(texts) {
            let k = key.key();
            let r = match &text {
                None => storage::remove(&k),
                Some(t) => storage::set(&k, t),
            };
            written.push((key.clone(), old));
            if let Err(e) = r {
                result = Err(e);
                break;
            }
            self.seen.update_value(|s| {
                match &text {
                    Some(t) => s.insert(k, shards::fingerprint(t)),
                    None => s.remove(&k),
                };
            });
        }
        if result.is_err() {
            // Put back what was stored, and make memory match it.
            for (key, old) in written.into_iter().rev() {
                let k = key.key();
                let part = match &old {
                    Some(o) => {
                        let _ = storage::set(&k, o);
                        read_stored(o, now).map(|e| e.data).unwrap_or_default()
                    }
                    None => {
                        let _ = storage::remove(&k);
                        Workspace::default()
                    }
                };
                self.ws.update(|ws| shards::replace_part(ws, &key, part));
            }
            for key in &keys {
                if let Ok(old) = storage::get(&key.key()) {
                    self.seen.update_value(|s| {
                        match &old {
                            Some(o) => s.insert(key.key(), shards::fingerprint(o)),
                            None => s.remove(&key.key()),
                        };
                    });
                    let part = old
                        .and_then(|o| read_stored(&o, now).ok())
                        .map(|e| e.data)
                        .unwrap_or_default();
                    self.ws.update(|ws| shards::replace_part(ws, key, part));
                }
            }
        }
        result
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

    /// Removes everything Waymark stored on this device.
    pub fn delete_all(&self) -> Result<(), StorageError> {
        let keys: Vec<String> = storage::entries(shards::PREFIX)?
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        for k in keys {
            storage::remove(&k)?;
        }
        storage::session_clear(shards::PREFIX);
        self.ws.set(Workspace::default());
        self.last_export.set(None);
        self.unreadable.set_value(Vec::new());
        self.warnings
            .update(|w| w.retain(|x| *x == Warning::StorageOff));
        Ok(())
    }

    fn listen_to_other_tabs(&self) {
        let store = *self;
        let handle =
            window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
                let Some(k) = ev.key() else {
                    // storage.clear() in another tab
                    store.ws.set(Workspace::default());
                    return;
                };
                if k == shards::EXPORTED_KEY {
                    store
                        .last_export
                        .set(ev.new_value().and_then(|s| s.parse().ok()).map(Millis));
                    return;
                }
                let Some(key) = ShardKey::parse(&k) else {
                    return;
                };
                store.seen.update_value(|s| {
                    match ev.new_value() {
                        Some(v) => s.insert(k.clone(), shards::fingerprint(&v)),
                        None => s.remove(&k),
                    };
                });
                match ev.new_value() {
                    Some(text) => match read_stored(&text, now()) {
                        Ok(env) => store.ws.update(|ws| {
                            merge::merge(ws, &env.data);
                        }),
                        Err(ReadError::NewerVersion { .. }) => {
                            store.warnings.update(|w| w.push(Warning::ReadOnlyNewer));
                            return;
                        }
                        Err(_) => return,
                    },
                    None => store
                        .ws
                        .update(|ws| shards::replace_part(ws, &key, Workspace::default())),
                }
                store.say(t(Msg::UpdatedElsewhere), false, None);
            });
        // The store lives as long as the app.
        std::mem::forget(handle);
    }
}

/// The store from context. Panics only if called outside the app (a programming error).
pub fn use_store() -> Store {
    expect_context::<Store>()
}
