//! The interface language: the choice kept on this device, the catalogue fetched before the app
//! first draws (so nothing flashes in English), the built-in content in that language, and the
//! chooser. English is compiled in; another language is one small file from the app's own
//! origin (`lang/<code>.json`, precached by the service worker, so it works offline too).

use crate::domain::file::content::Content;
use crate::domain::file::shards::LANG_KEY;
use crate::i18n::{self, Lang};
use crate::storage;
use leptos::prelude::*;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The chosen language's catalogue could not be loaded, so the app is in English.
    static FAILED: Cell<Option<Lang>> = const { Cell::new(None) };
    /// The content translations loaded at start, taken once by `content()`.
    static PENDING: std::cell::RefCell<Option<(Lang, BTreeMap<String, String>)>> = const { std::cell::RefCell::new(None) };
}

/// The language chosen on this device (English if none, or if the stored value is unknown).
pub fn chosen() -> Lang {
    storage::get(LANG_KEY)
        .ok()
        .flatten()
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or(Lang::En)
}

/// A language given in the address (`?lang=ur`), as on a link or QR code a centre hands out.
fn from_address() -> Option<Lang> {
    let search = window().location().search().ok()?;
    let code = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|p| p.strip_prefix("lang="))?;
    Lang::from_code(code)
}

/// The language that was chosen but could not be loaded, if any.
pub fn failed() -> Option<Lang> {
    FAILED.with(Cell::get)
}

async fn fetch_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !resp.ok() {
        return None;
    }
    JsFuture::from(resp.text().ok()?).await.ok()?.as_string()
}

/// The catalogue index.html's first screens asked for already (`window.__waymarkLang`, in
/// scripts/first-visit.js), when it is `lang`'s: taken rather than downloaded twice.
fn loaded_by_first_screens(lang: Lang) -> Option<js_sys::Promise> {
    let get = |v: &wasm_bindgen::JsValue, k: &str| js_sys::Reflect::get(v, &k.into()).ok();
    let asked = get(&window(), "__waymarkLang").filter(|v| v.is_object())?;
    (get(&asked, "code")?.as_string()? == lang.code())
        .then(|| get(&asked, "text")?.dyn_into().ok())
        .flatten()
}

/// Loads the chosen language before the app draws. The address is relative, so it works from a
/// sub-path. On any failure the app starts in English and says why.
pub async fn load_chosen() {
    FAILED.with(|f| f.set(None));
    let lang = match from_address() {
        Some(l) => {
            // Kept as the choice (if the browser lets us), and taken out of the address, so a
            // later choice is not overruled by a reload.
            let _ = if l == Lang::En {
                storage::remove(LANG_KEY)
            } else {
                storage::set(LANG_KEY, l.code())
            };
            let loc = window().location();
            let url = format!(
                "{}{}",
                loc.pathname().unwrap_or_default(),
                loc.hash().unwrap_or_default()
            );
            if let Ok(h) = window().history() {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
            l
        }
        None => chosen(),
    };
    if lang == Lang::En {
        return;
    }
    let url = format!("lang/{}.json", lang.code());
    let text = match loaded_by_first_screens(lang) {
        Some(text) => JsFuture::from(text).await.ok().and_then(|t| t.as_string()),
        None => fetch_text(&url).await,
    };
    match text.and_then(|text| i18n::parse_catalogue(&text, lang).ok()) {
        Some(c) => {
            i18n::install(lang, &c.ui);
            PENDING.with(|p| *p.borrow_mut() = Some((lang, c.content)));
        }
        None => FAILED.with(|f| f.set(Some(lang))),
    }
}

/// The built-in wheels, milestones and questions, with the chosen language's translations
/// beside the English. Read once per visit (changing language reloads the page).
pub fn content() -> &'static Content {
    static C: OnceLock<Content> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = Content::builtin();
        if let Some((lang, map)) = PENDING.with(|p| p.borrow_mut().take()) {
            c.translate(lang.code(), &map);
        }
        c
    })
}

/// Sets `<html lang dir>` for the language in use.
pub fn mark_document() {
    let lang = i18n::current();
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang.tag());
        let _ = html.set_attribute("dir", lang.dir());
    }
}
