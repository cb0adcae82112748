//! Scaling questions: the built-in library (our own words), family-defined questions, answers
//! by family, worker and child (faces for children), change over time and the gap between
//! family and worker, and the geometry of the small line chart. Pure.

use super::id::Id;
use super::model::{FamilyQuestion, Respondent, ScaleAnswer, Workspace};
use super::wheel::{fmt1, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_VALUE: u8 = 10;

/// A question from the built-in library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryQuestion {
    pub id: Id,
    pub version: u32,
    pub question: Text,
    /// What 0 means.
    pub low: Text,
    /// What 10 means.
    pub high: Text,
    /// The question in words a child would use.
    pub child: Text,
}

/// The built-in library.
pub fn library() -> Vec<LibraryQuestion> {
    super::export::from_json(include_str!("scales/questions.json")).unwrap_or_default()
}

/// The ids of the built-in questions, read once (checking a file asks for them once per answer).
pub fn library_ids() -> &'static [Id] {
    static IDS: std::sync::OnceLock<Vec<Id>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| library().into_iter().map(|q| q.id).collect())
}

/// Faces for children: five faces, from saddest (1) to happiest (5), placed on the 0 to 10
/// scale at 0, 3, 5, 7 and 10. The mapping's name is stored with every face answer, so a face
/// is never mistaken for a number the child chose, and a later mapping can be told apart.
pub const FACES_V1: &str = "faces-v1";
const FACE_VALUES_V1: [u8; 5] = [0, 3, 5, 7, 10];

/// The 0 to 10 value of a face (1 to 5) under a mapping; `None` for an unknown mapping or face.
pub fn face_value(face: u8, mapping: &str) -> Option<u8> {
    (mapping == FACES_V1)
        .then(|| {
            FACE_VALUES_V1
                .get(usize::from(face).checked_sub(1)?)
                .copied()
        })
        .flatten()
}

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

/// Every question a family is asked: the library, then its own questions not archived.
pub fn asked_for(ws: &Workspace, family: &Id, lib: &[LibraryQuestion], lang: &str) -> Vec<Asked> {
    let mut v: Vec<Asked> = lib
        .iter()
        .map(|q| Asked {
            id: q.id.clone(),
            question: super::wheel::text(&q.question, lang).to_string(),
            low: super::wheel::text(&q.low, lang).to_string(),
            high: super::wheel::text(&q.high, lang).to_string(),
            child: Some(super::wheel::text(&q.child, lang).to_string()).filter(|s| !s.is_empty()),
            own: false,
        })
        .collect();
    let mut own: Vec<&FamilyQuestion> = ws
        .questions
        .values()
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

/// A family's live answers to one question, oldest first.
pub fn answers<'a>(ws: &'a Workspace, family: &Id, question: &Id) -> Vec<&'a ScaleAnswer> {
    let mut v: Vec<&ScaleAnswer> = ws
        .scale_answers
        .values()
        .filter(|a| !a.meta.deleted && &a.family == family && &a.question == question)
        .collect();
    v.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(a.meta.created.cmp(&b.meta.created))
    });
    v
}

/// One respondent's answers to a question over time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub by: Respondent,
    pub points: Vec<(NaiveDate, u8)>,
}

impl Line {
    pub fn first(&self) -> Option<u8> {
        self.points.first().map(|p| p.1)
    }
    pub fn latest(&self) -> Option<u8> {
        self.points.last().map(|p| p.1)
    }
    /// Latest minus first (None with fewer than two answers).
    pub fn change(&self) -> Option<i8> {
        if self.points.len() < 2 {
            return None;
        }
        Some(self.latest()? as i8 - self.first()? as i8)
    }
}

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

// ---------- the line chart ----------

/// A small chart of answers over time: x by date, y from 0 (bottom) to 10 (top).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// Space for the axis labels on the left and at the bottom.
    pub left: f64,
    pub bottom: f64,
    pub pad: f64,
}

pub const CHART: Chart = Chart {
    width: 320.0,
    height: 180.0,
    left: 28.0,
    bottom: 24.0,
    pad: 10.0,
};

