//! Wheel templates: data in our own words (built in) or a service's own (loaded, versioned),
//! their rules, and the stages of the 1 to 10 scale.

use crate::domain::base::json::{from_json, read_content, ReadError};
use crate::domain::base::record::impl_record;
use crate::domain::base::text::text;
use crate::domain::base::{Checker, Id, Meta, ProblemKind, Text};
use serde::{Deserialize, Serialize};

/// Stages on a wheel: five, each two points wide on the 1 to 10 scale.
pub use crate::domain::chart::radar::{MAX_SCORE, STAGES};
pub const MIN_SCORE: u8 = 1;
/// The longest short name of an area (it labels a spoke of the radar).
pub const MAX_SHORT_NAME: usize = 24;

/// One life area of a wheel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: Id,
    pub name: Text,
    /// A short name for the radar's spokes ("Home and money"); the name where there is none.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub short: Text,
    /// One line saying what the area covers.
    pub covers: Text,
    /// What each of the five stages looks like in this area, lowest first.
    pub stages: Vec<Text>,
    /// An area about someone's safety: its lowest stage shows where to get help at once.
    #[serde(default, skip_serializing_if = "crate::domain::base::record::is_false")]
    pub safety: bool,
}

/// A wheel template: data, versioned, so a service can load its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WheelTemplate {
    pub id: Id,
    pub version: u32,
    pub name: Text,
    #[serde(rename = "for")]
    pub for_whom: Text,
    /// The names of the five stages, lowest first.
    pub stages: Vec<Text>,
    pub areas: Vec<Area>,
}

/// Checks a template's content: 3 to 16 areas with unique ids, five stages everywhere, and
/// every text present and of sane length.
pub fn check_template(t: &WheelTemplate, c: &mut Checker) {
    c.texts("name", &t.name, 80);
    c.texts("for", &t.for_whom, 200);
    c.range("version", t.version.into(), 1, 10_000);
    if t.stages.len() != STAGES {
        c.push("stages", ProblemKind::OutOfRange { min: 5, max: 5 });
    }
    for (i, s) in t.stages.iter().enumerate() {
        c.texts(&format!("stages[{i}]"), s, 40);
    }
    if t.areas.len() < 3 || t.areas.len() > 16 {
        c.push("areas", ProblemKind::OutOfRange { min: 3, max: 16 });
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, a) in t.areas.iter().enumerate() {
        let f = format!("areas[{i}]");
        if !seen.insert(&a.id) {
            c.push(&format!("{f}.id"), ProblemKind::Duplicate);
        }
        c.texts(&format!("{f}.name"), &a.name, 60);
        if !a.short.is_empty() {
            c.texts(&format!("{f}.short"), &a.short, MAX_SHORT_NAME);
        }
        c.texts(&format!("{f}.covers"), &a.covers, 200);
        if a.stages.len() != STAGES {
            c.push(
                &format!("{f}.stages"),
                ProblemKind::OutOfRange { min: 5, max: 5 },
            );
        }
        for (j, s) in a.stages.iter().enumerate() {
            c.texts(&format!("{f}.stages[{j}]"), s, 240);
        }
    }
}

/// The family wheel as the family's build has it: from the page (index.html carries it for the
/// first screens that work before the app has arrived, see `scripts/csp-loader.mjs`), so a
/// family's phone downloads its words once, not once for the page and again in the app.
#[cfg(not(feature = "staff"))]
static FAMILY_FROM_PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Gives the family's build its family wheel (the page's copy), before anything reads the
/// built-in wheels.
#[cfg(not(feature = "staff"))]
pub fn family_wheel_from_page(json: String) {
    let _ = FAMILY_FROM_PAGE.set(json);
}

/// The family wheel's JSON: compiled in, in the worker's build (and in every native test).
fn family_text() -> &'static str {
    #[cfg(feature = "staff")]
    let text = include_str!("builtin/family.json");
    #[cfg(not(feature = "staff"))]
    let text = FAMILY_FROM_PAGE.get().map_or("", String::as_str);
    text
}

/// The wheels that come with Waymark. Every word is ours (see docs and shared/domain.md).
/// The family's build has the family wheel only: "Do our wheel" is the one a family scores on
/// their own phone; the early years and child's wheels are scored with a worker.
pub fn builtin() -> Vec<WheelTemplate> {
    [
        family_text(),
        #[cfg(feature = "staff")]
        include_str!("builtin/early_years.json"),
        #[cfg(feature = "staff")]
        include_str!("builtin/child.json"),
    ]
    .iter()
    .filter_map(|s| from_json(s).ok())
    .collect()
}

impl Area {
    /// Whether `score` here shows where to get help at once: the lowest stage of a safety area.
    pub fn needs_help(&self, score: Option<u8>) -> bool {
        self.safety && score.is_some_and(|s| stage_of(s) == 0)
    }

    /// What labels the area's spoke on the radar, in `lang`: its short name in that language,
    /// else its name in that language (a short name is the same words as the name, never other
    /// words, so a family finds the area they scored); where the name is not in `lang` either,
    /// the English short name or name.
    pub fn label(&self, lang: &str) -> &str {
        let short = |l: &str| self.short.get(l).filter(|s| !s.is_empty());
        match (short(lang), self.name.get(lang)) {
            (Some(s), _) => s,
            (None, Some(n)) => n,
            (None, None) => short("en").map_or_else(|| text(&self.name, lang), String::as_str),
        }
    }
}

/// The stage (0 to 4) a score falls in.
pub fn stage_of(score: u8) -> usize {
    (usize::from(score.clamp(MIN_SCORE, MAX_SCORE)) - 1) / 2
}

/// The two scores of a stage (0 to 4): (lower, higher).
pub fn stage_scores(stage: usize) -> (u8, u8) {
    let s = stage.min(STAGES - 1) as u8;
    (2 * s + 1, 2 * s + 2)
}

/// The ids of the built-in wheels, read once (a service's wheel may not take one).
pub fn builtin_ids() -> &'static [Id] {
    static IDS: std::sync::OnceLock<Vec<Id>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| builtin().into_iter().map(|t| t.id).collect())
}

/// A wheel template a service loaded, as a record. Its id is `<template id>-v<version>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomWheel {
    pub meta: Meta,
    pub template: WheelTemplate,
}

impl CustomWheel {
    pub fn record_id(t: &WheelTemplate) -> Option<Id> {
        Id::parse(&format!("{}-v{}", t.id, t.version))
    }
}

crate::domain::base::record::fields!(CustomWheel, [template]);
impl_record!(CustomWheel, shared, check_custom_wheel);

/// A loaded wheel: its content, and an id that is its template's id and version.
pub fn check_custom_wheel(w: &CustomWheel, _today: chrono::NaiveDate, c: &mut Checker) {
    check_template(&w.template, &mut c.nested("template"));
    if CustomWheel::record_id(&w.template).as_ref() != Some(&w.meta.id) {
        c.push("meta.id", ProblemKind::BadValue);
    }
}

/// Reads a wheel template from a file a service made: size, JSON, depth, every field, and the
/// rules of [`check_template`]. Problems name where they are. Never panics.
pub fn read_template(text: &str) -> Result<WheelTemplate, ReadError> {
    read_content(text, "template", check_template)
}
