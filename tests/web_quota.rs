//! A save that the browser refuses changes nothing, and says so.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use waymark::domain::shards;
use waymark::storage;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_failed_write_is_reported_and_rolled_back() {
    for (k, _) in storage::entries("").unwrap() {
        storage::remove(&k).unwrap();
    }
    let doc = web_sys::window().unwrap().document().unwrap();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    let _h = leptos::mount::mount_to(el.clone(), waymark::ui::App);
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/families/new")
        .unwrap();
    let p = js_sys::Promise::new(&mut |ok, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&ok, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    leptos::task::tick().await;

    // Fill storage to the brim.
    let mut size = 1024 * 1024;
    let mut n = 0;
    while size >= 1 {
        if storage::set(&format!("filler{n}"), &"x".repeat(size)).is_ok() {
            n += 1;
        } else {
            size /= 2;
        }
    }
    let input: web_sys::HtmlInputElement = doc
        .get_element_by_id("family-reference")
        .unwrap()
        .unchecked_into();
    input.set_value("WILL-NOT-FIT");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let form: web_sys::HtmlElement = el
        .query_selector("main form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.dispatch_event(&web_sys::Event::new("submit").unwrap())
        .unwrap();
    leptos::task::tick().await;

    let status = el
        .query_selector("[role=status]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        status.starts_with("We couldn't save that change"),
        "{status}"
    );
    assert!(storage::entries(shards::FAMILY_PREFIX).unwrap().is_empty());
    // Still on the form, and memory matches storage: the families list is empty.
    assert_eq!(
        doc.query_selector("main h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Add a family"
    );
    for (k, _) in storage::entries("").unwrap() {
        storage::remove(&k).unwrap();
    }
    web_sys::window()
        .unwrap()
        .location()
        .set_hash("#/families")
        .unwrap();
    let p = js_sys::Promise::new(&mut |ok, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&ok, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    leptos::task::tick().await;
    assert!(el.text_content().unwrap().contains("No families yet"));
}
