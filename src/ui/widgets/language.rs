//! The language chooser, and the message when a chosen language could not be loaded.

use crate::domain::file::shards::LANG_KEY;
use crate::i18n::{self, t, Lang, Msg};
use crate::storage;
use crate::ui::shared::lang::failed;
use leptos::prelude::*;

/// The language chooser: each language in its own words, so anyone can find theirs. Choosing
/// keeps the choice and reloads (everything entered is already saved).
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    // The language in use; or, when its words could not be loaded, the one chosen (then choosing
    // it again retries, and choosing English clears it).
    let current = failed().unwrap_or_else(i18n::current);
    let on_change = move |ev: web_sys::Event| {
        let code = event_target_value(&ev);
        let Some(lang) = Lang::from_code(&code) else {
            return;
        };
        if lang == current {
            return;
        }
        let saved = if lang == Lang::En {
            storage::remove(LANG_KEY)
        } else {
            storage::set(LANG_KEY, lang.code())
        };
        match saved {
            Ok(()) => {
                let _ = window().location().reload();
            }
            Err(_) => error.set(Some(t(Msg::LanguageNotSaved).to_string())),
        }
    };
    view! {
        <div class="field language-picker">
            // "Language" in the language in use and in English, so it can be found either way.
            <label for="language">
                {t(Msg::Language)}
                {(current != Lang::En).then(|| view! { <span lang="en">" · Language"</span> })}
            </label>
            <select id="language" on:change=on_change>
                {Lang::ALL.into_iter().map(|l| view! {
                    <option value=l.code() lang=l.tag() dir=l.dir() selected=l == current>{l.own_name()}</option>
                }).collect_view()}
            </select>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </div>
    }
}

/// Shown once at the top of the app when the chosen language could not be loaded.
#[component]
pub fn LanguageFailed() -> impl IntoView {
    failed().map(|l| {
        view! {
            <div class="banner banner-warn" role="alert">
                <p>{i18n::tf(Msg::LanguageNotLoaded, &[("lang", l.own_name().to_string())])}</p>
            </div>
        }
    })
}
