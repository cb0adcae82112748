//! Sharing with a worker. On a family's phone: their readings leave as a file they choose to
//! send (the phone's share sheet where it offers one, otherwise a download). On a worker's device:
//! how to take such a file in (on "Your data", attached to the right family, with a preview).

use crate::domain::file::export;
use crate::i18n::{t, Msg};
use crate::route::Route;
use crate::ui::shared::dom::{download, set_title};
use crate::ui::shared::mode::{self, use_mode, Mode};
use crate::ui::shared::store::{now, today, use_store, Store};
use crate::ui::widgets::read_aloud::ReadAloud;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

#[component]
pub fn SharePage() -> impl IntoView {
    set_title(t(Msg::ShareTitle));
    let mode = use_mode();
    move || {
        if mode.get() == Mode::Family {
            FamilyShare().into_any()
        } else {
            view! {
                <section class="page">
                    <h1 tabindex="-1">{t(Msg::ShareTitle)}</h1>
                    <p>{t(Msg::ShareWorkerHelp)}</p>
                    <p><a class="button button-primary" href=Route::Data.href()>{t(Msg::NavData)}</a></p>
                </section>
            }
            .into_any()
        }
    }
}

/// Offers a file through the phone's share sheet. `Ok(true)`: the sheet opened; `Ok(false)`:
/// this browser cannot share files (the caller downloads instead).
async fn share_file(name: &str, text: &str) -> Result<bool, JsValue> {
    let nav = window().navigator();
    let get = |k: &str| js_sys::Reflect::get(&nav, &JsValue::from_str(k)).ok();
    let (Some(can), Some(share)) = (
        get("canShare").and_then(|f| f.dyn_into::<js_sys::Function>().ok()),
        get("share").and_then(|f| f.dyn_into::<js_sys::Function>().ok()),
    ) else {
        return Ok(false);
    };
    let opts = web_sys::FilePropertyBag::new();
    opts.set_type("application/json");
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence_and_options(&parts, name, &opts)?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file))?;
    js_sys::Reflect::set(
        &data,
        &"title".into(),
        &JsValue::from_str(t(Msg::ShareFileTitle)),
    )?;
    if can.call1(&nav, &data)?.as_bool() != Some(true) {
        return Ok(false);
    }
    let promise: js_sys::Promise = share.call1(&nav, &data)?.dyn_into()?;
    wasm_bindgen_futures::JsFuture::from(promise).await?;
    Ok(true)
}

/// What happened when the family shared: said on the page, where it stays to be read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Shared,
    Downloaded,
    Failed,
}

fn share_readings(store: Store, outcome: RwSignal<Option<Outcome>>) {
    let Some(fid) = store.ws.with_untracked(|ws| ws.own_family()) else {
        return;
    };
    let text = store.ws.with_untracked(|ws| export::share(ws, &fid, now()));
    let name = format!("waymark-for-my-worker-{}.json", today());
    leptos::task::spawn_local(async move {
        match share_file(&name, &text).await {
            Ok(true) => outcome.set(Some(Outcome::Shared)),
            // The person closed the share sheet: nothing to say.
            Err(e)
                if e.dyn_ref::<web_sys::DomException>()
                    .is_some_and(|d| d.name() == "AbortError") => {}
            // No share sheet here (or it failed): the file is saved instead.
            _ => {
                outcome.set(Some(if download(&name, "application/json", &text) {
                    Outcome::Downloaded
                } else {
                    Outcome::Failed
                }));
            }
        }
    });
}

#[component]
fn FamilyShare() -> impl IntoView {
    let store = use_store();
    let outcome = RwSignal::new(None::<Outcome>);
    let has_family = move || mode::family_id().is_some();
    view! {
        <section class="page">
            <h1 tabindex="-1">{t(Msg::ShareTitle)}</h1>
            <p class="lead">{t(Msg::ShareIntro)}</p>
            // The button, and what happened, on the first screen; how it works after them.
            <Show when=has_family>
                <p><button type="button" class="button button-primary button-big" on:click=move |_| share_readings(store, outcome)>{t(Msg::ShareButton)}</button></p>
            </Show>
            // Stays on the page: what to do next has to be read, not caught in passing.
            <div role="status" class="share-outcome">
                {move || outcome.get().map(|o| match o {
                    Outcome::Shared => view! { <p class="panel">{t(Msg::Shared)}</p> }.into_any(),
                    Outcome::Downloaded => view! { <p class="panel">{t(Msg::SharedAsDownload)}</p> }.into_any(),
                    Outcome::Failed => view! { <p class="panel panel-error">{t(Msg::DownloadFailed)}</p> }.into_any(),
                })}
            </div>
            <h2>{t(Msg::ShareHowItWorks)}</h2>
            <ReadAloud text=Signal::derive(|| [t(Msg::ShareIntro), t(Msg::ShareStep1), t(Msg::ShareStep2), t(Msg::ShareStep3), t(Msg::SharePrivacy)].join(" "))/>
            <ol class="steps-list">
                <li>{t(Msg::ShareStep1)}</li>
                <li>{t(Msg::ShareStep2)}</li>
                <li>{t(Msg::ShareStep3)}</li>
            </ol>
            <p class="hint">{t(Msg::SharePrivacy)}</p>
        </section>
    }
}
