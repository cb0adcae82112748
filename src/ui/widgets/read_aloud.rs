//! Read aloud: the browser's own speech.

use crate::i18n::{t, Msg};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A visible "Read aloud" button: the browser's own speech, in the page's language. Pressed again
/// while speaking, it stops. Where the device has no voice for the language, it says so plainly
/// and suggests what to do, rather than failing silently.
#[component]
pub fn ReadAloud(
    /// What to say (read when the button is pressed, so it follows the page).
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    let speaking = RwSignal::new(false);
    let no_voice = RwSignal::new(false);
    let press = move |_| {
        let Some(synth) = window().speech_synthesis().ok() else {
            no_voice.set(true);
            return;
        };
        if speaking.get_untracked() {
            synth.cancel();
            speaking.set(false);
            return;
        }
        let lang = crate::i18n::current().tag();
        let prefix = lang.split('-').next().unwrap_or(lang).to_ascii_lowercase();
        // Some browsers list no voices until asked once: an empty list is not "no voice". A list
        // without this language is; and so is an error while speaking.
        let voices = synth.get_voices();
        let has_voice = voices.length() == 0
            || voices
                .iter()
                .filter_map(|v| v.dyn_into::<web_sys::SpeechSynthesisVoice>().ok())
                .any(|v| v.lang().to_ascii_lowercase().starts_with(&prefix));
        if !has_voice {
            no_voice.set(true);
            return;
        }
        no_voice.set(false);
        let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(&text.get_untracked()) else {
            return;
        };
        // The language picks the voice (setting one by hand gains nothing here).
        u.set_lang(lang);
        let done = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || speaking.set(false));
        u.set_onend(Some(done.as_ref().unchecked_ref()));
        done.forget();
        let failed = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(
            move |e: web_sys::Event| {
                speaking.set(false);
                // Stopping on purpose is not a failure.
                let kind = js_sys::Reflect::get(&e, &"error".into())
                    .ok()
                    .and_then(|v| v.as_string());
                if !matches!(kind.as_deref(), Some("interrupted" | "canceled")) {
                    no_voice.set(true);
                }
            },
        );
        u.set_onerror(Some(failed.as_ref().unchecked_ref()));
        failed.forget();
        synth.cancel();
        synth.speak(&u);
        speaking.set(true);
    };
    // Leaving the page stops the voice.
    on_cleanup(move || {
        if speaking.get_untracked() {
            if let Ok(s) = window().speech_synthesis() {
                s.cancel();
            }
        }
    });
    view! {
        <div class="read-aloud">
            <button type="button" class="button button-small" on:click=press>
                <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                    <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor"/>
                    <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                </svg>
                {move || if speaking.get() { t(Msg::StopReading) } else { t(Msg::ReadAloud) }}
            </button>
            <p class="hint" role="status">{move || no_voice.get().then(|| t(Msg::NoVoice))}</p>
        </div>
    }
}
