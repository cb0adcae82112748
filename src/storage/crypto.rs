//! The browser's own WebCrypto: a key derived from a passphrase (PBKDF2-HMAC-SHA-256) and
//! AES-256-GCM, for locked files and for the lock on the device (issue 19). Moves bytes in and
//! out of the browser and nothing else; the schemes and their checks are `domain::file::locked`
//! and `domain::file::vault`. Keys are non-extractable `CryptoKey`s: a file's only while it is
//! being locked or opened; the device's data key in memory while the app is unlocked, and never
//! written anywhere but wrapped.

use crate::domain::file::locked::{self, LockedError, IV_BYTES, SALT_BYTES};
#[cfg(feature = "staff")]
use crate::domain::file::locked::{Sealed, AAD};
use crate::domain::file::vault::{self, LockRecord};
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// Why a locked file could not be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// The passphrase does not open it (or the file was changed since it was locked: AES-GCM
    /// cannot tell the two apart, and neither can we).
    Wrong,
    Locked(LockedError),
    /// The browser has no WebCrypto here (an insecure origin, or a very old browser).
    Unavailable,
}

fn subtle() -> Option<SubtleCrypto> {
    web_sys::window()?.crypto().ok().map(|c| c.subtle())
}

/// `n` random bytes from the browser's cryptographic generator.
fn random(n: usize) -> Option<Vec<u8>> {
    let mut v = vec![0u8; n];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut v)
        .ok()?;
    Some(v)
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

async fn done(p: Result<Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(p?).await
}

/// The AES-GCM key for a passphrase and salt, for `usages`.
async fn derive(
    s: &SubtleCrypto,
    pass: &str,
    salt: &[u8],
    iterations: u32,
    usages: Array,
) -> Result<CryptoKey, JsValue> {
    let raw = Uint8Array::from(pass.as_bytes());
    let base = done(s.import_key_with_str(
        "raw",
        &raw,
        "PBKDF2",
        false,
        &Array::of1(&"deriveKey".into()),
    ))
    .await?
    .unchecked_into::<CryptoKey>();
    let pbkdf2 = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ]);
    Ok(
        done(s.derive_key_with_object_and_object(&pbkdf2, &base, &aes256(), false, &usages))
            .await?
            .unchecked_into(),
    )
}

fn aes256() -> Object {
    object(&[("name", "AES-GCM".into()), ("length", 256.into())])
}

fn crypt() -> Array {
    Array::of2(&"encrypt".into(), &"decrypt".into())
}

fn wrapping() -> Array {
    Array::of2(&"wrapKey".into(), &"unwrapKey".into())
}

/// AES-GCM with `iv`, `aad` as additional data and a 128-bit tag.
fn gcm(iv: &[u8], aad: &[u8]) -> Object {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
        ("additionalData", Uint8Array::from(aad).into()),
        ("tagLength", 128.into()),
    ])
}

