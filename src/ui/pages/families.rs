//! The families list, adding a family, and one family's page.

use crate::domain::base::id::Id;
use crate::domain::base::sort;
use crate::domain::base::Problem;
use crate::domain::caseload::index::Row;
use crate::domain::file::export;
use crate::domain::milestone::{born_at_weeks, weeks_early, BORN_AT_WEEKS};
use crate::domain::model::{Closure, ClosureReason, Consent, ConsentItem, Family, MemberRole};
use crate::domain::wheel;
use crate::domain::workspace::action::{Action, ActionError, FamilyFields, MemberFields};
use crate::i18n::{closure_reason, consent_item, role, t, tf, Msg};
use crate::route::Route;
use crate::storage;
use crate::ui::shared::dom::{download, set_title};
use crate::ui::shared::dom::{focus_id, navigate};
use crate::ui::shared::format::{fmt_date, group, parse_date};
use crate::ui::shared::store::{new_id, now, today, use_store, DispatchError};
use crate::ui::shared::words::{age_words, txt, PageError};
use crate::ui::widgets::claims::ClaimGlance;
use crate::ui::widgets::errors::{ErrorSummary, FormErrors};
use crate::ui::widgets::field::{Field, TextArea};
use crate::ui::widgets::glance::FamilyGlance;
use crate::ui::widgets::versions::TwoVersions;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which families the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Show_ {
    Open,
    Closed,
    All,
}

/// How the list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sort {
    Name,
    Review,
}

const LIST_VIEW_KEY: &str = "waymark.view.families";
/// Families drawn at a time: a service's 2,000 are searched and counted, never all drawn.
const PAGE: usize = 50;

