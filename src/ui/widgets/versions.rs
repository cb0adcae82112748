//! Words changed in two places (issue 20): where two people changed the same free-text field on
//! different devices before they synced (or a file was brought in), both versions are kept; this
//! shows them side by side, for one family, and keeps the one chosen.

use crate::domain::base::{Id, Record};
use crate::domain::workspace::fields::unsettled;
use crate::domain::workspace::kinds::{for_each_kind, Stored};
use crate::domain::workspace::Action;
use crate::i18n::{t, tf, Msg};
use crate::ui::shared::store::use_store;
use leptos::prelude::*;

/// One field waiting for a choice.
#[derive(Clone, PartialEq)]
struct Waiting {
    kind: &'static str,
    id: Id,
    field: String,
    texts: Vec<String>,
}

fn what(kind: &str) -> Msg {
    match kind {
        "families" => Msg::WhatFamily,
        "members" => Msg::WhatPerson,
        "wheel_readings" => Msg::WhatWheel,
        "milestone_checks" => Msg::WhatCheck,
        "scale_answers" => Msg::WhatAnswer,
        "questions" => Msg::WhatQuestion,
        "three_houses" => Msg::WhatHouses,
        _ => Msg::WhatGoal,
    }
}

fn field_name(field: &str) -> Msg {
    match field {
        "reference" => Msg::Reference,
        "full_name" => Msg::FullName,
        "worker" => Msg::Worker,
        "team" => Msg::Team,
        "notes" => Msg::Notes,
        "name" => Msg::Name,
        "keeps" => Msg::FollowKeeps,
        "higher" => Msg::FollowHigher,
        "notice" => Msg::FollowNotice,
        "question" => Msg::OwnQuestionText,
        "low" => Msg::OwnLow,
        "high" => Msg::OwnHigh,
        "worries" => Msg::HouseWorries,
        "good" => Msg::HouseGood,
        "wishes" => Msg::HouseWishes,
        "text" => Msg::GoalText,
        _ => Msg::FieldWords,
    }
}

/// The family's fields with two versions, and a button to keep each version.
#[component]
pub fn TwoVersions(family: Id) -> impl IntoView {
    let store = use_store();
    let family = StoredValue::new(family);
    let watch = store.watch_family(family.get_value());
    let waiting = Memo::new(move |_| {
        let fid = family.get_value();
        let mut out: Vec<Waiting> = Vec::new();
        watch.with(|ws| {
            let folder = ws.folder_or_empty(&fid);
            for_each_kind!(T => {
                for r in T::map(folder).values() {
                    if !r.meta().others.is_empty() && !r.meta().deleted && r.family_id() == Some(&fid) {
                        for (field, texts) in unsettled(r) {
                            out.push(Waiting { kind: T::NAME, id: r.meta().id.clone(), field, texts });
                        }
                    }
                }
            });
        });
        out
    });
    let keep = move |w: &Waiting, text: String| {
        let _ = store.dispatch(
            Action::Settle {
                kind: w.kind.to_string(),
                id: w.id.clone(),
                field: w.field.clone(),
                text,
            },
            true,
        );
    };
    move || {
        let list = waiting.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="card card-warn two-versions" aria-labelledby="two-versions-heading">
                    <h2 id="two-versions-heading">{t(Msg::TwoVersionsHeading)}</h2>
                    <p>{t(Msg::TwoVersionsIntro)}</p>
                    {list.into_iter().enumerate().map(|(i, w)| {
                        let heading = tf(Msg::TwoVersionsOf, &[
                            ("what", t(what(w.kind)).to_string()),
                            ("field", t(field_name(&w.field)).to_string()),
                        ]);
                        let w = StoredValue::new(w);
                        view! {
                            <div class="versions" role="group" aria-labelledby=format!("versions-{i}")>
                                <h3 id=format!("versions-{i}")>{heading}</h3>
                                <ol class="plain">
                                    {w.get_value().texts.into_iter().enumerate().map(|(n, text)| {
                                        let n = (n + 1).to_string();
                                        let label = tf(Msg::VersionN, &[("n", n.clone())]);
                                        let shown = if text.is_empty() { t(Msg::VersionEmpty).to_string() } else { text.clone() };
                                        view! {
                                            <li class="version">
                                                <p class="meta">{label}</p>
                                                <p class="pre">{shown}</p>
                                                <button type="button" class="button"
                                                    on:click=move |_| keep(&w.get_value(), text.clone())>
                                                    {tf(Msg::KeepVersion, &[("n", n.clone())])}
                                                </button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ol>
                            </div>
                        }
                    }).collect_view()}
                </section>
            }
        })
    }
}