impl Chart {
    /// The y of a value (clamped to 0..=10).
    pub fn y(&self, v: f64) -> f64 {
        let v = if v.is_finite() {
            v.clamp(0.0, f64::from(MAX_VALUE))
        } else {
            0.0
        };
        let top = self.pad;
        let bottom = self.height - self.bottom;
        bottom - (bottom - top) * v / f64::from(MAX_VALUE)
    }

    /// The x of a date between the first and last dates (all in the middle when they are equal).
    pub fn x(&self, d: NaiveDate, first: NaiveDate, last: NaiveDate) -> f64 {
        let l = self.left + self.pad;
        let r = self.width - self.pad;
        let span = (last - first).num_days();
        if span <= 0 {
            return (l + r) / 2.0;
        }
        l + (r - l) * (d - first).num_days() as f64 / span as f64
    }
}

/// Colour, dash pattern and marker shape per respondent (told apart by more than colour).
pub fn line_style(by: Respondent) -> (&'static str, &'static str) {
    match by {
        Respondent::Family => ("var(--series-latest, #1f5f5b)", ""),
        Respondent::Worker => ("var(--series-first, #8a5a00)", "7 4"),
        Respondent::Child => ("var(--series-previous, #4b4ba8)", "2 4"),
        Respondent::Agreed => ("var(--c-text, #1d2327)", "10 3 2 3"),
    }
}

/// The chart as standalone SVG markup, with `role="img"`, a title and a description.
pub fn chart_svg(id: &str, lines: &[Line], title: &str, desc: &str) -> String {
    use std::fmt::Write;
    let c = CHART;
    let id = super::wheel::escape(id);
    let mut s = String::with_capacity(2048);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"chart-svg\" viewBox=\"0 0 320 180\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        super::wheel::escape(title),
        super::wheel::escape(desc)
    );
    s.push_str("<g stroke=\"var(--c-border, #8a949a)\" stroke-width=\"1\" font-size=\"12\" fill=\"var(--c-text, #1d2327)\" font-family=\"system-ui, sans-serif\">");
    for v in [0u8, 5, 10] {
        let y = c.y(f64::from(v));
        let _ = write!(s, "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" stroke=\"none\">{v}</text>", fmt1(c.left), fmt1(c.width - c.pad), fmt1(c.left - 6.0), fmt1(y + 4.0), y = fmt1(y));
    }
    s.push_str("</g>");
    let dates: Vec<NaiveDate> = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.0))
        .collect();
    if let (Some(first), Some(last)) = (dates.iter().min().copied(), dates.iter().max().copied()) {
        for l in lines {
            let (colour, dash) = line_style(l.by);
            let pts: Vec<(f64, f64)> = l
                .points
                .iter()
                .map(|(d, v)| (c.x(*d, first, last), c.y(f64::from(*v))))
                .collect();
            let _ = write!(
                s,
                "<g stroke=\"{colour}\" fill=\"{colour}\" data-line=\"{:?}\">",
                l.by
            );
            if pts.len() > 1 {
                let _ = write!(s, "<polyline fill=\"none\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\" points=\"{}\"/>", super::wheel::svg_points(&pts));
            }
            for (x, y) in pts {
                let _ = match l.by {
                    Respondent::Family => {
                        write!(s, "<circle cx=\"{}\" cy=\"{}\" r=\"4\"/>", fmt1(x), fmt1(y))
                    }
                    Respondent::Worker => write!(
                        s,
                        "<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\"/>",
                        fmt1(x - 3.5),
                        fmt1(y - 3.5)
                    ),
                    _ => write!(
                        s,
                        "<polygon points=\"{}\"/>",
                        super::wheel::svg_points(&[
                            (x, y - 5.0),
                            (x + 5.0, y + 4.0),
                            (x - 5.0, y + 4.0)
                        ])
                    ),
                };
            }
            s.push_str("</g>");
        }
    }
    s.push_str("</svg>");
    s
}
