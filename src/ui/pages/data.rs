//! "Your data": storage used, saving a copy, bringing a file in, deleting everything.

use crate::domain::file::export::{self, ReadError, MAX_FILE_BYTES};
use crate::domain::file::shards;
use crate::domain::model::Workspace;
use crate::domain::workspace::action::Action;
use crate::domain::workspace::merge::{self, MergeReport};
use crate::i18n::{problem, read_error, t, tenths, tf, Msg};
use crate::storage;
use crate::ui::shared::dom::set_title;
use crate::ui::shared::format::{bytes, fmt_date, group};
use crate::ui::shared::mode::{choose, use_mode, Mode};
use crate::ui::shared::store::{now, use_store};
use crate::ui::widgets::field::Field;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// About how many UTF-16 characters a browser lets one site keep in localStorage.
pub const QUOTA_CHARS: usize = 5_242_880;

/// A file read and checked, waiting for the person to say yes. Never cloned: the view reads a
/// [`Preview`] of it (a caseload's file holds thousands of records).
struct Pending {
    data: Workspace,
    report: MergeReport,
    names: Vec<String>,
    /// A one-family file (a family's own, shared from their phone): its reference, and the
    /// family here it is attached to (`None`: brought in as a family of its own).
    single: Option<String>,
    attach_to: Option<crate::domain::base::id::Id>,
    /// The file re-homed onto `attach_to`; `None`: the file as it is (not copied: a caseload's
    /// file is large).
    merged: Option<Workspace>,
}

/// What the preview shows of a pending file.
struct Preview {
    report: MergeReport,
    names: Vec<String>,
    single: Option<String>,
    attach_to: Option<crate::domain::base::id::Id>,
}

impl Pending {
    fn preview(&self) -> Preview {
        Preview {
            report: self.report.clone(),
            names: self.names.clone(),
            single: self.single.clone(),
            attach_to: self.attach_to.clone(),
        }
    }
}

/// What the file adds, given where it goes.
fn plan_import(
    ws: &Workspace,
    data: &Workspace,
    to: Option<&crate::domain::base::id::Id>,
) -> (Option<Workspace>, MergeReport) {
    let merged = to.and_then(|to| merge::attach(data, ws, to));
    let report = merge::preview(ws, merged.as_ref().unwrap_or(data));
    (merged, report)
}

#[component]
pub fn DataPage() -> impl IntoView {
    set_title(t(Msg::DataTitle));
    let store = use_store();
    let mode = use_mode();
    let used = RwSignal::new(storage::used_chars(shards::PREFIX));
    Effect::new(move |_| {
        store.ws.track();
        used.set(storage::used_chars(shards::PREFIX));
    });
    let estimate = RwSignal::new(None::<(f64, f64)>);
    let persisted = RwSignal::new(None::<bool>);
    spawn_local(async move {
        let Some(sm) = web_sys::window().map(|w| w.navigator().storage()) else {
            return;
        };
        if let Ok(p) = sm.estimate() {
            if let Ok(v) = JsFuture::from(p).await {
                let est: web_sys::StorageEstimate = v.unchecked_into();
                if let (Some(u), Some(q)) = (est.get_usage(), est.get_quota()) {
                    estimate.set(Some((u, q)));
                }
            }
        }
        if let Ok(p) = sm.persisted() {
            if let Ok(v) = JsFuture::from(p).await {
                persisted.set(v.as_bool());
            }
        }
    });

    view! {
        <section class="page">
            <h1 tabindex="-1">{t(Msg::DataTitle)}</h1>
            <p class="lead">{t(Msg::DataIntro)}</p>

            <h2>{t(Msg::StorageUsed)}</h2>
            <p>{move || {
                let u = used.get();
                let pct = (u as u64 * 1000 / QUOTA_CHARS as u64).min(1000);
                tf(Msg::StorageChars, &[("used", group(u)), ("total", group(QUOTA_CHARS)), ("pct", tenths(pct))])
            }}</p>
            <meter class="meter" min="0" max=QUOTA_CHARS.to_string() value=move || used.get().to_string()
                aria-label=t(Msg::StorageUsed)></meter>
            {move || estimate.get().map(|(u, q)| view! {
                <p class="muted">{tf(Msg::StorageEstimate, &[("used", bytes(u)), ("quota", bytes(q))])}</p>
            })}
            {move || persisted.get().map(|p| view! { <p class="muted">{if p { t(Msg::StorageKept) } else { t(Msg::StorageNotKept) }}</p> })}

            <h2>{t(Msg::InstallTitle)}</h2>
            <p>{t(Msg::InstallBody)}</p>

            <h2>{t(Msg::ModeHeading)}</h2>
            <p>{move || t(match mode.get() {
                Mode::Family => Msg::ModeIsFamily,
                Mode::Caseload => Msg::ModeIsCaseload,
                Mode::Unset => Msg::ModeIsUnset,
            })}</p>
            <div class="actions">
                <Show when=move || mode.get() != Mode::Family>
                    <button type="button" class="button" on:click=move |_| choose(store, mode, Mode::Family)>{t(Msg::ModeSwitchFamily)}</button>
                </Show>
                <Show when=move || mode.get() != Mode::Caseload>
                    <button type="button" class="button" on:click=move |_| choose(store, mode, Mode::Caseload)>{t(Msg::ModeSwitchCaseload)}</button>
                </Show>
            </div>

            <h2>{t(Msg::ExportTitle)}</h2>
            <p>{t(Msg::ExportHelp)}</p>
            <p>{move || match store.last_export.get().and_then(|m| m.date()) {
                Some(d) => tf(Msg::LastExport, &[("date", fmt_date(d))]),
                None => t(Msg::NeverExported).to_string(),
            }}</p>
            <p><button type="button" class="button button-primary" on:click=move |_| store.export_all()>{t(Msg::ExportAll)}</button></p>

            <Import/>

            <DeleteAll/>
        </section>
    }
}

