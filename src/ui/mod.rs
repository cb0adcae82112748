//! The interface: thin Leptos components that render domain values and dispatch domain actions.
//!
//! Layers, each importing only from those below (`tests/architecture.rs` enforces it):
//! [`shared`] (state, mode, language, words and helpers), [`widgets`] (views used by more than
//! one page), `pages` (one module per page; a page never imports another page), and this module,
//! the shell around them.

mod pages;
pub mod shared;
pub mod widgets;

pub use shared::{lang, mode, store};

use crate::i18n::{t, Msg};
use crate::route::Route;
use leptos::prelude::*;
use shared::dom::location_hash;
use store::{Store, Warning};

/// The current page, read from the URL fragment and kept in step with it.
#[derive(Clone, Copy)]
pub struct CurrentRoute(pub ReadSignal<Route>);

/// Shows a message in the page (outside Leptos) if the app stops with a panic, instead of a
/// blank or frozen page. The message element is static HTML in index.html.
fn install_panic_message() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                if let Some(el) = doc.get_element_by_id("crash") {
                    let _ = el.remove_attribute("hidden");
                }
            }
            previous(info);
        }));
    });
}

/// The whole app: loads the stored workspace, provides it, and shows the shell.
#[component]
pub fn App(boot: store::Boot) -> impl IntoView {
    install_panic_message();
    lang::mark_document();
    let store = Store::new(boot);
    provide_context(store);
    // Working as a team (issue 20): only once a team is joined does anything leave the device.
    #[cfg(feature = "staff")]
    provide_context(shared::sync::Team::start(store));
    provide_context(widgets::saved::Confirmations(RwSignal::new(None)));
    let chosen = mode::load();
    let use_mode = RwSignal::new(chosen);
    provide_context(mode::UseMode(use_mode));
    // Everything erased (here, or in another tab): the app starts again as on a new device, at
    // its first screen, whatever page was open.
    Effect::new(move |seen: Option<u32>| {
        let n = store.cleared.get();
        if seen.is_some_and(|s| s != n) {
            use_mode.set(mode::Mode::Unset);
            if !location_hash()
                .trim_start_matches('#')
                .trim_start_matches('/')
                .is_empty()
            {
                // The app's own move: "All Waymark data has been deleted" goes with it.
                shared::dom::navigate(&Route::Home);
            }
        }
        n
    });
    // "For my family" may have been chosen on the first screen while the app was loading (and
    // with the lock on, the family's records are there once it is unlocked).
    Effect::new(move |_| {
        if !store.locked.get() && chosen == mode::Mode::Family && !mode::ensure_own_family(store) {
            store.say(t(Msg::SaveFailed), true, None);
        }
    });

    // What a family did on the first screens before the app arrived goes on here: the page
    // they were on is the first one drawn (with home before it, for Back).
    if chosen == mode::Mode::Family && !store.locked.get_untracked() {
        if let Some(r) = shared::first::take(store) {
            if let Ok(h) = window().history() {
                let none = wasm_bindgen::JsValue::NULL;
                let _ = h.replace_state_with_url(&none, "", Some(&Route::Home.href()));
                if r != Route::Home {
                    let _ = h.push_state_with_url(&none, "", Some(&r.href()));
                }
            }
        }
    }
    let (route, set_route) = signal(Route::parse(&location_hash()));
    provide_context(CurrentRoute(route));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::parse(&location_hash()));
    });
    on_cleanup(move || handle.remove());

    // After moving to another page, put focus on its heading so a screen reader starts there,
    // and name the page in the tab's title.
    Effect::new(move |prev: Option<Route>| {
        let r = route.get();
        if prev.is_some() && prev.as_ref() != Some(&r) {
            shared::dom::focus_heading();
        }
        r
    });

    // Locked, the page holds nothing but the unlock screen: every page is unmounted.
    view! {
        {move || if store.locked.get() {
            view! { <main id="main" tabindex="-1"><widgets::lock::UnlockScreen/><LiveRegion/></main> }.into_any()
        } else {
            view! { <Shell/> }.into_any()
        }}
    }
}

