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

thread_local! {
    /// The app's own move to another page is under way (see [`moved_by_app`]).
    static BY_APP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Goes to a page (adds a history entry, so Back works).
pub fn navigate(route: &Route) {
    if let Some(w) = web_sys::window() {
        let href = route.href();
        if location_hash() != href {
            BY_APP.with(|b| b.set(true));
        }
        let _ = w.location().set_hash(href.trim_start_matches('#'));
    }
}

/// Goes to a page in place of this one in the history (an address that has nothing to show any
/// more, so Back does not lead to it again).
pub fn replace_route(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(&route.href());
    }
}

/// Whether the latest move to another page was the app's own (after a save), not the person's:
/// a message about the save goes with it, where one the person leaves behind does not. Reading
/// it resets it.
pub fn moved_by_app() -> bool {
    BY_APP.with(|b| b.replace(false))
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
    // A confirmation at the top of the page comes first (see `widgets::saved`).
    focus_later(|| {
        document()
            .query_selector("main #saved-panel, main h1")
            .ok()
            .flatten()
    });
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

/// A chosen file's text: refused if bigger than `max` bytes or not UTF-8 (never "�" put in
/// silently). The size is checked before anything is read.
pub async fn file_text(file: &web_sys::File, max: usize) -> Result<String, ReadError> {
    let size = file.size() as usize;
    if size > max {
        return Err(ReadError::TooLarge { bytes: size, max });
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ReadError::Unreadable)?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    crate::domain::base::json::text_from_bytes(bytes, max)
}

/// Resolves after the browser has drawn a frame and can take input again: long work split by it
/// never freezes the page, and a progress bar set before it is seen. (A hidden tab draws no
/// frames: there it resolves after a tenth of a second.)
pub async fn next_frame() {
    let wait = js_sys::Promise::new(&mut |done, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&done, 100);
            let later = wasm_bindgen::closure::Closure::once_into_js(move || {
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback(done.unchecked_ref());
                }
            });
            let _ = w.request_animation_frame(later.unchecked_ref());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}