#[component]
fn Import() -> impl IntoView {
    let store = use_store();
    let pending = RwSignal::new(None::<Pending>);
    let errors = RwSignal::new(Vec::<String>::new());
    let dragging = RwSignal::new(false);

    let take_file = move |file: web_sys::File| {
        pending.set(None);
        errors.set(Vec::new());
        let size = file.size() as usize;
        if size > MAX_FILE_BYTES {
            let e = read_error(&ReadError::TooLarge { bytes: size });
            store.say(e.clone(), true, None);
            errors.set(vec![e]);
            return;
        }
        spawn_local(async move {
            let text = match JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
            {
                Some(t) => t,
                None => {
                    errors.set(vec![t(Msg::ErrReadFailed).into()]);
                    return;
                }
            };
            match export::read(&text, now()) {
                Ok(env) => {
                    let mut live = env.data.families.values().filter(|f| !f.meta.deleted);
                    let single = match (live.next(), live.next()) {
                        (Some(f), None) => Some(f.reference.clone()),
                        _ => None,
                    };
                    let report = store.ws.with_untracked(|ws| merge::preview(ws, &env.data));
                    let mut names: Vec<String> = report
                        .families_added
                        .iter()
                        .chain(report.families_updated.iter())
                        .filter_map(|id| env.data.families.get(id).map(|f| f.reference.clone()))
                        .collect();
                    names.sort();
                    pending.set(Some(Pending {
                        merged: None,
                        data: env.data,
                        report,
                        names,
                        single,
                        attach_to: None,
                    }));
                }
                Err(e) => {
                    let mut lines = vec![read_error(&e)];
                    if let ReadError::Invalid(ps) = &e {
                        lines.extend(ps.iter().skip(1).take(9).map(problem));
                    }
                    store.say(
                        format!("{} {}", t(Msg::ImportErrorTitle), lines[0]),
                        true,
                        None,
                    );
                    errors.set(lines);
                }
            }
        });
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(f) = input.files().and_then(|fs| fs.get(0)) {
            take_file(f);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        match ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|fs| fs.get(0))
        {
            Some(f) => take_file(f),
            None => errors.set(vec![t(Msg::ErrNotAFile).into()]),
        }
    };
    let confirm = move |_| {
        // Moved out, not copied: a large file's records are not duplicated. (If saving fails
        // the message says so, and the file can be chosen again.)
        let Some(p) = pending.try_update(Option::take).flatten() else {
            return;
        };
        if let Ok(applied) =
            store.dispatch(Action::Import(Box::new(p.merged.unwrap_or(p.data))), true)
        {
            let r = applied.report.unwrap_or_default();
            store.say(
                tf(
                    Msg::ImportDone,
                    &[
                        ("f", r.families_added.len().to_string()),
                        ("r", r.readings_added.to_string()),
                        (
                            "u",
                            (r.families_updated.len() + r.readings_updated + r.members_updated)
                                .to_string(),
                        ),
                    ],
                ),
                false,
                applied.undo,
            );
            pending.set(None);
        }
    };

    view! {
        <h2>{t(Msg::ImportTitle)}</h2>
        <div class="dropzone" class:dropzone-active=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <p id="import-help">{t(Msg::ImportHelp)}</p>
            <label class="button" for="import-file">{t(Msg::ChooseFile)}</label>
            <input id="import-file" class="visually-hidden" type="file" accept=".json,application/json"
                aria-describedby="import-help" on:change=on_pick/>
        </div>
        <Show when=move || !errors.get().is_empty()>
            <div class="card card-error" id="import-errors">
                <h3>{t(Msg::ImportErrorTitle)}</h3>
                <ul>{move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                <p>{t(Msg::ImportNothingChanged)}</p>
            </div>
        </Show>
        {move || pending.with(|p| p.as_ref().map(Pending::preview)).map(|p| {
            let r = &p.report;
            let readings_new = r.readings_added;
            let nothing = !r.changes_anything();
            view! {
                <div class="card" role="region" aria-labelledby="preview-title">
                    <h3 id="preview-title">{t(Msg::ImportPreviewTitle)}</h3>
                    {p.single.clone().filter(|_| store.ws.with_untracked(|ws| !ws.is_empty())).map(|name| {
                        let families: Vec<(crate::domain::base::id::Id, String)> = store.ws.with_untracked(|ws| {
                            let mut v: Vec<_> = ws.live_families().map(|f| (f.meta.id.clone(), f.reference.clone())).collect();
                            v.sort_by_key(|f| f.1.to_lowercase());
                            v
                        });
                        let chosen = p.attach_to.clone();
                        view! {
                            <div class="field">
                                <label for="attach-to">{t(Msg::AttachQuestion)}</label>
                                <p class="hint" id="attach-hint">{t(Msg::AttachHint)}</p>
                                <select id="attach-to" aria-describedby="attach-hint" on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    let to = crate::domain::base::id::Id::parse(&v);
                                    pending.update(|p| if let Some(p) = p {
                                        let (merged, report) = store.ws.with_untracked(|ws| plan_import(ws, &p.data, to.as_ref()));
                                        p.merged = merged;
                                        p.report = report;
                                        p.attach_to = to;
                                    });
                                }>
                                    <option value="" selected=chosen.is_none()>{tf(Msg::AttachAsNew, &[("ref", name.clone())])}</option>
                                    {families.into_iter().map(|(id, r)| {
                                        let sel = chosen.as_ref() == Some(&id);
                                        view! { <option value=id.to_string() selected=sel>{r}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                        }
                    })}
                    {if nothing {
                        view! { <p>{t(Msg::ImportNothing)}</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                <li>{tf(Msg::ImportAdds, &[("f", r.families_added.len().to_string()), ("r", readings_new.to_string())])}</li>
                                <li>{tf(Msg::ImportUpdates, &[("f", r.families_updated.len().to_string()), ("r", r.readings_updated.to_string())])}</li>
                                <li>{tf(Msg::ImportMembers, &[("a", r.members_added.to_string()), ("u", r.members_updated.to_string())])}</li>
                                <li>{tf(Msg::ImportKeeps, &[("n", r.kept_count().to_string())])}</li>
                            </ul>
                            {(!p.names.is_empty() && p.attach_to.is_none()).then(|| view! { <p>{tf(Msg::ImportFamiliesNamed, &[("list", p.names.join(", "))])}</p> })}
                        }.into_any()
                    }}
                    <div class="actions">
                        {(!nothing).then(|| view! { <button type="button" class="button button-primary" on:click=confirm>{t(Msg::ImportConfirm)}</button> })}
                        <button type="button" class="button" on:click=move |_| { pending.set(None); store.say(t(Msg::ImportCancelled), false, None); }>{t(Msg::Cancel)}</button>
                    </div>
                </div>
            }
        })}
    }
}

#[component]
fn DeleteAll() -> impl IntoView {
    let store = use_store();
    let use_mode_after_delete = use_mode();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if typed.get_untracked().trim() != t(Msg::DeleteAllWord) {
            error.set(Some(t(Msg::DeleteAllTypeFirst).into()));
            return;
        }
        error.set(None);
        match store.delete_all() {
            Ok(()) => {
                // The choice of how Waymark is used went with everything else.
                use_mode_after_delete.set(Mode::Unset);
                typed.set(String::new());
                store.say(t(Msg::DeleteAllDone), false, None);
            }
            Err(_) => store.say(t(Msg::SaveFailed), true, None),
        }
    };
    view! {
        <h2>{t(Msg::DeleteAllTitle)}</h2>
        <form class="card card-warn form" on:submit=go novalidate=true>
            <p id="delete-all-help">{t(Msg::DeleteAllHelp)}</p>
            <Field id="delete-all-confirm" label=t(Msg::DeleteAllConfirmLabel) value=typed error=error/>
            <div class="actions">
                <button type="submit" class="button button-danger">{t(Msg::DeleteAllButton)}</button>
            </div>
        </form>
    }
}
