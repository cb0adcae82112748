//! A question as asked, a family's answers over time by each respondent, the change, and the
//! gap between family and worker.

use super::answer::{FamilyQuestion, ScaleAnswer};
use super::library::LibraryQuestion;
use crate::domain::base::record::oldest_first;
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
        })
        .collect();
    let mut own: Vec<&FamilyQuestion> = questions
        .into_iter()
        .filter(|q| &q.family == family && !q.meta.deleted && !q.archived)
        .collect();
    own.sort_by_key(|q| q.meta.created);
    v.extend(own.into_iter().map(|q| Asked {
        id: q.meta.id.clone(),
        question: q.question.clone(),
        low: q.low.clone(),
        high: q.high.clone(),
        child: None,
        own: true,
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
