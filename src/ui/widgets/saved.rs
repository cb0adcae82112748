//! Saved, said where the eyes are (issue 30): after a wheel, an answer, a child's three houses
//! or a goal is saved, the page opens at a panel at its top that says so, what changed, and what
//! to do next. Focus goes to it, so a screen reader reads it and a phone scrolls to it. It
//! belongs to the page it was given on and goes when the person moves on.

use crate::i18n::{t, tf, Msg};
use crate::route::Route;
use crate::ui::shared::dom::focus_id;
use crate::ui::shared::mode::family_view;
use leptos::prelude::*;

/// What was saved, with what the panel says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// A wheel: since the reading before, how many areas went up, stayed and went down (`None`:
    /// the first reading).
    Wheel(Option<(usize, usize, usize)>),
    /// An answer; `last`: it was the last of today's questions.
    Answer {
        last: bool,
    },
    Houses,
    /// A goal, in the family's own words (shown back to them: the form it came from is empty).
    Goal(String),
}

/// The confirmation now given: on which page, about what. Taken from the context when a page
/// is drawn (a save's callback runs later, outside any owner).
#[derive(Clone, Copy)]
pub struct Confirmations(pub RwSignal<Option<(Route, Saved)>>);

impl Confirmations {
    /// The app's confirmations (provided by the app).
    pub fn get() -> Self {
        expect_context()
    }

    /// Says `what` was saved, on the page at `at` (the page the save leads to).
    pub fn confirm(self, at: Route, what: Saved) {
        self.0.set(Some((at, what)));
    }

    /// Takes the confirmation away once the person is on another page.
    pub fn forget_unless_on(self, route: &Route) {
        if self
            .0
            .with_untracked(|c| c.as_ref().is_some_and(|(at, _)| at != route))
        {
            self.0.set(None);
        }
    }
}

/// The panel, at the top of the page it belongs to.
#[component]
pub fn SavedPanel(route: Memo<Route>) -> impl IntoView {
    let Confirmations(c) = Confirmations::get();
    let shown = Memo::new(move |_| c.get().filter(|(at, _)| *at == route.get()).map(|(_, s)| s));
    Effect::new(move |_| {
        if shown.with(Option::is_some) {
            focus_id("saved-panel");
        }
    });
    move || {
        shown.get().map(|s| {
            let wheel = matches!(s, Saved::Wheel(_));
            let (title, body) = match s {
                Saved::Wheel(None) => (Msg::SavedWheel, Some(t(Msg::SavedWheelFirst).to_string())),
                Saved::Wheel(Some((up, same, down))) => (
                    Msg::SavedWheel,
                    Some(tf(
                        Msg::SavedWheelChange,
                        &[
                            ("up", up.to_string()),
                            ("same", same.to_string()),
                            ("down", down.to_string()),
                        ],
                    )),
                ),
                Saved::Answer { last } => {
                    (Msg::SavedAnswer, last.then(|| t(Msg::SavedAllDone).to_string()))
                }
                Saved::Houses => (Msg::SavedHouses, None),
                Saved::Goal(words) => (Msg::SavedGoal, Some(format!("“{}”", words.trim()))),
            };
            // As the GOV.UK Design System's success banner: announced, focused, dismissed by
            // moving on.
            view! {
                <div class="saved-panel" id="saved-panel" tabindex="-1" role="alert" aria-labelledby="saved-panel-title">
                    <h2 id="saved-panel-title">{t(title)}</h2>
                    {body.map(|b| view! { <p>{b}</p> })}
                    {(wheel && family_view()).then(|| view! {
                        <p>{t(Msg::SavedWhatNext)}</p>
                        <p><a class="button" href=Route::Share.href()>{t(Msg::TileShare)}</a></p>
                    })}
                </div>
            }
        })
    }
}
