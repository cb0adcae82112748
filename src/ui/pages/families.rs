//! The families list, adding a family, and one family's page.

use super::{field_error, PageError};
use crate::domain::action::{Action, ActionError, FamilyFields, MemberFields};
use crate::domain::export;
use crate::domain::id::Id;
use crate::domain::model::{Closure, ClosureReason, Family, MemberRole};
use crate::domain::validate::Problem;
use crate::i18n::{closure_reason, role, t, tf, Msg};
use crate::route::Route;
use crate::storage;
use crate::ui::components::{download, fmt_date, parse_date, set_title, Field, TextArea};
use crate::ui::navigate;
use crate::ui::store::{new_id, now, today, use_store};
use leptos::prelude::*;

/// Every family, open ones first, then by reference.
#[component]
pub fn FamiliesPage() -> impl IntoView {
    set_title(t(Msg::FamiliesTitle));
    let store = use_store();
    let families = move || {
        store.ws.with(|ws| {
            let mut v: Vec<Family> = ws.live_families().cloned().collect();
            v.sort_by(|a, b| {
                a.closed.is_some().cmp(&b.closed.is_some()).then_with(|| {
                    a.reference
                        .to_ascii_lowercase()
                        .cmp(&b.reference.to_ascii_lowercase())
                })
            });
            v
        })
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h1 tabindex="-1">{t(Msg::FamiliesTitle)}</h1>
                <a class="button button-primary" href=Route::NewFamily.href()>{t(Msg::AddFamily)}</a>
            </div>
            <Show when=move || !families().is_empty() fallback=|| view! {
                <div class="empty"><p>{t(Msg::FamiliesEmpty)}</p></div>
            }>
                <ul class="card-list">
                    {move || families().into_iter().map(|f| view! {
                        <li class="card">
                            <a class="card-link" href=Route::Family(f.meta.id.clone()).href()>{f.reference.clone()}</a>
                            <p class="meta">
                                {match &f.closed {
                                    Some(c) => tf(Msg::ClosedOn, &[("date", fmt_date(c.date))]),
                                    None => tf(Msg::OpenedOn, &[("date", fmt_date(f.opened))]),
                                }}
                                {(!f.worker.is_empty()).then(|| format!(" · {}", f.worker))}
                            </p>
                        </li>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

/// The fields of the family form, as signals.
#[derive(Clone, Copy)]
struct FamilyForm {
    reference: RwSignal<String>,
    full_name: RwSignal<String>,
    worker: RwSignal<String>,
    opened: RwSignal<String>,
    notes: RwSignal<String>,
    review: RwSignal<String>,
    problems: RwSignal<Vec<Problem>>,
    /// Where what is being typed is kept for this tab, so a reload never loses it.
    draft_key: StoredValue<String>,
}

/// The draft key for adding a family, or for editing one.
fn draft_key(editing: Option<&Id>) -> String {
    match editing {
        Some(id) => format!("waymark.draft.family.{id}"),
        None => "waymark.draft.new-family".into(),
    }
}

impl FamilyForm {
    fn new(f: Option<&Family>) -> Self {
        let key = draft_key(f.map(|f| &f.meta.id));
        let form = FamilyForm {
            reference: RwSignal::new(f.map(|f| f.reference.clone()).unwrap_or_default()),
            full_name: RwSignal::new(f.map(|f| f.full_name.clone()).unwrap_or_default()),
            worker: RwSignal::new(f.map(|f| f.worker.clone()).unwrap_or_default()),
            opened: RwSignal::new(f.map(|f| f.opened).unwrap_or_else(today).to_string()),
            notes: RwSignal::new(f.map(|f| f.notes.clone()).unwrap_or_default()),
            review: RwSignal::new(
                f.and_then(|f| f.review_weeks)
                    .map(|w| w.to_string())
                    .unwrap_or_default(),
            ),
            problems: RwSignal::new(Vec::new()),
            draft_key: StoredValue::new(key.clone()),
        };
        let signals = [
            form.reference,
            form.full_name,
            form.worker,
            form.opened,
            form.notes,
            form.review,
        ];
        if let Some(draft) =
            storage::session_get(&key).and_then(|d| serde_json::from_str::<Vec<String>>(&d).ok())
        {
            for (sig, v) in signals.iter().zip(draft) {
                sig.set(v);
            }
        }
        // Keep the draft in step with what is typed (syncing with the outside world).
        Effect::new(move |first: Option<()>| {
            let values: Vec<String> = signals.iter().map(|s| s.get()).collect();
            if first.is_some() {
                let _ =
                    storage::session_set(&key, &serde_json::to_string(&values).unwrap_or_default());
            }
        });
        form
    }
    /// Forgets the draft (after saving or cancelling).
    fn done(&self) {
        storage::session_remove(&self.draft_key.get_value());
    }
    fn fields(&self) -> FamilyFields {
        FamilyFields {
            reference: self.reference.get_untracked(),
            full_name: self.full_name.get_untracked(),
            worker: self.worker.get_untracked(),
            opened: parse_date(&self.opened.get_untracked()),
            notes: self.notes.get_untracked(),
            // Empty: the default. Anything that is not a number from 1 to 52 is refused.
            review_weeks: {
                let w = self.review.get_untracked();
                let w = w.trim();
                (!w.is_empty()).then(|| w.parse().unwrap_or(0))
            },
        }
    }
    fn err(&self, field: &'static str) -> Signal<Option<String>> {
        let p = self.problems;
        Signal::derive(move || p.with(|p| field_error(p, field)))
    }
    /// Shows the problems of a refused action; focuses the first field in error.
    fn refused(&self, e: ActionError) {
        if let ActionError::Invalid(ps) = e {
            let first = ps.first().map(|p| p.path.clone());
            self.problems.set(ps);
            if let Some(f) = first {
                focus_by_id(&format!("family-{}", f.split('.').next().unwrap_or("")));
            }
        }
    }
}

fn focus_by_id(id: &str) {
    use wasm_bindgen::JsCast;
    let id = id.to_string();
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

#[component]
fn FamilyFormFields(form: FamilyForm) -> impl IntoView {
    view! {
        <Field id="family-reference" label=t(Msg::Reference) hint=t(Msg::ReferenceHint) value=form.reference error=form.err("reference") required=true/>
        <Field id="family-full_name" label=t(Msg::FullName) value=form.full_name error=form.err("full_name")/>
        <Field id="family-worker" label=t(Msg::Worker) value=form.worker error=form.err("worker")/>
        <Field id="family-opened" label=t(Msg::Opened) kind="date" value=form.opened error=form.err("opened") required=true/>
        <Field id="family-review_weeks" label=t(Msg::ReviewWeeks) hint=t(Msg::ReviewWeeksHint) kind="number" value=form.review error=form.err("review_weeks")/>
        <TextArea id="family-notes" label=t(Msg::Notes) value=form.notes error=form.err("notes")/>
    }
}

/// Adding a family.
#[component]
pub fn NewFamilyPage() -> impl IntoView {
    set_title(t(Msg::NewFamilyTitle));
    let store = use_store();
    let form = FamilyForm::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = new_id();
        match store.dispatch(
            Action::CreateFamily {
                id: id.clone(),
                fields: form.fields(),
            },
            false,
        ) {
            Ok(_) => {
                form.done();
                navigate(&Route::Family(id));
            }
            Err(e) => form.refused(e),
        }
    };
    view! {
        <section class="page">
            <p><a href=Route::Families.href()>{t(Msg::BackToFamilies)}</a></p>
            <h1 tabindex="-1">{t(Msg::NewFamilyTitle)}</h1>
            <form class="form" on:submit=on_submit novalidate=true>
                <FamilyFormFields form=form/>
                <div class="actions">
                    <button type="submit" class="button button-primary">{t(Msg::Save)}</button>
                    <a class="button" href=Route::Families.href() on:click=move |_| form.done()>{t(Msg::Cancel)}</a>
                </div>
            </form>
        </section>
    }
}

/// One family: details, people, readings so far, closing, export and deletion.
/// Only the parts showing the family's own fields follow its record, so a change arriving from
/// another tab never wipes a form being filled in here.
#[component]
pub fn FamilyPage(id: Id) -> impl IntoView {
    let store = use_store();
    let fid = id.clone();
    let family = Memo::new(move |_| {
        store
            .ws
            .with(|ws| ws.families.get(&fid).filter(|f| !f.meta.deleted).cloned())
    });
    let exists = Memo::new(move |_| family.with(Option::is_some));
    let id = StoredValue::new(id);
    move || -> Result<AnyView, PageError> {
        if !exists.get() {
            return Err(PageError(Msg::FamilyNotFound));
        }
        Ok(view! { <FamilyView family=family id=id.get_value()/> }.into_any())
    }
}

#[component]
fn FamilyView(family: Memo<Option<Family>>, id: Id) -> impl IntoView {
    let store = use_store();
    // Editing resumes after a reload if a draft of the edit was being typed.
    let editing = RwSignal::new(storage::session_get(&draft_key(Some(&id))).is_some());
    let confirming_delete = RwSignal::new(false);
    let id = StoredValue::new(id);
    let field = move |f: fn(&Family) -> String| {
        move || family.with(|x| x.as_ref().map(f).unwrap_or_default())
    };
    let reference = field(|f| f.reference.clone());
    Effect::new(move |_| set_title(&reference()));
    let closed =
        Memo::new(move |_| family.with(|f| f.as_ref().is_some_and(|f| f.closed.is_some())));
    let counts = move || store.ws.with(|ws| ws.reading_counts(Some(&id.get_value())));
    let export_family = move |_| {
        let text = store
            .ws
            .with_untracked(|ws| export::export(ws, Some(&id.get_value()), now()));
        let name = format!("waymark-family-{}.json", today());
        download(&name, "application/json", &text);
    };
    let delete = move |_| {
        if store
            .dispatch(Action::DeleteFamily { id: id.get_value() }, true)
            .is_ok()
        {
            navigate(&Route::Families);
        }
    };
    let details = move || {
        family.get().map(|family| view! {
            <dl class="details">
                {(!family.full_name.is_empty()).then(|| view! { <dt>{t(Msg::FullName)}</dt><dd>{family.full_name.clone()}</dd> })}
                {(!family.worker.is_empty()).then(|| view! { <dt>{t(Msg::Worker)}</dt><dd>{family.worker.clone()}</dd> })}
                <dt>{t(Msg::Opened)}</dt><dd>{fmt_date(family.opened)}</dd>
                {family.closed.clone().map(|c| view! {
                    <dt>{t(Msg::Closed)}</dt>
                    <dd>{format!("{} · {}", fmt_date(c.date), closure_reason(c.reason))}</dd>
                })}
                {family.review_weeks.map(|w| view! { <dt>{t(Msg::ReviewWeeks)}</dt><dd>{w.to_string()}</dd> })}
                {(!family.notes.is_empty()).then(|| view! { <dt>{t(Msg::Notes)}</dt><dd class="pre">{family.notes.clone()}</dd> })}
            </dl>
        })
    };
    view! {
        <section class="page">
            <p><a href=Route::Families.href()>{t(Msg::BackToFamilies)}</a></p>
            <div class="page-head">
                <h1 tabindex="-1">{reference}</h1>
                <span class="tag">{move || if closed.get() { t(Msg::Closed) } else { t(Msg::Open) }}</span>
            </div>
            <Show when=move || !editing.get() fallback=move || view! { <EditFamily family=family.get_untracked().unwrap_or_else(|| unreachable_family()) editing=editing/> }>
                {details}
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| editing.set(true)>{t(Msg::EditFamily)}</button>
                </div>
            </Show>

            <Members family=id.get_value()/>

            <h2>{t(Msg::Readings)}</h2>
            <p>{move || { let c = counts(); tf(Msg::ReadingsSummary, &[("w", c.wheels.to_string()), ("m", c.milestones.to_string()), ("s", c.scales.to_string())]) }}</p>
            <div class="actions">
                <a class="button" href=Route::WheelFamily(id.get_value()).href()>{t(Msg::OpenWheels)}</a>
                <a class="button" href=Route::ScaleFamily(id.get_value()).href()>{t(Msg::OpenQuestions)}</a>
            </div>

            {move || view! { <CloseOrReopen id=id.get_value() closed=closed.get()/> }}

            <h2>{t(Msg::ExportTitle)}</h2>
            <p><button type="button" class="button" on:click=export_family>{t(Msg::ExportFamily)}</button></p>

            <h2>{t(Msg::DeleteFamily)}</h2>
            <Show when=move || confirming_delete.get() fallback=move || view! {
                <button type="button" class="button button-danger" on:click=move |_| confirming_delete.set(true)>{t(Msg::DeleteFamily)}</button>
            }>
                <div class="card card-warn" role="group" aria-labelledby="confirm-delete-text">
                    <p id="confirm-delete-text">{move || tf(Msg::DeleteFamilyConfirm, &[("ref", reference())])}</p>
                    <div class="actions">
                        <button type="button" class="button button-danger" on:click=delete>{t(Msg::Delete)}</button>
                        <button type="button" class="button" on:click=move |_| confirming_delete.set(false)>{t(Msg::Cancel)}</button>
                    </div>
                </div>
            </Show>
        </section>
    }
}

/// Only reached if the family vanished between a click and the render; an empty form is safe.
fn unreachable_family() -> Family {
    Family {
        meta: crate::domain::model::Meta::new(new_id(), now(), new_id()),
        reference: String::new(),
        full_name: String::new(),
        worker: String::new(),
        opened: today(),
        closed: None,
        notes: String::new(),
        review_weeks: None,
    }
}

#[component]
fn EditFamily(family: Family, editing: RwSignal<bool>) -> impl IntoView {
    let store = use_store();
    let form = FamilyForm::new(Some(&family));
    let id = family.meta.id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match store.dispatch(
            Action::UpdateFamily {
                id: id.clone(),
                fields: form.fields(),
            },
            false,
        ) {
            Ok(_) => {
                form.done();
                editing.set(false);
            }
            Err(e) => form.refused(e),
        }
    };
    view! {
        <form class="form" on:submit=on_submit novalidate=true>
            <FamilyFormFields form=form/>
            <div class="actions">
                <button type="submit" class="button button-primary">{t(Msg::Save)}</button>
                <button type="button" class="button" on:click=move |_| { form.done(); editing.set(false); }>{t(Msg::Cancel)}</button>
            </div>
        </form>
    }
}

/// The people in a family, and a form to add one.
#[component]
fn Members(family: Id) -> impl IntoView {
    let store = use_store();
    let fam = StoredValue::new(family);
    let members = move || {
        store.ws.with(|ws| {
            ws.live_members_of(&fam.get_value())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let name = RwSignal::new(String::new());
    let child = RwSignal::new(false);
    let born = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let weeks = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let err = move |f: &'static str| Signal::derive(move || problems.with(|p| field_error(p, f)));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fields = MemberFields {
            role: if child.get_untracked() {
                MemberRole::Child
            } else {
                MemberRole::Adult
            },
            name: name.get_untracked(),
            born: parse_date(&born.get_untracked()),
            due: parse_date(&due.get_untracked()),
            weeks_early: weeks.get_untracked().trim().parse().ok(),
        };
        match store.dispatch(
            Action::AddMember {
                id: new_id(),
                family: fam.get_value(),
                fields,
            },
            false,
        ) {
            Ok(_) => {
                name.set(String::new());
                born.set(String::new());
                due.set(String::new());
                weeks.set(String::new());
                problems.set(Vec::new());
                focus_by_id("member-name");
            }
            Err(ActionError::Invalid(ps)) => problems.set(ps),
            Err(_) => {}
        }
    };
    view! {
        <h2>{t(Msg::Members)}</h2>
        <Show when=move || !members().is_empty() fallback=|| view! { <p class="muted">{t(Msg::NoMembers)}</p> }>
            <ul class="people">
                {move || members().into_iter().map(|m| view! {
                    <li>
                        <span>
                            <strong>{m.name.clone()}</strong>
                            {format!(" · {}", role(m.role))}
                            {m.born.map(|b| format!(" · {}", fmt_date(b)))}
                            {m.due.map(|d| format!(" · {} {}", t(Msg::DueOn), fmt_date(d)))}
                        </span>
                        <button type="button" class="button button-small button-quiet"
                            aria-label=tf(Msg::RemovePerson, &[("name", m.name.clone())])
                            on:click={let id = m.meta.id.clone(); move |_| { let _ = store.dispatch(Action::RemoveMember { id: id.clone() }, true); }}>
                            {t(Msg::Remove)}
                        </button>
                    </li>
                }).collect_view()}
            </ul>
        </Show>
        <details class="disclosure">
            <summary>{t(Msg::AddPerson)}</summary>
            <form class="form" on:submit=add novalidate=true>
                <Field id="member-name" label=t(Msg::Name) value=name error=err("name") required=true/>
                <fieldset class="choice">
                    <legend>{t(Msg::Role)}</legend>
                    <label><input type="radio" name="member-role" prop:checked=move || !child.get() on:change=move |_| child.set(false)/>{t(Msg::RoleAdult)}</label>
                    <label><input type="radio" name="member-role" prop:checked=move || child.get() on:change=move |_| child.set(true)/>{t(Msg::RoleChild)}</label>
                </fieldset>
                <Field id="member-born" label=t(Msg::BornOn) kind="date" value=born error=err("born")/>
                <Show when=move || child.get()>
                    <Field id="member-due" label=t(Msg::DueOn) kind="date" value=due error=err("due")/>
                    <Field id="member-weeks" label=t(Msg::WeeksEarly) kind="number" value=weeks error=err("weeks_early")/>
                </Show>
                <div class="actions"><button type="submit" class="button">{t(Msg::AddThisPerson)}</button></div>
            </form>
        </details>
    }
}

#[component]
fn CloseOrReopen(id: Id, closed: bool) -> impl IntoView {
    let store = use_store();
    let id = StoredValue::new(id);
    let reason = RwSignal::new(ClosureReason::OutcomesMet);
    let date = RwSignal::new(today().to_string());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = parse_date(&date.get_untracked()) else {
            problems.set(vec![Problem {
                path: "closed.date".into(),
                kind: crate::domain::validate::ProblemKind::Required,
            }]);
            return;
        };
        let closure = Closure {
            date: d,
            reason: reason.get_untracked(),
            note: String::new(),
        };
        if let Err(ActionError::Invalid(ps)) = store.dispatch(
            Action::CloseFamily {
                id: id.get_value(),
                closure,
            },
            false,
        ) {
            problems.set(ps);
        }
    };
    if closed {
        view! {
            <h2>{t(Msg::Reopen)}</h2>
            <p><button type="button" class="button" on:click=move |_| { let _ = store.dispatch(Action::ReopenFamily { id: id.get_value() }, false); }>{t(Msg::Reopen)}</button></p>
        }.into_any()
    } else {
        view! {
            <details class="disclosure">
                <summary>{t(Msg::CloseCase)}</summary>
                <form class="form" on:submit=close novalidate=true>
                    <div class="field">
                        <label for="close-reason">{t(Msg::CloseReason)}</label>
                        <select id="close-reason" on:change=move |ev| {
                            let v: usize = event_target_value(&ev).parse().unwrap_or(0);
                            reason.set(ClosureReason::ALL[v.min(ClosureReason::ALL.len() - 1)]);
                        }>
                            {ClosureReason::ALL.iter().enumerate().map(|(i, r)| view! { <option value=i.to_string()>{closure_reason(*r)}</option> }).collect_view()}
                        </select>
                    </div>
                    <Field id="close-date" label=t(Msg::CloseDate) kind="date" value=date error=Signal::derive(move || problems.with(|p| field_error(p, "closed.date")))/>
                    <div class="actions"><button type="submit" class="button">{t(Msg::CloseCase)}</button></div>
                </form>
            </details>
        }.into_any()
    }
}