/// Header, navigation, warnings, the live region and the page.
#[component]
fn Shell() -> impl IntoView {
    let CurrentRoute(route) = expect_context::<CurrentRoute>();
    let mode = mode::use_mode();
    let store = store::use_store();
    // The family view shows only the family's own ways in; the staff view, the caseload's.
    let nav = move || match mode.get() {
        // First use: nothing but the language and the two choices on the page.
        mode::Mode::Unset => Vec::new(),
        mode::Mode::Family => vec![
            (Route::Home, Msg::NavOurHome),
            (Route::Share, Msg::NavShare),
            (Route::Settings, Msg::NavSettings),
        ],
        mode::Mode::Caseload => {
            vec![
                (Route::Families, Msg::NavFamilies),
                (Route::Wheels, Msg::NavWheels),
                (Route::Milestones, Msg::NavMilestones),
                (Route::Scales, Msg::NavScales),
                (Route::Reports, Msg::NavReports),
                (Route::Data, Msg::NavData),
            ]
        }
    };
    let first_use = move || mode.get() == mode::Mode::Unset;
    // In the family view, a caseload page (a list of families, a report) is never shown: its
    // address leads to the family's home instead.
    // A memo: a save (which changes the workspace) must not rebuild the page being typed in.
    let shown = Memo::new(move |_| {
        let r = route.get();
        if mode.get() != mode::Mode::Family {
            return r;
        }
        let ok = store.ws.with(|ws| {
            let fam = ws.own_family();
            crate::route::family_may_see(&r, fam.as_ref(), |c| {
                ws.members()
                    .get(c)
                    .is_some_and(|m| !m.meta.deleted && Some(&m.family) == fam.as_ref())
            })
        });
        if ok {
            r
        } else {
            Route::Home
        }
    });
    // A family's pages after a reload open that family's folder ahead of the others.
    #[cfg(feature = "staff")]
    let waiting = Memo::new(move |_| {
        !store.ready.get()
            && match shown.get() {
                Route::Home | Route::Families => false,
                r => match r.family() {
                    Some(id) => {
                        store.open_family(id);
                        store.ws.with(|ws| ws.folder(id).is_none())
                    }
                    None => true,
                },
            }
    });
    let confirmations = widgets::saved::Confirmations::get();
    // A message belongs to the page it was given on: the person moving on takes it away (a move
    // the app makes after a save carries it along), and a confirmation stays with its page.
    Effect::new(move |prev: Option<Route>| {
        let r = shown.get();
        if prev.as_ref().is_some_and(|p| *p != r) {
            if !shared::dom::moved_by_app() {
                store.notice.set(None);
            }
            confirmations.forget_unless_on(&r);
        }
        r
    });
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(m) = document().get_element_by_id("main") {
                use wasm_bindgen::JsCast;
                if let Some(m) = m.dyn_ref::<web_sys::HtmlElement>() { let _ = m.focus(); }
            }
        }>{t(Msg::SkipToContent)}</a>
        <header class="site-header">
            <a class="brand" href=Route::Home.href()>
                <svg class="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M12 2 L15 9 L22 12 L15 15 L12 22 L9 15 L2 12 L9 9 Z"/>
                </svg>
                <span>{t(Msg::AppName)}</span>
            </a>
            <Show when=move || mode.get() == mode::Mode::Family>
                <widgets::help::HelpLink/>
            </Show>
            <widgets::lock::LockNow/>
            <Show when=move || !first_use()>
            <nav aria-label=t(Msg::MainNav)>
                <ul class="nav-list">
                    {move || nav().into_iter().map(|(r, m)| {
                        let href = r.href();
                        let current = {
                            let r = r.clone();
                            move || (shown.get().section() == r).then_some("page")
                        };
                        view! { <li><a href=href aria-current=current>{t(m)}</a></li> }
                    }).collect_view()}
                </ul>
            </nav>
            </Show>
        </header>
        <main id="main" tabindex="-1">
            // Messages about the whole app, inside the main landmark so no content is outside one.
            <widgets::language::LanguageFailed/>
            <Warnings/>
            <UpdateReady/>
            <ExportReminder/>
            // Offered on the caseload's first page (not over every page's own headings).
            <Show when=move || mode.get() == mode::Mode::Caseload && shown.get() == Route::Families>
                <widgets::lock::LockOffer/>
            </Show>
            <widgets::saved::SavedPanel route=shown/>
            <ErrorBoundary fallback=|errors| view! {
                <section class="page">
                    <h1 tabindex="-1">{t(Msg::ErrorTitle)}</h1>
                    <ul>
                        {move || errors.get().into_iter().map(|(_, e)| view! { <li>{e.to_string()}</li> }).collect_view()}
                    </ul>
                    <p>{t(Msg::ErrorBody)}</p>
                    <p><a class="button" href=Route::Home.href()>{t(Msg::GoHome)}</a></p>
                </section>
            }>
                {move || {
                    // Only the pages drawn from the families list's index are shown before every
                    // family's folder is read (a moment after a reload, or unlocking).
                    #[cfg(feature = "staff")]
                    if waiting.get() {
                        return view! {
                            <section class="page">
                                <h1 tabindex="-1">{t(Msg::OpeningFamilies)}</h1>
                            </section>
                        }.into_any();
                    }
                    pages::page(shown.get())
                }}
            </ErrorBoundary>
            // In the flow of the page, after it: a message never covers a control.
            <LiveRegion/>
        </main>
        <Show when=move || !first_use()>
            <footer class="site-footer">
                <widgets::language::LanguagePicker/>
            </footer>
        </Show>
    }
}

