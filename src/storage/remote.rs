//! Moves text to and from a team's server on this app's own origin (issue 20): one HTTP request,
//! its status and body text back, or `None` when it never got an answer (offline, the server
//! stopped, the connection dropped, or it was called off). What the requests say and what the
//! answers mean is `domain::sync`; this only carries them. The browser keeps the sign-in cookie
//! (same origin).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Sends `method url` with a JSON `body`, and waits for the whole answer. `stop`, if given, calls
/// the request off when aborted (a long poll, when syncing starts again or stops).
pub async fn request(
    method: &str,
    url: &str,
    body: Option<&str>,
    stop: Option<&web_sys::AbortSignal>,
) -> Option<(u16, String)> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_signal(stop);
    let headers = js_sys::Object::new();
    let set = |k: &str, v: &str| js_sys::Reflect::set(&headers, &k.into(), &v.into());
    set("Accept", "application/json").ok()?;
    if let Some(b) = body {
        set("Content-Type", "application/json").ok()?;
        init.set_body(&JsValue::from_str(b));
    }
    init.set_headers(&headers);
    let window = web_sys::window()?;
    let res = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .ok()?;
    let res: web_sys::Response = res.dyn_into().ok()?;
    let status = res.status();
    let text = JsFuture::from(res.text().ok()?).await.ok()?;
    Some((status, text.as_string().unwrap_or_default()))
}

/// A way to call requests off.
pub fn stopper() -> Option<web_sys::AbortController> {
    web_sys::AbortController::new().ok()
}
