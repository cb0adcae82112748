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

/// Removes every record (IndexedDB) and device value (localStorage) Waymark keeps.
async fn clear_storage() {
    for (k, _) in storage::entries(shards::PREFIX).unwrap() {
        storage::remove(&k).unwrap();
    }
    if !storage::idb::is_open() {
        storage::idb::open().await.unwrap();
    }
    storage::idb::clear().await.unwrap();
}

/// The families' stored values, as the app stored them (IndexedDB).
async fn stored_families() -> Vec<(String, String)> {
    storage::idb::read_all()
        .await
        .unwrap()
        .into_iter()
        .filter(|(k, _)| k.starts_with(shards::FAMILY_PREFIX))
        .collect()
}

/// Stores a workspace's families as the app does.
async fn store_families(ws: &waymark::domain::model::Workspace) {
    let keys: Vec<shards::ShardKey> = ws
        .family_ids()
        .into_iter()
        .map(shards::ShardKey::Family)
        .collect();
    let now = waymark::ui::store::now();
    let writes = keys
        .iter()
        .zip(shards::texts(ws, &keys, now))
        .map(|(k, t)| (k.key(), t))
        .collect();
    storage::idb::write(writes).await.unwrap();
}

/// Makes every IndexedDB write fail from now on, as a full device does (the browser refuses
/// `put` with a QuotaExceededError); returns the function that undoes it.
fn break_writes() -> impl FnOnce() {
    let f = js_sys::Function::new_no_args(
        "const p = IDBObjectStore.prototype; const put = p.put; \
         p.put = function () { throw new DOMException('full', 'QuotaExceededError'); }; \
         return () => { p.put = put; };",
    );
    let undo: js_sys::Function = f
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap()
        .unchecked_into();
    move || {
        undo.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    }
}

