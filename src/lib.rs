//! Waymark: an in-browser assessment and outcome tool for Early Help family support.
//!
//! - [`domain`]: pure Rust (model, rules, file format); tested natively.
//! - [`i18n`] and [`route`]: words and addresses; pure, tested natively.
//! - [`engine`]: what to store, seal and tell the other tabs, over a backend (the browser's, or
//!   memory in native tests); no Leptos in it.
//! - `storage` and `ui` (WebAssembly only): moving strings in and out of the browser, and the
//!   Leptos pages that render domain values and dispatch domain actions.

pub mod domain;
pub mod engine;
pub mod i18n;
pub mod route;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Mounts the app on the page's body.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    // The family's build reads its family wheel from the page (see `family_wheel_from_page`).
    #[cfg(not(feature = "staff"))]
    if let Some(json) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("waymark-wheel"))
        .and_then(|e| e.text_content())
    {
        domain::wheel::template::family_wheel_from_page(json);
    }
    // The chosen language (if not English) is fetched first, so the first frame is in it.
    wasm_bindgen_futures::spawn_local(async {
        ui::lang::load_chosen().await;
        // The records, from IndexedDB (moved there first from an older version's layout).
        let boot = ui::store::Boot::read().await;
        // A new task for drawing the app: compiling and starting the wasm is one long task on a
        // slow phone, drawing the first page another; apart, the page can answer a tap between.
        engine::browser::next_task().await;
        mount(boot);
    });
}

#[cfg(target_arch = "wasm32")]
fn mount(boot: ui::store::Boot) {
    leptos::mount::mount_to_body(move || leptos::view! { <ui::App boot=boot/> });
    // The static "loading" screen (index.html) covers the page until the app has drawn its first
    // frame, then goes. It is a fixed layer, so taking it away moves nothing.
    leptos::prelude::request_animation_frame(|| {
        leptos::prelude::request_animation_frame(|| {
            if let Some(splash) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("splash"))
            {
                // Someone working on the first screens (index.html) carries on on the same page
                // of the app: focus on its heading, where it was on theirs.
                let had_focus = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element())
                    .is_some_and(|a| splash.contains(Some(&a)))
                    || splash.has_attribute("data-focus");
                splash.remove();
                if had_focus {
                    ui::shared::dom::focus_heading();
                }
            }
        })
    });
}
