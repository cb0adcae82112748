//! The browser's own WebCrypto, for locked files: a key derived from a passphrase
//! (PBKDF2-HMAC-SHA-256) and AES-256-GCM. Moves bytes in and out of the browser and nothing else;
//! the scheme and its checks are `domain::file::locked`. Keys are non-extractable `CryptoKey`s,
//! kept only while a file is being locked or opened.

use crate::domain::file::locked::{self, LockedError, Sealed, AAD, IV_BYTES, SALT_BYTES};
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
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

/// The AES-GCM key for a passphrase and salt.
async fn key(
    s: &SubtleCrypto,
    pass: &str,
    salt: &[u8],
    iterations: u32,
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
    let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    Ok(
        done(s.derive_key_with_object_and_object(&pbkdf2, &base, &aes, false, &usages))
            .await?
            .unchecked_into(),
    )
}

fn gcm(iv: &[u8]) -> Object {
    object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(iv).into()),
        ("additionalData", Uint8Array::from(AAD).into()),
        ("tagLength", 128.into()),
    ])
}

/// A locked file holding `text`, with a fresh salt and IV.
pub async fn lock(text: &str, pass: &str) -> Option<String> {
    let s = subtle()?;
    let (salt, iv) = (random(SALT_BYTES)?, random(IV_BYTES)?);
    let k = key(&s, pass, &salt, locked::ITERATIONS).await.ok()?;
    let out = done(s.encrypt_with_object_and_u8_array(&gcm(&iv), &k, text.as_bytes()))
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
pub async fn open(sealed: &Sealed, pass: &str) -> Result<String, OpenError> {
    let s = subtle().ok_or(OpenError::Unavailable)?;
    let k = key(&s, pass, &sealed.salt, sealed.iterations)
        .await
        .map_err(|_| OpenError::Unavailable)?;
    let out = done(s.decrypt_with_object_and_u8_array(&gcm(&sealed.iv), &k, &sealed.data))
        .await
        .map_err(|_| OpenError::Wrong)?;
    String::from_utf8(Uint8Array::new(&out).to_vec())
        .map_err(|_| OpenError::Locked(LockedError::Damaged))
}
