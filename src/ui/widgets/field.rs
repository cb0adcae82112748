//! Form fields, labelled and wired for screen readers, with their hint and error.

use super::errors::FormErrors;
use leptos::prelude::*;

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
    /// The form's problems and this field's path in them: its error shows here, and goes when
    /// the field changes (instead of `error`).
    #[prop(optional)]
    check: Option<(FormErrors, &'static str)>,
    #[prop(optional)] required: bool,
    /// The `autocomplete` attribute ("off" for case data).
    #[prop(default = "off")]
    autocomplete: &'static str,
) -> impl IntoView {
    let error = check.map_or(error, |(f, p)| f.at(p));
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
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some((f, p)) = check { f.clear(p); }
                }/>
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
    /// As for [`Field`]: the form's problems and this field's path.
    #[prop(optional)]
    check: Option<(FormErrors, &'static str)>,
) -> impl IntoView {
    let error = check.map_or(error, |(f, p)| f.at(p));
    let err_id = format!("{id}-error");
    view! {
        <div class="field" class:field-error=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {let e = err_id.clone(); move || error.get().map(|x| view! { <p class="error-text" id=e.clone()>{x}</p> })}
            <textarea id=id rows="4"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || error.get().is_some().then(|| err_id.clone())
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some((f, p)) = check { f.clear(p); }
                }></textarea>
        </div>
    }
}
