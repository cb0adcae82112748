//! Claims (the worker's build): for a quarter, every family with needs and where it stands
//! against the outcome plan, filtered by state or headline; the checks due; the claims CSV; the
//! figures the programme asks for, beside the quarter before; and the outcome plan in use (a
//! council's own loaded from a file, checked and previewed first).

use crate::domain::caseload::claims::{
    claim_figures, claims_csv, claims_list, due_checks, ListFilter,
};
use crate::domain::caseload::report::{Base, Scope};
use crate::domain::claim::{read_plan, CustomPlan, Headline, OutcomePlan};
use crate::domain::workspace::action::Action;
use crate::domain::workspace::standing;
use crate::i18n::{t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::{download, set_title};
use crate::ui::shared::format::fmt_date;
use crate::ui::shared::markup::{el, esc};
use crate::ui::shared::store::{today, use_store};
use crate::ui::shared::words::txt;
use crate::ui::widgets::claims::{figures_html, headline_name, state_words, QUARTER_WORDS};
use crate::ui::widgets::load_file::{LoadFile, Loaded, Loader};
use chrono::NaiveDate;
use leptos::prelude::*;

/// The states the list can be filtered by, with their words.
const STATES: [(&str, Msg); 7] = [
    ("ready", Msg::StReady),
    ("check_due", Msg::FilterCheckDue),
    ("sustaining", Msg::FilterSustaining),
    ("needs_open", Msg::FilterNeedsOpen),
    ("not_eligible", Msg::StNotEligible),
    ("claimed", Msg::FilterClaimed),
    ("no_needs", Msg::StNoNeeds),
];

/// The plan's name as shown: the national framework's in the language in use.
pub fn plan_name(p: &OutcomePlan) -> String {
    if p.id.as_str() == "national" {
        t(Msg::OPlanNationalName).to_string()
    } else {
        txt(&p.name)
    }
}

fn plan_loader() -> Loader {
    Loader {
        id: "load-plan",
        title: Msg::OPlanLoad,
        help: Msg::OPlanIntro,
        refused: Msg::OPlanRefused,
        confirm: Msg::OPlanConfirm,
        read: |text| {
            let p = read_plan(text)?;
            Ok(Loaded {
                name: txt(&p.name),
                summary: tf(
                    Msg::OPlanPreview,
                    &[
                        ("n", p.headlines.len().to_string()),
                        ("v", p.version.to_string()),
                    ],
                ),
                items: p
                    .headlines
                    .iter()
                    .map(|h| headline_name(h.headline).to_string())
                    .collect(),
                keep: Action::AddOutcomePlan(Box::new(p)),
            })
        },
    }
}

#[component]
pub fn ClaimsPage() -> impl IntoView {
    set_title(t(Msg::ClaimsTitle));
    let store = use_store();
    let back = RwSignal::new(0u32);
    let state = RwSignal::new(String::new());
    let headline = RwSignal::new(String::new());
    let base = RwSignal::new(Base::Families);
    let scope = Memo::new(move |_| Scope::quarter(today(), back.get()));
    let plan = Memo::new(move |_| store.ws.with(standing::plan_in_force));
    let filter = move || ListFilter {
        state: STATES.iter().map(|(c, _)| *c).find(|c| *c == state.get()),
        headline: Headline::ALL
            .into_iter()
            .find(|h| h.code() == headline.get()),
    };
    let list_html = move || {
        let s = scope.get();
        let f = filter();
        let lines = plan.with(|p| store.ws.with(|ws| claims_list(ws, &s, &f, p, today())));
        let mut out = el(
            "p",
            "role=\"status\"",
            &tf(Msg::ClaimsCount, &[("n", lines.len().to_string())]),
        );
        if lines.is_empty() {
            let m = if f == ListFilter::default() {
                Msg::ClaimsNone
            } else {
                Msg::ClaimsNoneMatch
            };
            out.push_str(&el("p", "class=\"muted\"", t(m)));
            return out;
        }
        out.push_str("<ul class=\"card-list claims-list\">");
        for l in lines {
            let names: Vec<&str> = l.headlines.iter().map(|h| headline_name(*h)).collect();
            out.push_str(&format!(
                "<li class=\"card\"><h3><a href=\"{}\">{}</a></h3><p><span class=\"tag\" data-claim-state=\"{}\">{}</span></p>{}{}</li>",
                esc(&Route::Needs(l.family.clone()).href()),
                esc(&l.reference),
                l.standing.state.code(),
                esc(&state_words(&l.standing.state)),
                if l.worker.is_empty() { String::new() } else { el("p", "class=\"meta\"", &format!("{}: {}", t(Msg::Worker), l.worker)) },
                el("p", "class=\"meta\"", &names.join(" · ")),
            ));
        }
        out.push_str("</ul>");
        out
    };
    let due_html = move || {
        let all = Scope {
            from: NaiveDate::MIN,
            to: NaiveDate::MAX,
            worker: None,
            team: None,
        };
        let due = plan.with(|p| store.ws.with(|ws| due_checks(ws, &all, p, today())));
        if due.is_empty() {
            return el("p", "class=\"muted\"", t(Msg::ClaimsDueNone));
        }
        let mut out = String::from("<ul>");
        for d in due {
            out.push_str(&format!(
                "<li><a href=\"{}\">{}</a>: {}</li>",
                esc(&Route::Needs(d.family.clone()).href()),
                esc(&d.reference),
                esc(&tf(
                    Msg::ClaimsDueLine,
                    &[
                        ("headline", headline_name(d.headline).into()),
                        ("date", fmt_date(d.since))
                    ]
                )),
            ));
        }
        out.push_str("</ul>");
        out
    };
    let figures = move || {
        let s = scope.get();
        // The quarter before (not `Scope::previous`: quarters differ in length).
        let before = Scope::quarter(today(), back.get() + 1);
        plan.with(|p| {
            store.ws.with(|ws| {
                let now = claim_figures(ws, &s, p, today());
                let b = claim_figures(ws, &before, p, today());
                figures_html(&now, Some(&b), base.get(), &QUARTER_WORDS)
            })
        })
    };
    let csv = move |_| {
        let s = scope.get_untracked();
        let text = store.ws.with_untracked(|ws| claims_csv(ws, &s));
        let name = format!("waymark-claims-{}-to-{}.csv", s.from, s.to);
        if !download(&name, "text/csv;charset=utf-8", &text) {
            store.say(t(Msg::DownloadFailed), true, None);
        }
    };
    let loaded = Memo::new(move |_| {
        plan.with(|p| CustomPlan::record_id(p).filter(|_| p.id.as_str() != "national"))
    });
    let stop = move |_| {
        if let Some(id) = loaded.get_untracked() {
            let _ = store.dispatch(Action::RemoveOutcomePlan { id }, true);
        }
    };
    let quarters: Vec<(u32, String)> = (0..8)
        .map(|i| {
            let q = Scope::quarter(today(), i);
            (
                i,
                tf(
                    Msg::ClaimsQuarterName,
                    &[("from", fmt_date(q.from)), ("to", fmt_date(q.to))],
                ),
            )
        })
        .collect();
    view! {
        <section class="page claims">
            <h1 tabindex="-1">{t(Msg::ClaimsTitle)}</h1>
            <p>{t(Msg::ClaimsIntro)}</p>
            <p class="meta">{move || plan.with(|p| tf(Msg::ClaimsPlan, &[("name", plan_name(p))]))}</p>
            <form class="filters" aria-label=t(Msg::ClaimsTitle) on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="claims-quarter">{t(Msg::ClaimsQuarter)}</label>
                    <select id="claims-quarter" on:change=move |ev| back.set(event_target_value(&ev).parse().unwrap_or(0))>
                        {quarters.into_iter().map(|(i, w)| view! { <option value=i.to_string() selected=i == 0>{w}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="claims-state">{t(Msg::ClaimsShow)}</label>
                    <select id="claims-state" on:change=move |ev| state.set(event_target_value(&ev))>
                        <option value="" selected=true>{t(Msg::ClaimsEveryFamily)}</option>
                        {STATES.iter().map(|(c, m)| view! { <option value=*c>{t(*m)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="claims-headline">{t(Msg::NeedHeadline)}</label>
                    <select id="claims-headline" on:change=move |ev| headline.set(event_target_value(&ev))>
                        <option value="" selected=true>{t(Msg::ClaimsEveryHeadline)}</option>
                        {Headline::ALL.iter().map(|h| view! { <option value=h.code()>{headline_name(*h)}</option> }).collect_view()}
                    </select>
                </div>
            </form>
            <h2>{t(Msg::NavFamilies)}</h2>
            <div inner_html=list_html></div>
            <p><button type="button" class="button" on:click=csv>{t(Msg::ClaimsCsv)}</button></p>
            <h2>{t(Msg::ClaimsDueHeading)}</h2>
            <div inner_html=due_html></div>
            <h2>{t(Msg::ClaimsFigures)}</h2>
            <p>{t(Msg::ClaimsFiguresIntro)}</p>
            <fieldset class="choice choice-inline">
                <legend>{t(Msg::CountingLegend)}</legend>
                <label><input type="radio" name="claims-base" prop:checked=move || base.get() == Base::Families on:change=move |_| base.set(Base::Families)/>{t(Msg::CountFamilies)}</label>
                <label><input type="radio" name="claims-base" prop:checked=move || base.get() == Base::Children on:change=move |_| base.set(Base::Children)/>{t(Msg::CountChildren)}</label>
            </fieldset>
            <div inner_html=figures></div>
            <h2>{t(Msg::OPlanHeading)}</h2>
            <p>{move || plan.with(|p| tf(Msg::OPlanInForce, &[("name", plan_name(p)), ("v", p.version.to_string())]))}</p>
            <p>{move || plan.with(|p| tf(Msg::OPlanSustain, &[("n", p.sustain_months.to_string()), ("h", p.rule.headlines.to_string())]))}</p>
            <Show when=move || loaded.with(Option::is_some)>
                <p><button type="button" class="button" on:click=stop>{t(Msg::OPlanStop)}</button></p>
            </Show>
            <LoadFile loader=plan_loader()/>
        </section>
    }
}
