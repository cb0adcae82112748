//! The language chooser, and the message when a chosen language could not be loaded.

use crate::domain::file::shards::LANG_KEY;
use crate::i18n::{self, t, Lang, Msg};
use crate::storage;
use crate::ui::shared::lang::failed;
use leptos::prelude::*;

/// The language in use; or, when its words could not be loaded, the one chosen (then choosing
/// it again retries, and choosing English clears it).
fn current() -> Lang {
    failed().unwrap_or_else(i18n::current)
}

/// Keeps a language as this device's choice and reloads in it (everything entered is already
/// saved). Says so if the browser would not keep it.
fn switch_to(lang: Lang, error: RwSignal<Option<String>>) {
    if lang == current() {
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
}

/// The languages as large buttons, each in its own words and script, for first use and
/// settings: the one in use is pressed.
#[component]
pub fn LanguageButtons() -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let now = current();
    view! {
        <div class="language-buttons" role="group" aria-labelledby="choose-language">
            <h2 id="choose-language">
                {t(Msg::ChooseLanguage)}
                {(now != Lang::En).then(|| view! { <span lang="en">" · Language"</span> })}
            </h2>
            <ul class="choice-buttons">
                {Lang::ALL.into_iter().map(|l| view! {
                    <li>
                        <button type="button" class="button button-big" lang=l.tag() dir=l.dir()
                            aria-pressed=if l == now { "true" } else { "false" }
                            on:click=move |_| switch_to(l, error)>{l.own_name()}</button>
                    </li>
                }).collect_view()}
            </ul>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        </div>
    }
}

/// The language chooser: each language in its own words, so anyone can find theirs. Choosing
/// keeps the choice and reloads (everything entered is already saved).
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let current = current();
    let on_change = move |ev: web_sys::Event| {
        if let Some(lang) = Lang::from_code(&event_target_value(&ev)) {
            switch_to(lang, error);
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
