//! "Your data": storage used, saving a copy, bringing a file in, deleting everything.

// The worker's parts (a locked copy, bringing files in) are not in the family's build.
#![cfg_attr(not(feature = "staff"), allow(dead_code, unused_imports))]
use crate::domain::base::sort;
use crate::domain::file::export::{self, ReadError, MAX_IMPORT_BYTES};
use crate::domain::file::locked;
use crate::domain::file::shards;
use crate::domain::model::{Records, Workspace};
use crate::domain::workspace::action::Action;
use crate::domain::workspace::merge::{self, MergeReport};
use crate::i18n::{problem, read_error, t, tenths, tf, Msg};
use crate::route::Route;
use crate::storage;
use crate::ui::shared::dom::{download, file_text, next_frame, set_title};
use crate::ui::shared::format::{bytes, fmt_date};
use crate::ui::shared::mode::family_view;
use crate::ui::shared::store::{now, today, use_store};
use crate::ui::widgets::errors::{focus_summary, ErrorSummary, FieldError, FormErrors};
use crate::ui::widgets::field::Field;
#[cfg(feature = "staff")]
use crate::ui::widgets::lock::{new_passphrase_ok, NewPassphrase, Problems};
use crate::ui::widgets::privacy;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How many families a preview names before saying "and N more".
const NAMED_IN_PREVIEW: usize = 5;

/// A file read and checked, waiting for the person to say yes. Never cloned: the view reads a
/// [`Preview`] of it (a caseload's file holds thousands of records).
struct Pending {
    data: Records,
    report: MergeReport,
    names: Vec<String>,
    /// A one-family file (a family's own, shared from their phone): its reference, and where
    /// its answers go here (the worker must choose: nothing is chosen for them).
    single: Option<String>,
    attach: Attach,
    /// What a one-family file holds, in words: its people, and its readings and answers.
    holds: Vec<String>,
    /// The file re-homed onto `attach_to`; `None`: the file as it is (not copied: a caseload's
    /// file is large).
    merged: Option<Records>,
    /// Free room, in words, where the file may not fit in it.
    may_not_fit: Option<String>,
    /// Several files chosen at once: each one's name and how many families it holds.
    files: Vec<(String, usize)>,
}

/// Where a family's own file goes: not chosen yet, a family of its own, or a family here.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Attach {
    Unchosen,
    New,
    To(crate::domain::base::id::Id),
}

/// What the preview shows of a pending file.
struct Preview {
    report: MergeReport,
    names: Vec<String>,
    single: Option<String>,
    attach: Attach,
    holds: Vec<String>,
    may_not_fit: Option<String>,
    files: Vec<(String, usize)>,
}

impl Pending {
    fn preview(&self) -> Preview {
        Preview {
            report: self.report.clone(),
            names: self.names.clone(),
            single: self.single.clone(),
            attach: self.attach.clone(),
            holds: self.holds.clone(),
            may_not_fit: self.may_not_fit.clone(),
            files: self.files.clone(),
        }
    }
}

/// The families a file names: the first few, and how many more (a service's file names
/// thousands).
fn named(names: &[String]) -> String {
    let list = names
        .iter()
        .take(NAMED_IN_PREVIEW)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > NAMED_IN_PREVIEW {
        tf(
            Msg::ImportFamiliesMore,
            &[
                ("list", list),
                ("n", (names.len() - NAMED_IN_PREVIEW).to_string()),
            ],
        )
    } else {
        tf(Msg::ImportFamiliesNamed, &[("list", list)])
    }
}

/// Where reading a chosen file has got to (shown as a progress bar: a service's file takes a
/// few seconds on a phone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Reading,
    /// Opening a locked file with its passphrase.
    Opening,
    Checking,
    Saving,
}

