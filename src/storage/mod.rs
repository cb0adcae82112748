//! Moves strings in and out of the browser, and nothing else: the workspace's records in
//! IndexedDB ([`idb`]), small values kept for this device (its mode, language, id, drafts) in
//! `localStorage`, and values kept for one tab in `sessionStorage`. Every call can fail (storage
//! turned off, private mode, quota): failures come back as values, never panics.
//!
//! We call `web_sys` directly rather than `gloo-storage`: gloo's `LocalStorage::raw()` throws
//! when the browser refuses access to storage, and we must tell the person instead.

pub mod crypto;
pub mod idb;
#[cfg(feature = "staff")]
pub mod remote;

use wasm_bindgen::JsCast;

pub use crate::domain::file::shards::StorageError;

fn local() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .ok_or(StorageError::Unavailable)?
        .local_storage()
        .ok()
        .flatten()
        .ok_or(StorageError::Unavailable)
}

pub(crate) fn classify(e: wasm_bindgen::JsValue) -> StorageError {
    match e.dyn_ref::<web_sys::DomException>().map(|d| d.name()) {
        Some(n) if n == "QuotaExceededError" || n == "NS_ERROR_DOM_QUOTA_REACHED" => {
            StorageError::QuotaExceeded
        }
        Some(n) if n == "SecurityError" => StorageError::Unavailable,
        Some(n) => StorageError::Other(n),
        None => StorageError::Other("unknown".into()),
    }
}

/// True when storage can be used at all.
pub fn available() -> bool {
    local().is_ok()
}

pub fn get(key: &str) -> Result<Option<String>, StorageError> {
    local()?.get_item(key).map_err(classify)
}

/// Writes a value. If it fails, the value stored before is still there.
pub fn set(key: &str, value: &str) -> Result<(), StorageError> {
    local()?.set_item(key, value).map_err(classify)
}

pub fn remove(key: &str) -> Result<(), StorageError> {
    local()?.remove_item(key).map_err(classify)
}

/// Every key and value whose key starts with `prefix`.
pub fn entries(prefix: &str) -> Result<Vec<(String, String)>, StorageError> {
    let s = local()?;
    let n = s.length().map_err(classify)?;
    let mut out = Vec::new();
    for i in 0..n {
        if let Ok(Some(k)) = s.key(i) {
            if k.starts_with(prefix) {
                if let Ok(Some(v)) = s.get_item(&k) {
                    out.push((k, v));
                }
            }
        }
    }
    Ok(out)
}

/// How much this site stores and may store, in bytes, as the browser estimates it; `None` where
/// the browser does not say (some WebKit versions).
pub async fn estimate() -> Option<(f64, f64)> {
    let sm = web_sys::window()?.navigator().storage();
    let p = sm.estimate().ok()?;
    let e: web_sys::StorageEstimate = wasm_bindgen_futures::JsFuture::from(p)
        .await
        .ok()?
        .unchecked_into();
    Some((e.get_usage()?, e.get_quota()?))
}

/// Whether the browser has agreed to keep this site's data when the device runs short of room.
pub async fn persisted() -> Option<bool> {
    let sm = web_sys::window()?.navigator().storage();
    let p = sm.persisted().ok()?;
    wasm_bindgen_futures::JsFuture::from(p)
        .await
        .ok()?
        .as_bool()
}

/// Removes every device value whose key starts with `prefix`.
pub fn remove_all(prefix: &str) -> Result<(), StorageError> {
    for (k, _) in entries(prefix)? {
        remove(&k)?;
    }
    Ok(())
}

fn session() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .ok_or(StorageError::Unavailable)?
        .session_storage()
        .ok()
        .flatten()
        .ok_or(StorageError::Unavailable)
}

/// The keys of drafts kept on the device (`localStorage`), such as a wheel reading in progress.
pub const DRAFT_PREFIX: &str = "waymark.wheeldraft.";

thread_local! {
    /// While the lock is on, what a person is typing (drafts, a list's search: values that can
    /// hold names) is kept here, in memory only, never in the browser's storage; dropped on
    /// locking. Each value with whether it belongs in `sessionStorage`.
    static PRIVATE: std::cell::RefCell<Option<std::collections::HashMap<String, (bool, String)>>> =
        const { std::cell::RefCell::new(None) };
}

fn private<T>(
    f: impl FnOnce(&mut std::collections::HashMap<String, (bool, String)>) -> T,
) -> Option<T> {
    PRIVATE.with(|p| p.borrow_mut().as_mut().map(f))
}

/// With the lock on (`true`), drafts and tab values move into memory and out of the browser's
/// storage; with it off, they go back.
pub fn keep_private(on: bool) {
    if on {
        let mut held = PRIVATE.with(|p| p.borrow_mut().take()).unwrap_or_default();
        for (k, v) in entries(DRAFT_PREFIX).unwrap_or_default() {
            let _ = remove(&k);
            held.insert(k, (false, v));
        }
        if let Ok(s) = session() {
            for k in keys_of(&s, PREFIX) {
                if let Ok(Some(v)) = s.get_item(&k) {
                    held.insert(k.clone(), (true, v));
                }
                let _ = s.remove_item(&k);
            }
        }
        PRIVATE.with(|p| *p.borrow_mut() = Some(held));
    } else if let Some(held) = PRIVATE.with(|p| p.borrow_mut().take()) {
        for (k, (tab, v)) in held {
            let _ = if tab {
                session_set(&k, &v)
            } else {
                set(&k, &v)
            };
        }
    }
}

/// Forgets every value kept in memory (on locking); they stay kept in memory from now on.
pub fn forget_private() {
    private(|m| m.clear());
}

const PREFIX: &str = "waymark.";

/// A draft kept on the device (in memory only while the lock is on).
pub fn draft_get(key: &str) -> Option<String> {
    match private(|m| m.get(key).map(|(_, v)| v.clone())) {
        Some(v) => v,
        None => get(key).ok().flatten(),
    }
}

pub fn draft_set(key: &str, value: &str) -> Result<(), StorageError> {
    match private(|m| m.insert(key.to_string(), (false, value.to_string()))) {
        Some(_) => Ok(()),
        None => set(key, value),
    }
}

pub fn draft_remove(key: &str) {
    if private(|m| m.remove(key)).is_none() {
        let _ = remove(key);
    }
}

/// Reads a value kept for this tab only (`sessionStorage`: it survives a reload, not the tab;
/// in memory only while the lock is on).
pub fn session_get(key: &str) -> Option<String> {
    match private(|m| m.get(key).map(|(_, v)| v.clone())) {
        Some(v) => v,
        None => session().ok()?.get_item(key).ok().flatten(),
    }
}

pub fn session_set(key: &str, value: &str) -> Result<(), StorageError> {
    match private(|m| m.insert(key.to_string(), (true, value.to_string()))) {
        Some(_) => Ok(()),
        None => session()?.set_item(key, value).map_err(classify),
    }
}

pub fn session_remove(key: &str) {
    if private(|m| m.remove(key)).is_none() {
        if let Ok(s) = session() {
            let _ = s.remove_item(key);
        }
    }
}

/// The keys in `s` that start with `prefix` (listed first: removing while counting skips some).
fn keys_of(s: &web_sys::Storage, prefix: &str) -> Vec<String> {
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Removes every tab-only value whose key starts with `prefix`.
pub fn session_clear(prefix: &str) {
    if let Ok(s) = session() {
        for k in keys_of(&s, prefix) {
            let _ = s.remove_item(&k);
        }
    }
}