/// Every family: search by reference, open or closed, by name or next review, with reviews
/// due and overdue shown. The choice survives a reload (this tab only).
#[component]
pub fn FamiliesPage() -> impl IntoView {
    set_title(t(Msg::FamiliesTitle));
    let store = use_store();
    let saved: Vec<String> = storage::session_get(LIST_VIEW_KEY)
        .and_then(|s| crate::domain::file::export::from_json(&s).ok())
        .unwrap_or_default();
    let query = RwSignal::new(saved.first().cloned().unwrap_or_default());
    let show = RwSignal::new(match saved.get(1).map(String::as_str) {
        Some("closed") => Show_::Closed,
        Some("all") => Show_::All,
        _ => Show_::Open,
    });
    let sort = RwSignal::new(if saved.get(2).map(String::as_str) == Some("review") {
        Sort::Review
    } else {
        Sort::Name
    });
    Effect::new(move |_| {
        let v = [
            query.get(),
            match show.get() {
                Show_::Open => "open",
                Show_::Closed => "closed",
                Show_::All => "all",
            }
            .to_string(),
            if sort.get() == Sort::Review {
                "review"
            } else {
                "name"
            }
            .to_string(),
        ];
        let _ = storage::session_set(
            LIST_VIEW_KEY,
            &serde_json::to_string(&v).unwrap_or_default(),
        );
    });
    // Drawn from the families list's index until every family's folder is read, then from
    // the folders.
    let any = Memo::new(move |_| {
        if store.ready.get() {
            store.ws.with(|ws| ws.live_families().next().is_some())
        } else {
            store.with_list(|i| !i.rows.is_empty())
        }
    });
    let families = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        let (show, sort) = (show.get(), sort.get());
        store.with_list(|index| {
            // Each reference lowered once (not at every comparison of the sort: 10,000 families
            // made that about 280,000 new strings).
            let mut v: Vec<(String, &Row)> = index
                .rows
                .iter()
                .filter(|f| match show {
                    Show_::Open => f.closed.is_none(),
                    Show_::Closed => f.closed.is_some(),
                    Show_::All => true,
                })
                .map(|f| (f.reference.to_lowercase(), f))
                .filter(|(name, _)| q.is_empty() || name.contains(&q))
                .collect();
            sort::by(&mut v, |(an, a), (bn, b)| match sort {
                Sort::Name => a
                    .closed
                    .is_some()
                    .cmp(&b.closed.is_some())
                    .then_with(|| an.cmp(bn)),
                // Soonest (most overdue) first; closed families, with no review, last.
                Sort::Review => match (a.review, b.review) {
                    (Some(x), Some(y)) => x.cmp(&y).then_with(|| an.cmp(bn)),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => an.cmp(bn),
                },
            });
            v.into_iter().map(|(_, f)| f.clone()).collect::<Vec<Row>>()
        })
    });
    let count = move || families.with(Vec::len);
    // How many are drawn; back to one page whenever what is asked for changes.
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        query.track();
        show.track();
        sort.track();
        limit.set(PAGE);
    });
    let more = move || count().saturating_sub(limit.get()).min(PAGE);
    let show_more = move |_| {
        let first_new = limit.get_untracked();
        limit.update(|l| *l += PAGE);
        // Focus moves to the first family just shown, so a keyboard or screen reader carries on
        // from there.
        request_animation_frame(move || {
            if let Some(a) = document()
                .query_selector(&format!(
                    "main .card-list > li:nth-child({}) a",
                    first_new + 1
                ))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = a.focus();
            }
        });
    };
    view! {
        <section class="page">
            <div class="page-head">
                <h1 tabindex="-1">{t(Msg::FamiliesTitle)}</h1>
                <a class="button button-primary" href=Route::NewFamily.href()>{t(Msg::AddFamily)}</a>
            </div>
            <Show when=move || any.get() fallback=|| view! {
                <div class="empty"><p>{t(Msg::FamiliesEmpty)}</p></div>
            }>
                <form class="filters" role="search" aria-label=t(Msg::FindFamilies) on:submit=|ev| ev.prevent_default()>
                    <div class="field">
                        <label for="family-search">{t(Msg::SearchReference)}</label>
                        <input id="family-search" type="search" autocomplete="off"
                            prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                    </div>
                    <fieldset class="choice choice-inline">
                        <legend>{t(Msg::ShowFamilies)}</legend>
                        {[(Show_::Open, Msg::ShowOpen), (Show_::Closed, Msg::ShowClosed), (Show_::All, Msg::ShowAll)].into_iter().map(|(v, m)| view! {
                            <label><input type="radio" name="family-show" prop:checked=move || show.get() == v on:change=move |_| show.set(v)/>{t(m)}</label>
                        }).collect_view()}
                    </fieldset>
                    <div class="field">
                        <label for="family-sort">{t(Msg::SortBy)}</label>
                        <select id="family-sort" on:change=move |ev| sort.set(if event_target_value(&ev) == "review" { Sort::Review } else { Sort::Name })>
                            <option value="name" selected=move || sort.get() == Sort::Name>{t(Msg::SortName)}</option>
                            <option value="review" selected=move || sort.get() == Sort::Review>{t(Msg::SortReview)}</option>
                        </select>
                    </div>
                </form>
                <p class="meta" role="status">{move || {
                    let n = count();
                    let shown = n.min(limit.get());
                    if shown < n {
                        tf(Msg::FamiliesShownOf, &[("shown", group(shown)), ("n", group(n))])
                    } else {
                        tf(Msg::FamiliesShown, &[("n", n.to_string())])
                    }
                }}</p>
                <Show when=move || count() != 0 fallback=|| view! { <p class="muted">{t(Msg::NoFamiliesMatch)}</p> }>
                    <ul class="card-list">
                        {move || families.with(|v| v.iter().take(limit.get()).cloned().collect::<Vec<_>>()).into_iter().map(|f| view! {
                            <li class="card">
                                <a class="card-link" href=Route::Family(f.id.clone()).href()>{f.reference.clone()}</a>
                                <p class="meta">
                                    {match f.closed {
                                        Some(c) => tf(Msg::ClosedOn, &[("date", fmt_date(c))]),
                                        None => tf(Msg::OpenedOn, &[("date", fmt_date(f.opened))]),
                                    }}
                                    {(!f.worker.is_empty()).then(|| format!(" · {}", f.worker))}
                                </p>
                                {f.review.map(review_badge)}
                            </li>
                        }).collect_view()}
                    </ul>
                    <Show when=move || more() != 0>
                        <p><button type="button" class="button" on:click=show_more>
                            {move || tf(Msg::ShowMoreFamilies, &[("n", more().to_string())])}
                        </button></p>
                    </Show>
                </Show>
            </Show>
        </section>
    }
}