/// The AES-GCM key for a locked file.
#[cfg(feature = "staff")]
async fn key(
    s: &SubtleCrypto,
    pass: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, JsValue> {
    derive(s, pass, salt, iterations, crypt()).await
}

/// A locked file holding `text`, with a fresh salt and IV.
#[cfg(feature = "staff")]
pub async fn lock(text: &str, pass: &str) -> Option<String> {
    let s = subtle()?;
    let (salt, iv) = (random(SALT_BYTES)?, random(IV_BYTES)?);
    let k = key(&s, pass, &salt, locked::ITERATIONS).await.ok()?;
    let out = done(s.encrypt_with_object_and_u8_array(&gcm(&iv, AAD), &k, text.as_bytes()))
        .await
        .ok()?;
    Some(locked::write(&Sealed {
        iterations: locked::ITERATIONS,
        salt,
        iv,
        data: Uint8Array::new(&out).to_vec(),
    }))
}

/// The Waymark file inside a locked file whose envelope was read and checked
/// ([`locked::read`]).
#[cfg(feature = "staff")]
pub async fn open(sealed: &Sealed, pass: &str) -> Result<String, OpenError> {
    let s = subtle().ok_or(OpenError::Unavailable)?;
    let k = key(&s, pass, &sealed.salt, sealed.iterations)
        .await
        .map_err(|_| OpenError::Unavailable)?;
    let out = done(s.decrypt_with_object_and_u8_array(&gcm(&sealed.iv, AAD), &k, &sealed.data))
        .await
        .map_err(|_| OpenError::Wrong)?;
    String::from_utf8(Uint8Array::new(&out).to_vec())
        .map_err(|_| OpenError::Locked(LockedError::Damaged))
}

// The lock on the device.

thread_local! {
    /// The data key and its id, while the app is unlocked with the lock on.
    static DATA_KEY: RefCell<Option<(CryptoKey, String)>> = const { RefCell::new(None) };
}

/// The data key in use, if the lock is on and the app unlocked.
pub fn data_key() -> Option<CryptoKey> {
    DATA_KEY.with(|k| k.borrow().as_ref().map(|(k, _)| k.clone()))
}

/// The id of the data key in use (`None`: no lock, or locked).
pub fn data_key_id() -> Option<String> {
    DATA_KEY.with(|k| k.borrow().as_ref().map(|(_, id)| id.clone()))
}

/// Starts using a data key (after unlocking, or turning the lock on).
pub fn use_data_key(key: CryptoKey, id: String) {
    DATA_KEY.with(|k| *k.borrow_mut() = Some((key, id)));
}

/// Drops the data key from memory (locking, or turning the lock off).
pub fn forget_data_key() {
    DATA_KEY.with(|k| *k.borrow_mut() = None);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new lock: a random data key wrapped under `pass`. Returns the lock record and the data
/// key, non-extractable (its extractable twin, needed only to wrap it, is dropped here).
pub async fn new_lock(pass: &str) -> Option<(LockRecord, CryptoKey)> {
    let s = subtle()?;
    let (salt, iv, id) = (random(SALT_BYTES)?, random(IV_BYTES)?, random(8)?);
    let id = hex(&id);
    let fresh: CryptoKey = done(s.generate_key_with_object(&aes256(), true, &crypt()))
        .await
        .ok()?
        .unchecked_into();
    let kek = derive(&s, pass, &salt, locked::ITERATIONS, wrapping())
        .await
        .ok()?;
    let wrapped = done(s.wrap_key_with_object("raw", &fresh, &kek, &gcm(&iv, id.as_bytes())))
        .await
        .ok()?;
    let record = LockRecord::new(id, salt, iv, Uint8Array::new(&wrapped).to_vec());
    let key = unwrap(&s, &record, &kek, false).await.ok()?;
    Some((record, key))
}

/// The data key of `record`, unwrapped with the key derived from the passphrase.
async fn unwrap(
    s: &SubtleCrypto,
    record: &LockRecord,
    kek: &CryptoKey,
    extractable: bool,
) -> Result<CryptoKey, JsValue> {
    // The key's id is bound to it as additional data: a record cannot borrow another's key.
    Ok(done(s.unwrap_key_with_u8_array_and_object_and_object(
        "raw",
        &record.wrapped,
        kek,
        &gcm(&record.iv, record.id.as_bytes()),
        &aes256(),
        extractable,
        &crypt(),
    ))
    .await?
    .unchecked_into())
}

/// The data key of a lock, if `pass` is its passphrase.
pub async fn unlock(record: &LockRecord, pass: &str) -> Result<CryptoKey, OpenError> {
    let s = subtle().ok_or(OpenError::Unavailable)?;
    let kek = derive(&s, pass, &record.salt, record.iterations, wrapping())
        .await
        .map_err(|_| OpenError::Unavailable)?;
    unwrap(&s, record, &kek, false)
        .await
        .map_err(|_| OpenError::Wrong)
}

/// The same data key wrapped under a new passphrase (a fresh salt and IV), if `old` is the
/// passphrase now.
pub async fn rewrap(record: &LockRecord, old: &str, new: &str) -> Result<LockRecord, OpenError> {
    let s = subtle().ok_or(OpenError::Unavailable)?;
    let kek = derive(&s, old, &record.salt, record.iterations, wrapping())
        .await
        .map_err(|_| OpenError::Unavailable)?;
    let key = unwrap(&s, record, &kek, true)
        .await
        .map_err(|_| OpenError::Wrong)?;
    let (salt, iv) = (
        random(SALT_BYTES).ok_or(OpenError::Unavailable)?,
        random(IV_BYTES).ok_or(OpenError::Unavailable)?,
    );
    let kek = derive(&s, new, &salt, locked::ITERATIONS, wrapping())
        .await
        .map_err(|_| OpenError::Unavailable)?;
    let wrapped = done(s.wrap_key_with_object("raw", &key, &kek, &gcm(&iv, record.id.as_bytes())))
        .await
        .map_err(|_| OpenError::Unavailable)?;
    Ok(LockRecord::new(
        record.id.clone(),
        salt,
        iv,
        Uint8Array::new(&wrapped).to_vec(),
    ))
}

/// Waits for every promise together.
async fn all(promises: Vec<Promise>) -> Result<Vec<JsValue>, JsValue> {
    let list: Array = promises.into_iter().collect();
    let out = JsFuture::from(Promise::all(&list)).await?;
    Ok(Array::from(&out).iter().collect())
}

/// Each value sealed under `key` with its storage key as additional data (`None` stays
/// `None`: a removal). `None` if the browser refused.
pub async fn seal_all(
    key: &CryptoKey,
    values: &[(String, Option<String>)],
) -> Option<Vec<Option<String>>> {
    let s = subtle()?;
    let mut ivs = Vec::new();
    let mut promises = Vec::new();
    for (name, v) in values {
        if let Some(v) = v {
            let iv = random(IV_BYTES)?;
            let p = s
                .encrypt_with_object_and_u8_array(&gcm(&iv, name.as_bytes()), key, v.as_bytes())
                .ok()?;
            ivs.push(iv);
            promises.push(p);
        }
    }
    let mut sealed = all(promises)
        .await
        .ok()?
        .into_iter()
        .zip(ivs)
        .map(|(out, iv)| vault::seal_text(&iv, &Uint8Array::new(&out).to_vec()));
    Some(
        values
            .iter()
            .map(|(_, v)| v.as_ref().and_then(|_| sealed.next()))
            .collect(),
    )
}

/// Each sealed value opened (`None` where it is not sealed, was sealed under another key or
/// another storage key, or was changed).
pub async fn open_all(key: &CryptoKey, values: &[(String, String)]) -> Vec<Option<String>> {
    let Some(s) = subtle() else {
        return vec![None; values.len()];
    };
    // A refusal is a value, not a failure of the whole: the others still open. (Kept alive
    // until every promise has settled.)
    let refused = wasm_bindgen::closure::Closure::<dyn FnMut(JsValue)>::new(|_| ());
    let mut each = Vec::with_capacity(values.len());
    for (name, v) in values {
        let p = vault::open_text(v).and_then(|(iv, data)| {
            s.decrypt_with_object_and_u8_array(&gcm(&iv, name.as_bytes()), key, &data)
                .ok()
        });
        each.push(p.map(|p| p.catch(&refused)));
    }
    let promises: Vec<Promise> = each.iter().flatten().cloned().collect();
    let mut outs = all(promises).await.unwrap_or_default().into_iter();
    each.iter()
        .map(|p| {
            p.as_ref()?;
            let out = outs.next()?;
            if out.is_undefined() {
                return None;
            }
            String::from_utf8(Uint8Array::new(&out).to_vec()).ok()
        })
        .collect::<Vec<_>>()
}
