//! A [`Backend`] in memory, for driving the engine in native tests: a device's storage shared by
//! its tabs ([`Memory::tab`]), each tab with its own data key and its own list of what it told
//! the others. Faults can be planted: the next transaction refused (the device full), or another
//! tab's write made inside the next transactions before they decide.
//!
//! Sealing here is **not** cryptography: a sealed value is the plain text marked with its key's
//! id, in the stored form of a sealed value, so the engine's rules about who may open what can be
//! tested without WebCrypto.

use super::{Backend, Decide, Scope, TabMessage};
use crate::domain::file::locked::{IV_BYTES, TAG_BYTES};
use crate::domain::file::shards::StorageError;
use crate::domain::file::vault;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

type Values = BTreeMap<String, String>;
type Meddle = Box<dyn FnMut(&mut Values)>;

#[derive(Default)]
struct Device {
    values: Values,
    /// The next transaction fails with this error, writing nothing.
    fail: Option<StorageError>,
    /// Run inside each transaction before it reads (another tab's write, just in time).
    meddle: Option<Meddle>,
    /// Every message any tab told, with the tab that told it.
    told: Vec<(usize, TabMessage)>,
    tabs: usize,
    /// Values kept aside (the device's `localStorage`).
    aside: Values,
    /// Keeping aside fails (the small storage full, or refused).
    aside_refused: bool,
}

/// One tab's view of a device's storage.
pub struct Memory {
    device: Rc<RefCell<Device>>,
    tab: usize,
    key: RefCell<Option<String>>,
}

impl Default for Memory {
    fn default() -> Self {
        Memory {
            device: Rc::default(),
            tab: 0,
            key: RefCell::new(None),
        }
    }
}

impl Memory {
    /// Another tab of the same device (no data key until it is given one).
    pub fn tab(&self) -> Memory {
        let tab = {
            let mut d = self.device.borrow_mut();
            d.tabs += 1;
            d.tabs
        };
        Memory {
            device: self.device.clone(),
            tab,
            key: RefCell::new(None),
        }
    }

    /// This tab holds the data key named `id` (`None`: none).
    pub fn hold_key(&self, id: Option<&str>) {
        *self.key.borrow_mut() = id.map(str::to_string);
    }

    /// Everything stored on the device.
    pub fn values(&self) -> Values {
        self.device.borrow().values.clone()
    }

    /// Stores a value directly (as another tab or an older version would).
    pub fn put(&self, key: &str, value: &str) {
        self.device
            .borrow_mut()
            .values
            .insert(key.to_string(), value.to_string());
    }

    /// The next transaction fails with `e` and writes nothing.
    pub fn fail_next(&self, e: StorageError) {
        self.device.borrow_mut().fail = Some(e);
    }

    /// Runs `f` on the stored values inside every transaction from now on, before it reads.
    pub fn meddle(&self, f: impl FnMut(&mut Values) + 'static) {
        self.device.borrow_mut().meddle = Some(Box::new(f));
    }

    pub fn stop_meddling(&self) {
        self.device.borrow_mut().meddle = None;
    }

    /// What this tab told the others, in order.
    pub fn told(&self) -> Vec<TabMessage> {
        self.device
            .borrow()
            .told
            .iter()
            .filter(|(t, _)| *t == self.tab)
            .map(|(_, m)| m.clone())
            .collect()
    }

    /// Values kept aside on the device.
    pub fn kept_aside(&self) -> Values {
        self.device.borrow().aside.clone()
    }

    /// Keeps a value aside directly (as a reload or an older version would have left it).
    pub fn leave_aside(&self, key: &str, text: &str) {
        self.device
            .borrow_mut()
            .aside
            .insert(key.to_string(), text.to_string());
    }

    /// Keeping aside is refused from now on (`true`), or allowed again.
    pub fn refuse_aside(&self, refused: bool) {
        self.device.borrow_mut().aside_refused = refused;
    }

    /// A value sealed under the key `id` (see the module's note: not cryptography).
    pub fn sealed(id: &str, text: &str) -> String {
        let mut data = format!("{id}\n{text}").into_bytes();
        data.extend([0u8; TAG_BYTES]);
        vault::seal_text(&[0u8; IV_BYTES], &data)
    }

    fn opened(id: &str, text: &str) -> Option<String> {
        let (_, data) = vault::open_text(text)?;
        let body = String::from_utf8(data[..data.len() - TAG_BYTES].to_vec()).ok()?;
        let (by, plain) = body.split_once('\n')?;
        (by == id).then(|| plain.to_string())
    }
}

impl Backend for Memory {
    async fn read(&self, keys: &[String]) -> Result<Vec<Option<String>>, StorageError> {
        let d = self.device.borrow();
        Ok(keys.iter().map(|k| d.values.get(k).cloned()).collect())
    }

    async fn read_all(&self) -> Result<Vec<(String, String)>, StorageError> {
        Ok(self.values().into_iter().collect())
    }

    async fn transact(&self, scope: Scope, decide: Decide) -> Result<(), StorageError> {
        let mut d = self.device.borrow_mut();
        if let Some(e) = d.fail.take() {
            return Err(e);
        }
        if let Some(mut f) = d.meddle.take() {
            f(&mut d.values);
            d.meddle = Some(f);
        }
        let stored = match scope {
            Scope::Keys(keys) => keys
                .into_iter()
                .map(|k| {
                    let v = d.values.get(&k).cloned();
                    (k, v)
                })
                .collect(),
            Scope::All => d
                .values
                .iter()
                .map(|(k, v)| (k.clone(), Some(v.clone())))
                .collect(),
        };
        for (k, v) in decide(stored) {
            match v {
                Some(v) => d.values.insert(k, v),
                None => d.values.remove(&k),
            };
        }
        Ok(())
    }

    fn key_id(&self) -> Option<String> {
        self.key.borrow().clone()
    }

    async fn seal(&self, values: &[(String, Option<String>)]) -> Option<Vec<Option<String>>> {
        let id = self.key_id()?;
        Some(
            values
                .iter()
                .map(|(_, v)| v.as_deref().map(|v| Memory::sealed(&id, v)))
                .collect(),
        )
    }

    async fn open(&self, values: &[(String, String)]) -> Vec<Option<String>> {
        let id = self.key_id();
        values
            .iter()
            .map(|(_, v)| Memory::opened(id.as_deref()?, v))
            .collect()
    }

    fn tell(&self, message: &TabMessage) {
        self.device
            .borrow_mut()
            .told
            .push((self.tab, message.clone()));
    }

    async fn pause(&self) {}

    fn clock(&self) -> f64 {
        0.0
    }

    fn tab_id(&self) -> String {
        format!("tab{}", self.tab)
    }

    fn put_aside(&self, key: &str, text: &str) -> bool {
        let mut d = self.device.borrow_mut();
        if d.aside_refused {
            return false;
        }
        d.aside.insert(key.to_string(), text.to_string());
        true
    }

    fn take_aside(&self, key: &str) {
        self.device.borrow_mut().aside.remove(key);
    }

    fn aside(&self) -> Vec<(String, String)> {
        self.kept_aside().into_iter().collect()
    }
}
