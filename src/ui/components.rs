//! Small pieces shared by pages.

use crate::i18n::{t, Msg};
use chrono::NaiveDate;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A date the way people in England write it: "5 Mar 2026".
pub fn fmt_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!(
        "{} {} {}",
        d.day(),
        crate::i18n::month_short(d.month()),
        d.year()
    )
}

/// Reads the `YYYY-MM-DD` a date input gives.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    crate::domain::date::parse_ymd(s.trim())
}

/// A change with its sign: "+3", "0", "-2".
pub fn signed(n: i8) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

/// Names the page in the browser tab.
pub fn set_title(page: &str) {
    document().set_title(&format!("{page} · {}", t(Msg::AppName)));
}

/// Offers text as a file download. Returns false if the browser refused.
pub fn download(filename: &str, mime: &str, text: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let ok = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(filename);
            a.click();
        })
        .is_some();
    // Let the download start before the address is released.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    ok
}

/// A labelled text input with an optional hint and error, wired for screen readers.
#[component]
pub fn Field(
    /// The element id (also used for the hint and error ids).
    #[prop(into)]
    id: String,
    /// The visible label.
    label: &'static str,
    /// The value, two-way.
    value: RwSignal<String>,
    /// The input type: text, date, number.
    #[prop(default = "text")]
    kind: &'static str,
    /// A line of help under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The error to show, if any.
    #[prop(into, optional)]
    error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
    /// The `autocomplete` attribute ("off" for case data).
    #[prop(default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let err_id = format!("{id}-error");
    let described = {
        let (hint_id, err_id) = (hint_id.clone(), err_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-error=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || error.get().map(|e| view! { <p class="error-text" id=err_id.clone()>{e}</p> })}
            <input id=id type=kind autocomplete=autocomplete
                required=required
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
}

/// A labelled multi-line text box.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
) -> impl IntoView {
    let err_id = format!("{id}-error");
    view! {
        <div class="field" class:field-error=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {let e = err_id.clone(); move || error.get().map(|x| view! { <p class="error-text" id=e.clone()>{x}</p> })}
            <textarea id=id rows="4"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || error.get().is_some().then(|| err_id.clone())
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </div>
    }
}

/// Read-only figures as HTML markup, inserted with `inner_html`: a report's dozen tables cost a
/// few hundred bytes of wasm this way, against tens of kilobytes as view trees. Every piece of
/// text goes through [`esc`].
pub mod markup {
    pub use crate::domain::wheel::escape as esc;

    /// One table row: the row header (markup, already escaped) and the cells (plain text).
    pub struct Row {
        pub head: String,
        pub cells: Vec<String>,
        /// An attribute for the first cell, such as `data-figure="active"` (markup).
        pub attr: String,
    }

    impl Row {
        pub fn new(head: &str, cells: Vec<String>) -> Row {
            Row {
                head: esc(head),
                cells,
                attr: String::new(),
            }
        }
    }

    /// A table with a hidden caption, column headings (the first over the row headers), rows and
    /// an optional footer row. With `region`, the wrapper scrolls and takes focus on a phone.
    pub fn table(
        caption: &str,
        region: bool,
        class: &str,
        head: &[String],
        rows: &[Row],
        foot: Option<&Row>,
    ) -> String {
        let mut s = String::with_capacity(256 + rows.len() * 64);
        if region {
            s.push_str(&format!(
                "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
                esc(caption)
            ));
        } else {
            s.push_str("<div class=\"table-wrap\">");
        }
        s.push_str(&format!(
            "<table class=\"scores {class}\"><caption class=\"visually-hidden\">{}</caption>",
            esc(caption)
        ));
        if !head.is_empty() {
            s.push_str("<thead><tr>");
            for h in head {
                s.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
            }
            s.push_str("</tr></thead>");
        }
        let row = |s: &mut String, r: &Row| {
            s.push_str(&format!("<tr><th scope=\"row\">{}</th>", r.head));
            for (i, c) in r.cells.iter().enumerate() {
                let attr = if i == 0 && !r.attr.is_empty() {
                    format!(" {}", r.attr)
                } else {
                    String::new()
                };
                s.push_str(&format!("<td{attr}>{}</td>", esc(c)));
            }
            s.push_str("</tr>");
        };
        s.push_str("<tbody>");
        for r in rows {
            row(&mut s, r);
        }
        s.push_str("</tbody>");
        if let Some(f) = foot {
            s.push_str("<tfoot>");
            row(&mut s, f);
            s.push_str("</tfoot>");
        }
        s.push_str("</table></div>");
        s
    }

    /// An element with escaped text: `el("h2", "", "Outcomes")`.
    pub fn el(tag: &str, attrs: &str, text: &str) -> String {
        let sep = if attrs.is_empty() { "" } else { " " };
        format!("<{tag}{sep}{attrs}>{}</{tag}>", esc(text))
    }
}

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
