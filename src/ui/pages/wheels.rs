//! Outcome wheels: the families' wheels, scoring one (one area at a time, or the whole wheel on
//! one screen), the radar of first, previous and latest readings, and distance travelled.

use super::PageError;
use crate::domain::action::{Action, ActionError, WheelFields};
use crate::domain::export::from_json;
use crate::domain::id::Id;
use crate::domain::model::{Respondent, WheelReading, Workspace};
use crate::domain::wheel::{self, ReviewState, SeriesKind, WheelDraft, WheelTemplate};
use crate::i18n::{respondent, t, tf, Msg};
use crate::route::Route;
use crate::storage;
use crate::ui::components::{download, fmt_date, parse_date, set_title, signed, ReadAloud};
use crate::ui::navigate;
use crate::ui::store::{new_id, today, use_store};
use chrono::NaiveDate;
use leptos::prelude::*;

/// The language built-in texts are shown in.
fn lang() -> &'static str {
    crate::i18n::current().code()
}

/// The built-in wheels, read once.
fn builtins() -> &'static [WheelTemplate] {
    &crate::ui::lang::content().wheels
}

thread_local! {
    /// Wheels a service loaded, one entry per id and version, kept for the page's lifetime (a
    /// handful at most), so components can hold them like the built-in ones.
    static LOADED: std::cell::RefCell<Vec<&'static WheelTemplate>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Makes the workspace's loaded wheels available to [`template_for`] and [`available`].
pub(super) fn register(ws: &Workspace) {
    LOADED.with(|l| {
        let mut l = l.borrow_mut();
        for w in ws.wheel_templates.values().filter(|w| !w.meta.deleted) {
            if !l
                .iter()
                .any(|t| t.id == w.template.id && t.version == w.template.version)
            {
                l.push(Box::leak(Box::new(w.template.clone())));
            }
        }
    });
}

/// A wheel by id: the given version of a loaded one (or its newest), or a built-in one.
pub(super) fn template_for(id: &Id, version: Option<u32>) -> Option<&'static WheelTemplate> {
    if let Some(b) = builtins().iter().find(|t| &t.id == id) {
        return Some(b);
    }
    LOADED.with(|l| {
        let l = l.borrow();
        let mut matching = l.iter().filter(|t| &t.id == id);
        match version {
            Some(v) => matching.find(|t| t.version == v).copied(),
            None => matching.max_by_key(|t| t.version).copied(),
        }
    })
}

/// Every wheel a new reading can use: the built-in ones, then the newest version of each loaded one.
fn available() -> Vec<&'static WheelTemplate> {
    let mut v: Vec<&'static WheelTemplate> = builtins().iter().collect();
    let ids: Vec<Id> = LOADED.with(|l| {
        let mut ids: Vec<Id> = Vec::new();
        for t in l.borrow().iter() {
            if !ids.contains(&t.id) {
                ids.push(t.id.clone());
            }
        }
        ids
    });
    v.extend(ids.iter().filter_map(|id| template_for(id, None)));
    v
}

pub(super) fn txt(t: &wheel::Text) -> String {
    wheel::text(t, lang()).to_string()
}

fn stage_name(t: &WheelTemplate, stage: usize) -> String {
    t.stages.get(stage).map(txt).unwrap_or_default()
}

// ---------- the reading in progress, kept on the device ----------

fn draft_key(family: &Id) -> String {
    format!("waymark.wheeldraft.{family}")
}

fn load_draft(family: &Id) -> Option<WheelDraft> {
    let d: WheelDraft = from_json(&storage::get(&draft_key(family)).ok()??).ok()?;
    let t = template_for(&d.template, Some(d.template_version))?;
    (d.areas.len() == t.areas.len() && &d.family == family).then_some(d)
}

fn save_draft(d: &WheelDraft) -> bool {
    storage::set(
        &draft_key(&d.family),
        &serde_json::to_string(d).unwrap_or_default(),
    )
    .is_ok()
}

fn clear_draft(family: &Id) {
    let _ = storage::remove(&draft_key(family));
}

/// A family's live readings of a template, oldest first.
fn readings_of<'a>(ws: &'a Workspace, family: &Id, template: Option<&Id>) -> Vec<&'a WheelReading> {
    wheel::in_order(
        ws.wheel_readings
            .values()
            .filter(|r| &r.family == family && template.is_none_or(|t| &r.template == t)),
    )
}

fn review_words(latest: NaiveDate, weeks: u8) -> (String, ReviewState) {
    let due = wheel::review_due(latest, weeks);
    let state = wheel::review_state(due, today());
    let msg = match state {
        ReviewState::Later => Msg::ReviewDue,
        ReviewState::DueSoon => Msg::ReviewDueSoon,
        ReviewState::Overdue => Msg::ReviewOverdue,
    };
    (tf(msg, &[("date", fmt_date(due))]), state)
}

// ---------- pages ----------

