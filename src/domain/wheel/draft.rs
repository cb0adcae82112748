//! A reading in progress, kept on the device so it can be resumed after the tab is closed.

use super::reading::{AreaScore, WheelReading, MAX_PRIORITIES};
use super::template::{stage_of, stage_scores, WheelTemplate, MAX_SCORE, MIN_SCORE, STAGES};
use crate::domain::base::{Id, Respondent};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One area's answer while a reading is being made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<u8>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub step: String,
    #[serde(default)]
    pub priority: bool,
}

/// A reading being made, kept on the device so it can be resumed after the tab is closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WheelDraft {
    pub family: Id,
    pub template: Id,
    pub template_version: u32,
    pub by: Respondent,
    #[serde(with = "crate::domain::base::date::ymd")]
    pub date: NaiveDate,
    /// The area on screen (== areas.len() for the review screen).
    pub at: usize,
    pub areas: Vec<AreaDraft>,
    /// The whole wheel on one screen (a worker in a session) rather than one area at a time.
    #[serde(default)]
    pub whole: bool,
    /// The id the reading is saved under: a saved reading's when editing it; otherwise fixed
    /// when saving is first tried ([`WheelDraft::saved_as`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editing: Option<Id>,
}

impl WheelDraft {
    /// The id this reading is saved under, fixed the first time (`fresh` then): saving again
    /// (after a reload cut the first save short, its change kept aside and stored at the next
    /// start) replaces the reading rather than adding a second.
    pub fn saved_as(&mut self, fresh: Id) -> Id {
        self.editing.get_or_insert(fresh).clone()
    }

    pub fn new(family: Id, t: &WheelTemplate, by: Respondent, date: NaiveDate) -> Self {
        WheelDraft {
            family,
            template: t.id.clone(),
            template_version: t.version,
            by,
            date,
            at: 0,
            areas: vec![AreaDraft::default(); t.areas.len()],
            whole: false,
            editing: None,
        }
    }

    /// A draft to edit a saved reading.
    pub fn from_reading(t: &WheelTemplate, r: &WheelReading) -> Self {
        let mut d = WheelDraft::new(r.family.clone(), t, r.by, r.date);
        d.template_version = r.template_version;
        d.editing = Some(r.meta.id.clone());
        for (i, a) in t.areas.iter().enumerate() {
            if let Some(s) = r.scores.iter().find(|s| s.area == a.id) {
                d.areas[i] = AreaDraft {
                    stage: Some(stage_of(s.score) as u8),
                    score: Some(s.score),
                    other: s.other,
                    note: s.note.clone(),
                    step: s.step.clone(),
                    priority: s.priority,
                };
            }
        }
        d.at = t.areas.len();
        d
    }

    pub fn priorities(&self) -> usize {
        self.areas.iter().filter(|a| a.priority).count()
    }

    /// Chooses a stage, which is a score at once: the stage's lower point, unless the score
    /// already chosen is in that stage (then it stays). A tap on a stage is never lost.
    pub fn choose_stage(&mut self, area: usize, stage: usize) {
        if let Some(a) = self.areas.get_mut(area) {
            let stage = stage.min(STAGES - 1);
            a.stage = Some(stage as u8);
            if a.score.is_none_or(|s| stage_of(s) != stage) {
                a.score = Some(stage_scores(stage).0);
            }
        }
    }

    /// Leaves an area without a score (skipped, or a choice taken back).
    pub fn clear(&mut self, area: usize) {
        if let Some(a) = self.areas.get_mut(area) {
            a.stage = None;
            a.score = None;
        }
    }

    /// Chooses a score (which also sets its stage).
    pub fn choose_score(&mut self, area: usize, score: u8) {
        if let Some(a) = self.areas.get_mut(area) {
            let s = score.clamp(MIN_SCORE, MAX_SCORE);
            a.score = Some(s);
            a.stage = Some(stage_of(s) as u8);
        }
    }