/// What a one-family file holds, in words.
fn holds(data: &Records) -> Vec<String> {
    let people: Vec<String> = data
        .members
        .values()
        .filter(|m| !m.meta.deleted)
        .map(|m| m.name.clone())
        .collect();
    let c = data.reading_counts();
    let goals = data.goals.values().filter(|g| !g.meta.deleted).count();
    let houses = data
        .three_houses
        .values()
        .filter(|h| !h.meta.deleted)
        .count();
    let questions = data.questions.values().filter(|q| !q.meta.deleted).count();
    let mut out = Vec::new();
    if !people.is_empty() {
        out.push(tf(Msg::FileHoldsPeople, &[("list", people.join(", "))]));
    }
    // Every kind the merge counts as a record, so that these add up to "Add … records".
    let parts = [
        (Msg::HoldsWheels, c.wheels),
        (Msg::HoldsAnswers, c.scales),
        (Msg::HoldsChecks, c.milestones),
        (Msg::HoldsGoals, goals),
        (Msg::HoldsHouses, houses),
        (Msg::HoldsQuestions, questions),
    ]
    .into_iter();
    // A worker's file of one family may hold the evidence for a claim too.
    #[cfg(feature = "staff")]
    let parts = parts.chain([
        (
            Msg::HoldsNeeds,
            data.needs.values().filter(|n| !n.meta.deleted).count(),
        ),
        (
            Msg::HoldsClaims,
            data.claims.values().filter(|k| !k.meta.deleted).count(),
        ),
    ]);
    let parts: Vec<String> = parts
        .filter(|(_, n)| *n > 0)
        .map(|(m, n)| tf(m, &[("n", n.to_string())]))
        .collect();
    out.push(if parts.is_empty() {
        t(Msg::HoldsNothing).into()
    } else {
        parts.join(", ")
    });
    out
}

/// What the file adds, given where it goes.
fn plan_import(
    ws: &Workspace,
    data: &Records,
    to: Option<&crate::domain::base::id::Id>,
) -> (Option<Records>, MergeReport) {
    let merged = to.and_then(|to| merge::attach(data, ws, to));
    let report = merge::preview(ws, merged.as_ref().unwrap_or(data));
    (merged, report)
}

#[component]
pub fn DataPage() -> impl IntoView {
    set_title(t(Msg::DataTitle));
    let store = use_store();
    // The browser's own figures, read again after every change (None: it does not say).
    let estimate = RwSignal::new(None::<Option<(f64, f64)>>);
    let persisted = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        store.ws.track();
        spawn_local(async move {
            estimate.set(Some(storage::estimate().await));
            persisted.set(storage::persisted().await);
        });
    });

    // On a family's phone: plain words, no storage figures, no bringing in files; the switch to
    // the staff view is in Settings.
    let family = family_view();
    view! {
        <section class="page">
            <h1 tabindex="-1">{if family { t(Msg::YourInformation) } else { t(Msg::DataTitle) }}</h1>
            <p class="lead">{privacy(Msg::DataIntro)}</p>
            {(!family).then(|| view! {
            <h2>{t(Msg::StorageUsed)}</h2>
            {move || match estimate.get() {
                None => ().into_any(),
                Some(None) => view! { <p>{t(Msg::StorageUnknown)}</p> }.into_any(),
                Some(Some((u, q))) => {
                    let pct = if q > 0.0 { ((u / q * 1000.0) as u64).min(1000) } else { 0 };
                    view! {
                        <p>{tf(Msg::StorageEstimate, &[("used", bytes(u)), ("quota", bytes(q)), ("pct", tenths(pct))])}</p>
                        // Whole bytes, written as integers: formatting an f64 costs ~11 KB of wasm.
                        <meter class="meter" min="0" max=(q as u64).to_string() value=(u as u64).to_string()
                            high=((q * shards::ROOM_SHORT_AT) as u64).to_string() aria-label=t(Msg::StorageUsed)></meter>
                        {shards::room_is_short(u, q).then(|| view! { <p class="card card-warn">{t(Msg::RoomShort)}</p> })}
                    }.into_any()
                }
            }}
            {move || persisted.get().map(|p| view! { <p class="muted">{if p { t(Msg::StorageKept) } else { t(Msg::StorageNotKept) }}</p> })}
            })}

            <h2>{t(Msg::InstallTitle)}</h2>
            <p>{t(Msg::InstallBody)}</p>

            <h2>{t(Msg::ExportTitle)}</h2>
            <p>{if family { t(Msg::ExportHelpFamily) } else { t(Msg::ExportHelp) }}</p>
            <p>{move || match store.last_export.get().and_then(|m| m.date()) {
                Some(d) => tf(Msg::LastExport, &[("date", fmt_date(d))]),
                None => t(Msg::NeverExported).to_string(),
            }}</p>
            <p><button type="button" class="button button-primary" on:click=move |_| store.export_all()>{t(Msg::ExportAll)}</button></p>
            {staff_only(family)}

            <crate::ui::widgets::lock::LockSettings/>

            <DeleteAll family=family/>

            <p><a href=Route::Settings.href()>{t(Msg::SettingsLink)}</a></p>
        </section>
    }
}

