//! A child's milestone timeline: each area's judgement at each stage, in words and a shape as
//! well as colour.

use crate::domain::base::Id;
use crate::domain::milestone::{self, Framework, MilestoneCheck};
use crate::domain::model::Workspace;
use crate::i18n::{t, Msg};
use crate::ui::shared::words::{judgement_words, txt};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The latest check of a child at each stage.
pub fn latest_at(ws: &Workspace, child: &Id) -> BTreeMap<Id, MilestoneCheck> {
    let mut at = BTreeMap::new();
    for c in ws.checks_of(child) {
        at.insert(c.stage.clone(), c.clone());
    }
    at
}

/// The timeline: each area's judgement at the stages checked (the latest check at each) and,
/// where given, the stage the child's age calls for now; in words and a shape as well as
/// colour. Area names stay in view (a sticky first column) when the table scrolls.
pub fn timeline_table(
    f: &Framework,
    at: &BTreeMap<Id, MilestoneCheck>,
    current: Option<&Id>,
    label: String,
) -> impl IntoView {
    let checked: Vec<&Id> = at.keys().collect();
    let stages: Vec<milestone::Stage> = milestone::timeline_stages(f, &checked, current)
        .into_iter()
        .cloned()
        .collect();
    let at = at.clone();
    let region = label.clone();
    view! {
        // Wide on a phone: the region scrolls, so it takes focus for keyboard scrolling.
        <div class="table-wrap" tabindex="0" role="region" aria-label=region>
            <table class="scores timeline">
                <caption class="visually-hidden">{label}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::TableArea)}</th>
                        {stages.iter().map(|s| view! { <th scope="col">{txt(&s.name)}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {f.areas.iter().map(|a| view! {
                        <tr>
                            <th scope="row">{txt(&a.name)}</th>
                            {stages.iter().map(|s| {
                                let j = at.get(&s.id).and_then(|c| {
                                    milestone::judge_check(f, c).into_iter().find(|(id, _, _)| id == &a.id).and_then(|(_, j, changed)| j.map(|j| (j, changed)))
                                });
                                match j {
                                    Some((j, changed)) => {
                                        let (words, shape, class) = judgement_words(j);
                                        view! { <td class=class><span aria-hidden="true">{shape}" "</span>{words}{changed.then(|| view! { <br/><span class="meta">{t(Msg::ChangedByWorker)}</span> })}</td> }.into_any()
                                    }
                                    None => view! { <td class="muted">"–"</td> }.into_any(),
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
