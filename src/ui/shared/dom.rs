//! Small dealings with the page: its title, downloads, moving between pages, focus, and
//! reading a file the person chose.

use crate::domain::base::ReadError;
use crate::i18n::{t, Msg};
use crate::route::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Names the page in the browser tab.
pub fn set_title(page: &str) {
    document().set_title(&format!("{page} · {}", t(Msg::AppName)));
}

/// Offers text as a file download. Returns false if the browser refused.
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let ok = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(filename);
            a.click();
        })
        .is_some();
    // Let the download start before the address is released.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    ok
}

/// Goes to a page (adds a history entry, so Back works).
pub fn navigate(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(route.href().trim_start_matches('#'));
    }
}

/// The page's address after `#`, as the router reads it.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Puts focus on the page's heading (after moving to a new step), so a screen reader starts
/// there.
pub fn focus_heading() {
    focus_later(|| document().query_selector("main h1").ok().flatten());
}

/// Moves focus to an element by id (and so scrolls it into view), once the page has drawn.
pub fn focus_id(id: &str) {
    let id = id.to_string();
    focus_later(move || document().get_element_by_id(&id));
}

/// Focuses the element `find` gives at the next frame (after the view has been drawn anew).
fn focus_later(find: impl FnOnce() -> Option<web_sys::Element> + 'static) {
    request_animation_frame(move || {
        if let Some(el) = find().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// The text of a file the person chose, from the promise of `file.text()`: a file the device
/// cannot read (moved or removed since it was chosen, or refused) is
/// [`ReadError::Unreadable`], never an empty text.
pub async fn file_text(promise: js_sys::Promise) -> Result<String, ReadError> {
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(ReadError::Unreadable)
}