/// The next review in words, marked when due soon or overdue (by words and a shape, not colour
/// alone).
fn review_badge(due: chrono::NaiveDate) -> impl IntoView {
    let (msg, class) = match wheel::review_state(due, today()) {
        wheel::ReviewState::Overdue => (Msg::ReviewOverdue, "review-badge overdue"),
        wheel::ReviewState::DueSoon => (Msg::ReviewDueSoon, "review-badge due"),
        wheel::ReviewState::Later => (Msg::ReviewDue, "review-badge"),
    };
    view! { <p class=class>{tf(msg, &[("date", fmt_date(due))])}</p> }
}

/// The fields of the family form, as signals.
#[derive(Clone, Copy)]
struct FamilyForm {
    reference: RwSignal<String>,
    full_name: RwSignal<String>,
    worker: RwSignal<String>,
    team: RwSignal<String>,
    opened: RwSignal<String>,
    notes: RwSignal<String>,
    review: RwSignal<String>,
    consent_date: RwSignal<String>,
    /// Indexes into `ConsentItem::ALL`, comma-separated (so the draft keeps them as text).
    consent_items: RwSignal<String>,
    consent_note: RwSignal<String>,
    /// The wheel the family's own phone opens: a template id, or empty for the family wheel.
    wheel: RwSignal<String>,
    errors: FormErrors,
    /// Where what is being typed is kept for this tab, so a reload never loses it.
    draft_key: StoredValue<String>,
}

