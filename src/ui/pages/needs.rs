//! A family's needs under the outcome plan (the worker's build): where its claim stands and what
//! is missing, needs suggested by its wheel, adding a need, and for each need its outcome and the
//! checks that it lasted; marking the family claimed; and the claim pack an auditor reads.

use crate::domain::base::{Id, Meta, Problem};
use crate::domain::caseload::claims::{self, claim_pack, ClaimPack};
use crate::domain::claim::{
    Check, EvidenceKind, Headline, Met, Need, NeedSource, NeedState, OutcomePlan, State,
};
use crate::domain::model::{MemberRole, Workspace};
use crate::domain::workspace::action::Action;
use crate::domain::workspace::standing;
use crate::i18n::{t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::{download, focus_id, set_title};
use crate::ui::shared::format::{fmt_date, parse_date};
use crate::ui::shared::markup::el;
use crate::ui::shared::store::{new_id, now, today, use_store, DispatchError, Store};
use crate::ui::shared::words::{family_reference, field_error, txt, PageError};
use crate::ui::widgets::claims::{
    evidence_name, headline_name, need_state_words, source_name, standing_html, state_words,
};
use crate::ui::widgets::errors::{ErrorSummary, FormErrors};
use crate::ui::widgets::field::{Field, TextArea};
use leptos::prelude::*;

/// A need the family's wheel suggests ([`suggestions`]), with its area's name.
type Suggestion = (claims::Suggestion, String);

/// What the page shows of a family, read from its folder.
#[derive(Clone, PartialEq)]
struct Needs {
    plan: OutcomePlan,
    state: State,
    /// Live needs, oldest first, with where each stands.
    needs: Vec<(Need, NeedState)>,
    children: Vec<(Id, String)>,
    worker: String,
    suggestions: Vec<Suggestion>,
    /// The latest live claim, if any (what "Take the claim back" takes back).
    last_claim: Option<Id>,
}

fn read(ws: &Workspace, fid: &Id, names: &dyn Fn(&Id, &Id) -> String) -> Option<Needs> {
    let plan = standing::plan_in_force(ws);
    let folder = ws.folder(fid)?;
    let family = folder.families.get(fid).filter(|f| !f.meta.deleted)?;
    let s = standing::of_folder(folder, family, &plan, today());
    let needs: Vec<(Need, NeedState)> = s
        .needs
        .iter()
        .filter_map(|(id, st)| folder.needs.get(id).map(|n| (n.clone(), *st)))
        .collect();
    let suggestions = claims::suggestions(folder, &plan, &s.needs)
        .into_iter()
        .map(|x| {
            let name = names(&x.template, &x.area);
            (x, name)
        })
        .collect();
    let children = folder
        .members
        .values()
        .filter(|m| !m.meta.deleted && m.role == MemberRole::Child)
        .map(|m| (m.meta.id.clone(), m.name.clone()))
        .collect();
    let last_claim = folder
        .claims
        .values()
        .filter(|c| !c.meta.deleted)
        .max_by_key(|c| (c.date, c.meta.created))
        .map(|c| c.meta.id.clone());
    Some(Needs {
        last_claim,
        plan,
        state: s.state,
        needs,
        children,
        worker: family.worker.clone(),
        suggestions,
    })
}

#[component]
pub fn NeedsPage(id: Id) -> impl IntoView {
    let reference = family_reference(&id);
    let id = StoredValue::new(id);
    move || -> Result<AnyView, PageError> {
        let r = reference.get().ok_or(PageError(Msg::FamilyNotFound))?;
        set_title(&tf(Msg::NeedsTitle, &[("ref", r.clone())]));
        Ok(view! { <NeedsView family=id.get_value() reference=r/> }.into_any())
    }
}

#[component]
fn NeedsView(family: Id, reference: String) -> impl IntoView {
    let store = use_store();
    let watch = store.watch_family(family.clone());
    let fam = StoredValue::new(family);
    let data = Memo::new(move |_| {
        let cat = store.catalogue.get();
        let names = |tpl: &Id, area: &Id| {
            cat.wheel(tpl, None)
                .and_then(|w| w.areas.iter().find(|a| &a.id == area))
                .map_or_else(|| area.to_string(), |a| txt(&a.name))
        };
        watch.with(|ws| read(ws, &fam.get_value(), &names))
    });
    let standing = move || {
        data.with(|d| {
            d.as_ref()
                .map(|d| standing_html(&d.state, &fam.get_value(), false))
                .unwrap_or_default()
        })
    };
    let ready = move || data.with(|d| d.as_ref().is_some_and(|d| d.state == State::Ready));
    view! {
        <section class="page">
            <p><a href=Route::Family(fam.get_value()).href()>{t(Msg::BackToFamily)}</a></p>
            <h1 tabindex="-1">{tf(Msg::NeedsTitle, &[("ref", reference)])}</h1>
            <p>{t(Msg::NeedsIntro)}</p>
            <section class="card card-quiet" aria-labelledby="claim-heading">
                <h2 id="claim-heading">{t(Msg::ClaimHeading)}</h2>
                <div inner_html=standing></div>
                <Show when=ready>
                    <MakeClaim family=fam.get_value()/>
                </Show>
                {move || data.with(|d| d.as_ref().filter(|d| matches!(d.state, State::Claimed { .. })).and_then(|d| d.last_claim.clone())).map(|id| {
                    // A claim marked by mistake is taken back (with Undo), its needs ready again.
                    let back = move |_| {
                        let _ = store.dispatch(Action::DeleteClaim { id: id.clone() }, true);
                    };
                    view! { <p><button type="button" class="button" on:click=back>{t(Msg::TakeClaimBack)}</button></p> }
                })}
                <p><a class="button" href=Route::ClaimPack(fam.get_value()).href()>{t(Msg::ClaimPackLink)}</a></p>
            </section>
            <h2>{t(Msg::NeedsHeading)}</h2>
            {move || {
                let list = data.with(|d| d.as_ref().map(|d| (d.needs.clone(), d.plan.clone(), d.children.clone())));
                match list {
                    Some((needs, plan, children)) if !needs.is_empty() => view! {
                        <ul class="card-list">
                            {needs.into_iter().map(|(n, s)| view! { <NeedCard need=n state=s plan=plan.clone() children=children.clone()/> }).collect_view()}
                        </ul>
                    }.into_any(),
                    _ => view! { <p class="muted">{t(Msg::NeedsNone)}</p> }.into_any(),
                }
            }}
            {move || data.with(|d| d.as_ref().filter(|d| !d.suggestions.is_empty()).map(|d| {
                view! { <Suggestions family=fam.get_value() list=d.suggestions.clone() worker=d.worker.clone()/> }
            }))}
            <AddNeed family=fam.get_value()/>
        </section>
    }
}

/// Marking the family claimed, on a date (today unless said).
#[component]
fn MakeClaim(family: Id) -> impl IntoView {
    let store = use_store();
    let date = RwSignal::new(today().to_string());
    let note = RwSignal::new(String::new());
    let errors = FormErrors::new("claim");
    let fam = StoredValue::new(family);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = parse_date(&date.get_untracked()) else {
            errors.show(vec![Problem::new(
                "date",
                crate::domain::base::ProblemKind::Required,
            )]);
            return;
        };
        let action = Action::MakeClaim {
            id: new_id(),
            family: fam.get_value(),
            date: d,
            note: note.get_untracked(),
        };
        errors.submit(store, action, move || {
            errors.reset();
            store.say(t(Msg::ClaimMade), false, None);
            focus_id("claim-heading");
        });
    };
    view! {
        <form class="form" on:submit=submit novalidate=true>
            <ErrorSummary errors=errors.summary()/>
            <Field id="claim-date" label=t(Msg::ClaimDate) kind="date" value=date check=(errors, "date")/>
            <TextArea id="claim-note" label=t(Msg::ClaimNote) value=note check=(errors, "note")/>
            <div class="actions"><button type="submit" id=errors.save_id() class="button button-primary">{t(Msg::MakeClaim)}</button></div>
        </form>
    }
}