/// The worker's part of the page: a locked copy, and bringing files in. Not in the family's
/// build at all.
#[cfg(feature = "staff")]
fn staff_only(family: bool) -> impl IntoView {
    (!family).then(|| view! { <LockedExport/><Import/><crate::ui::widgets::team::TeamSync/> })
}

#[cfg(not(feature = "staff"))]
fn staff_only(_family: bool) -> impl IntoView {}

/// "Save a locked copy": everything as a file only its passphrase opens (issue 19), for a file
/// that leaves this device.
/// The locked copy's passphrase fields.
#[cfg(feature = "staff")]
const COPY_IDS: (&str, &str) = ("lock-passphrase", "lock-again");

#[cfg(feature = "staff")]
#[component]
fn LockedExport() -> impl IntoView {
    let store = use_store();
    let pass = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problems = Problems::new();
    let busy = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (p, a) = (pass.get_untracked(), again.get_untracked());
        if !new_passphrase_ok(COPY_IDS, &p, &a, problems) {
            return;
        }
        busy.set(true);
        let text = store
            .ws
            .with_untracked(|ws| export::export(ws, None, now()));
        spawn_local(async move {
            next_frame().await;
            let locked_text = crate::storage::crypto::lock(&text, &p).await;
            busy.set(false);
            let name = format!("waymark-{}-locked.json", today());
            match locked_text {
                Some(l) if download(&name, "application/json", &l) => {
                    store.mark_exported();
                    pass.set(String::new());
                    again.set(String::new());
                    store.say(t(Msg::LockedSaved), false, None);
                }
                _ => store.say(t(Msg::LockFailed), true, None),
            }
        });
    };
    view! {
        <details class="disclosure">
            <summary>{t(Msg::LockedExportTitle)}</summary>
            <form class="form" on:submit=save novalidate=true>
                <ErrorSummary errors=problems.0/>
                <p>{t(Msg::LockedExportHelp)}</p>
                <NewPassphrase ids=COPY_IDS label=t(Msg::Passphrase) pass=pass again=again problems=problems/>
                <div class="actions">
                    <button type="submit" class="button" disabled=move || busy.get()>{move || if busy.get() { t(Msg::Locking) } else { t(Msg::SaveLocked) }}</button>
                </div>
            </form>
        </details>
    }
}

/// The files of a file list, in order.
fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    files
        .map(|fs| (0..fs.length()).filter_map(|i| fs.get(i)).collect())
        .unwrap_or_default()
}

