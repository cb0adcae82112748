//! Moves the workspace's values in and out of IndexedDB (database `waymark`, object store
//! `records`: one string per key, the keys of [`crate::domain::file::shards`]), and nothing else.
//! IndexedDB's room is a share of the disk, not localStorage's 5 MB, and a transaction is all or
//! nothing: a write that fails leaves every value as it was.
//!
//! Requests are turned into futures without any closure of our own where we can: a request's
//! `onsuccess` is the promise's `resolve` itself.

use super::{classify, StorageError};
use js_sys::{Array, Function, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

pub const DB_NAME: &str = "waymark";
pub const STORE: &str = "records";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

fn db() -> Result<IdbDatabase, StorageError> {
    DB.with(|d| d.borrow().clone())
        .ok_or(StorageError::Unavailable)
}

/// Starts listening to a request. Listen before anything is awaited: a request whose events
/// have fired before its handler was set would never be heard.
fn listen(req: &IdbRequest) -> JsFuture {
    JsFuture::from(Promise::new(&mut |resolve: Function, reject: Function| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    }))
}

/// Waits for a request heard by [`listen`]: its result, or the error named by the browser.
async fn done(req: &IdbRequest, heard: JsFuture) -> Result<JsValue, StorageError> {
    match heard.await {
        Ok(_) => req.result().map_err(classify),
        Err(_) => Err(req
            .error()
            .ok()
            .flatten()
            .map(JsValue::from)
            .map_or(StorageError::Other("unknown".into()), classify)),
    }
}

/// Waits for a transaction to complete (everything written), or to fail (nothing written).
async fn committed(tx: &IdbTransaction) -> Result<(), StorageError> {
    let p = Promise::new(&mut |resolve: Function, reject: Function| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&reject));
        tx.set_onerror(Some(&reject));
    });
    JsFuture::from(p).await.map(|_| ()).map_err(|_| {
        tx.error()
            .map(JsValue::from)
            .map_or(StorageError::Other("AbortError".into()), classify)
    })
}

fn transaction(write: bool) -> Result<(IdbTransaction, IdbObjectStore), StorageError> {
    let mode = if write {
        IdbTransactionMode::Readwrite
    } else {
        IdbTransactionMode::Readonly
    };
    let tx = db()?
        .transaction_with_str_and_mode(STORE, mode)
        .map_err(classify)?;
    let store = tx.object_store(STORE).map_err(classify)?;
    Ok((tx, store))
}

