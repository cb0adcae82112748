//! Every family's wheels, and loading a service's own wheel: a worker's page, not in the family's
//! build.

use crate::domain::base::sort;
use crate::domain::wheel::{self, ReviewState};
use crate::domain::workspace::action::Action;
use crate::i18n::{t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::set_title;
use crate::ui::shared::format::fmt_date;
use crate::ui::shared::store::use_store;
use crate::ui::shared::words::txt;
use crate::ui::widgets::load_file::{LoadFile, Loaded, Loader};
use crate::ui::widgets::wheel_results::{readings_of, review_words};
use leptos::prelude::*;

/// Loading a service's own wheel from a file: checked, previewed, then kept.
fn wheel_loader() -> Loader {
    Loader {
        id: "load-wheel",
        title: Msg::LoadWheelTitle,
        help: Msg::LoadWheelHelp,
        refused: Msg::LoadWheelRefused,
        confirm: Msg::LoadWheelConfirm,
        read: |text| {
            let t = wheel::read_template(text)?;
            Ok(Loaded {
                name: txt(&t.name),
                summary: tf(
                    Msg::LoadWheelPreview,
                    &[
                        ("n", t.areas.len().to_string()),
                        ("v", t.version.to_string()),
                    ],
                ),
                items: t.areas.iter().map(|a| txt(&a.name)).collect(),
                keep: Action::AddWheelTemplate(Box::new(t)),
            })
        },
    }
}

/// Every open family, with its latest wheel and when the next review is due.
#[component]
pub fn WheelsPage() -> impl IntoView {
    set_title(t(Msg::WheelsTitle));
    let store = use_store();
    let rows = move || {
        store.ws.with(|ws| {
            let mut fams: Vec<_> = ws.live_families().filter(|f| f.closed.is_none()).collect();
            sort::by_key(&mut fams, |f| f.reference.to_ascii_lowercase());
            fams.into_iter()
                .map(|f| {
                    let latest = readings_of(ws, &f.meta.id, None).last().map(|r| r.date);
                    let status = latest.and_then(|d| {
                        let (words, state) = review_words(ws, f)?;
                        Some((
                            tf(Msg::LatestReading, &[("date", fmt_date(d))]),
                            words,
                            state,
                        ))
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
            <LoadFile loader=wheel_loader()/>
        </section>
    }
}