/// Lasting warnings: storage off, data from a newer version, unreadable values.
#[component]
fn Warnings() -> impl IntoView {
    let store = store::use_store();
    view! {
        {move || store.warnings.get().into_iter().map(|w| view! {
            <div class="banner banner-warn" role="alert">
                <p>{t(match w {
                    Warning::StorageOff => Msg::StorageOff,
                    Warning::ReadOnlyNewer => Msg::ReadOnlyNewer,
                    Warning::Unreadable => Msg::UnreadableKept,
                    Warning::NotMoved => Msg::NotMovedYet,
                    Warning::RoomShort => Msg::RoomShort,
                })}</p>
            </div>
        }).collect_view()}
    }
}

/// The page's JavaScript value `window[name]`, if it is set.
fn window_value(name: &str) -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(&window(), &wasm_bindgen::JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// "A new version is ready": the service worker (registered by the loader, see
/// `scripts/csp-loader.mjs`) has a new version waiting; it takes over when the person says so.
/// Everything entered is already saved, so the reload loses nothing.
#[component]
fn UpdateReady() -> impl IntoView {
    let ready = RwSignal::new(window_value("__waymarkUpdateReady").is_some());
    let handle = window_event_listener_untyped("waymark-update-ready", move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    let update = move |_| {
        use wasm_bindgen::JsCast;
        if let Some(f) =
            window_value("__waymarkUpdate").and_then(|v| v.dyn_into::<js_sys::Function>().ok())
        {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="banner" role="status">
                <p>{t(Msg::UpdateReady)}</p>
                <div class="actions">
                    <button type="button" class="button button-primary" on:click=update>{t(Msg::UpdateNow)}</button>
                    <button type="button" class="button" on:click=move |_| ready.set(false)>{t(Msg::NotNow)}</button>
                </div>
            </div>
        </Show>
    }
}

/// A gentle offer to save a copy when nothing has been exported for a week.
#[component]
fn ExportReminder() -> impl IntoView {
    let store = store::use_store();
    let dismissed = RwSignal::new(false);
    // (Not before every folder is read: a copy then would hold only the family opened first.)
    #[cfg(feature = "staff")]
    let ready = move || store.ready.get();
    #[cfg(not(feature = "staff"))]
    let ready = || true;
    let due = move || {
        !dismissed.get()
            && ready()
            && store
                .ws
                .with(|ws| ws.export_reminder_due(store.last_export.get(), store::now()))
    };
    view! {
        <Show when=due>
            <div class="banner">
                <p>{t(Msg::ExportReminder)}</p>
                <div class="actions">
                    <button type="button" class="button button-primary" on:click=move |_| store.export_all()>{t(Msg::ExportAll)}</button>
                    <button type="button" class="button" on:click=move |_| dismissed.set(true)>{t(Msg::NotNow)}</button>
                </div>
            </div>
        </Show>
    }
}

/// The one polite live region: "Saved", errors, and an Undo button when there is one.
#[component]
fn LiveRegion() -> impl IntoView {
    let store = store::use_store();
    let text = move || store.notice.get().map(|n| n.text).unwrap_or_default();
    let is_error = move || store.notice.get().is_some_and(|n| n.error);
    let undo = move || store.notice.get().and_then(|n| n.undo);
    // An offer to undo takes focus (and so comes into view), so it can be taken at once.
    Effect::new(move |_| {
        if store
            .notice
            .with(|n| n.as_ref().is_some_and(|n| n.undo.is_some()))
        {
            shared::dom::focus_id("undo-button");
        }
    });
    view! {
        <div class="toast" class:toast-error=is_error class:toast-empty=move || store.notice.get().is_none()>
            <p role="status" aria-live="polite" class="toast-text">{text}</p>
            <Show when=move || undo().is_some()>
                <button type="button" class="button button-small" id="undo-button" on:click=move |_| {
                    if let Some(u) = undo() { store.undo(u); }
                }>{t(Msg::Undo)}</button>
            </Show>
            <Show when=move || store.notice.get().is_some()>
                <button type="button" class="button button-small button-quiet"
                    aria-label=t(Msg::Dismiss)
                    on:click=move |_| store.notice.set(None)>"×"</button>
            </Show>
        </div>
    }
}
