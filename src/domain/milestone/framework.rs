//! The milestone framework: stages with age windows, areas, milestone statements and readiness
//! checklists. Data in our own words (built in), or a service's own (loaded, versioned).

use crate::domain::base::json::{read_content, ReadError};
use crate::domain::base::record::impl_record;
use crate::domain::base::{Checker, Id, Meta, ProblemKind, Text};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: Id,
    pub name: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MArea {
    pub id: Id,
    /// The prime area it belongs to (talking, moving, feelings, self care).
    pub group: Id,
    pub name: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: Id,
    pub area: Id,
    pub text: Text,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: Id,
    pub name: Text,
    /// The age window in days, inclusive.
    pub from_days: u32,
    pub to_days: u32,
    pub milestones: Vec<Milestone>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: Id,
    pub text: Text,
}

/// The framework: data, versioned, so a service can load its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: Id,
    pub version: u32,
    pub name: Text,
    pub areas: Vec<MArea>,
    pub groups: Vec<Group>,
    pub stages: Vec<Stage>,
    pub ready_for_nursery: Vec<Statement>,
    pub ready_for_school: Vec<Statement>,
}

/// The built-in framework (`src/domain/milestone/builtin/framework.json`). Not in the family's
/// build: milestone checks are a worker's instrument and a family's phone never makes one, so
/// its 17 KB of words are not part of the family's first load.
pub fn builtin() -> Option<Framework> {
    #[cfg(feature = "staff")]
    return crate::domain::base::json::from_json(include_str!("builtin/framework.json")).ok();
    #[cfg(not(feature = "staff"))]
    None
}

/// The id of the built-in framework, read once (a service's framework may not take it).
pub fn builtin_id() -> Option<&'static Id> {
    static ID: std::sync::OnceLock<Option<Id>> = std::sync::OnceLock::new();
    ID.get_or_init(|| builtin().map(|f| f.id)).as_ref()
}

/// Checks a framework's content: stages with sane windows and milestones, areas that exist,
/// unique ids, texts present and of sane length.
pub fn check_framework(f: &Framework, c: &mut Checker) {
    let text_ok = |c: &mut Checker, field: &str, t: &Text| {
        if t.values().all(|s| s.trim().is_empty()) {
            c.push(field, ProblemKind::Required);
        }
        if t.values().any(|s| s.chars().count() > 120) {
            c.push(field, ProblemKind::TooLong { max: 120 });
        }
    };
    text_ok(c, "name", &f.name);
    c.range("version", f.version.into(), 1, 10_000);
    if f.areas.is_empty() || f.areas.len() > 12 {
        c.push("areas", ProblemKind::OutOfRange { min: 1, max: 12 });
    }
    if f.stages.is_empty() || f.stages.len() > 12 {
        c.push("stages", ProblemKind::OutOfRange { min: 1, max: 12 });
    }
    let mut ids = std::collections::BTreeSet::new();
    for (i, a) in f.areas.iter().enumerate() {
        if !ids.insert(a.id.clone()) {
            c.push(&format!("areas[{i}].id"), ProblemKind::Duplicate);
        }
        text_ok(c, &format!("areas[{i}].name"), &a.name);
    }
    let areas: Vec<&Id> = f.areas.iter().map(|a| &a.id).collect();
    let mut seen = std::collections::BTreeSet::new();
    for (i, s) in f.stages.iter().enumerate() {
        let p = format!("stages[{i}]");
        if !seen.insert(s.id.clone()) {
            c.push(&format!("{p}.id"), ProblemKind::Duplicate);
        }
        text_ok(c, &format!("{p}.name"), &s.name);
        if s.from_days > s.to_days || s.to_days > 3000 {
            c.push(
                &format!("{p}.to_days"),
                ProblemKind::OutOfRange {
                    min: i64::from(s.from_days),
                    max: 3000,
                },
            );
        }
        if s.milestones.is_empty() || s.milestones.len() > 60 {
            c.push(
                &format!("{p}.milestones"),
                ProblemKind::OutOfRange { min: 1, max: 60 },
            );
        }
        for (j, m) in s.milestones.iter().enumerate() {
            if !seen.insert(m.id.clone()) {
                c.push(&format!("{p}.milestones[{j}].id"), ProblemKind::Duplicate);
            }
            if !areas.contains(&&m.area) {
                c.push(
                    &format!("{p}.milestones[{j}].area"),
                    ProblemKind::UnknownChoice(m.area.to_string()),
                );
            }
            text_ok(c, &format!("{p}.milestones[{j}].text"), &m.text);
        }
    }
    for (name, list) in [
        ("ready_for_nursery", &f.ready_for_nursery),
        ("ready_for_school", &f.ready_for_school),
    ] {
        if list.len() > 30 {
            c.push(name, ProblemKind::OutOfRange { min: 0, max: 30 });
        }
        for (i, s) in list.iter().enumerate() {
            if !seen.insert(s.id.clone()) {
                c.push(&format!("{name}[{i}].id"), ProblemKind::Duplicate);
            }
            text_ok(c, &format!("{name}[{i}].text"), &s.text);
        }
    }
}

/// Reads a framework from a file a service made; problems name where they are. Never panics.
pub fn read_framework(text: &str) -> Result<Framework, ReadError> {
    read_content(text, "framework", check_framework)
}

/// A milestone framework a service loaded, as a record. Its id is `<framework id>-v<version>`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomFramework {
    pub meta: Meta,
    pub framework: Framework,
}

impl CustomFramework {
    /// The record id of a loaded framework: `<framework id>-v<version>`.
    pub fn record_id(f: &Framework) -> Option<Id> {
        Id::parse(&format!("{}-v{}", f.id, f.version))
    }
}

crate::domain::base::record::fields!(CustomFramework, [framework]);
impl_record!(CustomFramework, shared, check_custom_framework);

/// A loaded framework: its content, and an id that is its framework's id and version.
pub fn check_custom_framework(f: &CustomFramework, _today: chrono::NaiveDate, c: &mut Checker) {
    check_framework(&f.framework, &mut c.nested("framework"));
    if CustomFramework::record_id(&f.framework).as_ref() != Some(&f.meta.id) {
        c.push("meta.id", ProblemKind::BadValue);
    }
}