/// The id a new family is saved under, kept with the form's draft from its first try: a reload
/// that cut that save short (its change kept aside, stored at the next start) leaves no draft
/// to save a second time.
const NEW_FAMILY_ID: &str = "waymark.draft.new-family.id";

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
            team: RwSignal::new(f.map(|f| f.team.clone()).unwrap_or_default()),
            opened: RwSignal::new(f.map(|f| f.opened).unwrap_or_else(today).to_string()),
            notes: RwSignal::new(f.map(|f| f.notes.clone()).unwrap_or_default()),
            review: RwSignal::new(
                f.and_then(|f| f.review_weeks)
                    .map(|w| w.to_string())
                    .unwrap_or_default(),
            ),
            consent_date: RwSignal::new(
                f.and_then(|f| f.consent.as_ref())
                    .map(|c| c.date.to_string())
                    .unwrap_or_default(),
            ),
            consent_items: RwSignal::new(
                f.and_then(|f| f.consent.as_ref())
                    .map(|c| {
                        c.agreed
                            .iter()
                            .filter_map(|i| ConsentItem::ALL.iter().position(|x| x == i))
                            .map(|i| i.to_string())
                            .collect::<Vec<_>>()
                            .join(",")
                    })
                    .unwrap_or_default(),
            ),
            consent_note: RwSignal::new(
                f.and_then(|f| f.consent.as_ref())
                    .map(|c| c.note.clone())
                    .unwrap_or_default(),
            ),
            wheel: RwSignal::new(
                f.and_then(|f| f.wheel.as_ref())
                    .map(|w| w.to_string())
                    .unwrap_or_default(),
            ),
            errors: FormErrors::new("family"),
            draft_key: StoredValue::new(key.clone()),
        };
        let signals = [
            form.reference,
            form.full_name,
            form.worker,
            form.opened,
            form.notes,
            form.review,
            form.consent_date,
            form.consent_items,
            form.consent_note,
            form.wheel,
            // Last, so a draft kept before teams were added still lines up.
            form.team,
        ];
        if let Some(draft) = storage::session_get(&key)
            .and_then(|d| crate::domain::file::export::from_json::<Vec<String>>(&d).ok())
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
        storage::session_remove(NEW_FAMILY_ID);
    }
    fn agreed(&self) -> Vec<ConsentItem> {
        self.consent_items
            .get_untracked()
            .split(',')
            .filter_map(|i| i.parse::<usize>().ok())
            .filter_map(|i| ConsentItem::ALL.get(i).copied())
            .collect()
    }
    /// The consent as entered: none when nothing was entered; a problem when something was
    /// but the date is missing.
    fn consent(&self) -> Result<Option<Consent>, Problem> {
        let agreed = self.agreed();
        let note = self.consent_note.get_untracked();
        let date = self.consent_date.get_untracked();
        if agreed.is_empty() && note.trim().is_empty() && date.trim().is_empty() {
            return Ok(None);
        }
        match parse_date(&date) {
            Some(date) => Ok(Some(Consent { date, agreed, note })),
            None => Err(Problem {
                path: "consent.date".into(),
                kind: crate::domain::base::ProblemKind::Required,
            }),
        }
    }
    fn fields(&self) -> Result<FamilyFields, DispatchError> {
        let consent = self
            .consent()
            .map_err(|p| DispatchError::Refused(ActionError::Invalid(vec![p])))?;
        Ok(FamilyFields {
            consent,
            reference: self.reference.get_untracked(),
            full_name: self.full_name.get_untracked(),
            worker: self.worker.get_untracked(),
            team: self.team.get_untracked(),
            opened: parse_date(&self.opened.get_untracked()),
            notes: self.notes.get_untracked(),
            // Empty: the default. Anything that is not a number from 1 to 52 is refused.
            review_weeks: {
                let w = self.review.get_untracked();
                let w = w.trim();
                (!w.is_empty()).then(|| w.parse().unwrap_or(0))
            },
            wheel: Id::parse(self.wheel.get_untracked().trim()),
        })
    }
    fn check(&self, path: &'static str) -> (FormErrors, &'static str) {
        (self.errors, path)
    }
    /// Shows the problems of a refused action, with the summary at the top.
    fn refused(&self, e: DispatchError) {
        self.errors.refused(&e);
    }
}

#[component]
fn FamilyFormFields(form: FamilyForm) -> impl IntoView {
    let store = use_store();
    let wheels: Vec<(String, String)> = store.catalogue.with_untracked(|c| {
        c.wheels()
            .into_iter()
            .map(|w| (w.id.to_string(), txt(&w.name)))
            .collect()
    });
    view! {
        <ErrorSummary errors=form.errors.summary()/>
        <Field id="family-reference" label=t(Msg::Reference) hint=t(Msg::ReferenceHint) value=form.reference check=form.check("reference") required=true/>
        <Field id="family-full_name" label=t(Msg::FullName) value=form.full_name check=form.check("full_name")/>
        <Field id="family-worker" label=t(Msg::Worker) value=form.worker check=form.check("worker")/>
        <Field id="family-team" label=t(Msg::Team) hint=t(Msg::TeamHint) value=form.team check=form.check("team")/>
        <Field id="family-opened" label=t(Msg::Opened) kind="date" value=form.opened check=form.check("opened") required=true/>
        <Field id="family-review_weeks" label=t(Msg::ReviewWeeks) hint=t(Msg::ReviewWeeksHint) kind="number" value=form.review check=form.check("review_weeks")/>
        <div class="field">
            <label for="family-wheel">{t(Msg::FamilyWheelLabel)}</label>
            <p class="hint" id="family-wheel-hint">{t(Msg::FamilyWheelHint)}</p>
            <select id="family-wheel" aria-describedby="family-wheel-hint" on:change=move |ev| form.wheel.set(event_target_value(&ev))>
                {wheels.into_iter().map(|(id, name)| {
                    let selected = {
                        let id = id.clone();
                        move || {
                            let w = form.wheel.get();
                            w == id || (w.is_empty() && id == crate::domain::case::FAMILY_WHEEL)
                        }
                    };
                    view! { <option value=id selected=selected>{name}</option> }
                }).collect_view()}
            </select>
        </div>
        <TextArea id="family-notes" label=t(Msg::Notes) value=form.notes check=form.check("notes")/>
        <fieldset class="group">
            <legend>{t(Msg::ConsentHeading)}</legend>
            <p class="hint">{t(Msg::ConsentHint)}</p>
            <div class="choice">
                {ConsentItem::ALL.iter().enumerate().map(|(i, item)| {
                    let key = i.to_string();
                    let key2 = key.clone();
                    let has = move || form.consent_items.with(|s| s.split(',').any(|x| x == key));
                    view! {
                        <label><input type="checkbox" prop:checked=has on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            form.consent_items.update(|s| {
                                let mut v: Vec<String> = s.split(',').filter(|x| !x.is_empty() && *x != key2).map(String::from).collect();
                                if on { v.push(key2.clone()); }
                                sort::sort(&mut v);
                                *s = v.join(",");
                            });
                        }/>{consent_item(*item)}</label>
                    }
                }).collect_view()}
            </div>
            <Field id="family-consent-date" label=t(Msg::ConsentDate) kind="date" value=form.consent_date check=form.check("consent.date")/>
            <Field id="family-consent-note" label=t(Msg::ConsentNote) value=form.consent_note check=form.check("consent.note")/>
        </fieldset>
    }
}

