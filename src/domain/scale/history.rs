//! A question as asked, a family's answers over time by each respondent, the change, and the
//! gap between family and worker.

use super::answer::{FamilyQuestion, ScaleAnswer};
use super::library::LibraryQuestion;
use crate::domain::base::record::oldest_first;
use crate::domain::base::sort;
use crate::domain::base::text::text;
use crate::domain::base::{Id, Respondent};
use crate::domain::chart::LinePoints;
use chrono::NaiveDate;

/// A question as asked: from the library or the family's own, in one shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asked {
    pub id: Id,
    pub question: String,
    pub low: String,
    pub high: String,
    /// The child's wording, if any.
    pub child: Option<String>,
    /// Written with the family.
    pub own: bool,
    /// About safety: 0 or 1 shows where to get help at once.
    pub safety: bool,
    /// About the family's goal ("How close are we to the goal your family chose?").
    pub about_goal: bool,
}

impl Asked {
    /// Whether answering `value` (0 to 10) shows where to get help at once.
    pub fn needs_help(&self, value: u8) -> bool {
        self.safety && value <= 1
    }
}

/// The questions to put to a family today: those asked for them, less one about their goal
/// while they have none (a question about "the goal your family chose" before there is one
/// puzzles a parent), unless it was answered before (its history stays in reach).
pub fn to_ask(asked: Vec<Asked>, has_goal: bool, answered: impl Fn(&Id) -> bool) -> Vec<Asked> {
    asked
        .into_iter()
        .filter(|q| !q.about_goal || has_goal || answered(&q.id))
        .collect()
}

/// Whether a child's face (1, the saddest, to 5) shows where to get help at once.
pub fn face_needs_help(face: u8) -> bool {
    face == 1
}

/// Every question a family is asked: the library, then its own questions not archived (of
/// `questions`, those of `family`).
pub fn asked_for<'a>(
    questions: impl IntoIterator<Item = &'a FamilyQuestion>,
    family: &Id,
    lib: &[LibraryQuestion],
    lang: &str,
) -> Vec<Asked> {
    let mut v: Vec<Asked> = lib
        .iter()
        .map(|q| Asked {
            id: q.id.clone(),
            question: text(&q.question, lang).to_string(),
            low: text(&q.low, lang).to_string(),
            high: text(&q.high, lang).to_string(),
            child: Some(text(&q.child, lang).to_string()).filter(|s| !s.is_empty()),
            own: false,
            safety: q.safety,
            about_goal: q.about_goal,
        })
        .collect();
    let mut own: Vec<&FamilyQuestion> = questions
        .into_iter()
        .filter(|q| &q.family == family && !q.meta.deleted && !q.archived)
        .collect();
    sort::by_key(&mut own, |q| q.meta.created);
    v.extend(own.into_iter().map(|q| Asked {
        id: q.meta.id.clone(),
        question: q.question.clone(),
        low: q.low.clone(),
        high: q.high.clone(),
        child: None,
        own: true,
        safety: false,
        about_goal: false,
    }));
    v
}

/// A family's live answers to one question (of `all`), oldest first.
pub fn answers<'a>(
    all: impl IntoIterator<Item = &'a ScaleAnswer>,
    family: &Id,
    question: &Id,
) -> Vec<&'a ScaleAnswer> {
    oldest_first(
        all.into_iter()
            .filter(|a| &a.family == family && &a.question == question),
    )
}

/// One respondent's answers to a question over time.
pub type Line = LinePoints;

/// The history of a question: one line per respondent (family, worker, child, agreed order).
pub fn history(answers: &[&ScaleAnswer]) -> Vec<Line> {
    Respondent::ALL
        .iter()
        .filter_map(|by| {
            let points: Vec<(NaiveDate, u8)> = answers
                .iter()
                .filter(|a| a.by == *by)
                .map(|a| (a.date, a.value))
                .collect();
            (!points.is_empty()).then(|| Line { by: *by, points })
        })
        .collect()
}

/// The gap between the family's and the worker's latest answers: family minus worker.
pub fn family_worker_gap(lines: &[Line]) -> Option<i8> {
    let get = |r: Respondent| lines.iter().find(|l| l.by == r).and_then(Line::latest);
    Some(get(Respondent::Family)? as i8 - get(Respondent::Worker)? as i8)
}

/// The latest answer by each respondent (for the session screen).
pub fn latest_by(answers: &[&ScaleAnswer]) -> Vec<(Respondent, u8, NaiveDate)> {
    history(answers)
        .into_iter()
        .filter_map(|l| l.points.last().map(|p| (l.by, p.1, p.0)))
        .collect()
}