    /// Marks or unmarks a priority; refuses a fourth.
    pub fn toggle_priority(&mut self, area: usize) -> bool {
        let n = self.priorities();
        match self.areas.get_mut(area) {
            Some(a) if a.priority => {
                a.priority = false;
                true
            }
            Some(a) if n < MAX_PRIORITIES => {
                a.priority = true;
                true
            }
            _ => false,
        }
    }

    /// How many areas have a score.
    pub fn scored(&self) -> usize {
        self.areas.iter().filter(|a| a.score.is_some()).count()
    }

    /// The scores as a reading's list (areas without a score are left out).
    pub fn area_scores(&self, t: &WheelTemplate) -> Vec<AreaScore> {
        t.areas
            .iter()
            .zip(&self.areas)
            .filter_map(|(a, d)| {
                d.score.map(|score| AreaScore {
                    area: a.id.clone(),
                    score,
                    other: d.other.filter(|o| *o != score),
                    note: d.note.trim().to_string(),
                    step: d.step.trim().to_string(),
                    priority: d.priority,
                })
            })
            .collect()
    }
}

/// Where a family went on the first screens before the app arrived (index.html's loader): the
/// app opens it when it starts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FirstGo {
    #[default]
    Home,
    Wheel,
    Questions,
    How,
    Plan,
    Share,
    Settings,
    Help,
}

impl FirstGo {
    /// As the loader names it.
    fn from_name(name: &str) -> Option<FirstGo> {
        Some(match name {
            "home" => FirstGo::Home,
            "wheel" => FirstGo::Wheel,
            "questions" => FirstGo::Questions,
            "how" => FirstGo::How,
            "plan" => FirstGo::Plan,
            "share" => FirstGo::Share,
            "settings" => FirstGo::Settings,
            "help" => FirstGo::Help,
            _ => return None,
        })
    }
}

/// What a family did on the first screens before the app arrived, as index.html's loader keeps
/// it (`scripts/first-visit.js`): where they went, and on the family wheel (built in, scored one
/// area at a time) the area on screen and each area's score by area id, written
/// `wheel;2;health=4,coping=9` (a few characters of its own rather than JSON: read with no
/// parser in the family's download). A score the wheel cannot take is left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstVisit {
    pub go: FirstGo,
    pub at: usize,
    pub scores: Vec<(String, u8)>,
}

impl FirstVisit {
    /// Reads the loader's value; `None` when it is not one.
    pub fn parse(text: &str) -> Option<FirstVisit> {
        let mut parts = text.split(';');
        let go = FirstGo::from_name(parts.next()?)?;
        let at = parts.next()?.parse().ok()?;
        let mut scores = Vec::new();
        for pair in parts.next()?.split(',').filter(|p| !p.is_empty()) {
            let (area, score) = pair.split_once('=')?;
            scores.push((area.to_string(), score.parse().ok()?));
        }
        parts
            .next()
            .is_none()
            .then_some(FirstVisit { go, at, scores })
    }

    /// Whether the family did anything on the wheel.
    pub fn scored(&self) -> bool {
        self.go == FirstGo::Wheel
            || self
                .scores
                .iter()
                .any(|(_, s)| (MIN_SCORE..=MAX_SCORE).contains(s))
    }

    /// Carries the wheel on in `draft` (a reading of `t`, the wheel scored on those screens):
    /// each known area's score, and the area that was on screen (or the review, after the last).
    pub fn carry_on(&self, t: &WheelTemplate, draft: &mut WheelDraft) {
        for (i, a) in t.areas.iter().enumerate() {
            if let Some((_, s)) = self.scores.iter().find(|(id, _)| id == a.id.as_str()) {
                if (MIN_SCORE..=MAX_SCORE).contains(s) {
                    draft.choose_score(i, *s);
                }
            }
        }
        draft.at = self.at.min(t.areas.len());
    }
}
