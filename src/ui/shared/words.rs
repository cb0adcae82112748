//! Domain values in words: built-in content in the language in use, outcomes, judgements,
//! problems at a form's fields, and why a page cannot be shown.

use crate::domain::base::text::text;
use crate::domain::base::{Id, Problem, Text};
use crate::domain::caseload::outcome::{self, Classification, Outcome, TooEarly};
use crate::domain::milestone::Judgement;
use crate::domain::model::{GoalSource, Workspace};
use crate::domain::workspace::Catalogue;
use crate::i18n::{problem_kind, t, tf, Msg};
use crate::ui::shared::format::signed_tenths;
use crate::ui::shared::store::use_store;
use leptos::prelude::*;

/// The language built-in texts are shown in.
pub fn lang() -> &'static str {
    crate::i18n::current().code()
}

/// Built-in or loaded content in the language in use (or English, or any there is).
pub fn txt(t: &Text) -> String {
    text(t, lang()).to_string()
}

/// Why a page could not be shown (caught by the shell's error boundary).
#[derive(Clone, Debug)]
pub struct PageError(pub Msg);

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(t(self.0))
    }
}
impl std::error::Error for PageError {}

/// The words for the first problem at a form field, if any.
pub fn field_error(problems: &[Problem], field: &str) -> Option<String> {
    problems
        .iter()
        .find(|p| p.path == field)
        .map(|p| problem_kind(&p.kind))
}

/// A live family's reference (`None`: no such family, or deleted), kept up to date.
pub fn family_reference(id: &Id) -> Memo<Option<String>> {
    let store = use_store();
    let id = id.clone();
    Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.families()
                .get(&id)
                .filter(|f| !f.meta.deleted)
                .map(|f| f.reference.clone())
        })
    })
}

pub fn outcome_name(o: Outcome) -> &'static str {
    t(match o {
        Outcome::Positive => Msg::OutcomePositive,
        Outcome::NoChange => Msg::OutcomeNoChange,
        Outcome::Deterioration => Msg::OutcomeDeterioration,
        Outcome::TooEarly => Msg::OutcomeTooEarly,
    })
}

/// A family's outcome in words, and why.
pub fn outcome_words(c: &Classification, ws: &Workspace) -> (String, Vec<String>) {
    let mut why = Vec::new();
    match c.too_early {
        Some(TooEarly::NoReadings) => why.push(t(Msg::TooEarlyNoReadings).to_string()),
        Some(TooEarly::OneReading) => why.push(t(Msg::TooEarlyOneReading).to_string()),
        Some(TooEarly::NotLongEnough) => why.push(tf(
            Msg::TooEarlyNotLong,
            &[("weeks", outcome::rules(ws).min_weeks.to_string())],
        )),
        None => {}
    }
    if let Some(w) = c.wheel_tenths {
        why.push(tf(Msg::OutcomeWheelChange, &[("n", signed_tenths(w))]));
    }
    if let Some(s) = c.scale_tenths {
        why.push(tf(Msg::OutcomeScaleChange, &[("n", signed_tenths(s))]));
    }
    (outcome_name(c.outcome).to_string(), why)
}

/// A milestone judgement: its words, a shape (as well as colour) and a class.
pub fn judgement_words(j: Judgement) -> (&'static str, &'static str, &'static str) {
    match j {
        Judgement::OnTrack => (t(Msg::OnTrack), "●", "j-on-track"),
        Judgement::KeepAnEye => (t(Msg::KeepAnEye), "◆", "j-keep-an-eye"),
        Judgement::NeedsExtraHelp => (t(Msg::NeedsExtraHelp), "▲", "j-extra-help"),
    }
}

/// The name of the wheel area a goal grew from.
pub fn source_name(cat: &Catalogue, from: &GoalSource) -> String {
    cat.wheel(&from.template, None)
        .and_then(|t| t.areas.iter().find(|a| a.id == from.area))
        .map(|a| txt(&a.name))
        .unwrap_or_else(|| from.area.to_string())
}

/// A form's problem in words that say what to do ("Enter a name or reference for the family."),
/// as the GOV.UK Design System does; the field's own words where the form knows them.
pub fn form_problem(p: &Problem) -> String {
    use crate::domain::base::ProblemKind as K;
    let field = p.path.rsplit('.').next().unwrap_or(&p.path);
    let specific = match (&p.kind, p.path.as_str()) {
        (K::Required, "reference") => Some(Msg::FEnterReference),
        (K::Required, "opened") => Some(Msg::FEnterOpened),
        (K::Required, "name") => Some(Msg::FEnterName),
        (K::Required, "consent.date") => Some(Msg::FEnterConsentDate),
        (K::Required, "closed.date") => Some(Msg::FEnterCloseDate),
        (K::Required, "date") => Some(Msg::FEnterDate),
        (K::Required, "question") => Some(Msg::FWriteQuestion),
        (K::Required, "low") => Some(Msg::FSayLow),
        (K::Required, "high") => Some(Msg::FSayHigh),
        (K::Required, "text") => Some(Msg::FWriteGoal),
        (K::Required, "answers") => Some(Msg::AnswerOneMilestone),
        (K::Required, "scores") => Some(Msg::NeedOneScore),
        (K::Required, "value") => Some(Msg::ChooseANumber),
        (K::Required, "worries") => Some(Msg::HousesEmpty),
        (K::Required, "attach") => Some(Msg::AttachNeeded),
        #[cfg(feature = "staff")]
        (K::Required, "identified" | "met.date" | "check.date") => Some(Msg::FEnterDate),
        #[cfg(feature = "staff")]
        (K::BadValue, "claim") => Some(Msg::ClaimRefused),
        #[cfg(feature = "staff")]
        (K::BadValue, "date") => Some(Msg::ClaimNotReadyOn),
        #[cfg(feature = "staff")]
        (K::BadValue, "descriptor") => Some(Msg::DescriptorRefused),
        (K::Required, _) if field == "what" => Some(Msg::FWriteStep),
        (K::Required, _) if field == "reason" => Some(Msg::FSayWhy),
        _ => None,
    };
    if let Some(m) = specific {
        return t(m).to_string();
    }
    match &p.kind {
        K::Required => t(Msg::FFillIn).into(),
        K::TooLong { max } => tf(Msg::FTooLong, &[("max", max.to_string())]),
        K::OutOfRange { min, max } => tf(
            Msg::FOutOfRange,
            &[("min", min.to_string()), ("max", max.to_string())],
        ),
        K::DateInFuture => t(Msg::FDateInFuture).into(),
        K::DateImplausible => t(Msg::FDateImplausible).into(),
        K::BirthOrDueNeeded => t(Msg::FBirthOrDue).into(),
        other => problem_kind(other),
    }
}

/// A child's age on `on` in months and weeks, with the corrected age beside it for a child born
/// before 37 weeks (until they are 2). `None` before the birth or with no date of birth.
pub fn age_words(m: &crate::domain::model::Member, on: chrono::NaiveDate) -> Option<String> {
    use crate::domain::milestone::{age_for_checks, age_on, Age};
    let words = |a: Age| {
        tf(
            Msg::AgeMonthsWeeks,
            &[("m", a.months.to_string()), ("w", a.weeks.to_string())],
        )
    };
    let born = m.born?;
    let actual = words(age_on(born, on)?);
    Some(match age_for_checks(born, m.weeks_early, on) {
        Some((c, true)) => tf(
            Msg::AgeWithCorrected,
            &[("age", actual), ("corrected", words(c))],
        ),
        _ => actual,
    })
}
