//! Claims in words (the worker's build): headlines, where a need and a family stand and what is
//! missing, a family's standing on its page, and the quarter's figures as a table. Read-only
//! parts are drawn as markup (see `markup`), which costs far less wasm than view trees.

use crate::domain::base::Id;
use crate::domain::caseload::claims::ClaimFigures;
use crate::domain::caseload::report::{Base, Count};
use crate::domain::claim::{EvidenceKind, Headline, Missing, NeedSource, NeedState, State};
use crate::domain::workspace::standing;
use crate::i18n::{t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::format::fmt_date;
use crate::ui::shared::markup::{el, esc, table, Row};
use crate::ui::shared::store::{today, use_store};
use leptos::prelude::*;

/// A headline's national wording.
pub fn headline_name(h: Headline) -> &'static str {
    t(match h {
        Headline::Education => Msg::HlEducation,
        Headline::EarlyYears => Msg::HlEarlyYears,
        Headline::Health => Msg::HlHealth,
        Headline::SubstanceUse => Msg::HlSubstanceUse,
        Headline::Relationships => Msg::HlRelationships,
        Headline::ChildrenSafe => Msg::HlChildrenSafe,
        Headline::Crime => Msg::HlCrime,
        Headline::DomesticAbuse => Msg::HlDomesticAbuse,
        Headline::Housing => Msg::HlHousing,
        Headline::Finance => Msg::HlFinance,
    })
}

pub fn source_name(s: NeedSource) -> &'static str {
    t(match s {
        NeedSource::Assessment => Msg::SrcAssessment,
        NeedSource::Wheel => Msg::SrcWheel,
        NeedSource::Referral => Msg::SrcReferral,
        NeedSource::Other => Msg::SrcOther,
    })
}

pub fn evidence_name(e: EvidenceKind) -> &'static str {
    t(match e {
        EvidenceKind::Wheel => Msg::EvWheel,
        EvidenceKind::Question => Msg::EvQuestion,
        EvidenceKind::Milestone => Msg::EvMilestone,
        EvidenceKind::Fact => Msg::EvFact,
        EvidenceKind::Note => Msg::EvNote,
    })
}

fn on(m: Msg, d: chrono::NaiveDate) -> String {
    tf(m, &[("date", fmt_date(d))])
}

/// Where a need stands, in words.
pub fn need_state_words(s: NeedState) -> String {
    match s {
        NeedState::Open => t(Msg::NsOpen).into(),
        NeedState::Lapsed { on: d } => on(Msg::NsLapsed, d),
        NeedState::Sustaining { until } => on(Msg::NsSustaining, until),
        NeedState::CheckDue { since } => on(Msg::NsCheckDue, since),
        NeedState::Sustained { on: d } => on(Msg::NsSustained, d),
        NeedState::Claimed { on: d } => on(Msg::NsClaimed, d),
    }
}

/// Where a family stands, in words.
pub fn state_words(s: &State) -> String {
    match s {
        State::NoNeeds => t(Msg::StNoNeeds).into(),
        State::NotEligible(_) => t(Msg::StNotEligible).into(),
        State::NeedsOpen { open } => tf(Msg::StNeedsOpen, &[("n", open.to_string())]),
        State::Sustaining { until } => on(Msg::StSustaining, *until),
        State::CheckDue { due } => tf(Msg::StCheckDue, &[("n", due.to_string())]),
        State::Ready => t(Msg::StReady).into(),
        State::Claimed { on: d } => on(Msg::StClaimed, *d),
    }
}

/// What the claim rule finds missing, as what to do.
pub fn missing_words(m: Missing) -> String {
    match m {
        Missing::Lead => t(Msg::MissLead).into(),
        Missing::Assessment => t(Msg::MissAssessment).into(),
        Missing::Plan => t(Msg::MissPlan).into(),
        Missing::Headlines { have, need } => tf(
            Msg::MissHeadlines,
            &[("need", need.to_string()), ("have", have.to_string())],
        ),
    }
}

