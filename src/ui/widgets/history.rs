//! A scaling question's history for a family: a small chart (our own SVG), a table of every
//! answer, and the change and the family/worker gap in words.

use crate::domain::base::Id;
use crate::domain::base::Respondent;
use crate::domain::chart::{chart_svg, line_style};
use crate::domain::scale::{self, Asked};
use crate::domain::workspace::action::Action;
use crate::i18n::{respondent, t, tf, Msg};
use crate::ui::shared::format::{fmt_date, signed};
use crate::ui::shared::store::use_store;
use leptos::prelude::*;

/// A key's swatch for one person's answers: the line style and marker of the chart.
fn swatch(by: Respondent) -> String {
    let (colour, dash) = line_style(by);
    let marker = match by {
        Respondent::Family => "<circle cx=\"20\" cy=\"7\" r=\"4\"/>",
        Respondent::Worker => "<rect x=\"16.5\" y=\"3.5\" width=\"7\" height=\"7\"/>",
        _ => "<polygon points=\"20,2 25,11 15,11\"/>",
    };
    format!(
        "<svg viewBox=\"0 0 40 14\" width=\"40\" height=\"14\" aria-hidden=\"true\" focusable=\"false\"><g stroke=\"{colour}\" fill=\"{colour}\"><line x1=\"2\" y1=\"7\" x2=\"38\" y2=\"7\" stroke-width=\"3\" stroke-dasharray=\"{dash}\"/>{marker}</g></svg>"
    )
}

/// Every answer to a question over time: a small chart, a table, and the change and gap in words.
#[component]
pub fn History(
    family: Id,
    q: Asked,
    /// No delete buttons, and the question as the heading (the printed summary).
    #[prop(optional)]
    read_only: bool,
) -> impl IntoView {
    let store = use_store();
    let watch = store.watch_family(family.clone());
    let family = StoredValue::new(family);
    let qid = StoredValue::new(q.id.clone());
    let title = q.question.clone();
    view! {
        {move || {
            let (rows, lines) = watch.with(|ws| {
                let a = scale::answers(ws.folder_or_empty(&family.get_value()).scale_answers.values(), &family.get_value(), &qid.get_value());
                let rows: Vec<_> = a.iter().map(|a| (a.date, a.by, a.value, a.face.as_ref().map(|f| f.face), a.meta.id.clone())).collect();
                (rows, scale::history(&a))
            });
            if rows.is_empty() {
                return None;
            }
            let mut words: Vec<String> = lines.iter().filter_map(|l| {
                let c = l.change()?;
                Some(tf(Msg::ScaleChange, &[("by", respondent(l.by).into()), ("n", signed(c)), ("from", l.first()?.to_string()), ("to", l.latest()?.to_string())]))
            }).collect();
            if let Some(g) = scale::family_worker_gap(&lines) {
                words.push(match g.signum() {
                    0 => t(Msg::GapNone).to_string(),
                    1 => tf(Msg::GapFamilyHigher, &[("n", g.to_string())]),
                    _ => tf(Msg::GapWorkerHigher, &[("n", (-g).to_string())]),
                });
            }
            let desc = tf(Msg::ChartDesc, &[("n", rows.len().to_string())]);
            let first = rows.iter().map(|r| r.0).min().map(fmt_date).unwrap_or_default();
            let last = rows.iter().map(|r| r.0).max().map(fmt_date).unwrap_or_default();
            let svg = chart_svg(&format!("scale-chart-{}", qid.get_value()), &lines, &title, &desc, (&first, &last));
            let heading = if read_only { title.clone() } else { t(Msg::HowItsChanged).to_string() };
            Some(view! {
                <h2>{heading}</h2>
                <div class="chart-box" inner_html=svg></div>
                <ul class="legend">{lines.iter().map(|l| view! { <li><span inner_html=swatch(l.by)></span>{respondent(l.by)}</li> }).collect_view()}</ul>
                <ul class="changes">{words.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                <div class="table-wrap" tabindex="0" role="region" aria-label=title.clone()>
                    <table class="scores review-table">
                        <caption class="visually-hidden">{t(Msg::HowItsChanged)}</caption>
                        <thead><tr><th scope="col">{t(Msg::AnswerDate)}</th><th scope="col">{t(Msg::WhoIsAnswering)}</th><th scope="col">{t(Msg::Answer)}</th>{(!read_only).then(|| view! { <th scope="col"><span class="visually-hidden">{t(Msg::Delete)}</span></th> })}</tr></thead>
                        <tbody>
                            {rows.into_iter().rev().map(|(d, by, v, f, aid)| {
                                let label = tf(Msg::DeleteAnswerLabel, &[("by", respondent(by).into()), ("date", fmt_date(d))]);
                                view! {
                                    <tr>
                                        <td>{fmt_date(d)}</td>
                                        <td>{respondent(by)}</td>
                                        <td>{match f { Some(f) => tf(Msg::FaceAnswered, &[("face", f.to_string()), ("v", v.to_string())]), None => v.to_string() }}</td>
                                        {(!read_only).then(|| view! { <td><button type="button" class="button button-small button-quiet" aria-label=label
                                            on:click=move |_| { let _ = store.dispatch(Action::DeleteScaleAnswer { id: aid.clone() }, true); }>{t(Msg::Delete)}</button></td> })}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            })
        }}
    }
}