#[cfg(feature = "staff")]
#[component]
fn Import() -> impl IntoView {
    let store = use_store();
    let pending = RwSignal::new(None::<Pending>);
    let errors = RwSignal::new(Vec::<String>::new());
    let dragging = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let attach_errors = FormErrors::new("import");

    let stage = RwSignal::new(None::<Stage>);

    // Files chosen together and waiting for the passphrase of the locked ones among them.
    let waiting = RwSignal::new(None::<Vec<(String, String)>>);
    let pass = RwSignal::new(String::new());
    let pass_error = RwSignal::new(None::<String>);

    // Several files at once (a manager's workers' exports), any of them locked: each opened,
    // read and checked, then combined by the usual merge rules into one preview and one import
    // (one Undo).
    let process = move |texts: Vec<(String, String)>, size: f64, key: Option<String>| {
        let several = texts.len() > 1;
        let refuse = move |name: String, line: String, more: Vec<String>| {
            stage.set(None);
            let mut lines = vec![if several {
                format!("{name}: {line}")
            } else {
                line
            }];
            lines.extend(more);
            store.say(
                format!("{} {}", t(Msg::ImportErrorTitle), lines[0]),
                true,
                None,
            );
            errors.set(lines);
        };
        let refuse_read = move |name: String, e: ReadError| {
            let more = match &e {
                ReadError::Invalid(ps) => ps.iter().skip(1).take(9).map(problem).collect(),
                _ => Vec::new(),
            };
            refuse(name, read_error(&e), more);
        };
        spawn_local(async move {
            let mut read = Vec::with_capacity(texts.len());
            let mut summary = Vec::new();
            // Only a family's own answers (shared from its phone) may be attached to a family
            // here; a worker's export of a family is brought in as that family.
            let mut shared = false;
            for (name, text) in &texts {
                let opened;
                let sealed = locked::is_locked(text).then(|| locked::read(text));
                let text = if let Some(sealed) =
                    sealed.filter(|s| s != &Err(locked::LockedError::NotLocked))
                {
                    // A damaged or newer locked file is refused before asking for anything.
                    let Ok(sealed) = sealed else {
                        return refuse(name.clone(), t(Msg::LockedDamaged).into(), Vec::new());
                    };
                    let Some(k) = &key else {
                        stage.set(None);
                        waiting.set(Some(texts.clone()));
                        return;
                    };
                    stage.set(Some(Stage::Opening));
                    next_frame().await;
                    match crate::storage::crypto::open(&sealed, k).await {
                        Ok(t) => {
                            opened = t;
                            &opened
                        }
                        Err(crate::storage::crypto::OpenError::Wrong) => {
                            stage.set(None);
                            pass_error
                                .set(Some(tf(Msg::WrongPassphrase, &[("name", name.clone())])));
                            waiting.set(Some(texts.clone()));
                            crate::ui::widgets::errors::focus_summary();
                            return;
                        }
                        Err(_) => {
                            return refuse(name.clone(), t(Msg::LockedDamaged).into(), Vec::new())
                        }
                    }
                } else {
                    text
                };
                stage.set(Some(Stage::Checking));
                next_frame().await;
                match export::read(text, now()) {
                    Ok(env) => {
                        shared = env.scope == export::Scope::Shared;
                        summary.push((name.clone(), env.data.live_families().count()));
                        read.push(env.data);
                    }
                    Err(e) => return refuse_read(name.clone(), e),
                }
            }
            waiting.set(None);
            pass.set(String::new());
            pass_error.set(None);
            let data = if several {
                merge::combine(read)
            } else {
                read.pop().unwrap_or_default()
            };
            let mut live = data.families.values().filter(|f| !f.meta.deleted);
            let single = match (live.next(), live.next()) {
                _ if several || !shared => None,
                (Some(f), None) => Some(f.reference.clone()),
                _ => None,
            };
            let report = store.ws.with_untracked(|ws| merge::preview(ws, &data));
            let mut names: Vec<String> = report
                .families_added
                .iter()
                .chain(report.families_updated.iter())
                .filter_map(|id| data.families.get(id).map(|f| f.reference.clone()))
                .collect();
            sort::sort(&mut names);
            let attach = if single.is_some() && store.ws.with_untracked(|ws| !ws.is_empty()) {
                Attach::Unchosen
            } else {
                Attach::New
            };
            let may_not_fit = storage::estimate()
                .await
                .filter(|(u, q)| shards::may_not_fit(size, *u, *q))
                .map(|(u, q)| bytes((q - u).max(0.0)));
            stage.set(None);
            pending.set(Some(Pending {
                merged: None,
                holds: if single.is_some() {
                    holds(&data)
                } else {
                    Vec::new()
                },
                data,
                report,
                names,
                single,
                attach,
                may_not_fit,
                files: if several { summary } else { Vec::new() },
            }));
        });
    };

    let sizes = StoredValue::new(0.0f64);
    let take_files = move |files: Vec<web_sys::File>| {
        pending.set(None);
        done.set(None);
        attach_errors.reset();
        errors.set(Vec::new());
        waiting.set(None);
        pass_error.set(None);
        stage.set(Some(Stage::Reading));
        spawn_local(async move {
            // Each step in a task of its own, the progress drawn between: a service's file
            // takes seconds to check on a phone, and the page must not look stuck.
            next_frame().await;
            let mut size = 0.0;
            let mut texts = Vec::with_capacity(files.len());
            for file in files {
                size += file.size();
                match file_text(&file, MAX_IMPORT_BYTES).await {
                    Ok(t) => texts.push((file.name(), t)),
                    Err(e) => {
                        stage.set(None);
                        let line = if texts.is_empty() && file.size() > 0.0 {
                            read_error(&e)
                        } else {
                            format!("{}: {}", file.name(), read_error(&e))
                        };
                        store.say(format!("{} {}", t(Msg::ImportErrorTitle), line), true, None);
                        errors.set(vec![line]);
                        return;
                    }
                }
            }
            sizes.set_value(size);
            process(texts, size, None);
        });
    };
    let open_locked = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let key = pass.get_untracked();
        if key.is_empty() {
            pass_error.set(Some(t(Msg::PassphraseNeeded).into()));
            crate::ui::widgets::errors::focus_summary();
            return;
        }
        if let Some(texts) = waiting.get_untracked() {
            errors.set(Vec::new());
            process(texts, sizes.get_value(), Some(key));
        }
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let files = list(input.files());
        if !files.is_empty() {
            take_files(files);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let files = list(ev.data_transfer().and_then(|d| d.files()));
        if files.is_empty() {
            errors.set(vec![t(Msg::ErrNotAFile).into()]);
        } else {
            take_files(files);
        }
    };
    let confirm = move |_| {
        // A family's own file: the worker says whose it is first.
        if pending.with_untracked(|p| p.as_ref().is_some_and(|p| p.attach == Attach::Unchosen)) {
            attach_errors.show(vec![crate::domain::base::Problem::new(
                "attach",
                crate::domain::base::ProblemKind::Required,
            )]);
            return;
        }
        // Moved out, not copied: a large file's records are not duplicated. (If saving fails
        // the message says so, and the file can be chosen again.)
        let Some(p) = pending.try_update(Option::take).flatten() else {
            return;
        };
        stage.set(Some(Stage::Saving));
        spawn_local(async move {
            next_frame().await;
            let saved = store
                .dispatch_saved(Action::Import(Box::new(p.merged.unwrap_or(p.data))), true)
                .await;
            stage.set(None);
            let Ok(applied) = saved else {
                return;
            };
            let r = applied.report.unwrap_or_default();
            // The result stays on the page (the message with Undo is below it).
            done.set(Some(tf(
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
            )));
        });
    };

    view! {
        <h2>{t(Msg::ImportTitle)}</h2>
        <div class="dropzone" class:dropzone-active=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <p id="import-help">{t(Msg::ImportHelp)}</p>
            <label class="button" for="import-file">{t(Msg::ChooseFile)}</label>
            <input id="import-file" class="visually-hidden" type="file" accept=".json,application/json" multiple=true
                aria-describedby="import-help" on:change=on_pick/>
        </div>
        <Show when=move || !errors.get().is_empty()>
            <div class="card card-error" id="import-errors">
                <h3>{t(Msg::ImportErrorTitle)}</h3>
                <ul>{move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                <p>{t(Msg::ImportNothingChanged)}</p>
            </div>
        </Show>
        <div role="status">
            {move || stage.get().map(|s| {
                let (step, words) = match s {
                    Stage::Reading => (1, t(Msg::ImportReading)),
                    Stage::Opening => (2, t(Msg::ImportOpening)),
                    Stage::Checking => (2, t(Msg::ImportChecking)),
                    Stage::Saving => (3, t(Msg::Saving)),
                };
                view! {
                    <p class="panel"><label for="import-progress">{words}</label>
                    <progress id="import-progress" max="4" value=step.to_string()>{words}</progress></p>
                }
            })}
            {move || done.get().map(|d| view! { <p class="panel">{d}</p> })}
        </div>
        {move || waiting.with(|w| w.as_ref().map(|w| {
            w.iter().filter(|(_, t)| locked::is_locked(t)).map(|(n, _)| n.clone()).collect::<Vec<_>>().join(", ")
        })).map(|names| view! {
            <form class="card" aria-labelledby="locked-title" on:submit=open_locked novalidate=true>
                <h3 id="locked-title">{t(Msg::LockedFileTitle)}</h3>
                <ErrorSummary errors=Signal::derive(move || pass_error.get().map(|m| vec![FieldError::new("import-passphrase", m)]).unwrap_or_default())/>
                <p>{tf(Msg::FileIsLocked, &[("names", names)])}</p>
                <Field id="import-passphrase" label=t(Msg::Passphrase) kind="password" autocomplete="current-password" value=pass error=Signal::derive(move || pass_error.get())/>
                <div class="actions">
                    <button type="submit" class="button button-primary">{t(Msg::OpenLocked)}</button>
                    <button type="button" class="button" on:click=move |_| { waiting.set(None); pass.set(String::new()); pass_error.set(None); store.say(t(Msg::ImportCancelled), false, None); }>{t(Msg::Cancel)}</button>
                </div>
            </form>
        })}
        {move || pending.with(|p| p.as_ref().map(Pending::preview)).map(|p| {
            let r = &p.report;
            let readings_new = r.readings_added;
            let nothing = !r.changes_anything();
            view! {
                <div class="card" role="region" aria-labelledby="preview-title">
                    <h3 id="preview-title">{t(Msg::ImportPreviewTitle)}</h3>
                    <ErrorSummary errors=attach_errors.summary()/>
                    {(!p.files.is_empty()).then(|| view! {
                        <p><strong>{tf(Msg::ImportFiles, &[("n", p.files.len().to_string())])}</strong></p>
                        <ul>{p.files.iter().map(|(name, n)| view! { <li>{tf(Msg::ImportFileLine, &[("name", name.clone()), ("n", n.to_string())])}</li> }).collect_view()}</ul>
                    })}
                    {(!p.holds.is_empty()).then(|| view! {
                        <p><strong>{t(Msg::FileHolds)}</strong></p>
                        <ul>{p.holds.iter().map(|h| view! { <li>{h.clone()}</li> }).collect_view()}</ul>
                    })}
                    {p.single.clone().filter(|_| p.attach != Attach::New || store.ws.with_untracked(|ws| !ws.is_empty())).map(|name| {
                        let families: Vec<(crate::domain::base::id::Id, String)> = store.ws.with_untracked(|ws| {
                            let mut v: Vec<_> = ws.live_families().map(|f| (f.meta.id.clone(), f.reference.clone())).collect();
                            sort::by_key(&mut v, |f| f.1.to_lowercase());
                            v
                        });
                        let chosen = p.attach.clone();
                        let error = attach_errors.at("attach");
                        view! {
                            <div class="field" class:field-error=move || error.get().is_some()>
                                <label for="import-attach">{t(Msg::AttachQuestion)}</label>
                                <p class="hint" id="attach-hint">{t(Msg::AttachHint)}</p>
                                {move || error.get().map(|e| view! { <p class="error-text" id="import-attach-error">{e}</p> })}
                                <select id="import-attach" aria-describedby="attach-hint" on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    let attach = match v.as_str() {
                                        "" => Attach::Unchosen,
                                        "new" => Attach::New,
                                        id => crate::domain::base::id::Id::parse(id).map_or(Attach::Unchosen, Attach::To),
                                    };
                                    attach_errors.clear("attach");
                                    pending.update(|p| if let Some(p) = p {
                                        let to = match &attach { Attach::To(id) => Some(id.clone()), _ => None };
                                        let (merged, report) = store.ws.with_untracked(|ws| plan_import(ws, &p.data, to.as_ref()));
                                        p.merged = merged;
                                        p.report = report;
                                        p.attach = attach;
                                    });
                                }>
                                    <option value="" selected=chosen == Attach::Unchosen>{t(Msg::AttachChoose)}</option>
                                    {families.into_iter().map(|(id, r)| {
                                        let sel = chosen == Attach::To(id.clone());
                                        view! { <option value=id.to_string() selected=sel>{r}</option> }
                                    }).collect_view()}
                                    <option value="new" selected=chosen == Attach::New>{tf(Msg::AttachAsNew, &[("ref", name.clone())])}</option>
                                </select>
                            </div>
                        }
                    })}
                    // What it will do shows once the worker has said whose it is.
                    {(p.attach != Attach::Unchosen).then(|| if nothing {
                        view! { <p>{t(Msg::ImportNothing)}</p> }.into_any()
                    } else {
                        view! {
                            <ul>
                                <li>{tf(Msg::ImportAdds, &[("f", r.families_added.len().to_string()), ("r", readings_new.to_string())])}</li>
                                <li>{tf(Msg::ImportUpdates, &[("f", r.families_updated.len().to_string()), ("r", r.readings_updated.to_string())])}</li>
                                <li>{tf(Msg::ImportMembers, &[("a", r.members_added.to_string()), ("u", r.members_updated.to_string())])}</li>
                                <li>{tf(Msg::ImportKeeps, &[("n", r.kept_count().to_string())])}</li>
                            </ul>
                            {(!p.names.is_empty() && !matches!(p.attach, Attach::To(_))).then(|| view! { <p>{named(&p.names)}</p> })}
                            {p.may_not_fit.clone().map(|free| view! { <p class="card card-warn">{tf(Msg::ImportMayNotFit, &[("free", free)])}</p> })}
                        }.into_any()
                    })}
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
fn DeleteAll(family: bool) -> impl IntoView {
    let store = use_store();
    let typed = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let error = Signal::derive(move || {
        missing
            .get()
            .then(|| t(Msg::DeleteAllTypeFirst).to_string())
    });
    let errors = Signal::derive(move || {
        error
            .get()
            .map(|e| vec![FieldError::new("delete-all-confirm", e)])
            .unwrap_or_default()
    });
    // Cleared once the word is typed right.
    Effect::new(move |_| {
        if typed.get().trim() == t(Msg::DeleteAllWord) {
            missing.set(false);
        }
    });
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if typed.get_untracked().trim() != t(Msg::DeleteAllWord) {
            missing.set(true);
            focus_summary();
            return;
        }
        missing.set(false);
        spawn_local(async move {
            match store.delete_all().await {
                Ok(()) => {
                    // This form goes with the page when the mode is unset, so it is emptied
                    // first (a signal of a page that is gone must not be touched).
                    typed.try_set(String::new());
                    // The app starts afresh (the choice of how Waymark is used went with
                    // everything else: `Store::cleared`); this says why.
                    store.say(t(Msg::DeleteAllDone), false, None);
                }
                Err(_) => store.say(t(Msg::SaveFailed), true, None),
            }
        });
    };
    view! {
        <h2>{t(Msg::DeleteAllTitle)}</h2>
        <form class="card card-warn form" on:submit=go novalidate=true>
            <p id="delete-all-help">{if family { t(Msg::DeleteAllHelpFamily) } else { t(Msg::DeleteAllHelp) }}</p>
            <ErrorSummary errors=errors/>
            <Field id="delete-all-confirm" label=t(Msg::DeleteAllConfirmLabel) value=typed error=error/>
            <div class="actions">
                <button type="submit" class="button button-danger">{t(Msg::DeleteAllButton)}</button>
            </div>
        </form>
    }
}
