//! The engine's [`Backend`] in the browser: values in IndexedDB, sealed with the data key held
//! in memory (WebCrypto), tabs told over a `BroadcastChannel`. A message travels as an object
//! `{m: "<the message's text>"}`, with the data key (a `CryptoKey`, which the browser passes
//! between tabs without it leaving memory) and its id beside it where the message hands it over.

use super::{Backend, Decide, Scope, TabMessage};
use crate::domain::file::shards::{self, StorageError};
use crate::storage::{self, crypto, idb};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The browser's storage, keys and channel, as this tab holds them.
pub struct Browser;

impl Backend for Browser {
    async fn read(&self, keys: &[String]) -> Result<Vec<Option<String>>, StorageError> {
        idb::read(keys).await
    }

    async fn read_all(&self) -> Result<Vec<(String, String)>, StorageError> {
        idb::read_all().await
    }

    async fn transact(&self, scope: Scope, decide: Decide) -> Result<(), StorageError> {
        match scope {
            Scope::Keys(keys) => {
                let names = keys.clone();
                idb::update(keys, move |olds| {
                    decide(names.into_iter().zip(olds).collect())
                })
                .await
            }
            Scope::All => {
                idb::update_all(move |all| {
                    decide(all.into_iter().map(|(k, v)| (k, Some(v))).collect())
                })
                .await
            }
        }
    }

    fn key_id(&self) -> Option<String> {
        crypto::data_key().and(crypto::data_key_id())
    }

    async fn seal(&self, values: &[(String, Option<String>)]) -> Option<Vec<Option<String>>> {
        crypto::seal_all(&crypto::data_key()?, values).await
    }

    async fn open(&self, values: &[(String, String)]) -> Vec<Option<String>> {
        match crypto::data_key() {
            Some(key) => crypto::open_all(&key, values).await,
            None => vec![None; values.len()],
        }
    }

    fn tell(&self, message: &TabMessage) {
        let _ = post(message, None);
    }

    async fn pause(&self) {
        next_task().await;
    }

    fn clock(&self) -> f64 {
        js_sys::Date::now()
    }

    fn tab_id(&self) -> String {
        // Unique enough among one device's open tabs.
        format!(
            "{:x}",
            (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
        )
    }

    fn put_aside(&self, key: &str, text: &str) -> bool {
        storage::set(key, text).is_ok()
    }

    fn take_aside(&self, key: &str) {
        let _ = storage::remove(key);
    }

    fn aside(&self) -> Vec<(String, String)> {
        storage::entries(shards::PREFIX).unwrap_or_default()
    }
}

/// Resolves in a later task (a `setTimeout` of 0), letting the browser handle input and paint.
pub async fn next_task() {
    let later = js_sys::Promise::new(&mut |done, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&done);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(later).await;
}

/// The name of the channel on which tabs tell each other what they did.
const CHANNEL: &str = "waymark";

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

/// Tells the other tabs, handing over a data key and its id where given; false if the browser
/// could not send it (a key it cannot pass between tabs), or there is no channel.
pub fn post(message: &TabMessage, key: Option<(&web_sys::CryptoKey, &str)>) -> bool {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"m".into(), &message.to_text().into());
    if let Some((k, id)) = key {
        let _ = js_sys::Reflect::set(&o, &"key".into(), k);
        let _ = js_sys::Reflect::set(&o, &"id".into(), &id.into());
    }
    channel().is_some_and(|c| c.post_message(&o).is_ok())
}

/// Calls `heard` with each message another tab sends (and the data key with its id, where one
/// was handed over), for as long as the app lives. Anything else on the channel is ignored.
pub fn listen(heard: impl Fn(TabMessage, Option<(web_sys::CryptoKey, String)>) + 'static) {
    let Some(channel) = channel() else {
        return;
    };
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let get = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).ok();
            let Some(message) = get("m")
                .and_then(|m| m.as_string())
                .and_then(|m| TabMessage::parse(&m))
            else {
                return;
            };
            let key = get("key").and_then(|k| k.dyn_into::<web_sys::CryptoKey>().ok());
            let id = get("id").and_then(|v| v.as_string());
            heard(message, key.zip(id));
        });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}
