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
    /// The form's change was not stored: said first in the summary, until the next try.
    not_saved: RwSignal<bool>,
    /// A change is being stored: a second press of the button waits for it.
    pub busy: RwSignal<bool>,
}

impl FormErrors {
    pub fn new(prefix: &'static str) -> Self {
        FormErrors {
            problems: RwSignal::new(Vec::new()),
            prefix,
            not_saved: RwSignal::new(false),
            busy: RwSignal::new(false),
        }
    }

    /// Submits the form's change: once it is stored, `saved` (empty the form, move on); if it is
    /// refused or not stored, its problems (or that it was not saved) at the top, and the form
    /// as it was typed. A press while a change is being stored does nothing.
    pub fn submit(
        &self,
        store: crate::ui::shared::store::Store,
        action: crate::domain::workspace::Action,
        saved: impl FnOnce() + 'static,
    ) {
        self.submit_boxed(store, action, Box::new(saved));
    }

    fn submit_boxed(
        &self,
        store: crate::ui::shared::store::Store,
        action: crate::domain::workspace::Action,
        saved: Box<dyn FnOnce()>,
    ) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        let me = *self;
        store.submit(
            action,
            false,
            Box::new(move |_| {
                // The form may be gone by now (its page left): its signals with it.
                me.busy.try_set(false);
                if me.not_saved.try_get_untracked() == Some(true) {
                    me.not_saved.try_set(false);
                }
                saved();
            }),
            Box::new(move |e| {
                me.busy.try_set(false);
                me.refused(&e);
            }),
        );
    }

    /// Shows why a submit was refused: the problems at their fields, or that it was not saved.
    pub fn refused(&self, e: &crate::ui::shared::store::DispatchError) {
        match e.problems() {
            Some(ps) => {
                self.not_saved.try_set(false);
                self.show(ps.to_vec());
            }
            None if matches!(e, crate::ui::shared::store::DispatchError::NotSaved) => {
                if self.not_saved.try_set(true).is_none() {
                    focus_summary();
                }
            }
            None => {}
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
        if self.problems.try_set(ps).is_none() {
            focus_summary();
        }
    }

    pub fn reset(&self) {
        self.problems.try_set(Vec::new());
        self.not_saved.try_set(false);
    }

    /// The id of the form's button that saves (what "not saved" links to).
    pub fn save_id(&self) -> String {
        format!("{}-save", self.prefix)
    }

    /// What the summary lists: that the change was not saved, then each problem, linking to its
    /// field.
    pub fn summary(&self) -> Signal<Vec<FieldError>> {
        let me = *self;
        Signal::derive(move || {
            let mut out = Vec::new();
            if me.not_saved.get() {
                out.push(FieldError::new(me.save_id(), t(Msg::NotSavedKept)));
            }
            me.problems.with(|ps| {
                out.extend(
                    ps.iter()
                        .map(|p| FieldError::new(me.id(&p.path), form_problem(p))),
                );
            });
            out
        })
    }
}
