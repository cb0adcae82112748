//! Help when it matters (issue 30): the free lines a family is given, 999 first, as links that
//! dial, with the number written out; and the panel shown at once beside an answer that says
//! someone is not safe (beside it, never instead of it: the answer is kept).

use crate::domain::help::{Line, Reason, LINES};
use crate::i18n::{t, Msg};
use crate::route::Route;
use crate::ui::shared::store::use_store;
use leptos::prelude::*;

/// A line's name and what it is for.
fn words(line: Line) -> (Msg, Msg) {
    match line {
        Line::Emergency => (Msg::HelpEmergency, Msg::HelpEmergencyWhat),
        Line::DomesticAbuse => (Msg::HelpDomesticAbuse, Msg::HelpDomesticAbuseWhat),
        Line::Childline => (Msg::HelpChildline, Msg::HelpChildlineWhat),
        Line::Nspcc => (Msg::HelpNspcc, Msg::HelpNspccWhat),
        Line::FamilyLives => (Msg::HelpFamilyLives, Msg::HelpFamilyLivesWhat),
        Line::Samaritans => (Msg::HelpSamaritans, Msg::HelpSamaritansWhat),
        Line::Police => (Msg::HelpPolice, Msg::HelpPoliceWhat),
    }
}

/// Lines as links that dial: `only` these (in this order), or every line.
#[component]
pub fn HelpLines(#[prop(optional)] only: Option<&'static [Line]>) -> impl IntoView {
    let lines: Vec<_> = match only {
        Some(only) => only
            .iter()
            .filter_map(|l| LINES.iter().find(|h| h.line == *l).copied())
            .collect(),
        None => LINES.to_vec(),
    };
    // The service's own lines (its settings), after 999.
    let service: Vec<(String, String, String, String)> = use_store().ws.with_untracked(|ws| {
        ws.settings()
            .filter(|s| !s.meta.deleted)
            .map(|s| {
                s.help_lines
                    .iter()
                    .filter_map(|l| {
                        Some((l.name.clone(), l.number.clone(), l.dial()?, l.what.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let mut rows: Vec<(String, String, String, String)> = lines
        .into_iter()
        .map(|l| {
            let (name, what) = words(l.line);
            (
                t(name).into(),
                l.shown.into(),
                l.dial.into(),
                t(what).into(),
            )
        })
        .collect();
    let at = rows.len().min(1);
    rows.splice(at..at, service);
    view! {
        <ul class="help-lines">
            {rows.into_iter().map(|(name, shown, dial, what)| view! {
                <li>
                    // The number is written out, and read out, in digits whatever the
                    // page's language or direction.
                    <a class="help-call" href=format!("tel:{dial}")>
                        <span class="help-name">{name}</span>
                        <span class="help-number" dir="ltr">{shown}</span>
                    </a>
                    {(!what.is_empty()).then(|| view! { <span class="hint">{what}</span> })}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// Shown at once beside an answer that says someone is not safe: the answer stays as given.
/// The lines for what was said (a child's first), then every line one tap away.
#[component]
pub fn HelpPanel(reason: Reason) -> impl IntoView {
    let lead = match reason {
        Reason::NotSafe | Reason::LowOnSafety => Msg::HelpNotSafe,
        Reason::SaddestFace | Reason::Worry => Msg::HelpChild,
    };
    let lines = reason.lines();
    view! {
        <section class="help-panel" aria-labelledby="help-panel-title">
            <h2 id="help-panel-title">{t(Msg::NeedHelpNow)}</h2>
            <p>{t(lead)}</p>
            <HelpLines only=lines/>
            <p>{t(Msg::HelpTellWorker)}</p>
            <p><a href=Route::Help.href()>{t(Msg::HelpMore)}</a></p>
        </section>
    }
}

/// "Need help now?": on every family page, one tap from the lines.
#[component]
pub fn HelpLink() -> impl IntoView {
    view! { <a class="help-link" href=Route::Help.href()>{t(Msg::NeedHelpNow)}</a> }
}