/// Opens (or makes) the database. Fails where the browser keeps no IndexedDB for this page
/// (storage turned off; some private windows), or where a newer Waymark changed its layout.
pub async fn open() -> Result<(), StorageError> {
    let factory = web_sys::window()
        .ok_or(StorageError::Unavailable)?
        .indexed_db()
        .map_err(|_| StorageError::Unavailable)?
        .ok_or(StorageError::Unavailable)?;
    let req = factory.open(DB_NAME).map_err(classify)?;
    // Made at first use (version 1): one object store, keys given with each value.
    let upgrade = Closure::once_into_js(move |ev: web_sys::Event| {
        if let Some(db) = ev
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let heard = listen(&req);
    let db: IdbDatabase = done(&req, heard)
        .await?
        .dyn_into()
        .map_err(|_| StorageError::Unavailable)?;
    if !db.object_store_names().contains(STORE) {
        db.close();
        return Err(StorageError::Newer);
    }
    // A newer Waymark in another tab wants to change the layout: let it (this tab's writes then
    // fail and say so, rather than block it).
    let closer = Closure::<dyn Fn()>::new({
        let db = db.clone();
        move || db.close()
    });
    db.set_onversionchange(Some(closer.as_ref().unchecked_ref()));
    closer.forget();
    DB.with(|d| *d.borrow_mut() = Some(db));
    Ok(())
}

/// True once [`open`] has succeeded.
pub fn is_open() -> bool {
    DB.with(|d| d.borrow().is_some())
}

/// Forgets the database (tests; a device whose data was erased keeps it open).
pub fn close() {
    if let Some(db) = DB.with(|d| d.borrow_mut().take()) {
        db.close();
    }
}

fn strings(v: &JsValue) -> Vec<Option<String>> {
    Array::from(v).iter().map(|x| x.as_string()).collect()
}

/// Every key and value stored.
pub async fn read_all() -> Result<Vec<(String, String)>, StorageError> {
    let (_tx, store) = transaction(false)?;
    let keys = store.get_all_keys().map_err(classify)?;
    let values = store.get_all().map_err(classify)?;
    let (hk, hv) = (listen(&keys), listen(&values));
    let keys = strings(&done(&keys, hk).await?);
    let values = strings(&done(&values, hv).await?);
    Ok(keys
        .into_iter()
        .zip(values)
        .filter_map(|(k, v)| Some((k?, v?)))
        .collect())
}

/// The values stored under `keys` (`None` where there is none), read together.
pub async fn read(keys: &[String]) -> Result<Vec<Option<String>>, StorageError> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let (_tx, store) = transaction(false)?;
    let reqs: Vec<(IdbRequest, JsFuture)> = keys
        .iter()
        .map(|k| {
            let r = store.get(&JsValue::from_str(k)).map_err(classify)?;
            let heard = listen(&r);
            Ok((r, heard))
        })
        .collect::<Result<_, StorageError>>()?;
    let mut out = Vec::with_capacity(reqs.len());
    for (r, heard) in reqs {
        out.push(done(&r, heard).await?.as_string());
    }
    Ok(out)
}

fn write_all(store: &IdbObjectStore, writes: &[(String, Option<String>)]) -> Result<(), JsValue> {
    for (k, v) in writes {
        let key = JsValue::from_str(k);
        match v {
            Some(v) => store.put_with_key(&JsValue::from_str(v), &key)?,
            None => store.delete(&key)?,
        };
    }
    Ok(())
}

/// Writes values (`None` removes the key) in one transaction: all of them, or none.
pub async fn write(writes: Vec<(String, Option<String>)>) -> Result<(), StorageError> {
    if writes.is_empty() {
        return Ok(());
    }
    let (tx, store) = transaction(true)?;
    if let Err(e) = write_all(&store, &writes) {
        let _ = tx.abort();
        return Err(classify(e));
    }
    committed(&tx).await
}

/// Reads `keys`, hands what is stored to `then`, and writes what it returns, all in one
/// transaction, so that nothing another tab writes can fall between the read and the write.
/// `then` runs inside the browser's callback and must not wait for anything.
pub async fn update(
    keys: Vec<String>,
    then: impl FnOnce(Vec<Option<String>>) -> Vec<(String, Option<String>)> + 'static,
) -> Result<(), StorageError> {
    if keys.is_empty() {
        return Ok(());
    }
    let (tx, store) = transaction(true)?;
    let reqs: Vec<IdbRequest> = keys
        .iter()
        .map(|k| store.get(&JsValue::from_str(k)).map_err(classify))
        .collect::<Result<_, _>>()?;
    // Requests on one store complete in order: when the last read is done, all are.
    let last = reqs.last().cloned();
    let refused = std::rc::Rc::new(RefCell::new(None::<StorageError>));
    let on_read = Closure::once_into_js({
        let (tx, refused) = (tx.clone(), refused.clone());
        move || {
            let olds = reqs
                .iter()
                .map(|r| r.result().ok().and_then(|v| v.as_string()))
                .collect();
            let writes = then(olds);
            if let Err(e) = write_all(&store, &writes) {
                // A put refused at once (a full device, in some browsers): nothing is kept.
                *refused.borrow_mut() = Some(classify(e));
                let _ = tx.abort();
            }
        }
    });
    if let Some(last) = last {
        last.set_onsuccess(Some(on_read.unchecked_ref()));
    }
    let result = committed(&tx).await;
    let refused = refused.borrow_mut().take();
    match (result, refused) {
        (Err(_), Some(e)) => Err(e),
        (r, _) => r,
    }
}

/// Like [`update`], over every key and value stored: hands them all to `then` and writes what it
/// returns, in one transaction (turning the lock on or off rewrites every value at once).
pub async fn update_all(
    then: impl FnOnce(Vec<(String, String)>) -> Vec<(String, Option<String>)> + 'static,
) -> Result<(), StorageError> {
    let (tx, store) = transaction(true)?;
    let keys = store.get_all_keys().map_err(classify)?;
    let values = store.get_all().map_err(classify)?;
    let refused = std::rc::Rc::new(RefCell::new(None::<StorageError>));
    let on_read = Closure::once_into_js({
        let (tx, refused, values2) = (tx.clone(), refused.clone(), values.clone());
        move || {
            let (k, v) = (
                keys.result().map(|r| strings(&r)).unwrap_or_default(),
                values2.result().map(|r| strings(&r)).unwrap_or_default(),
            );
            let stored = k
                .into_iter()
                .zip(v)
                .filter_map(|(k, v)| Some((k?, v?)))
                .collect();
            if let Err(e) = write_all(&store, &then(stored)) {
                *refused.borrow_mut() = Some(classify(e));
                let _ = tx.abort();
            }
        }
    });
    // Requests complete in order: the values' request is the later one.
    values.set_onsuccess(Some(on_read.unchecked_ref()));
    let result = committed(&tx).await;
    let refused = refused.borrow_mut().take();
    match (result, refused) {
        (Err(_), Some(e)) => Err(e),
        (r, _) => r,
    }
}

/// Removes every value.
pub async fn clear() -> Result<(), StorageError> {
    let (tx, store) = transaction(true)?;
    store.clear().map_err(classify)?;
    committed(&tx).await
}
