//! Components and storage in a real browser (headless Chromium), with wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use waymark::domain::file::shards;
use waymark::storage;

wasm_bindgen_test_configure!(run_in_browser);

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn text_of(sel: &str) -> String {
    doc()
        .query_selector(&format!("#app-under-test {sel}"))
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

async fn go(hash: &str) {
    web_sys::window()
        .unwrap()
        .location()
        .set_hash(hash)
        .unwrap();
    // hashchange is dispatched asynchronously; wait for it, then for Leptos to render.
    let p = js_sys::Promise::new(&mut |ok, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&ok, 30)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    leptos::task::tick().await;
}

fn clear_storage() {
    for (k, _) in storage::entries(shards::PREFIX).unwrap() {
        storage::remove(&k).unwrap();
    }
}

/// Fills storage to the brim, so the next write fails.
fn fill_storage() {
    let mut size = 1024 * 1024;
    let mut n = 0;
    while size >= 1 {
        if storage::set(&format!("waymark.filler{n}"), &"x".repeat(size)).is_ok() {
            n += 1;
        } else {
            size /= 2;
        }
    }
}

fn mount() -> (web_sys::HtmlElement, impl Drop) {
    if let Some(old) = doc().get_element_by_id("app-under-test") {
        old.remove();
    }
    let el: web_sys::HtmlElement = doc().create_element("div").unwrap().unchecked_into();
    el.set_id("app-under-test");
    doc().body().unwrap().append_child(&el).unwrap();
    let handle = leptos::mount::mount_to(el.clone(), waymark::ui::App);
    (el, handle)
}

#[wasm_bindgen_test]
async fn the_app_mounts_with_its_landmarks() {
    clear_storage();
    storage::set(shards::MODE_KEY, "caseload").unwrap();
    let (el, _h) = mount();
    go("#/").await;
    assert_eq!(el.query_selector_all("main").unwrap().length(), 1);
    assert!(el
        .query_selector("nav a[href='#/families']")
        .unwrap()
        .is_some());
    assert!(el
        .query_selector("[role=status][aria-live=polite]")
        .unwrap()
        .is_some());
    assert!(el.query_selector("a.skip-link").unwrap().is_some());
    assert_eq!(
        doc()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en-GB")
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn navigation_renders_each_page() {
    clear_storage();
    // First use: the language and the two choices, and no navigation.
    let (el, h) = mount();
    go("#/").await;
    assert_eq!(text_of("main h1"), "Welcome to Waymark");
    assert!(el.query_selector("nav").unwrap().is_none());
    drop(h);
    el.remove();
    // A worker's device.
    storage::set(shards::MODE_KEY, "caseload").unwrap();
    let (el, _h) = mount();
    for (hash, heading) in [
        ("#/", "Welcome to Waymark"),
        ("#/families", "Families"),
        ("#/families/new", "Add a family"),
        ("#/wheels", "Outcome wheels"),
        ("#/milestones", "Milestones"),
        ("#/scales", "Scaling questions"),
        ("#/reports", "Reports"),
        ("#/data", "Your data"),
        ("#/no-such-page", "We can't find that page"),
    ] {
        go(hash).await;
        assert_eq!(text_of("main h1"), heading, "{hash}");
    }
    go("#/families/unknownid").await;
    assert!(
        text_of("main").contains("can't find this family"),
        "error boundary shows a message"
    );
    assert_eq!(
        el.query_selector("nav a[aria-current=page]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Families"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn adding_a_family_saves_it_at_once() {
    clear_storage();
    let (el, _h) = mount();
    go("#/families/new").await;
    let input: web_sys::HtmlInputElement = el
        .query_selector("#family-reference")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("CASE-7");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let form: web_sys::HtmlElement = el
        .query_selector("main form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.dispatch_event(
        &web_sys::Event::new_with_event_init_dict("submit", &{
            let i = web_sys::EventInit::new();
            i.set_cancelable(true);
            i
        })
        .unwrap(),
    )
    .unwrap();
    leptos::task::tick().await;
    let stored = storage::entries(shards::FAMILY_PREFIX).unwrap();
    assert_eq!(stored.len(), 1);
    assert!(stored[0].1.contains("CASE-7"));
    assert_eq!(text_of("[role=status]"), "Saved");
    el.remove();
    clear_storage();
}

#[wasm_bindgen_test]
async fn an_empty_reference_is_refused_and_nothing_is_stored() {
    clear_storage();
    let (el, _h) = mount();
    go("#/families/new").await;
    let form: web_sys::HtmlElement = el
        .query_selector("main form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.dispatch_event(&web_sys::Event::new("submit").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert!(storage::entries(shards::FAMILY_PREFIX).unwrap().is_empty());
    assert_eq!(
        text_of("#family-reference-error"),
        "Enter a name or reference for the family."
    );
    let input = el.query_selector("#family-reference").unwrap().unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    el.remove();
}

#[wasm_bindgen_test]
fn storage_moves_strings_and_reports_a_full_store() {
    clear_storage();
    storage::set("waymark.test", "hello").unwrap();
    assert_eq!(
        storage::get("waymark.test").unwrap().as_deref(),
        Some("hello")
    );
    // Fill the store until the browser refuses, then check the refusal is typed and the
    // value stored before is intact.
    let chunk = "x".repeat(512 * 1024);
    let mut n = 0;
    let err = loop {
        match storage::set(&format!("waymark.fill{n}"), &chunk) {
            Ok(()) => n += 1,
            Err(e) => break e,
        }
        assert!(n < 40, "the store never filled up");
    };
    assert_eq!(err, storage::StorageError::QuotaExceeded);
    assert_eq!(
        storage::get("waymark.test").unwrap().as_deref(),
        Some("hello")
    );
    clear_storage();
}

#[wasm_bindgen_test]
async fn a_failed_write_is_reported_and_rolled_back() {
    clear_storage();
    let (el, _h) = mount();
    go("#/families/new").await;
    fill_storage();
    let input: web_sys::HtmlInputElement = el
        .query_selector("#family-reference")
        .unwrap()
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

    let status = text_of("[role=status]");
    assert!(
        status.starts_with("We couldn't save that change"),
        "{status}"
    );
    assert!(storage::entries(shards::FAMILY_PREFIX).unwrap().is_empty());
    assert_eq!(text_of("main h1"), "Add a family", "still on the form");
    clear_storage();
    // Memory matches storage: the family was not kept in memory either.
    go("#/families").await;
    assert!(text_of("main").contains("No families yet"));
    el.remove();
}

/// A stored caseload (as the app stores it) drawn by the report, a plan and a printed summary:
/// the report's figures are the domain's, and the summary names only its own family.
#[wasm_bindgen_test]
async fn the_report_plan_and_summary_draw_a_stored_caseload() {
    use waymark::domain::caseload::report;
    use waymark::domain::file::sample;
    use waymark::domain::{milestone, wheel};
    use waymark::ui::store::{now, today};
    clear_storage();
    let size = sample::Size {
        families: 12,
        wheel_readings: 3,
        milestone_checks: 2,
        scale_answers: 4,
    };
    let ws = sample::caseload(3, size, today(), now());
    let keys: Vec<shards::ShardKey> = ws
        .family_ids()
        .into_iter()
        .map(shards::ShardKey::Family)
        .collect();
    for (k, text) in keys.iter().zip(shards::texts(&ws, &keys, now())) {
        storage::set(&k.key(), &text.unwrap()).unwrap();
    }
    // What the domain says for the report's default period (1 April of this financial year).
    let t = today();
    use chrono::Datelike;
    let year = if t.month() >= 4 {
        t.year()
    } else {
        t.year() - 1
    };
    let scope = report::Scope {
        from: chrono::NaiveDate::from_ymd_opt(year, 4, 1).unwrap(),
        to: t,
        worker: None,
    };
    let templates = wheel::builtin();
    let tr: Vec<&wheel::WheelTemplate> = templates.iter().collect();
    let f = milestone::builtin().unwrap();
    let expected = report::report(&ws, &scope, &tr, &[&f], t);

    let (el, _h) = mount();
    go("#/reports").await;
    assert_eq!(text_of("main h1"), "Reports");
    assert_eq!(text_of("[data-figure=active]"), expected.active.to_string());
    assert_eq!(text_of("[data-figure=closed]"), expected.closed.to_string());
    assert!(el
        .query_selector("#report-radar-family[role=img]")
        .unwrap()
        .is_some());

    let first = ws.live_families().next().unwrap();
    go(&format!("#/families/{}/plan", first.meta.id)).await;
    assert_eq!(text_of("main h1"), format!("Plan for {}", first.reference));
    go(&format!("#/families/{}/print", first.meta.id)).await;
    assert_eq!(
        text_of("main h1"),
        format!("Family summary: {}", first.reference)
    );
    let main = text_of("main");
    for other in ws.live_families().skip(1) {
        assert!(
            !main.contains(&other.reference),
            "{} in the summary",
            other.reference
        );
    }
    el.remove();
    clear_storage();
}

#[wasm_bindgen_test]
async fn the_app_is_drawn_in_the_chosen_language_and_a_missing_catalogue_is_said() {
    use waymark::i18n::{self, Lang};
    use waymark::ui::lang;
    clear_storage();
    // Words as a catalogue gives them: the ones it has in Polish, the rest in English.
    let mut ui = std::collections::BTreeMap::new();
    ui.insert("NavFamilies".to_string(), "Rodziny".to_string());
    ui.insert("MainNav".to_string(), "Główne".to_string());
    i18n::install(Lang::Pl, &ui);
    storage::set(shards::MODE_KEY, "caseload").unwrap();
    let (el, h) = mount();
    leptos::task::tick().await;
    let html = doc().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("pl"));
    assert_eq!(html.get_attribute("dir").as_deref(), Some("ltr"));
    let nav = doc()
        .query_selector("#app-under-test nav[aria-label='Główne']")
        .unwrap()
        .expect("the navigation, named in Polish");
    let words = nav.text_content().unwrap_or_default();
    assert!(words.contains("Rodziny"), "{words}");
    assert!(words.contains("Wheels"), "{words}");
    // The chooser lists each language in its own words.
    let options = text_of("footer select");
    assert!(options.contains("English") && options.contains("اردو") && options.contains("Polski"));
    drop(h);
    el.remove();

    // Urdu chosen, but its file cannot be fetched (this test server has none): English, and why.
    i18n::install(Lang::En, &Default::default());
    storage::set(shards::LANG_KEY, "ur").unwrap();
    assert_eq!(lang::chosen(), Lang::Ur);
    lang::load_chosen().await;
    assert_eq!(lang::failed(), Some(Lang::Ur));
    assert_eq!(i18n::current(), Lang::En);
    let (el, h) = mount();
    leptos::task::tick().await;
    assert_eq!(html.get_attribute("dir").as_deref(), Some("ltr"));
    let alert = text_of("[role=alert]");
    assert!(alert.contains("We couldn't load اردو"), "{alert}");
    drop(h);
    el.remove();

    // An unknown stored value is English, and clears the failure.
    storage::set(shards::LANG_KEY, "xx").unwrap();
    assert_eq!(lang::chosen(), Lang::En);
    lang::load_chosen().await;
    assert_eq!(lang::failed(), None);
    clear_storage();
}

/// A change that cannot be stored is reported as not saved (not as "read-only"), and nothing
/// changes in memory either.
#[wasm_bindgen_test]
async fn a_change_that_cannot_be_stored_is_not_saved_and_changes_nothing() {
    use waymark::domain::workspace::action::{Action, FamilyFields};
    use waymark::ui::store::{new_id, today, DispatchError, Store};
    clear_storage();
    let store = Store::load();
    fill_storage();
    let r = store.dispatch(
        Action::CreateFamily {
            id: new_id(),
            fields: FamilyFields {
                reference: "WILL-NOT-FIT".into(),
                opened: Some(today()),
                ..Default::default()
            },
        },
        false,
    );
    assert_eq!(r.err(), Some(DispatchError::NotSaved));
    use leptos::prelude::WithUntracked;
    assert!(store.ws.with_untracked(|ws| ws.is_empty()));
    clear_storage();
}

/// A file the device cannot read (moved or refused after it was chosen) is "couldn't be read",
/// never an empty text taken for "not JSON".
#[wasm_bindgen_test]
async fn a_file_that_cannot_be_read_is_said_to_be_unreadable() {
    use waymark::domain::base::ReadError;
    use waymark::ui::shared::dom::file_text;
    let failed = js_sys::Promise::reject(&wasm_bindgen::JsValue::from_str("NotReadableError"));
    assert_eq!(file_text(failed).await, Err(ReadError::Unreadable));
    let read = js_sys::Promise::resolve(&wasm_bindgen::JsValue::from_str("{}"));
    assert_eq!(file_text(read).await.as_deref(), Ok("{}"));
}

/// A closed family's wheels show no next review: the wheels page and the family list use the one
/// rule (it used to show a review due after the latest reading even once the case was closed).
#[wasm_bindgen_test]
async fn a_closed_familys_wheels_show_no_review_due() {
    use waymark::domain::base::{Id, Respondent};
    use waymark::domain::model::{AreaScore, Closure, ClosureReason, Workspace};
    use waymark::domain::workspace::action::{apply, Action, Ctx, FamilyFields, WheelFields};
    use waymark::ui::store::{now, today};
    clear_storage();
    let ctx = Ctx {
        now: now(),
        today: today(),
        device: Id::fixed("test"),
    };
    let mut ws = Workspace::default();
    let fid = Id::fixed("closedfamily");
    apply(
        &mut ws,
        Action::CreateFamily {
            id: fid.clone(),
            fields: FamilyFields {
                reference: "CLOSED-1".into(),
                opened: Some(today() - chrono::Days::new(60)),
                ..Default::default()
            },
        },
        &ctx,
    )
    .unwrap();
    let t = &waymark::domain::wheel::builtin()[0];
    let reading = |rid: &'static str| WheelFields {
        id: Id::fixed(rid),
        family: fid.clone(),
        child: None,
        template: t.id.clone(),
        template_version: t.version,
        date: today() - chrono::Days::new(30),
        by: Respondent::Family,
        scores: vec![AreaScore {
            area: t.areas[0].id.clone(),
            score: 5,
            other: None,
            note: String::new(),
            step: String::new(),
            priority: false,
        }],
        notes: String::new(),
    };
    apply(
        &mut ws,
        Action::SaveWheelReading(Box::new(reading("r1"))),
        &ctx,
    )
    .unwrap();
    let keys = [shards::ShardKey::Family(fid.clone())];
    let store = |ws: &Workspace| {
        for (k, text) in keys.iter().zip(shards::texts(ws, &keys, now())) {
            storage::set(&k.key(), &text.unwrap()).unwrap();
        }
    };
    store(&ws);
    let (el, _h) = mount();
    go(&format!("#/wheels/{fid}")).await;
    assert!(
        text_of(".review").contains("Next review"),
        "an open family's review is shown: {}",
        text_of("main")
    );
    drop(_h);
    el.remove();
    apply(
        &mut ws,
        Action::CloseFamily {
            id: fid.clone(),
            closure: Closure {
                date: today(),
                reason: ClosureReason::OutcomesMet,
                note: String::new(),
            },
        },
        &ctx,
    )
    .unwrap();
    store(&ws);
    let (el, _h) = mount();
    go(&format!("#/wheels/{fid}")).await;
    assert!(
        el.query_selector(".review").unwrap().is_none(),
        "a closed family has no review: {}",
        text_of("main")
    );
    el.remove();
    clear_storage();
}