/// Every open family, with its latest wheel and when the next review is due.
#[component]
pub fn WheelsPage() -> impl IntoView {
    set_title(t(Msg::WheelsTitle));
    let store = use_store();
    store.ws.with_untracked(register);
    let rows = move || {
        store.ws.with(|ws| {
            let mut fams: Vec<_> = ws.live_families().filter(|f| f.closed.is_none()).collect();
            fams.sort_by_key(|f| f.reference.to_ascii_lowercase());
            fams.into_iter()
                .map(|f| {
                    let latest = readings_of(ws, &f.meta.id, None).last().map(|r| r.date);
                    let status = latest.map(|d| {
                        let (words, state) = review_words(d, ws.review_weeks_for(&f.meta.id));
                        (
                            tf(Msg::LatestReading, &[("date", fmt_date(d))]),
                            words,
                            state,
                        )
                    });
                    (f.meta.id.clone(), f.reference.clone(), status)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="page">
            <h1 tabindex="-1">{t(Msg::WheelsTitle)}</h1>
            <p>{t(Msg::WheelsIntro)}</p>
            {move || {
                let rows = rows();
                if rows.is_empty() {
                    view! {
                        <div class="empty">
                            <p>{t(Msg::WheelsNoFamilies)}</p>
                            <p><a class="button" href=Route::NewFamily.href()>{t(Msg::AddFamily)}</a></p>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {rows.into_iter().map(|(id, reference, status)| view! {
                                <li class="card">
                                    <a class="card-link" href=Route::WheelFamily(id).href()>{reference}</a>
                                    <p class="meta">{match status {
                                        Some((latest, review, state)) => view! {
                                            {latest}" · "<span class:overdue=state == ReviewState::Overdue>{review}</span>
                                        }.into_any(),
                                        None => t(Msg::NoReadingsYet).into_any(),
                                    }}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <LoadWheel/>
        </section>
    }
}

/// Loading a service's own wheel from a file: checked, previewed, then kept.
#[component]
fn LoadWheel() -> impl IntoView {
    let store = use_store();
    let pending = RwSignal::new(None::<WheelTemplate>);
    let errors = RwSignal::new(Vec::<String>::new());
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|fs| fs.get(0)) else {
            return;
        };
        input.set_value("");
        pending.set(None);
        errors.set(Vec::new());
        if file.size() as usize > crate::domain::export::MAX_FILE_BYTES {
            errors.set(vec![crate::i18n::read_error(
                &crate::domain::export::ReadError::TooLarge {
                    bytes: file.size() as usize,
                },
            )]);
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            match wheel::read_template(&text) {
                Ok(t) => pending.set(Some(t)),
                Err(e) => {
                    let mut lines = vec![crate::i18n::read_error(&e)];
                    if let crate::domain::export::ReadError::Invalid(ps) = &e {
                        lines.extend(ps.iter().skip(1).take(9).map(crate::i18n::problem));
                    }
                    store.say(
                        format!("{} {}", t(Msg::LoadWheelRefused), lines[0]),
                        true,
                        None,
                    );
                    errors.set(lines);
                }
            }
        });
    };
    let confirm = move |_| {
        let Some(tpl) = pending.get_untracked() else {
            return;
        };
        match store.dispatch(Action::AddWheelTemplate(Box::new(tpl.clone())), false) {
            Ok(_) => {
                store.ws.with_untracked(register);
                store.say(
                    tf(Msg::LoadWheelDone, &[("name", txt(&tpl.name))]),
                    false,
                    None,
                );
                pending.set(None);
            }
            Err(ActionError::Invalid(ps)) => {
                errors.set(ps.iter().map(crate::i18n::problem).collect())
            }
            Err(_) => {}
        }
    };
    view! {
        <h2>{t(Msg::LoadWheelTitle)}</h2>
        <p id="load-wheel-help">{t(Msg::LoadWheelHelp)}</p>
        <label class="button" for="load-wheel">{t(Msg::ChooseFile)}</label>
        <input id="load-wheel" class="visually-hidden" type="file" accept=".json,application/json" aria-describedby="load-wheel-help" on:change=on_pick/>
        <Show when=move || !errors.get().is_empty()>
            <div class="card card-error" id="load-wheel-errors">
                <h3>{t(Msg::LoadWheelRefused)}</h3>
                <ul>{move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            </div>
        </Show>
        {move || pending.get().map(|tpl| view! {
            <div class="card" role="region" aria-labelledby="load-wheel-preview">
                <h3 id="load-wheel-preview">{txt(&tpl.name)}</h3>
                <p>{tf(Msg::LoadWheelPreview, &[("n", tpl.areas.len().to_string()), ("v", tpl.version.to_string())])}</p>
                <ul>{tpl.areas.iter().map(|a| view! { <li>{txt(&a.name)}</li> }).collect_view()}</ul>
                <div class="actions">
                    <button type="button" class="button button-primary" on:click=confirm>{t(Msg::LoadWheelConfirm)}</button>
                    <button type="button" class="button" on:click=move |_| pending.set(None)>{t(Msg::Cancel)}</button>
                </div>
            </div>
        })}
    }
}

/// One family's wheels: start or carry on a reading, the radar and distance travelled, and
/// every reading with edit and delete.
#[component]
pub fn WheelFamilyPage(id: Id) -> impl IntoView {
    let store = use_store();
    store.ws.with_untracked(register);
    let reference = super::scales::family_reference(&id);
    let id = StoredValue::new(id);
    move || -> Result<AnyView, PageError> {
        let r = reference.get().ok_or(PageError(Msg::FamilyNotFound))?;
        set_title(&tf(Msg::FamilyWheelsTitle, &[("ref", r.clone())]));
        Ok(view! { <FamilyWheels id=id.get_value() reference=r/> }.into_any())
    }
}

#[component]
fn FamilyWheels(id: Id, reference: String) -> impl IntoView {
    let store = use_store();
    let id = StoredValue::new(id);
    let draft = RwSignal::new(load_draft(&id.get_value()));
    let used: Memo<Vec<(Id, u32)>> = Memo::new(move |_| {
        store.ws.with(|ws| {
            register(ws);
            // Each wheel the family has used, drawn with the newest version it used.
            let mut v: Vec<(Id, u32)> = Vec::new();
            for r in readings_of(ws, &id.get_value(), None) {
                match v.iter_mut().find(|(t, _)| t == &r.template) {
                    Some(e) => e.1 = e.1.max(r.template_version),
                    None => v.push((r.template.clone(), r.template_version)),
                }
            }
            v
        })
    });
    let reference2 = reference.clone();
    view! {
        <section class="page">
            <p><a href=Route::Wheels.href()>{t(Msg::WheelsTitle)}</a></p>
            <h1 tabindex="-1">{tf(Msg::FamilyWheelsTitle, &[("ref", reference.clone())])}</h1>
            {move || draft.get().map(|d| {
                let total = d.areas.len();
                view! {
                    <div class="card card-quiet">
                        <p>{tf(Msg::DraftWaiting, &[("n", d.scored().to_string()), ("total", total.to_string())])}</p>
                        <div class="actions">
                            <a class="button button-primary" href=Route::WheelScore(id.get_value()).href()>{t(Msg::ContinueReading)}</a>
                            <button type="button" class="button" on:click=move |_| { clear_draft(&id.get_value()); draft.set(None); }>{t(Msg::DiscardDraft)}</button>
                        </div>
                    </div>
                }
            })}
            <Show when=move || draft.with(Option::is_none)>
                <StartReading family=id.get_value() open=used.with_untracked(Vec::is_empty)/>
            </Show>
            {move || used.get().into_iter().filter_map(|(tid, v)| template_for(&tid, Some(v))).map(|tpl| {
                let reference = reference2.clone();
                view! { <TemplateResults family=id.get_value() template=tpl reference=reference/> }
            }).collect_view()}
            <ReadingsList family=id.get_value()/>
        </section>
    }
}

/// Choosing a wheel, who is scoring, the date and how to score; then off to score.
#[component]
fn StartReading(family: Id, open: bool) -> impl IntoView {
    let which = RwSignal::new(0usize);
    // On a family's own phone the family is scoring; in a session it is usually agreed together.
    let by = RwSignal::new(
        if crate::ui::mode::use_mode().get_untracked() == crate::ui::mode::Mode::Family {
            Respondent::Family
        } else {
            Respondent::Agreed
        },
    );
    let date = RwSignal::new(today().to_string());
    let whole = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let family = StoredValue::new(family);
    let store = use_store();
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(tpl) = available().get(which.get_untracked()).copied() else {
            return;
        };
        let d = match parse_date(&date.get_untracked()) {
            Some(d) if d <= today() => d,
            Some(_) => {
                error.set(Some(t(Msg::PDateInFuture).into()));
                return;
            }
            None => {
                error.set(Some(t(Msg::PRequired).into()));
                return;
            }
        };
        let mut draft = WheelDraft::new(family.get_value(), tpl, by.get_untracked(), d);
        draft.whole = whole.get_untracked();
        if save_draft(&draft) {
            navigate(&Route::WheelScore(family.get_value()));
        } else {
            store.say(t(Msg::SaveFailed), true, None);
        }
    };
    view! {
        <details class="disclosure" open=open>
            <summary>{t(Msg::StartReading)}</summary>
            <form class="form" on:submit=start novalidate=true>
                <fieldset class="choice">
                    <legend>{t(Msg::WhichWheel)}</legend>
                    {available().into_iter().enumerate().map(|(i, tpl)| view! {
                        <label>
                            <input type="radio" name="wheel-template" prop:checked=move || which.get() == i on:change=move |_| which.set(i)/>
                            <span>{txt(&tpl.name)}<span class="hint-inline">{format!(" · {}", txt(&tpl.for_whom))}</span></span>
                        </label>
                    }).collect_view()}
                </fieldset>
                <fieldset class="choice">
                    <legend>{t(Msg::WhoIsScoring)}</legend>
                    {[Respondent::Agreed, Respondent::Family, Respondent::Worker, Respondent::Child].into_iter().map(|r| view! {
                        <label><input type="radio" name="wheel-by" prop:checked=move || by.get() == r on:change=move |_| by.set(r)/>{respondent(r)}</label>
                    }).collect_view()}
                </fieldset>
                <div class="field" class:field-error=move || error.get().is_some()>
                    <label for="wheel-date">{t(Msg::ReadingDate)}</label>
                    {move || error.get().map(|e| view! { <p class="error-text" id="wheel-date-error">{e}</p> })}
                    <input id="wheel-date" type="date" max=today().to_string()
                        aria-invalid=move || error.get().is_some().then_some("true")
                        aria-describedby=move || error.get().is_some().then_some("wheel-date-error")
                        prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                </div>
                <fieldset class="choice">
                    <legend>{t(Msg::HowToScore)}</legend>
                    <label><input type="radio" name="wheel-mode" prop:checked=move || !whole.get() on:change=move |_| whole.set(false)/>{t(Msg::OneAtATime)}</label>
                    <label><input type="radio" name="wheel-mode" prop:checked=move || whole.get() on:change=move |_| whole.set(true)/>{t(Msg::WholeWheel)}</label>
                </fieldset>
                <div class="actions"><button type="submit" class="button button-primary">{t(Msg::Start)}</button></div>
            </form>
        </details>
    }
}

/// The radar, the table and distance travelled for one wheel.
#[component]
pub(super) fn TemplateResults(
    family: Id,
    template: &'static WheelTemplate,
    reference: String,
    /// Only the first and latest readings (the printed summary).
    #[prop(optional)]
    first_and_latest: bool,
) -> impl IntoView {
    let store = use_store();
    let family = StoredValue::new(family);
    let data = Memo::new(move |_| {
        store.ws.with(|ws| {
            let rs = readings_of(ws, &family.get_value(), Some(&template.id));
            let dist = wheel::distance(template, &rs);
            let mut series = Vec::new();
            if let Some(f) = rs.first() {
                if rs.len() >= 2 {
                    series.push((Series::First, f.date, wheel::scores_in_order(template, f)));
                }
            }
            if rs.len() >= 3 && !first_and_latest {
                let p = rs[rs.len() - 2];
                series.push((
                    Series::Previous,
                    p.date,
                    wheel::scores_in_order(template, p),
                ));
            }
            if let Some(l) = rs.last() {
                series.push((Series::Latest, l.date, wheel::scores_in_order(template, l)));
            }
            let review = rs
                .last()
                .map(|l| review_words(l.date, ws.review_weeks_for(&family.get_value())));
            (series, dist, review)
        })
    });
    let name = txt(&template.name);
    view! {
        <h2>{name.clone()}</h2>
        {move || {
            let (series, dist, review) = data.get();
            let title = tf(Msg::RadarTitle, &[("wheel", name.clone()), ("ref", reference.clone())]);
            view! {
                {review.map(|(w, state)| view! { <p class:overdue=state == ReviewState::Overdue class="review">{w}</p> })}
                <RadarChart template=template series=series.clone() title=title/>
                <ScoreTable template=template series=series dist=dist.clone()/>
                <DistanceWords template=template dist=dist/>
            }
        }}
    }
}

type Series = SeriesKind;

fn legend(s: Series) -> &'static str {
    t(match s {
        Series::First => Msg::LegendFirst,
        Series::Previous => Msg::LegendPrevious,
        Series::Latest => Msg::LegendLatest,
    })
}

fn described(s: Series, d: NaiveDate) -> String {
    let m = match s {
        Series::First => Msg::SeriesFirst,
        Series::Previous => Msg::SeriesPrevious,
        Series::Latest => Msg::SeriesLatest,
    };
    tf(m, &[("date", fmt_date(d))])
}

/// Our own SVG radar, drawn by the domain as markup (far smaller in wasm than a view tree),
/// with a legend and a download of the same file.
#[component]
fn RadarChart(
    template: &'static WheelTemplate,
    series: Vec<(Series, NaiveDate, Vec<Option<u8>>)>,
    title: String,
) -> impl IntoView {
    let n = template.areas.len();
    let desc = tf(
        Msg::RadarDesc,
        &[
            ("n", n.to_string()),
            (
                "series",
                series
                    .iter()
                    .map(|(s, d, _)| described(*s, *d))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ],
    );
    let lines: Vec<(Series, Vec<Option<u8>>)> =
        series.iter().map(|(k, _, v)| (*k, v.clone())).collect();
    let markup = wheel::radar_svg(&format!("radar-{}", template.id), n, &lines, &title, &desc);
    let file = markup.clone();
    let name = format!("waymark-wheel-{}-{}.svg", template.id, today());
    view! {
        <figure class="radar">
            <div class="radar-box" inner_html=markup></div>
            <figcaption>
                <ul class="legend">
                    {series.iter().map(|(s, _, _)| {
                        let (colour, dash) = s.stroke();
                        view! {
                            <li>
                                <svg viewBox="0 0 40 12" width="40" height="12" aria-hidden="true" focusable="false">
                                    <line x1="2" y1="6" x2="38" y2="6" stroke=colour stroke-width="3" stroke-dasharray=dash/>
                                </svg>
                                {legend(*s)}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <button type="button" class="button button-small" on:click=move |_| { download(&name, "image/svg+xml", &file); }>{t(Msg::DownloadSvg)}</button>
            </figcaption>
        </figure>
    }
}

/// The same values as the radar, as a table.
#[component]
fn ScoreTable(
    template: &'static WheelTemplate,
    series: Vec<(Series, NaiveDate, Vec<Option<u8>>)>,
    dist: wheel::Distance,
) -> impl IntoView {
    let cols: Vec<(Series, NaiveDate)> = series.iter().map(|(s, d, _)| (*s, *d)).collect();
    let show_change = dist.readings >= 2;
    view! {
        <div class="table-wrap">
            <table class="scores">
                <caption class="visually-hidden">{txt(&template.name)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::TableArea)}</th>
                        {cols.iter().map(|(s, d)| view! { <th scope="col">{legend(*s)}<br/><span class="meta">{fmt_date(*d)}</span></th> }).collect_view()}
                        {show_change.then(|| view! { <th scope="col">{t(Msg::TableChange)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {template.areas.iter().enumerate().map(|(i, a)| {
                        let cells = series.iter().map(|(_, _, sc)| match sc[i] {
                            Some(v) => view! { <td>{v.to_string()}</td> }.into_any(),
                            None => view! { <td class="muted">{t(Msg::NotScored)}</td> }.into_any(),
                        }).collect_view();
                        let change = dist.areas[i].since_first;
                        view! {
                            <tr>
                                <th scope="row">{format!("{}. {}", i + 1, txt(&a.name))}</th>
                                {cells}
                                {show_change.then(|| view! { <td>{change.map(signed).unwrap_or_else(|| "–".into())}</td> })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Distance travelled in words.
#[component]
fn DistanceWords(template: &'static WheelTemplate, dist: wheel::Distance) -> impl IntoView {
    if dist.readings < 2 {
        return view! { <p>{t(Msg::OnlyOneReading)}</p> }.into_any();
    }
    let avg = dist.average_tenths.map(super::summary::signed_tenths);
    let summary = tf(
        Msg::DistanceSummary,
        &[
            ("up", dist.improved.to_string()),
            ("same", dist.unchanged.to_string()),
            ("down", dist.worse.to_string()),
            ("avg", avg.unwrap_or_default()),
        ],
    );
    let lines: Vec<String> = template
        .areas
        .iter()
        .zip(&dist.areas)
        .filter_map(|(a, c)| {
            let change = c.since_first?;
            let (from, to) = (
                stage_name(template, c.stage_from()?),
                stage_name(template, c.stage_to()?),
            );
            let area = txt(&a.name);
            Some(match change.signum() {
                1 => tf(
                    Msg::ChangeUp,
                    &[
                        ("area", area),
                        ("n", change.to_string()),
                        ("from", from),
                        ("to", to),
                    ],
                ),
                -1 => tf(
                    Msg::ChangeDown,
                    &[
                        ("area", area),
                        ("n", (-change).to_string()),
                        ("from", from),
                        ("to", to),
                    ],
                ),
                _ => tf(Msg::ChangeSame, &[("area", area), ("stage", to)]),
            })
        })
        .collect();
    view! {
        <p class="lead">{summary}</p>
        <ul class="changes">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
    }
    .into_any()
}

/// Every reading of the family, newest first, with edit and delete.
#[component]
fn ReadingsList(family: Id) -> impl IntoView {
    let store = use_store();
    let family = StoredValue::new(family);
    let rows = move || {
        store.ws.with(|ws| {
            let mut v: Vec<WheelReading> = readings_of(ws, &family.get_value(), None)
                .into_iter()
                .cloned()
                .collect();
            v.reverse();
            v
        })
    };
    view! {
        {move || {
            let rows = rows();
            (!rows.is_empty()).then(|| view! {
                <h2>{t(Msg::ReadingsList)}</h2>
                <ul class="people">
                    {rows.into_iter().map(|r| {
                        let date = fmt_date(r.date);
                        let wheel_name = template_for(&r.template, Some(r.template_version)).map(|t| txt(&t.name)).unwrap_or_else(|| t(Msg::UnknownTemplate).into());
                        let line = tf(Msg::ReadingLine, &[("date", date.clone()), ("wheel", wheel_name), ("by", respondent(r.by).into()), ("n", r.scores.len().to_string())]);
                        let rid = r.meta.id.clone();
                        let edit = {
                            let r = r.clone();
                            move |_| {
                                if let Some(tpl) = template_for(&r.template, Some(r.template_version)) {
                                    let mut d = WheelDraft::from_reading(tpl, &r);
                                    d.whole = true;
                                    if save_draft(&d) {
                                        navigate(&Route::WheelScore(r.family.clone()));
                                    }
                                }
                            }
                        };
                        view! {
                            <li>
                                <span>{line}</span>
                                <span class="row-actions">
                                    <button type="button" class="button button-small" aria-label=tf(Msg::EditReadingLabel, &[("date", date.clone())]) on:click=edit>{t(Msg::Edit)}</button>
                                    <button type="button" class="button button-small button-danger" aria-label=tf(Msg::DeleteReadingLabel, &[("date", date)])
                                        on:click=move |_| { let _ = store.dispatch(Action::DeleteWheelReading { id: rid.clone() }, true); }>{t(Msg::Delete)}</button>
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })
        }}
    }
}

// ---------- scoring ----------

/// Scoring the reading in progress (resumes where it stopped, even after the tab was closed).
#[component]
pub fn WheelScorePage(id: Id) -> impl IntoView {
    use_store().ws.with_untracked(register);
    let Some(d) = load_draft(&id) else {
        set_title(t(Msg::WheelsTitle));
        return view! {
            <section class="page">
                <h1 tabindex="-1">{t(Msg::WheelsTitle)}</h1>
                <p>{t(Msg::NeedOneScore)}</p>
                <p><a class="button" href=Route::WheelFamily(id).href()>{t(Msg::Back)}</a></p>
            </section>
        }
        .into_any();
    };
    let Some(tpl) = template_for(&d.template, Some(d.template_version)) else {
        return view! { <section class="page"><h1 tabindex="-1">{t(Msg::UnknownTemplate)}</h1></section> }.into_any();
    };
    set_title(&txt(&tpl.name));
    let store = use_store();
    let draft = RwSignal::new(d);
    // Keep the reading in progress on the device after every change.
    Effect::new(move |first: Option<()>| {
        let d = draft.get();
        if first.is_some() && !save_draft(&d) {
            store.say(t(Msg::SaveFailed), true, None);
        }
    });
    let whole = draft.with_untracked(|d| d.whole);
    if whole {
        view! { <WholeWheel draft=draft template=tpl/> }.into_any()
    } else {
        let at = Memo::new(move |_| draft.with(|d| d.at));
        Effect::new(move |prev: Option<usize>| {
            let now = at.get();
            if prev.is_some_and(|p| p != now) {
                focus_heading();
            }
            now
        });
        view! {
            <section class="page">
                {move || {
                    let i = at.get();
                    if i < tpl.areas.len() {
                        view! { <AreaStep draft=draft template=tpl i=i/> }.into_any()
                    } else {
                        view! { <ReviewStep draft=draft template=tpl/> }.into_any()
                    }
                }}
            </section>
        }
        .into_any()
    }
}

fn focus_heading() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        if let Some(h) = document()
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = h.focus();
        }
    });
}

/// Saves the draft as a reading; returns to the family's wheels.
fn finish(
    store: crate::ui::store::Store,
    draft: RwSignal<WheelDraft>,
    template: &WheelTemplate,
    error: RwSignal<Option<String>>,
) {
    let d = draft.get_untracked();
    let fields = WheelFields {
        id: d.editing.clone().unwrap_or_else(new_id),
        family: d.family.clone(),
        child: None,
        template: d.template.clone(),
        template_version: d.template_version,
        date: d.date,
        by: d.by,
        scores: d.area_scores(template),
        notes: String::new(),
    };
    match store.dispatch(Action::SaveWheelReading(Box::new(fields)), false) {
        Ok(_) => {
            clear_draft(&d.family);
            navigate(&Route::WheelFamily(d.family));
        }
        Err(ActionError::Invalid(ps)) => {
            let msg = if ps.iter().any(|p| p.path == "scores") {
                t(Msg::NeedOneScore).to_string()
            } else {
                crate::i18n::problem(&ps[0])
            };
            error.set(Some(msg));
        }
        Err(_) => {}
    }
}

/// One area: the five stages as large cards, then the point within the stage, then a note,
/// the next small step and whether it is a priority.
#[component]
fn AreaStep(
    draft: RwSignal<WheelDraft>,
    template: &'static WheelTemplate,
    i: usize,
) -> impl IntoView {
    let area = &template.areas[i];
    let n = template.areas.len();
    let stage = Memo::new(move |_| draft.with(|d| d.areas[i].stage));
    let scored = Memo::new(move |_| draft.with(|d| d.areas[i].score.is_some()));
    let family = draft.with_untracked(|d| d.family.clone());
    let text_field = move |get: fn(&wheel::AreaDraft) -> &String,
                           set: fn(&mut wheel::AreaDraft, String)| {
        (
            move || draft.with(|d| get(&d.areas[i]).clone()),
            move |ev| draft.update(|d| set(&mut d.areas[i], event_target_value(&ev))),
        )
    };
    let (note, set_note) = text_field(|a| &a.note, |a, v| a.note = v);
    let (step, set_step) = text_field(|a| &a.step, |a, v| a.step = v);
    let priority_full =
        move || draft.with(|d| d.priorities() >= wheel::MAX_PRIORITIES && !d.areas[i].priority);
    // What the read-aloud button says: the area, what it covers, then each stage in turn.
    let spoken = {
        let mut s = format!(
            "{}. {}. {}",
            txt(&area.name),
            txt(&area.covers),
            t(Msg::WhichStage)
        );
        for (k, desc) in area.stages.iter().enumerate() {
            s.push(' ');
            s.push_str(&tf(
                Msg::SpeakStage,
                &[
                    ("n", (k + 1).to_string()),
                    ("stage", stage_name(template, k)),
                    ("desc", txt(desc)),
                ],
            ));
        }
        s
    };
    view! {
        <p class="progress-text" id="area-progress">{tf(Msg::AreaOf, &[("n", (i + 1).to_string()), ("total", n.to_string())])}</p>
        <progress max=n.to_string() value=i.to_string() aria-labelledby="area-progress"></progress>
        <ReadAloud text=spoken/>
        <h1 tabindex="-1">{txt(&area.name)}</h1>
        <p class="lead">{txt(&area.covers)}</p>
        <fieldset class="stage-cards">
            <legend>{t(Msg::WhichStage)}</legend>
            {area.stages.iter().enumerate().map(|(k, desc)| view! {
                <label class="stage-card">
                    <input type="radio" name="stage" prop:checked=move || stage.get() == Some(k as u8)
                        on:change=move |_| draft.update(|d| d.choose_stage(i, k))/>
                    <span class="stage-name">{stage_name(template, k)}</span>
                    <span class="stage-desc">{txt(desc)}</span>
                </label>
            }).collect_view()}
        </fieldset>
        {move || stage.get().map(|k| {
            let (lo, hi) = wheel::stage_scores(usize::from(k));
            view! {
                <fieldset class="choice points">
                    <legend>{t(Msg::WhichPoint)}</legend>
                    {[(lo, Msg::PointLow), (hi, Msg::PointHigh)].into_iter().map(|(v, m)| view! {
                        <label>
                            <input type="radio" name="point" prop:checked=move || draft.with(|d| d.areas[i].score == Some(v))
                                on:change=move |_| draft.update(|d| d.choose_score(i, v))/>
                            {tf(m, &[("n", v.to_string())])}
                        </label>
                    }).collect_view()}
                </fieldset>
            }
        })}
        <details class="disclosure">
            <summary>{t(Msg::MoreForArea)}</summary>
            <div class="field">
                <label for="area-note">{t(Msg::AreaNote)}</label>
                <textarea id="area-note" rows="3" prop:value=note on:input=set_note></textarea>
            </div>
            <div class="field">
                <label for="area-step">{t(Msg::NextStep)}</label>
                <textarea id="area-step" rows="3" prop:value=step on:input=set_step></textarea>
            </div>
            <div class="choice">
                <label>
                    <input type="checkbox" aria-describedby="priority-full"
                        prop:checked=move || draft.with(|d| d.areas[i].priority)
                        prop:disabled=priority_full
                        on:change=move |_| draft.update(|d| { d.toggle_priority(i); })/>
                    {t(Msg::Priority)}
                </label>
                <p id="priority-full" class="hint">{move || priority_full().then(|| t(Msg::PriorityFull))}</p>
            </div>
        </details>
        <div class="actions step-actions">
            {(i > 0).then(|| view! { <button type="button" class="button" on:click=move |_| draft.update(|d| d.at = i - 1)>{t(Msg::Back)}</button> })}
            <button type="button" class="button button-primary" on:click=move |_| draft.update(|d| d.at = i + 1)>
                {move || if scored.get() { t(Msg::Next) } else { t(Msg::Skip) }}
            </button>
        </div>
        <p><a href=Route::WheelFamily(family).href()>{t(Msg::NotNowLeave)}</a></p>
    }
}

/// The reading in progress drawn on the radar, redrawn as each score is chosen.
#[component]
fn LiveRadar(draft: RwSignal<WheelDraft>, template: &'static WheelTemplate) -> impl IntoView {
    let title = txt(&template.name);
    let n = template.areas.len();
    let markup = move || {
        let scores: Vec<Option<u8>> = draft.with(|d| d.areas.iter().map(|a| a.score).collect());
        let desc = tf(
            Msg::RadarDesc,
            &[
                ("n", n.to_string()),
                ("series", described(Series::Latest, draft.with(|d| d.date))),
            ],
        );
        wheel::radar_svg("radar-live", n, &[(Series::Latest, scores)], &title, &desc)
    };
    view! { <div class="radar radar-box" inner_html=markup></div> }
}

/// Every area and its score before saving.
#[component]
fn ReviewStep(draft: RwSignal<WheelDraft>, template: &'static WheelTemplate) -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    let n = template.areas.len();
    let family = draft.with_untracked(|d| d.family.clone());
    view! {
        <h1 tabindex="-1">{t(Msg::ReviewTitle)}</h1>
        <LiveRadar draft=draft template=template/>
        <div class="table-wrap">
            <table class="scores">
                <caption class="visually-hidden">{txt(&template.name)}</caption>
                <thead><tr><th scope="col">{t(Msg::TableArea)}</th><th scope="col">{t(Msg::LegendLatest)}</th><th scope="col"><span class="visually-hidden">{t(Msg::Change)}</span></th></tr></thead>
                <tbody>
                    {template.areas.iter().enumerate().map(|(i, a)| {
                        let name = txt(&a.name);
                        view! {
                            <tr>
                                <th scope="row">{format!("{}. {name}", i + 1)}{move || draft.with(|d| d.areas[i].priority).then(|| view! { <span class="tag">{t(Msg::Priorities)}</span> })}</th>
                                <td>{move || draft.with(|d| d.areas[i].score).map(|s| format!("{s} · {}", stage_name(template, wheel::stage_of(s)))).unwrap_or_else(|| t(Msg::NotScored).into())}</td>
                                <td><button type="button" class="button button-small" aria-label=tf(Msg::ChangeArea, &[("area", name)])
                                    on:click=move |_| draft.update(|d| d.at = i)>{t(Msg::Change)}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        <div class="actions step-actions">
            <button type="button" class="button" on:click=move |_| draft.update(|d| d.at = n - 1)>{t(Msg::Back)}</button>
            <button type="button" class="button button-primary" on:click=move |_| finish(store, draft, template, error)>{t(Msg::FinishSave)}</button>
        </div>
        <p><a href=Route::WheelFamily(family).href()>{t(Msg::NotNowLeave)}</a></p>
    }
}

/// The whole wheel on one screen, for a worker in a session.
#[component]
fn WholeWheel(draft: RwSignal<WheelDraft>, template: &'static WheelTemplate) -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<String>);
    let family = draft.with_untracked(|d| d.family.clone());
    let options = move |selected: Box<dyn Fn() -> Option<u8> + Send + Sync>| {
        let selected = std::sync::Arc::new(selected);
        view! {
            <option value="" selected={let s = selected.clone(); move || s().is_none()}>{t(Msg::NotScored)}</option>
            {(1..=10u8).map(|v| {
                let s = selected.clone();
                view! { <option value=v.to_string() selected=move || s() == Some(v)>{format!("{v} · {}", stage_name(template, wheel::stage_of(v)))}</option> }
            }).collect_view()}
        }
    };
    view! {
        <section class="page">
            <h1 tabindex="-1">{txt(&template.name)}</h1>
            <p class="muted">{format!("{} · {}", fmt_date(draft.with_untracked(|d| d.date)), respondent(draft.with_untracked(|d| d.by)))}</p>
            <LiveRadar draft=draft template=template/>
            <form class="form whole-wheel" on:submit=move |ev| { ev.prevent_default(); finish(store, draft, template, error); } novalidate=true>
                {template.areas.iter().enumerate().map(|(i, a)| {
                    let id = format!("score-{i}");
                    let other_id = format!("other-{i}");
                    let note_id = format!("note-{i}");
                    let step_id = format!("step-{i}");
                    let name = txt(&a.name);
                    view! {
                        <div class="field area-row">
                            <label for=id.clone()>{format!("{}. {name}", i + 1)}</label>
                            <p class="hint">{txt(&a.covers)}</p>
                            <select id=id on:change=move |ev| {
                                let v: Option<u8> = event_target_value(&ev).parse().ok();
                                draft.update(|d| match v { Some(v) => d.choose_score(i, v), None => { d.areas[i].score = None; d.areas[i].stage = None; } });
                            }>
                                {options(Box::new(move || draft.with(|d| d.areas[i].score)))}
                            </select>
                            <details class="disclosure">
                                <summary>{tf(Msg::ScoreFor, &[("area", name.clone())])}</summary>
                                <div class="field">
                                    <label for=other_id.clone()>{t(Msg::OtherView)}</label>
                                    <select id=other_id on:change=move |ev| {
                                        let v: Option<u8> = event_target_value(&ev).parse().ok();
                                        draft.update(|d| d.areas[i].other = v);
                                    }>
                                        {options(Box::new(move || draft.with(|d| d.areas[i].other)))}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for=note_id.clone()>{t(Msg::AreaNote)}</label>
                                    <textarea id=note_id rows="2" prop:value=move || draft.with(|d| d.areas[i].note.clone())
                                        on:input=move |ev| draft.update(|d| d.areas[i].note = event_target_value(&ev))></textarea>
                                </div>
                                <div class="field">
                                    <label for=step_id.clone()>{t(Msg::NextStep)}</label>
                                    <textarea id=step_id rows="2" prop:value=move || draft.with(|d| d.areas[i].step.clone())
                                        on:input=move |ev| draft.update(|d| d.areas[i].step = event_target_value(&ev))></textarea>
                                </div>
                                <div class="choice">
                                    <label>
                                        <input type="checkbox" prop:checked=move || draft.with(|d| d.areas[i].priority)
                                            prop:disabled=move || draft.with(|d| d.priorities() >= wheel::MAX_PRIORITIES && !d.areas[i].priority)
                                            on:change=move |_| draft.update(|d| { d.toggle_priority(i); })/>
                                        {t(Msg::Priority)}
                                    </label>
                                </div>
                            </details>
                        </div>
                    }
                }).collect_view()}
                {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="button button-primary">{t(Msg::FinishSave)}</button>
                    <a class="button" href=Route::WheelFamily(family).href()>{t(Msg::NotNowLeave)}</a>
                </div>
            </form>
        </section>
    }
}