/// Adding a family.
#[component]
pub fn NewFamilyPage() -> impl IntoView {
    set_title(t(Msg::NewFamilyTitle));
    let store = use_store();
    let pending = storage::session_get(NEW_FAMILY_ID).and_then(|s| Id::parse(&s));
    if pending.is_some_and(|id| store.ws.with_untracked(|ws| ws.family(&id).is_some())) {
        // Its family was stored after all: the draft is done with.
        storage::session_remove(&draft_key(None));
        storage::session_remove(NEW_FAMILY_ID);
    }
    let form = FamilyForm::new(None);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fields = match form.fields() {
            Ok(f) => f,
            Err(e) => return form.refused(e),
        };
        let id = storage::session_get(NEW_FAMILY_ID)
            .and_then(|s| Id::parse(&s))
            .unwrap_or_else(new_id);
        let _ = storage::session_set(NEW_FAMILY_ID, id.as_str());
        // The form stays as typed until the family is stored; refused, it says why at the top.
        let to = id.clone();
        form.errors
            .submit(store, Action::CreateFamily { id, fields }, move || {
                form.done();
                navigate(&Route::Family(to));
            });
    };
    view! {
        <section class="page">
            <p><a href=Route::Families.href()>{t(Msg::BackToFamilies)}</a></p>
            <h1 tabindex="-1">{t(Msg::NewFamilyTitle)}</h1>
            <form class="form" on:submit=on_submit novalidate=true>
                <FamilyFormFields form=form/>
                <div class="actions">
                    <button type="submit" id=form.errors.save_id() class="button button-primary">{t(Msg::Save)}</button>
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
    // Drawn again when this family's folder changes, not when another family's does.
    let watch = store.watch_family(id.clone());
    let family = Memo::new(move |_| {
        watch.with(|ws| ws.families().get(&fid).filter(|f| !f.meta.deleted).cloned())
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
    let watch = store.watch_family(id.get_value());
    let counts = move || watch.with(|ws| ws.reading_counts(Some(&id.get_value())));
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
                {(!family.team.is_empty()).then(|| view! { <dt>{t(Msg::Team)}</dt><dd>{family.team.clone()}</dd> })}
                {(!family.earlier.is_empty()).then(|| view! {
                    <dt>{t(Msg::EarlierEpisodes)}</dt>
                    <dd><ul class="plain">{family.earlier.iter().map(|e| view! {
                        <li>{tf(Msg::EpisodeLine, &[
                            ("opened", fmt_date(e.opened)),
                            ("closed", fmt_date(e.closed.date)),
                            ("reason", closure_reason(e.closed.reason).to_string()),
                        ])}{(!e.worker.is_empty()).then(|| format!(" · {}", e.worker))}</li>
                    }).collect_view()}</ul></dd>
                })}
                <dt>{t(Msg::Opened)}</dt><dd>{fmt_date(family.opened)}</dd>
                {family.closed.clone().map(|c| view! {
                    <dt>{t(Msg::Closed)}</dt>
                    <dd>{format!("{} · {}", fmt_date(c.date), closure_reason(c.reason))}
                        {(!c.note.is_empty()).then(|| view! { <br/><span class="pre">{c.note.clone()}</span> })}</dd>
                })}
                <dt>{t(Msg::ConsentHeading)}</dt>
                <dd>{match &family.consent {
                    None => view! { <span class="muted">{t(Msg::ConsentNone)}</span> }.into_any(),
                    Some(k) => view! {
                        {tf(Msg::ConsentGiven, &[("date", fmt_date(k.date))])}
                        <ul>{k.agreed.iter().map(|i| view! { <li>{consent_item(*i)}</li> }).collect_view()}</ul>
                        {(!k.note.is_empty()).then(|| view! { <span class="pre">{k.note.clone()}</span> })}
                    }.into_any(),
                }}</dd>
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
            <TwoVersions family=id.get_value()/>
            <Show when=move || !editing.get() fallback=move || view! { <EditFamily family=family.get_untracked().unwrap_or_else(|| unreachable_family()) editing=editing/> }>
                {details}
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| editing.set(true)>{t(Msg::EditFamily)}</button>
                </div>
            </Show>

            <Members family=id.get_value()/>

            <FamilyGlance family=id.get_value()/>
            <p class="meta">{move || { let c = counts(); tf(Msg::ReadingsSummary, &[("w", c.wheels.to_string()), ("m", c.milestones.to_string()), ("s", c.scales.to_string())]) }}</p>
            <ClaimGlance family=id.get_value()/>

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
        team: String::new(),
        opened: today(),
        closed: None,
        earlier: Vec::new(),
        notes: String::new(),
        review_weeks: None,
        consent: None,
        wheel: None,
    }
}

#[component]
fn EditFamily(family: Family, editing: RwSignal<bool>) -> impl IntoView {
    let store = use_store();
    let form = FamilyForm::new(Some(&family));
    let id = family.meta.id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fields = match form.fields() {
            Ok(f) => f,
            Err(e) => return form.refused(e),
        };
        let action = Action::UpdateFamily {
            id: id.clone(),
            fields,
        };
        form.errors.submit(store, action, move || {
            form.done();
            editing.try_set(false);
        });
    };
    view! {
        <form class="form" on:submit=on_submit novalidate=true>
            <FamilyFormFields form=form/>
            <div class="actions">
                <button type="submit" id=form.errors.save_id() class="button button-primary">{t(Msg::Save)}</button>
                <button type="button" class="button" on:click=move |_| { form.done(); editing.set(false); }>{t(Msg::Cancel)}</button>
            </div>
        </form>
    }
}