fn new_need(family: Id, headline: Headline, by: String, source: NeedSource) -> Need {
    Need {
        meta: Meta::new(new_id(), now(), new_id()),
        family,
        child: None,
        headline,
        descriptor: None,
        identified: today(),
        by,
        source,
        area: None,
        note: String::new(),
        met: None,
        checks: Vec::new(),
    }
}

/// The wheel's suggestions, each added as a need with one press.
#[component]
fn Suggestions(family: Id, list: Vec<Suggestion>, worker: String) -> impl IntoView {
    let store = use_store();
    let fam = StoredValue::new(family);
    let worker = StoredValue::new(worker);
    view! {
        <section aria-labelledby="suggest-heading">
            <h2 id="suggest-heading">{t(Msg::NeedSuggestHeading)}</h2>
            <p class="hint">{t(Msg::NeedSuggestIntro)}</p>
            <ul class="card-list">
                {list.into_iter().map(|(x, name)| {
                    let (h, score) = (x.headline, x.score);
                    // The visible words first (the name holds them), then which area and headline.
                    let label = format!("{}: {name} ({})", t(Msg::NeedSuggestAdd), headline_name(h));
                    let add = move |_| {
                        let mut n = new_need(fam.get_value(), h, worker.get_value(), NeedSource::Wheel);
                        n.area = Some((x.template.clone(), x.area.clone()));
                        let _ = store.dispatch(Action::SaveNeed(Box::new(n)), true);
                    };
                    view! {
                        <li class="card">
                            <p><strong>{tf(Msg::NeedSuggestLine, &[("area", name), ("score", score.to_string())])}</strong></p>
                            <p class="meta">{headline_name(h)}</p>
                            <button type="button" class="button" aria-label=label on:click=add>{t(Msg::NeedSuggestAdd)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// A select whose options are `(value, words)`; `pick` gets the chosen value.
fn select(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    chosen: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| chosen.set(event_target_value(&ev))>
                {options.into_iter().map(|(v, w)| {
                    let sel = v == chosen.get_untracked();
                    view! { <option value=v selected=sel>{w}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Adding a need: its headline (and the plan's descriptor), when and by whom it was found, where,
/// who it is about, and a note.
#[component]
fn AddNeed(family: Id) -> impl IntoView {
    let store = use_store();
    // Read once: the form keeps what is typed while the family's records change.
    let (plan, children, worker) = store.ws.with_untracked(|ws| {
        let plan = standing::plan_in_force(ws);
        let folder = ws.folder(&family);
        let children: Vec<(Id, String)> = folder
            .map(|f| {
                f.members
                    .values()
                    .filter(|m| !m.meta.deleted && m.role == MemberRole::Child)
                    .map(|m| (m.meta.id.clone(), m.name.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let worker = ws
            .family(&family)
            .map(|f| f.worker.clone())
            .unwrap_or_default();
        (plan, children, worker)
    });
    let first = plan
        .headlines
        .first()
        .map_or(Headline::Education, |h| h.headline);
    let headline = RwSignal::new(first.code().to_string());
    let descriptor = RwSignal::new(String::new());
    let identified = RwSignal::new(today().to_string());
    let by = RwSignal::new(worker.clone());
    let source = RwSignal::new(NeedSource::Assessment.code().to_string());
    let child = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = FormErrors::new("need");
    let fam = StoredValue::new(family);
    let plan = StoredValue::new(plan);
    let chosen = move || {
        let code = headline.get();
        plan.with_value(|p| {
            p.headlines
                .iter()
                .map(|h| h.headline)
                .find(|h| h.code() == code)
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(h) = chosen() else { return };
        let Some(day) = parse_date(&identified.get_untracked()) else {
            errors.show(vec![Problem::new(
                "identified",
                crate::domain::base::ProblemKind::Required,
            )]);
            return;
        };
        let src = NeedSource::ALL
            .into_iter()
            .find(|x| x.code() == source.get_untracked())
            .unwrap_or(NeedSource::Assessment);
        let mut n = new_need(fam.get_value(), h, by.get_untracked(), src);
        n.identified = day;
        n.descriptor = Id::parse(&descriptor.get_untracked());
        n.child = Id::parse(&child.get_untracked());
        n.note = note.get_untracked();
        errors.submit(store, Action::SaveNeed(Box::new(n)), move || {
            note.try_set(String::new());
            descriptor.try_set(String::new());
            errors.reset();
            store.say(t(Msg::SavedNeed), false, None);
        });
    };
    let headlines: Vec<(String, String)> = plan.with_value(|p| {
        p.headlines
            .iter()
            .map(|h| {
                (
                    h.headline.code().to_string(),
                    headline_name(h.headline).to_string(),
                )
            })
            .collect()
    });
    let descriptors = move || {
        let h = chosen();
        let list: Vec<(String, String)> = plan.with_value(|p| {
            p.headlines
                .iter()
                .filter(|x| Some(x.headline) == h)
                .flat_map(|x| x.descriptors.iter())
                .map(|d| (d.id.to_string(), txt(&d.text)))
                .collect()
        });
        (!list.is_empty()).then(|| {
            let mut options = vec![(String::new(), t(Msg::NeedDescriptorNone).to_string())];
            options.extend(list);
            select(
                "need-descriptor",
                t(Msg::NeedDescriptor),
                options,
                descriptor,
            )
        })
    };
    let sources: Vec<(String, String)> = NeedSource::ALL
        .iter()
        .map(|x| (x.code().to_string(), source_name(*x).to_string()))
        .collect();
    let mut people = vec![(String::new(), t(Msg::NeedWholeFamily).to_string())];
    people.extend(
        children
            .into_iter()
            .map(|(id, name)| (id.to_string(), name)),
    );
    let open = store.ws.with_untracked(|ws| {
        ws.folder(&fam.get_value())
            .is_none_or(|f| !f.needs.values().any(|n| !n.meta.deleted))
    });
    view! {
        <details class="disclosure" open=open>
            <summary>{t(Msg::AddNeed)}</summary>
            <form class="form" on:submit=save novalidate=true>
                <ErrorSummary errors=errors.summary()/>
                {select("need-headline", t(Msg::NeedHeadline), headlines, headline)}
                {descriptors}
                <Field id="need-identified" label=t(Msg::NeedIdentified) kind="date" value=identified check=(errors, "identified")/>
                <Field id="need-by" label=t(Msg::NeedBy) value=by check=(errors, "by")/>
                {select("need-source", t(Msg::NeedSourceLabel), sources, source)}
                {(people.len() > 1).then(|| select("need-child", t(Msg::NeedChild), people, child))}
                <TextArea id="need-note" label=t(Msg::NeedNote) value=note check=(errors, "note")/>
                <div class="actions"><button type="submit" id=errors.save_id() class="button button-primary">{t(Msg::SaveNeed)}</button></div>
            </form>
        </details>
    }
}

/// When a need was found, and by whom if known.
fn found_words(day: chrono::NaiveDate, by: &str) -> String {
    let date = ("date", fmt_date(day));
    if by.is_empty() {
        tf(Msg::NeedIdentifiedOn, &[date])
    } else {
        tf(Msg::NeedFoundBy, &[date, ("who", by.to_string())])
    }
}

/// Saves a changed need; its problems (paths as the form names them) if refused.
fn save_need(store: Store, n: Need, heading: String) -> Vec<Problem> {
    match store.dispatch(Action::SaveNeed(Box::new(n)), false) {
        Err(DispatchError::Refused(crate::domain::workspace::ActionError::Invalid(ps))) => ps,
        Ok(_) => {
            focus_id(&heading);
            Vec::new()
        }
        Err(_) => Vec::new(),
    }
}

/// One need: what it is, where it stands, its outcome and checks, and forms to add them.
#[component]
fn NeedCard(
    need: Need,
    state: NeedState,
    plan: OutcomePlan,
    children: Vec<(Id, String)>,
) -> impl IntoView {
    let store = use_store();
    let nid = need.meta.id.to_string();
    let heading = format!("need-{nid}");
    let n = StoredValue::new(need.clone());
    let claimed = matches!(state, NeedState::Claimed { .. });
    let met_open = need.met.is_none() || matches!(state, NeedState::Lapsed { .. });
    let descriptor = need
        .descriptor
        .as_ref()
        .and_then(|d| plan.descriptor(d))
        .map(|(_, d)| txt(&d.text));
    let about = need
        .child
        .as_ref()
        .and_then(|c| children.iter().find(|(id, _)| id == c))
        .map(|(_, name)| name.clone());
    // What the card says, as markup: it only shows.
    let mut info = String::new();
    if let Some(d) = &descriptor {
        info.push_str(&el("p", "", d));
    }
    let mut found = found_words(need.identified, &need.by);
    found.push_str(&format!(" · {}", source_name(need.source)));
    if let Some(a) = &about {
        found.push_str(&format!(" · {a}"));
    }
    info.push_str(&el("p", "class=\"meta\"", &found));
    if !need.note.is_empty() {
        info.push_str(&el("p", "class=\"pre\"", &need.note));
    }
    if let Some(m) = &need.met {
        info.push_str(&el(
            "p",
            "",
            &tf(
                Msg::MetOn,
                &[
                    ("date", fmt_date(m.date)),
                    ("evidence", evidence_name(m.evidence).into()),
                ],
            ),
        ));
        if !m.detail.is_empty() {
            info.push_str(&el("p", "class=\"pre\"", &m.detail));
        }
    }
    if !need.checks.is_empty() {
        info.push_str(&el("h4", "", t(Msg::ChecksHeading)));
        info.push_str("<ul>");
        for k in &need.checks {
            let m = if k.held {
                Msg::CheckHeldOn
            } else {
                Msg::CheckNotHeldOn
            };
            let mut line = tf(m, &[("date", fmt_date(k.date))]);
            if !k.note.is_empty() {
                line.push_str(&format!(": {}", k.note));
            }
            info.push_str(&el("li", "", &line));
        }
        info.push_str("</ul>");
    }
    if claimed {
        info.push_str(&el("p", "class=\"hint\"", t(Msg::NeedClaimedKept)));
    }
    // The outcome.
    let met_date = RwSignal::new(today().to_string());
    let evidence = RwSignal::new(EvidenceKind::Fact.code().to_string());
    let detail = RwSignal::new(String::new());
    let met_problems = RwSignal::new(Vec::<Problem>::new());
    let h1 = heading.clone();
    let save_met = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = parse_date(&met_date.get_untracked()) else {
            met_problems.set(vec![Problem::new(
                "met.date",
                crate::domain::base::ProblemKind::Required,
            )]);
            return;
        };
        let kind = EvidenceKind::ALL
            .into_iter()
            .find(|x| x.code() == evidence.get_untracked())
            .unwrap_or(EvidenceKind::Fact);
        let mut x = n.get_value();
        x.met = Some(Met {
            date: d,
            evidence: kind,
            detail: detail.get_untracked(),
        });
        met_problems.set(save_need(store, x, h1.clone()));
    };
    // A check.
    let check_date = RwSignal::new(today().to_string());
    let held = RwSignal::new(true);
    let check_note = RwSignal::new(String::new());
    let check_problems = RwSignal::new(Vec::<Problem>::new());
    let h2 = heading.clone();
    let save_check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = parse_date(&check_date.get_untracked()) else {
            check_problems.set(vec![Problem::new(
                "check.date",
                crate::domain::base::ProblemKind::Required,
            )]);
            return;
        };
        let mut x = n.get_value();
        x.checks.push(Check {
            date: d,
            held: held.get_untracked(),
            note: check_note.get_untracked(),
        });
        let i = x.checks.len() - 1;
        let ps = save_need(store, x, h2.clone())
            .into_iter()
            .map(|mut p| {
                p.path = p.path.replace(&format!("checks[{i}]"), "check");
                p
            })
            .collect();
        check_problems.set(ps);
    };
    let delete = move |_| {
        let _ = store.dispatch(
            Action::DeleteNeed {
                id: n.get_value().meta.id,
            },
            true,
        );
    };
    let err = |ps: RwSignal<Vec<Problem>>, f: &'static str| {
        Signal::derive(move || ps.with(|p| field_error(p, f)))
    };
    let evidence_options: Vec<(String, String)> = EvidenceKind::ALL
        .iter()
        .map(|k| (k.code().to_string(), evidence_name(*k).to_string()))
        .collect();
    let ids = (
        format!("met-date-{nid}"),
        format!("met-detail-{nid}"),
        format!("check-date-{nid}"),
        format!("check-note-{nid}"),
        format!("evidence-{nid}"),
        format!("held-{nid}"),
    );
    let held_name = ids.5.clone();
    view! {
        <li class="card need" aria-labelledby=heading.clone()>
            <h3 id=heading.clone() tabindex="-1">{headline_name(need.headline)}</h3>
            <p><span class="tag" data-need-state=state.code()>{need_state_words(state)}</span></p>
            <div inner_html=info></div>
            {(met_open && !claimed).then(|| view! {
                <details class="disclosure">
                    <summary>{t(Msg::RecordMet)}</summary>
                    <form class="form" on:submit=save_met novalidate=true>
                        <Field id=ids.0.clone() label=t(Msg::MetDate) kind="date" value=met_date error=err(met_problems, "met.date")/>
                        <div class="field">
                            <label for=ids.4.clone()>{t(Msg::EvidenceLabel)}</label>
                            <select id=ids.4.clone() on:change=move |ev| evidence.set(event_target_value(&ev))>
                                {evidence_options.into_iter().map(|(v, w)| view! { <option value=v.clone() selected=v == EvidenceKind::Fact.code()>{w}</option> }).collect_view()}
                            </select>
                        </div>
                        <TextArea id=ids.1.clone() label=t(Msg::EvidenceDetail) value=detail error=err(met_problems, "met.detail")/>
                        <div class="actions"><button type="submit" class="button">{t(Msg::SaveMet)}</button></div>
                    </form>
                </details>
            })}
            {(need.met.is_some() && !claimed).then(|| view! {
                <details class="disclosure">
                    <summary>{t(Msg::RecordHeld)}</summary>
                    <form class="form" on:submit=save_check novalidate=true>
                        <Field id=ids.2.clone() label=t(Msg::CheckDate) kind="date" value=check_date error=err(check_problems, "check.date")/>
                        <fieldset class="choice">
                            <legend>{t(Msg::CheckHeld)}</legend>
                            <label><input type="radio" name=held_name.clone() prop:checked=move || held.get() on:change=move |_| held.set(true)/>{t(Msg::CheckHeldYes)}</label>
                            <label><input type="radio" name=held_name.clone() prop:checked=move || !held.get() on:change=move |_| held.set(false)/>{t(Msg::CheckHeldNo)}</label>
                        </fieldset>
                        <TextArea id=ids.3.clone() label=t(Msg::NeedNote) value=check_note error=err(check_problems, "check.note")/>
                        <div class="actions"><button type="submit" class="button">{t(Msg::SaveHeld)}</button></div>
                    </form>
                </details>
            })}
            {(!claimed).then(|| view! {
                <div class="actions">
                    <button type="button" class="button button-quiet button-small" on:click=delete
                        aria-label=tf(Msg::DeleteNeedNamed, &[("headline", headline_name(need.headline).into())])>{t(Msg::Delete)}</button>
                </div>
            })}
        </li>
    }
}

/// The claim pack as markup: the family, the plan, the rule's parts, and each need with its
/// evidence and dates.
fn pack_html(p: &ClaimPack, plan_name: &str) -> String {
    let none = || t(Msg::PackNone).to_string();
    let dt = |k: Msg, v: &str| format!("{}{}", el("dt", "", t(k)), el("dd", "", v));
    let mut s = String::from("<dl class=\"details\">");
    s.push_str(&dt(Msg::PackPlan, plan_name));
    s.push_str(&dt(
        Msg::PackLead,
        if p.lead_practitioner.is_empty() {
            "—"
        } else {
            &p.lead_practitioner
        },
    ));
    s.push_str(&dt(
        Msg::PackAssessment,
        &p.assessment.map_or_else(none, |d| {
            tf(Msg::PackAssessmentOn, &[("date", fmt_date(d))])
        }),
    ));
    s.push_str(&dt(
        Msg::PackFamilyPlan,
        &p.plan_set.map_or_else(none, |d| {
            tf(
                Msg::PackGoals,
                &[("n", p.goals.to_string()), ("date", fmt_date(d))],
            )
        }),
    ));
    s.push_str("</dl>");
    s.push_str(&el("h2", "", t(Msg::NeedsHeading)));
    if p.needs.is_empty() {
        s.push_str(&el("p", "class=\"muted\"", &none()));
    }
    s.push_str("<ol class=\"pack-needs\">");
    for n in &p.needs {
        s.push_str("<li>");
        s.push_str(&el("h3", "", headline_name(n.headline)));
        if let Some(d) = &n.descriptor {
            s.push_str(&el("p", "", d));
        }
        let mut found = found_words(n.identified, &n.by);
        found.push_str(&format!(" · {}", source_name(n.source)));
        if let Some(c) = &n.child {
            found.push_str(&format!(" · {c}"));
        }
        s.push_str(&el("p", "class=\"meta\"", &found));
        match &n.met {
            Some(m) => {
                let mut line = tf(
                    Msg::MetOn,
                    &[
                        ("date", fmt_date(m.date)),
                        ("evidence", evidence_name(m.evidence).into()),
                    ],
                );
                if !m.detail.is_empty() {
                    line.push_str(&format!(" — {}", m.detail));
                }
                s.push_str(&el("p", "", &line));
            }
            None => s.push_str(&el("p", "", t(Msg::NsOpen))),
        }
        if let Some(u) = n.must_last_until {
            s.push_str(&el(
                "p",
                "",
                &tf(Msg::PackMustLast, &[("date", fmt_date(u))]),
            ));
        }
        for k in &n.checks {
            let m = if k.held {
                Msg::CheckHeldOn
            } else {
                Msg::CheckNotHeldOn
            };
            s.push_str(&el("p", "", &tf(m, &[("date", fmt_date(k.date))])));
        }
        s.push_str("</li>");
    }
    s.push_str("</ol>");
    for c in &p.claims {
        s.push_str(&el(
            "p",
            "",
            &tf(Msg::PackClaimedOn, &[("date", fmt_date(c.date))]),
        ));
    }
    s
}

#[component]
pub fn ClaimPackPage(id: Id) -> impl IntoView {
    let store = use_store();
    let fid = StoredValue::new(id);
    move || -> Result<AnyView, PageError> {
        // Read once: a printout is a snapshot.
        let (pack, plan) = store.ws.with(|ws| {
            let plan = standing::plan_in_force(ws);
            (claim_pack(ws, &fid.get_value(), &plan, today()), plan)
        });
        let pack = pack.ok_or(PageError(Msg::FamilyNotFound))?;
        let title = tf(Msg::ClaimPackTitle, &[("ref", pack.reference.clone())]);
        set_title(&title);
        let plan_name = if plan.id.as_str() == "national" {
            t(Msg::OPlanNationalName).to_string()
        } else {
            tf(
                Msg::PackPlanVersion,
                &[("name", txt(&plan.name)), ("v", plan.version.to_string())],
            )
        };
        let state = state_words(&pack.state);
        let html = pack_html(&pack, &plan_name);
        let json = serde_json::to_string_pretty(&pack).unwrap_or_default();
        let name = format!("waymark-claim-pack-{}.json", today());
        let print = move |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
        };
        let save = move |_| {
            download(&name, "application/json", &json);
        };
        Ok(view! {
            <article class="page summary">
                <div class="actions no-print">
                    <button type="button" class="button button-primary" on:click=print>{t(Msg::PackPrint)}</button>
                    <button type="button" class="button" on:click=save>{t(Msg::PackJson)}</button>
                    <a class="button" href=Route::Needs(fid.get_value()).href()>{t(Msg::NeedsHeading)}</a>
                </div>
                <header class="summary-head">
                    <h1 tabindex="-1">{title}</h1>
                    <p class="meta">{tf(Msg::SummaryDate, &[("date", fmt_date(today()))])}</p>
                    <p class="no-print">{t(Msg::ClaimPackIntro)}</p>
                </header>
                <p><strong>{t(Msg::PackStanding)}": "</strong>{state}</p>
                <div inner_html=html></div>
            </article>
        }
        .into_any())
    }
}