/// Waits (up to two seconds) until `done` holds: a save completes a moment after the change.
async fn until(mut done: impl FnMut() -> bool) {
    for _ in 0..100 {
        if done() {
            return;
        }
        sleep(20).await;
    }
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |ok, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&ok, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

async fn mount() -> (web_sys::HtmlElement, impl Drop) {
    if let Some(old) = doc().get_element_by_id("app-under-test") {
        old.remove();
    }
    let el: web_sys::HtmlElement = doc().create_element("div").unwrap().unchecked_into();
    el.set_id("app-under-test");
    doc().body().unwrap().append_child(&el).unwrap();
    let boot = waymark::ui::store::Boot::read().await;
    let handle = leptos::mount::mount_to(el.clone(), move || {
        use waymark::ui::App;
        leptos::view! { <App boot=boot/> }
    });
    (el, handle)
}

#[wasm_bindgen_test]
async fn the_app_mounts_with_its_landmarks() {
    clear_storage().await;
    storage::set(shards::MODE_KEY, "caseload").unwrap();
    let (el, _h) = mount().await;
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
    clear_storage().await;
    // First use: the language and the two choices, and no navigation.
    let (el, h) = mount().await;
    go("#/").await;
    assert_eq!(text_of("main h1"), "Welcome to Waymark");
    assert!(el.query_selector("nav").unwrap().is_none());
    drop(h);
    el.remove();
    // A worker's device.
    storage::set(shards::MODE_KEY, "caseload").unwrap();
    let (el, _h) = mount().await;
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
    clear_storage().await;
    let (el, _h) = mount().await;
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
    // "Saved" is said once the transaction has completed, and then it is stored.
    until(|| text_of("[role=status]") == "Saved").await;
    assert_eq!(text_of("[role=status]"), "Saved");
    let stored = stored_families().await;
    assert_eq!(stored.len(), 1);
    assert!(stored[0].1.contains("CASE-7"));
    el.remove();
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn an_empty_reference_is_refused_and_nothing_is_stored() {
    clear_storage().await;
    let (el, _h) = mount().await;
    go("#/families/new").await;
    let form: web_sys::HtmlElement = el
        .query_selector("main form")
        .unwrap()
        .unwrap()
        .unchecked_into();
    form.dispatch_event(&web_sys::Event::new("submit").unwrap())
        .unwrap();
    leptos::task::tick().await;
    sleep(50).await;
    assert!(stored_families().await.is_empty());
    assert_eq!(
        text_of("#family-reference-error"),
        "Enter a name or reference for the family."
    );
    let input = el.query_selector("#family-reference").unwrap().unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    el.remove();
}

#[wasm_bindgen_test]
async fn storage_moves_strings_and_reports_a_full_store() {
    clear_storage().await;
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
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn a_failed_write_is_reported_and_rolled_back() {
    clear_storage().await;
    let (el, _h) = mount().await;
    go("#/families/new").await;
    let mend = break_writes();
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
    until(|| text_of("[role=status]").starts_with("We couldn't save")).await;
    mend();
    let status = text_of("[role=status]");
    assert!(
        status.starts_with("We couldn't save that change"),
        "{status}"
    );
    assert!(stored_families().await.is_empty());
    // Memory matches storage: the family was not kept in memory either.
    go("#/families").await;
    assert!(
        text_of("main").contains("No families yet"),
        "{}",
        text_of("main")
    );
    el.remove();
    clear_storage().await;
}

/// Moving house: a store of the older layout (one localStorage value per family, as the
/// previous version wrote it) is moved into IndexedDB at start and only then removed; a move
/// interrupted after writing (the old values still there) finishes next time, nothing doubled.
#[wasm_bindgen_test]
async fn an_older_versions_store_moves_into_indexeddb() {
    use waymark::domain::file::sample;
    use waymark::ui::store::{now, today};
    clear_storage().await;
    let size = sample::Size {
        families: 4,
        wheel_readings: 2,
        milestone_checks: 1,
        scale_answers: 2,
    };
    let ws = sample::caseload(5, size, today(), now());
    let keys: Vec<shards::ShardKey> = ws
        .family_ids()
        .into_iter()
        .map(shards::ShardKey::Family)
        .collect();
    let texts: Vec<String> = shards::texts(&ws, &keys, now())
        .into_iter()
        .map(Option::unwrap)
        .collect();
    for (k, t) in keys.iter().zip(&texts) {
        storage::set(&k.key(), t).unwrap();
    }
    // A damaged value of the older layout is kept, never lost.
    storage::set("waymark.family.damaged", "{not json").unwrap();
    // Interrupted before: the first family's value is already in IndexedDB.
    storage::idb::write(vec![(keys[0].key(), Some(texts[0].clone()))])
        .await
        .unwrap();
    let (el, _h) = mount().await;
    go("#/families").await;
    let main = text_of("main");
    // The list shows open families at first.
    for f in ws.live_families().filter(|f| f.closed.is_none()) {
        assert!(
            main.contains(&f.reference),
            "{} missing: {main}",
            f.reference
        );
    }
    assert!(
        main.contains("Some saved data could not be read"),
        "the damaged value is named"
    );
    let stored = stored_families().await;
    assert_eq!(
        stored.len(),
        5,
        "four families and the damaged value, once each"
    );
    assert!(stored
        .iter()
        .any(|(k, v)| k == "waymark.family.damaged" && v == "{not json"));
    let left: Vec<String> = storage::entries(shards::FAMILY_PREFIX)
        .unwrap()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert!(left.is_empty(), "old values left: {left:?}");
    el.remove();
    clear_storage().await;
}

/// A stored caseload (as the app stores it) drawn by the report, a plan and a printed summary:
/// the report's figures are the domain's, and the summary names only its own family.
#[wasm_bindgen_test]
async fn the_report_plan_and_summary_draw_a_stored_caseload() {
    use waymark::domain::caseload::report;
    use waymark::domain::file::sample;
    use waymark::domain::{milestone, wheel};
    use waymark::ui::store::{now, today};
    clear_storage().await;
    let size = sample::Size {
        families: 12,
        wheel_readings: 3,
        milestone_checks: 2,
        scale_answers: 4,
    };
    let ws = sample::caseload(3, size, today(), now());
    store_families(&ws).await;
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
        team: None,
    };
    let templates = wheel::builtin();
    let tr: Vec<&wheel::WheelTemplate> = templates.iter().collect();
    let f = milestone::builtin().unwrap();
    let expected = report::report(&ws, &scope, &tr, &[&f], t);

    let (el, _h) = mount().await;
    go("#/reports").await;
    assert_eq!(text_of("main h1"), "Reports");
    assert_eq!(
        text_of("[data-figure=active]"),
        expected.active.families.to_string()
    );
    assert_eq!(
        text_of("[data-figure=closed]"),
        expected.closed.families.to_string()
    );
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
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn the_app_is_drawn_in_the_chosen_language_and_a_missing_catalogue_is_said() {
    use waymark::i18n::{self, Lang};
    use waymark::ui::lang;
    clear_storage().await;
    // Words as a catalogue gives them: the ones it has in Polish, the rest in English.
    let mut ui = std::collections::BTreeMap::new();
    ui.insert("NavFamilies".to_string(), "Rodziny".to_string());
    ui.insert("MainNav".to_string(), "Główne".to_string());
    i18n::install(Lang::Pl, &ui);
    storage::set(shards::MODE_KEY, "caseload").unwrap();
    let (el, h) = mount().await;
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
    let (el, h) = mount().await;
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
    clear_storage().await;
}

/// A change that cannot be stored is reported as not saved (not as "read-only"), and nothing
/// changes in memory either.
#[wasm_bindgen_test]
async fn a_change_that_cannot_be_stored_is_not_saved_and_changes_nothing() {
    use waymark::domain::workspace::action::{Action, FamilyFields};
    use waymark::ui::store::{new_id, today, Boot, DispatchError, Store};
    clear_storage().await;
    let store = Store::new(Boot::read().await);
    let mend = break_writes();
    let r = store
        .dispatch_saved(
            Action::CreateFamily {
                id: new_id(),
                fields: FamilyFields {
                    reference: "WILL-NOT-FIT".into(),
                    opened: Some(today()),
                    ..Default::default()
                },
            },
            false,
        )
        .await;
    mend();
    assert_eq!(r.err(), Some(DispatchError::NotSaved));
    use leptos::prelude::WithUntracked;
    assert!(store.ws.with_untracked(|ws| ws.is_empty()));
    clear_storage().await;
}

/// A chosen file is read as UTF-8 or refused: Latin-1 bytes are never turned into "�" and
/// offered as valid; a file over the limit is refused before it is read.
#[wasm_bindgen_test]
async fn a_file_is_read_as_utf8_or_refused() {
    use waymark::domain::base::ReadError;
    use waymark::ui::shared::dom::file_text;
    let file = |bytes: &[u8]| {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        web_sys::File::new_with_u8_array_sequence(&parts, "family.json").unwrap()
    };
    assert_eq!(
        file_text(&file("Zoë".as_bytes()), 100).await.as_deref(),
        Ok("Zoë")
    );
    assert_eq!(
        file_text(&file(&[b'Z', b'o', 0xEB]), 100).await,
        Err(ReadError::NotUtf8)
    );
    assert_eq!(
        file_text(&file(&[b' '; 101]), 100).await,
        Err(ReadError::TooLarge {
            bytes: 101,
            max: 100
        })
    );
}

/// A closed family's wheels show no next review: the wheels page and the family list use the one
/// rule (it used to show a review due after the latest reading even once the case was closed).
#[wasm_bindgen_test]
async fn a_closed_familys_wheels_show_no_review_due() {
    use waymark::domain::base::{Id, Respondent};
    use waymark::domain::model::{AreaScore, Closure, ClosureReason, Workspace};
    use waymark::domain::workspace::action::{apply, Action, Ctx, FamilyFields, WheelFields};
    use waymark::ui::store::{now, today};
    clear_storage().await;
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
    store_families(&ws).await;
    let (el, _h) = mount().await;
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
    store_families(&ws).await;
    let (el, _h) = mount().await;
    go(&format!("#/wheels/{fid}")).await;
    assert!(
        el.query_selector(".review").unwrap().is_none(),
        "a closed family has no review: {}",
        text_of("main")
    );
    el.remove();
    clear_storage().await;
}

/// A locked file (issue 19): the browser's WebCrypto opens it with its passphrase only, a fresh
/// salt and IV every time, and a changed byte is found.
#[wasm_bindgen_test]
async fn a_locked_file_opens_with_its_passphrase_only() {
    use waymark::domain::file::locked;
    use waymark::storage::crypto::{lock, OpenError};
    let open = |text: String, pass: &'static str| async move {
        open_sealed(&locked::read(&text).expect("a locked file"), pass).await
    };
    use waymark::storage::crypto::open as open_sealed;
    let text = r#"{"format":"waymark","note":"Dad has started a new job"}"#;
    let pass = "correct horse battery";
    let locked = lock(text, pass).await.expect("locked");
    assert!(!locked.contains("new job"));
    assert_eq!(open(locked.clone(), pass).await, Ok(text.to_string()));
    assert_eq!(
        open(locked.clone(), "correct horse battery!").await,
        Err(OpenError::Wrong)
    );
    assert_ne!(lock(text, pass).await.expect("locked again"), locked);
    let mut v: serde_json::Value = serde_json::from_str(&locked).unwrap();
    let data = v["data"].as_str().unwrap().to_string();
    let first = if data.starts_with('A') { "B" } else { "A" };
    v["data"] = format!("{first}{}", &data[1..]).into();
    assert_eq!(open(v.to_string(), pass).await, Err(OpenError::Wrong));
}

#[wasm_bindgen_test]
async fn the_device_lock_wraps_one_data_key_and_seals_each_value_to_its_key() {
    use waymark::domain::file::vault::{self, LockRecord};
    use waymark::storage::crypto::{new_lock, open_all, rewrap, seal_all, unlock, OpenError};
    let pass = "blue kettle on the stairs";
    let (record, key) = new_lock(pass).await.expect("a lock");
    // The record reads back, and holds no key in the clear.
    let text = record.to_json();
    assert_eq!(LockRecord::read(&text), Ok(record.clone()));
    let values = vec![
        (
            "waymark.family.a".to_string(),
            Some("Zebedee's notes".to_string()),
        ),
        ("waymark.family.b".to_string(), None),
        ("waymark.settings".to_string(), Some("{}".to_string())),
    ];
    let sealed = seal_all(&key, &values).await.expect("sealed");
    assert_eq!(sealed[1], None);
    let a = sealed[0].clone().unwrap();
    assert!(vault::is_sealed(&a) && !a.contains("Zebedee"));
    // A fresh IV each time: the same text seals differently.
    let again = seal_all(&key, &values).await.unwrap();
    assert_ne!(again[0], sealed[0]);
    // Opens under its own storage key only: moved to another key, it does not.
    let s = sealed[2].clone().unwrap();
    let opened = open_all(
        &key,
        &[
            ("waymark.family.a".into(), a.clone()),
            ("waymark.family.b".into(), a.clone()),
            ("waymark.settings".into(), s),
            ("waymark.family.c".into(), "{\"plain\":true}".into()),
        ],
    )
    .await;
    assert_eq!(
        opened,
        vec![
            Some("Zebedee's notes".into()),
            None,
            Some("{}".into()),
            None
        ]
    );
    // The passphrase unwraps the same key (it opens what the first sealed); a wrong one does not.
    let k2 = unlock(&record, pass).await.expect("unlocked");
    let o = open_all(&k2, &[("waymark.family.a".into(), a.clone())]).await;
    assert_eq!(o, vec![Some("Zebedee's notes".into())]);
    assert_eq!(
        unlock(&record, "blue kettle").await.err(),
        Some(OpenError::Wrong)
    );
    // A new passphrase wraps the same key: the old passphrase no longer opens the new record.
    assert_eq!(
        rewrap(&record, "nope nope", "green door").await.err(),
        Some(OpenError::Wrong)
    );
    let moved = rewrap(&record, pass, "green door by the river")
        .await
        .expect("rewrapped");
    assert_eq!(moved.id, record.id);
    assert_ne!(moved.salt, record.salt);
    assert_eq!(unlock(&moved, pass).await.err(), Some(OpenError::Wrong));
    let k3 = unlock(&moved, "green door by the river")
        .await
        .expect("new passphrase");
    let o = open_all(&k3, &[("waymark.family.a".into(), a)]).await;
    assert_eq!(o, vec![Some("Zebedee's notes".into())]);
    // The data key can never be read out of the browser.
    let raw = js_sys::Reflect::get(&k3, &"extractable".into()).unwrap();
    assert_eq!(raw.as_bool(), Some(false));
}

/// A page about one family (reading through `watch_family`) is told when that family changes,
/// and only then: the first change after the page was drawn shows, and another family's does
/// not draw it again.
#[wasm_bindgen_test]
async fn a_page_watching_a_family_sees_its_changes_and_not_anothers() {
    use leptos::prelude::*;
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    use std::sync::Arc;
    use waymark::domain::base::Meta;
    use waymark::domain::model::{Goal, GoalStatus};
    use waymark::domain::workspace::action::{Action, FamilyFields};
    use waymark::ui::store::{new_id, now, today, Boot, Store};
    clear_storage().await;
    // Mounting anything starts Leptos's task executor (a save runs as a task).
    let host: web_sys::HtmlElement = doc().create_element("div").unwrap().unchecked_into();
    let _mounted = leptos::mount::mount_to(host, || ());
    let owner = Owner::new();
    owner.set();
    let store = Store::new(Boot::read().await);
    let (a, b) = (new_id(), new_id());
    for (id, reference) in [(&a, "WATCH-A"), (&b, "WATCH-B")] {
        let fields = FamilyFields {
            reference: reference.into(),
            opened: Some(today()),
            ..Default::default()
        };
        store
            .dispatch_saved(
                Action::CreateFamily {
                    id: id.clone(),
                    fields,
                },
                false,
            )
            .await
            .unwrap();
    }
    let watch = store.watch_family(a.clone());
    let runs = Arc::new(AtomicUsize::new(0));
    let goals = {
        let (runs, a) = (runs.clone(), a.clone());
        Memo::new(move |_| {
            runs.fetch_add(1, Relaxed);
            watch.with(|ws| ws.folder_or_empty(&a).goals.len())
        })
    };
    assert_eq!(goals.get_untracked(), 0);
    let goal = |family: &waymark::domain::base::Id| Goal {
        meta: Meta::new(new_id(), now(), new_id()),
        family: family.clone(),
        text: "Mornings without shouting".into(),
        from: None,
        set: today(),
        status: GoalStatus::NotStarted,
        steps: Vec::new(),
        reviews: Vec::new(),
    };
    store
        .dispatch_saved(Action::SaveGoal(Box::new(goal(&a))), false)
        .await
        .unwrap();
    assert_eq!(
        goals.get_untracked(),
        1,
        "the watched family's change shows"
    );
    let before = runs.load(Relaxed);
    store
        .dispatch_saved(Action::SaveGoal(Box::new(goal(&b))), false)
        .await
        .unwrap();
    assert_eq!(goals.get_untracked(), 1);
    assert_eq!(
        runs.load(Relaxed),
        before,
        "another family's change does not draw the page again"
    );
    drop(owner);
    clear_storage().await;
}
