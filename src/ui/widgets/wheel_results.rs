//! A wheel's results for a family: the radar of first, previous and latest readings (our own
//! SVG from the domain's geometry), the same values as a table, distance travelled in words,
//! and when the next review falls.

use crate::domain::base::{Id, Respondent};
use crate::domain::caseload::outcome::next_review;
use crate::domain::chart::{radar_svg, SeriesKind as Series};
use crate::domain::model::{Family, WheelReading, Workspace};
use crate::domain::wheel::{self, ReviewState, WheelTemplate};
use crate::i18n::{respondent, t, tf, Msg};
use crate::ui::shared::dom::download;
use crate::ui::shared::format::{fmt_date, signed, signed_tenths};
use crate::ui::shared::mode::family_view;
use crate::ui::shared::store::{today, use_store};
use crate::ui::shared::words::{lang, txt};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::sync::Arc;

/// A family's live readings of a template (or of every template), oldest first.
pub fn readings_of<'a>(
    ws: &'a Workspace,
    family: &Id,
    template: Option<&Id>,
) -> Vec<&'a WheelReading> {
    wheel::in_order(
        ws.folder_or_empty(family)
            .wheel_readings
            .values()
            .filter(|r| &r.family == family && template.is_none_or(|t| &r.template == t)),
    )
}

/// A stage's name in a template.
pub fn stage_name(t: &WheelTemplate, stage: usize) -> String {
    t.stages.get(stage).map(txt).unwrap_or_default()
}

/// When a family's next review is due, in words, and how near it is (by the one rule in
/// [`next_review`]; `None` for a closed family).
pub fn review_words(ws: &Workspace, family: &Family) -> Option<(String, ReviewState)> {
    let due = next_review(ws, family)?;
    let state = wheel::review_state(due, today());
    let msg = match (state, family_view()) {
        (ReviewState::Later, false) => Msg::ReviewDue,
        (ReviewState::DueSoon, false) => Msg::ReviewDueSoon,
        (ReviewState::Overdue, false) => Msg::ReviewOverdue,
        (ReviewState::Later, true) => Msg::FamilyReviewDue,
        (ReviewState::DueSoon, true) => Msg::FamilyReviewDueSoon,
        (ReviewState::Overdue, true) => Msg::FamilyReviewOverdue,
    };
    Some((tf(msg, &[("date", fmt_date(due))]), state))
}

/// The radar, the table and distance travelled for one wheel.
#[component]
pub fn TemplateResults(
    family: Id,
    template: Arc<WheelTemplate>,
    reference: String,
    /// Only the first and latest readings (the printed summary).
    #[prop(optional)]
    first_and_latest: bool,
) -> impl IntoView {
    let store = use_store();
    let watch = store.watch_family(family.clone());
    let family = StoredValue::new(family);
    let tpl = template.clone();
    let data = Memo::new(move |_| {
        let template = &*tpl;
        watch.with(|ws| {
            let rs = readings_of(ws, &family.get_value(), Some(&template.id));
            let dist = wheel::distance(template, &rs);
            let mut series = Vec::new();
            if let Some(f) = rs.first() {
                if rs.len() >= 2 {
                    series.push((
                        Series::First,
                        f.date,
                        wheel::scores_in_order(template, f),
                        f.by,
                    ));
                }
            }
            if rs.len() >= 3 && !first_and_latest {
                let p = rs[rs.len() - 2];
                series.push((
                    Series::Previous,
                    p.date,
                    wheel::scores_in_order(template, p),
                    p.by,
                ));
            }
            if let Some(l) = rs.last() {
                series.push((
                    Series::Latest,
                    l.date,
                    wheel::scores_in_order(template, l),
                    l.by,
                ));
            }
            let review = ws
                .families()
                .get(&family.get_value())
                .and_then(|f| review_words(ws, f));
            (series, dist, review)
        })
    });
    let name = txt(&template.name);
    view! {
        <h2>{name.clone()}</h2>
        {move || {
            let (series, dist, review) = data.get();
            // The family's own phone names the wheel only ("Our family's family wheel" is no
            // one's words).
            let title = if family_view() { name.clone() } else { tf(Msg::RadarTitle, &[("wheel", name.clone()), ("ref", reference.clone())]) };
            view! {
                {review.map(|(w, state)| view! { <p class:overdue=state == ReviewState::Overdue class="review">{w}</p> })}
                // The radar and its table stay together on paper.
                <div class="keep-together">
                    <RadarChart template=template.clone() series=series.clone() title=title/>
                    <ScoreTable template=template.clone() series=series dist=dist.clone()/>
                </div>
                <DistanceWords template=template.clone() dist=dist/>
            }
        }}
    }
}

pub fn legend(s: Series) -> &'static str {
    t(match s {
        Series::First => Msg::LegendFirst,
        Series::Previous => Msg::LegendPrevious,
        Series::Latest => Msg::LegendLatest,
    })
}

pub fn described(s: Series, d: NaiveDate) -> String {
    let m = match s {
        Series::First => Msg::SeriesFirst,
        Series::Previous => Msg::SeriesPrevious,
        Series::Latest => Msg::SeriesLatest,
    };
    tf(m, &[("date", fmt_date(d))])
}

