//! Errors as the GOV.UK Design System shows them: a summary at the top of the form linking to
//! each field in error, and the message by the field; each cleared when its field is fixed.

use crate::domain::base::Problem;
use crate::i18n::{t, Msg};
use crate::ui::shared::dom::focus_id;
use crate::ui::shared::words::form_problem;
use leptos::prelude::*;

/// One problem for the summary: the id of the field it is about, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Puts focus on the error summary (after a refused submit), so it is read out first.
pub fn focus_summary() {
    focus_id("error-summary");
}

/// "There is a problem", with a link to each field in error. Shown only while there are
/// errors; a link moves focus to its field (the address is not changed: the page's own
/// address is the route).
#[component]
pub fn ErrorSummary(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="error-summary" id="error-summary" tabindex="-1" role="alert" aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{t(Msg::ErrorSummaryTitle)}</h2>
                    <ul>
                        {list.into_iter().map(|e| {
                            let field = e.field.clone();
                            view! {
                                <li><a href=format!("#{}", e.field) on:click=move |ev| { ev.prevent_default(); focus_id(&field); }>{e.message}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// The problems of one form, and the ids of its fields (`<prefix>-<path>`, with `.` and `[`
/// as `-`: `family-consent-date`). Each problem shows by its field and in the summary, and is
/// cleared when its field changes.
#[derive(Clone, Copy)]
pub struct FormErrors {
    pub problems: RwSignal<Vec<Problem>>,
    prefix: &'static str,
}

impl FormErrors {
    pub fn new(prefix: &'static str) -> Self {
        FormErrors {
            problems: RwSignal::new(Vec::new()),
            prefix,
        }
    }

    /// The id of the field a path belongs to.
    pub fn id(&self, path: &str) -> String {
        let tail: String = path
            .chars()
            .filter(|c| *c != ']')
            .map(|c| if c == '.' || c == '[' { '-' } else { c })
            .collect();
        format!("{}-{tail}", self.prefix)
    }

    /// The message by a field, while it has a problem.
    pub fn at(&self, path: &'static str) -> Signal<Option<String>> {
        let problems = self.problems;
        Signal::derive(move || {
            problems.with(|ps| ps.iter().find(|p| p.path == path).map(form_problem))
        })
    }

    /// The field at `path` changed: its problem goes.
    pub fn clear(&self, path: &str) {
        if self
            .problems
            .with_untracked(|ps| ps.iter().any(|p| p.path == path))
        {
            self.problems.update(|ps| ps.retain(|p| p.path != path));
        }
    }

    /// Shows the problems of a refused submit and moves focus to the summary.
    pub fn show(&self, ps: Vec<Problem>) {
        self.problems.set(ps);
        focus_summary();
    }

    pub fn reset(&self) {
        self.problems.set(Vec::new());
    }

    /// What the summary lists: each problem, linking to its field.
    pub fn summary(&self) -> Signal<Vec<FieldError>> {
        let me = *self;
        Signal::derive(move || {
            me.problems.with(|ps| {
                ps.iter()
                    .map(|p| FieldError::new(me.id(&p.path), form_problem(p)))
                    .collect()
            })
        })
    }
}
