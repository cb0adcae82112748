//! Loading a service's own content (a wheel, a milestone framework) from a file: read, checked,
//! previewed, then kept. One widget for every kind of content.

use crate::domain::base::json::MAX_FILE_BYTES;
use crate::domain::base::ReadError;
use crate::domain::workspace::action::Action;
use crate::i18n::{problem, read_error, t, tf, Msg};
use crate::ui::shared::dom::file_text;
use crate::ui::shared::store::use_store;
use leptos::prelude::*;

/// What a file of one kind of content is read as, and the words around it.
pub struct Loader {
    /// The element id of the file input; also the prefix of its parts' ids.
    pub id: &'static str,
    pub title: Msg,
    pub help: Msg,
    pub refused: Msg,
    pub confirm: Msg,
    /// Reads and checks the file's text.
    pub read: fn(&str) -> Result<Loaded, ReadError>,
}

/// A file read and checked, waiting for the person to say yes.
#[derive(Clone)]
pub struct Loaded {
    /// The content's name (the preview's heading, and the message once it is kept).
    pub name: String,
    /// A line about it, and a list (its areas, say).
    pub summary: String,
    pub items: Vec<String>,
    /// The action that keeps it.
    pub keep: Action,
}

/// The lines that say why a file was refused: the first problem in full, then up to nine more.
pub fn refusal_lines(e: &ReadError) -> Vec<String> {
    let mut lines = vec![read_error(e)];
    if let ReadError::Invalid(ps) = e {
        lines.extend(ps.iter().skip(1).take(9).map(problem));
    }
    lines
}

#[component]
pub fn LoadFile(loader: Loader) -> impl IntoView {
    let store = use_store();
    let pending = RwSignal::new(None::<Loaded>);
    let errors = RwSignal::new(Vec::<String>::new());
    let Loader {
        id,
        title,
        help,
        refused,
        confirm,
        read,
    } = loader;
    let refuse = move |e: ReadError| {
        let lines = refusal_lines(&e);
        store.say(format!("{} {}", t(refused), lines[0]), true, None);
        errors.set(lines);
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|fs| fs.get(0)) else {
            return;
        };
        input.set_value("");
        pending.set(None);
        errors.set(Vec::new());
        leptos::task::spawn_local(async move {
            match file_text(&file, MAX_FILE_BYTES)
                .await
                .and_then(|text| read(&text))
            {
                Ok(c) => pending.set(Some(c)),
                Err(e) => refuse(e),
            }
        });
    };
    let on_confirm = move |_| {
        let Some(c) = pending.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            // Said once it is stored (a failed save says so itself).
            match store.dispatch_saved(c.keep, false).await {
                Ok(_) => {
                    store.say(tf(Msg::LoadWheelDone, &[("name", c.name)]), false, None);
                    pending.set(None);
                }
                Err(e) => {
                    if let Some(ps) = e.problems() {
                        errors.set(ps.iter().map(problem).collect());
                    }
                }
            }
        });
    };
    let help_id = format!("{id}-help");
    let errors_id = format!("{id}-errors");
    let preview_id = format!("{id}-preview");
    view! {
        <h2>{t(title)}</h2>
        <p id=help_id.clone()>{t(help)}</p>
        <label class="button" for=id>{t(Msg::ChooseFile)}</label>
        <input id=id class="visually-hidden" type="file" accept=".json,application/json" aria-describedby=help_id on:change=on_pick/>
        <Show when=move || !errors.get().is_empty()>
            <div class="card card-error" id=errors_id.clone()>
                <h3>{t(refused)}</h3>
                <ul>{move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            </div>
        </Show>
        {move || pending.get().map(|c| {
            let labelled = preview_id.clone();
            view! {
                <div class="card" role="region" aria-labelledby=labelled>
                    <h3 id=preview_id.clone()>{c.name}</h3>
                    <p>{c.summary}</p>
                    {(!c.items.is_empty()).then(|| view! { <ul>{c.items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> })}
                    <div class="actions">
                        <button type="button" class="button button-primary" on:click=on_confirm>{t(confirm)}</button>
                        <button type="button" class="button" on:click=move |_| pending.set(None)>{t(Msg::Cancel)}</button>
                    </div>
                </div>
            }
        })}
    }
}