/// The labels of a template's spokes: each area's short name, in the language in use.
pub fn spoke_labels(t: &WheelTemplate) -> Vec<String> {
    t.areas
        .iter()
        .map(|a| a.label(lang()).to_string())
        .collect()
}

/// One reading drawn: which it is, its date, its scores in the template's order, who scored it.
pub type Line = (Series, NaiveDate, Vec<Option<u8>>, Respondent);

/// Who scored a reading, for a worker (" · Family"): a family's own reading beside the
/// worker's is never taken for the worker's. Nothing in the family's own view.
fn who(by: Respondent) -> String {
    if family_view() {
        String::new()
    } else {
        format!(" · {}", respondent(by))
    }
}

/// A key's swatch for a reading: its line style and marker shape, as on the radar.
fn swatch(s: Series) -> String {
    let (colour, dash) = s.stroke();
    let marker = match s {
        Series::First => "<circle cx=\"20\" cy=\"7\" r=\"4\"/>".to_string(),
        Series::Previous => "<rect x=\"16.5\" y=\"3.5\" width=\"7\" height=\"7\"/>".to_string(),
        Series::Latest => "<polygon points=\"20,1.5 25.5,7 20,12.5 14.5,7\"/>".to_string(),
    };
    format!(
        "<svg viewBox=\"0 0 40 14\" width=\"40\" height=\"14\" aria-hidden=\"true\" focusable=\"false\"><g stroke=\"{colour}\" fill=\"{colour}\"><line x1=\"2\" y1=\"7\" x2=\"38\" y2=\"7\" stroke-width=\"3\" stroke-dasharray=\"{dash}\"/>{marker}</g></svg>"
    )
}

/// Our own SVG radar, drawn by the domain as markup (far smaller in wasm than a view tree),
/// each spoke named, with its key beside it (each reading's line, marker and date) and, for a
/// worker, a download of the same file.
#[component]
pub fn RadarChart(template: Arc<WheelTemplate>, series: Vec<Line>, title: String) -> impl IntoView {
    let n = template.areas.len();
    let desc = tf(
        Msg::RadarDesc,
        &[
            ("n", n.to_string()),
            (
                "series",
                series
                    .iter()
                    .map(|(s, d, ..)| described(*s, *d))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ],
    );
    let lines: Vec<(Series, Vec<Option<u8>>)> =
        series.iter().map(|(k, _, v, _)| (*k, v.clone())).collect();
    let markup = radar_svg(
        &format!("radar-{}", template.id),
        &spoke_labels(&template),
        &lines,
        &title,
        &desc,
        t(Msg::NotScoredShort),
    );
    let file = markup.clone();
    let name = format!("waymark-wheel-{}-{}.svg", template.id, today());
    let for_family = family_view();
    view! {
        <figure class="radar">
            <div class="radar-box" inner_html=markup></div>
            <figcaption>
                <ul class="legend">
                    {series.iter().map(|(s, d, _, by)| view! {
                        <li><span inner_html=swatch(*s)></span>{format!("{} · {}{}", legend(*s), fmt_date(*d), who(*by))}</li>
                    }).collect_view()}
                </ul>
                {(!for_family).then(|| view! {
                    <button type="button" class="button button-small no-print" on:click=move |_| { download(&name, "image/svg+xml", &file); }>{t(Msg::DownloadSvg)}</button>
                })}
            </figcaption>
        </figure>
    }
}

/// The same values as the radar, as a table.
#[component]
fn ScoreTable(
    template: Arc<WheelTemplate>,
    series: Vec<Line>,
    dist: wheel::Distance,
) -> impl IntoView {
    let cols: Vec<(Series, NaiveDate, Respondent)> =
        series.iter().map(|(s, d, _, by)| (*s, *d, *by)).collect();
    let show_change = dist.readings >= 2;
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=txt(&template.name)>
            <table class="scores">
                <caption class="visually-hidden">{txt(&template.name)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(Msg::TableArea)}</th>
                        {cols.iter().map(|(s, d, by)| view! { <th scope="col">{legend(*s)}<br/><span class="meta">{fmt_date(*d)}{who(*by)}</span></th> }).collect_view()}
                        {show_change.then(|| view! { <th scope="col">{t(Msg::TableChange)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {template.areas.iter().enumerate().map(|(i, a)| {
                        let cells = series.iter().map(|(_, _, sc, _)| match sc[i] {
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
fn DistanceWords(template: Arc<WheelTemplate>, dist: wheel::Distance) -> impl IntoView {
    if dist.readings < 2 {
        let only = if family_view() {
            Msg::FamilyOnlyOne
        } else {
            Msg::OnlyOneReading
        };
        return view! { <p>{t(only)}</p> }.into_any();
    }
    let avg = dist.average_tenths.map(signed_tenths);
    let summary = tf(
        if family_view() {
            Msg::FamilyDistanceSummary
        } else {
            Msg::DistanceSummary
        },
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
                stage_name(&template, c.stage_from()?),
                stage_name(&template, c.stage_to()?),
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
        <ul class="changes distance-lines">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
    }
    .into_any()
}