/// The people in a family, and a form to add one.
#[component]
fn Members(family: Id) -> impl IntoView {
    let store = use_store();
    let watch = store.watch_family(family.clone());
    let fam = StoredValue::new(family);
    let members = move || {
        watch.with(|ws| {
            ws.live_members_of(&fam.get_value())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let name = RwSignal::new(String::new());
    let child = RwSignal::new(false);
    let born = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    // Born at how many weeks of pregnancy (the record keeps weeks early).
    let born_at = RwSignal::new(String::new());
    let errors = FormErrors::new("member");
    // The person being changed, if any: the same form then saves changes instead of adding.
    let editing = RwSignal::new(None::<Id>);
    let clear = move || {
        name.set(String::new());
        born.set(String::new());
        due.set(String::new());
        born_at.set(String::new());
        errors.reset();
        editing.set(None);
    };
    let start_edit = move |m: crate::domain::model::Member| {
        name.set(m.name.clone());
        child.set(m.role == MemberRole::Child);
        born.set(m.born.map(|d| d.to_string()).unwrap_or_default());
        due.set(m.due.map(|d| d.to_string()).unwrap_or_default());
        born_at.set(
            m.weeks_early
                .map(|w| born_at_weeks(w).to_string())
                .unwrap_or_default(),
        );
        errors.reset();
        editing.set(Some(m.meta.id.clone()));
        focus_id("member-name");
    };
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
            weeks_early: None,
        };
        // Born at how many weeks: empty is full term; anything else must be a real number.
        let at = born_at.get_untracked();
        let fields = match at.trim() {
            "" => fields,
            w => match w.parse::<u8>() {
                Ok(w) if (BORN_AT_WEEKS.0..=BORN_AT_WEEKS.1).contains(&w) => MemberFields {
                    weeks_early: weeks_early(w),
                    ..fields
                },
                _ => {
                    errors.show(vec![Problem::new(
                        "born_at",
                        crate::domain::base::ProblemKind::OutOfRange {
                            min: BORN_AT_WEEKS.0.into(),
                            max: BORN_AT_WEEKS.1.into(),
                        },
                    )]);
                    return;
                }
            },
        };
        let action = match editing.get_untracked() {
            Some(id) => Action::UpdateMember { id, fields },
            None => Action::AddMember {
                id: new_id(),
                family: fam.get_value(),
                fields,
            },
        };
        errors.submit(store, action, move || {
            clear();
            focus_id("member-name");
        });
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
                            {age_words(&m, today()).map(|a| format!(" · {a}"))}
                            {m.due.map(|d| format!(" · {} {}", t(Msg::DueOn), fmt_date(d)))}
                        </span>
                        <span class="row-actions">
                        <button type="button" class="button button-small"
                            aria-label=tf(Msg::EditPerson, &[("name", m.name.clone())])
                            on:click={let m = m.clone(); move |_| start_edit(m.clone())}>
                            {t(Msg::Edit)}
                        </button>
                        <button type="button" class="button button-small button-quiet"
                            aria-label=tf(Msg::RemovePerson, &[("name", m.name.clone())])
                            on:click={let id = m.meta.id.clone(); move |_| { let _ = store.dispatch(Action::RemoveMember { id: id.clone() }, true); }}>
                            {t(Msg::Remove)}
                        </button>
                        </span>
                    </li>
                }).collect_view()}
            </ul>
        </Show>
        <details class="disclosure" prop:open=move || editing.with(Option::is_some)>
            <summary>{move || if editing.with(Option::is_some) { t(Msg::ChangePerson) } else { t(Msg::AddPerson) }}</summary>
            <form class="form" on:submit=add novalidate=true>
                <ErrorSummary errors=errors.summary()/>
                <Field id="member-name" label=t(Msg::Name) value=name check=(errors, "name") required=true/>
                <fieldset class="choice">
                    <legend>{t(Msg::Role)}</legend>
                    <label><input type="radio" name="member-role" prop:checked=move || !child.get() on:change=move |_| child.set(false)/>{t(Msg::RoleAdult)}</label>
                    <label><input type="radio" name="member-role" prop:checked=move || child.get() on:change=move |_| child.set(true)/>{t(Msg::RoleChild)}</label>
                </fieldset>
                <Field id="member-born" label=t(Msg::BornOn) kind="date" value=born check=(errors, "born")/>
                <Show when=move || child.get()>
                    <Field id="member-due" label=t(Msg::DueOn) kind="date" value=due check=(errors, "due")/>
                    <Field id="member-born_at" label=t(Msg::BornAtWeeks) hint=t(Msg::BornAtWeeksHint) kind="number" value=born_at check=(errors, "born_at")/>
                </Show>
                <div class="actions">
                    <button type="submit" id=errors.save_id() class="button">{move || if editing.with(Option::is_some) { t(Msg::SaveChanges) } else { t(Msg::AddThisPerson) }}</button>
                    <Show when=move || editing.with(Option::is_some)>
                        <button type="button" class="button" on:click=move |_| clear()>{t(Msg::Cancel)}</button>
                    </Show>
                </div>
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
    let note = RwSignal::new(String::new());
    let errors = FormErrors::new("close");
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = parse_date(&date.get_untracked()) else {
            errors.show(vec![Problem::new(
                "closed.date",
                crate::domain::base::ProblemKind::Required,
            )]);
            return;
        };
        let closure = Closure {
            date: d,
            reason: reason.get_untracked(),
            note: note.get_untracked().trim().to_string(),
        };
        if let Err(e) = store.dispatch(
            Action::CloseFamily {
                id: id.get_value(),
                closure,
            },
            false,
        ) {
            if let Some(ps) = e.problems() {
                errors.show(ps.to_vec());
            }
        }
    };
    // Opening again: a new referral keeps the closed episode (and counts in the report as a
    // re-referral); a closing made by mistake is taken back.
    let again = RwSignal::new(true);
    let again_date = RwSignal::new(today().to_string());
    let reopen_errors = FormErrors::new("reopen");
    let reopen = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let again = if again.get_untracked() {
            match parse_date(&again_date.get_untracked()) {
                Some(d) => Some(d),
                None => {
                    reopen_errors.show(vec![Problem::new(
                        "opened",
                        crate::domain::base::ProblemKind::Required,
                    )]);
                    return;
                }
            }
        } else {
            None
        };
        if let Err(e) = store.dispatch(
            Action::ReopenFamily {
                id: id.get_value(),
                again,
            },
            false,
        ) {
            if let Some(ps) = e.problems() {
                reopen_errors.show(ps.to_vec());
            }
        }
    };
    if closed {
        view! {
            <h2>{t(Msg::Reopen)}</h2>
            <form class="form" on:submit=reopen novalidate=true>
                <ErrorSummary errors=reopen_errors.summary()/>
                <fieldset class="choice">
                    <legend>{t(Msg::ReopenWhy)}</legend>
                    <label><input type="radio" name="reopen-why" prop:checked=move || again.get() on:change=move |_| again.set(true)/>{t(Msg::ReopenAgain)}</label>
                    <label><input type="radio" name="reopen-why" prop:checked=move || !again.get() on:change=move |_| { again.set(false); reopen_errors.clear("opened"); }/>{t(Msg::ReopenMistake)}</label>
                </fieldset>
                <Show when=move || again.get()>
                    <Field id="reopen-opened" label=t(Msg::ReopenDate) kind="date" value=again_date check=(reopen_errors, "opened")/>
                </Show>
                <div class="actions"><button type="submit" class="button">{t(Msg::Reopen)}</button></div>
            </form>
        }.into_any()
    } else {
        view! {
            <details class="disclosure">
                <summary>{t(Msg::CloseCase)}</summary>
                <form class="form" on:submit=close novalidate=true>
                    <ErrorSummary errors=errors.summary()/>
                    <div class="field">
                        <label for="close-reason">{t(Msg::CloseReason)}</label>
                        <select id="close-reason" on:change=move |ev| {
                            let v: usize = event_target_value(&ev).parse().unwrap_or(0);
                            reason.set(ClosureReason::ALL[v.min(ClosureReason::ALL.len() - 1)]);
                        }>
                            {ClosureReason::ALL.iter().enumerate().map(|(i, r)| view! { <option value=i.to_string()>{closure_reason(*r)}</option> }).collect_view()}
                        </select>
                    </div>
                    <Field id="close-closed-date" label=t(Msg::CloseDate) kind="date" value=date check=(errors, "closed.date")/>
                    <Field id="close-closed-note" label=t(Msg::CloseNote) value=note check=(errors, "closed.note")/>
                    <div class="actions"><button type="submit" class="button">{t(Msg::CloseCase)}</button></div>
                </form>
            </details>
        }.into_any()
    }
}