/// A family's standing as markup: the state, what is missing, and the way in.
pub fn standing_html(state: &State, family: &Id, with_link: bool) -> String {
    let mut s = format!(
        "<p><strong class=\"tag\" data-claim-state=\"{}\">{}</strong></p>",
        state.code(),
        esc(&state_words(state))
    );
    if let State::NotEligible(missing) = state {
        s.push_str("<ul>");
        for m in missing {
            s.push_str(&el("li", "", &missing_words(*m)));
        }
        s.push_str("</ul>");
    }
    if with_link {
        s.push_str(&format!(
            "<p><a class=\"button\" href=\"{}\">{}</a></p>",
            esc(&Route::Needs(family.clone()).href()),
            esc(t(Msg::NeedsOpenPage))
        ));
    }
    s
}

/// On a family's page: its needs and where its claim stands, with the way in.
#[component]
pub fn ClaimGlance(family: Id) -> impl IntoView {
    let store = use_store();
    let watch = store.watch_family(family.clone());
    let fam = StoredValue::new(family);
    let html = move || {
        let state = watch.with(|ws| {
            let plan = standing::plan_in_force(ws);
            standing::standing(ws, &fam.get_value(), &plan, today()).map(|s| s.state)
        });
        let mut s = el("h2", "", t(Msg::NeedsHeading));
        if let Some(state) = state {
            s.push_str(&standing_html(&state, &fam.get_value(), true));
        }
        s
    };
    view! { <section class="claim-glance" inner_html=html></section> }
}

/// The quarter's figures as tables: families worked with and claimed (with the quarter before),
/// then each headline's families with a need, outcomes met and outcomes lasted.
/// The words around the figures: the tables' caption, the columns of this period and the one
/// compared with, and what the numbers in brackets are.
pub struct FigureWords {
    pub caption: Msg,
    pub now: Msg,
    pub before: Msg,
    pub note: Msg,
}

/// On the Claims page: a quarter and the one before.
pub const QUARTER_WORDS: FigureWords = FigureWords {
    caption: Msg::ClaimsFigures,
    now: Msg::ClaimsQuarter,
    before: Msg::FigBefore,
    note: Msg::FigBeforeNote,
};

pub fn figures_html(
    now: &ClaimFigures,
    before: Option<&ClaimFigures>,
    base: Base,
    words: &FigureWords,
) -> String {
    let n = |c: Count| c.of(base).to_string();
    let with_before = |c: Count, b: Option<Count>| match b {
        Some(b) => format!("{} {}", n(c), tf(Msg::FigBeforeN, &[("n", n(b))])),
        None => n(c),
    };
    let unit = t(match base {
        Base::Families => Msg::FigFamilies,
        Base::Children => Msg::FigChildren,
    });
    let mut head = vec![unit.to_string(), t(words.now).to_string()];
    if before.is_some() {
        head.push(t(words.before).to_string());
    }
    let row = |m: Msg, f: fn(&ClaimFigures) -> Count| {
        let mut cells = vec![n(f(now))];
        if let Some(b) = before {
            cells.push(n(f(b)));
        }
        Row::new(t(m), cells)
    };
    let mut s = table(
        &format!("{} ({unit})", t(words.caption)),
        false,
        "claim-figures",
        &head,
        &[
            row(Msg::FigWorkedWith, |f| f.worked_with),
            row(Msg::FigClaimed, |f| f.claimed),
        ],
        None,
    );
    let of = |list: &[(Headline, Count)], h: Headline| {
        list.iter()
            .find(|(x, _)| *x == h)
            .map_or_else(Count::default, |(_, c)| *c)
    };
    let rows: Vec<Row> = now
        .with_need
        .iter()
        .map(|(h, c)| {
            let b = |f: fn(&ClaimFigures) -> &[(Headline, Count)]| before.map(|b| of(f(b), *h));
            Row::new(
                headline_name(*h),
                vec![
                    with_before(*c, b(|f| &f.with_need)),
                    with_before(of(&now.met, *h), b(|f| &f.met)),
                    with_before(of(&now.sustained, *h), b(|f| &f.sustained)),
                ],
            )
        })
        .collect();
    if before.is_some() {
        s.push_str(&el("p", "class=\"hint\"", t(words.note)));
    }
    s.push_str(&table(
        &format!("{} ({unit})", t(Msg::NeedHeadline)),
        true,
        "claim-headlines",
        &[
            t(Msg::NeedHeadline).to_string(),
            t(Msg::FigWithNeed).to_string(),
            t(Msg::FigMet).to_string(),
            t(Msg::FigSustained).to_string(),
        ],
        &rows,
        None,
    ));
    s
}
