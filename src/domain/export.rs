//! The JSON file format (export, import, and what each storage shard holds), its checks and
//! its migrations. Published as `docs/schema/waymark-v1.schema.json`.

use super::id::Id;
use super::model::*;
use super::time::Millis;
use super::validate::{check_workspace, Problem, ProblemKind};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub const FORMAT: &str = "waymark";
/// The version of the format this app writes.
pub const SCHEMA_VERSION: u32 = 1;
/// Files bigger than this are refused before they are read.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Deepest nesting a file may have (a real file needs 6).
pub const MAX_DEPTH: usize = 12;
/// At most this many problems are listed.
pub const MAX_PROBLEMS: usize = 50;

/// What a file holds: everything, or one family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    All,
    Family,
    /// A storage shard (not a file a person makes).
    Shard,
}

/// The envelope of every file and stored value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub format: String,
    pub schema_version: u32,
    pub saved_at: Millis,
    pub scope: Scope,
    pub data: Workspace,
}

impl Envelope {
    pub fn new(data: Workspace, scope: Scope, now: Millis) -> Self {
        Envelope {
            format: FORMAT.into(),
            schema_version: SCHEMA_VERSION,
            saved_at: now,
            scope,
            data,
        }
    }

    pub fn to_json(&self) -> String {
        // Serialising our own types to a string cannot fail (no maps with non-string keys).
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Why a file or stored value cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("file too large")]
    TooLarge { bytes: usize },
    #[error("not JSON")]
    NotJson { line: usize, column: usize },
    #[error("nested too deeply")]
    TooDeep,
    #[error("not a Waymark file")]
    NotWaymark,
    #[error("made by a newer version")]
    NewerVersion { found: u64 },
    #[error("unsupported version")]
    UnsupportedVersion { found: u64 },
    #[error("invalid content")]
    Invalid(Vec<Problem>),
}

/// Exports the whole workspace, or one family's records.
pub fn export(ws: &Workspace, family: Option<&Id>, now: Millis) -> String {
    match family {
        Some(f) => {
            // With the loaded wheels its readings use, so they display on another device.
            let mut part = ws.family_part(f);
            for r in part.wheel_readings.values() {
                for (id, w) in &ws.wheel_templates {
                    if w.template.id == r.template && w.template.version == r.template_version {
                        part.wheel_templates.insert(id.clone(), w.clone());
                    }
                }
            }
            Envelope::new(part, Scope::Family, now).to_json()
        }
        None => Envelope::new(ws.clone(), Scope::All, now).to_json(),
    }
}

fn depth(v: &Value) -> usize {
    // Iterative, so a hostile file cannot exhaust the stack here.
    let mut max = 0;
    let mut stack = vec![(v, 1usize)];
    while let Some((v, d)) = stack.pop() {
        max = max.max(d);
        match v {
            Value::Array(a) => stack.extend(a.iter().map(|x| (x, d + 1))),
            Value::Object(o) => stack.extend(o.values().map(|x| (x, d + 1))),
            _ => {}
        }
    }
    max
}

/// Turns serde's message about one record into a typed problem kind.
pub(crate) fn classify(err: &serde_json::Error) -> ProblemKind {
    let msg = err.to_string();
    let quoted = || {
        msg.split('`')
            .nth(1)
            .unwrap_or("")
            .chars()
            .take(40)
            .collect::<String>()
    };
    if msg.starts_with("unknown field") {
        ProblemKind::UnknownField(quoted())
    } else if msg.starts_with("missing field") {
        ProblemKind::MissingField(quoted())
    } else if msg.starts_with("unknown variant") {
        ProblemKind::UnknownChoice(quoted())
    } else if msg.starts_with("invalid type") {
        ProblemKind::WrongType
    } else if msg.starts_with("duplicate field") {
        ProblemKind::Duplicate
    } else {
        ProblemKind::BadValue
    }
}

/// Steps that bring an older version's value up to the current one. Version 1 is the first
/// published format, so there are none yet: a step `n -> n+1` goes here when version n+1 comes.
const MIGRATIONS: &[(u32, fn(Value) -> Value)] = &[];

fn migrate(mut v: Value, from: u32) -> Result<Value, ReadError> {
    let mut at = from;
    while at < SCHEMA_VERSION {
        let step = MIGRATIONS
            .iter()
            .find(|(n, _)| *n == at)
            .ok_or(ReadError::UnsupportedVersion { found: at.into() })?;
        v = (step.1)(v);
        at += 1;
    }
    Ok(v)
}

fn read_collection<T: Record + serde::de::DeserializeOwned>(
    name: &str,
    v: Option<Value>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<Id, T> {
    let mut out = BTreeMap::new();
    let path = format!("data.{name}");
    let list = match v {
        None => return out,
        Some(Value::Array(a)) => a,
        Some(_) => {
            problems.push(Problem {
                path,
                kind: ProblemKind::WrongType,
            });
            return out;
        }
    };
    for (i, item) in list.into_iter().enumerate() {
        match T::deserialize(item) {
            Ok(r) => {
                let id = r.meta().id.clone();
                if out.insert(id, r).is_some() {
                    problems.push(Problem {
                        path: format!("{path}[{i}].meta.id"),
                        kind: ProblemKind::Duplicate,
                    });
                }
            }
            Err(e) => problems.push(Problem {
                path: format!("{path}[{i}]"),
                kind: classify(&e),
            }),
        }
    }
    out
}

/// Reads a file: checks size, JSON, depth, format and version (migrating older ones), every
/// field of every record, and the rules records must keep. Never panics.
pub fn read(text: &str, now: Millis) -> Result<Envelope, ReadError> {
    read_with(text, now, true)
}

/// Reads a value this app stored itself: the same checks of form, but not the rules about dates
/// and links (they held when it was saved; a changed device clock must not make data unreadable).
pub fn read_stored(text: &str, now: Millis) -> Result<Envelope, ReadError> {
    read_with(text, now, false)
}

/// Reads JSON text as a `T` by way of a `Value`. Every record in a file or in storage is read
/// from a `Value` (so each can report its own problems); reading the built-in wheels, questions
/// and framework, catalogues and drafts the same way keeps one copy of each type's reading code
/// in the wasm rather than two (one per serde_json reader). A syntax error is `Err(Syntax)`, a
/// value of the wrong shape `Err(Shape)`.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let value: Value = serde_json::from_str(text).map_err(|_| JsonError::Syntax)?;
    T::deserialize(value).map_err(|_| JsonError::Shape)
}

/// Why [`from_json`] could not read a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// Not JSON at all.
    Syntax,
    /// JSON, but not the expected shape.
    Shape,
}

/// Parses text as JSON within the size and depth limits.
pub(crate) fn parse_value(text: &str) -> Result<Value, ReadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: text.len() });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            ReadError::TooDeep
        } else {
            ReadError::NotJson {
                line: e.line(),
                column: e.column(),
            }
        }
    })?;
    if depth(&value) > MAX_DEPTH {
        return Err(ReadError::TooDeep);
    }
    Ok(value)
}

fn read_with(text: &str, now: Millis, strict: bool) -> Result<Envelope, ReadError> {
    let value = parse_value(text)?;
    let Value::Object(mut top) = value else {
        return Err(ReadError::NotWaymark);
    };
    if top.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ReadError::NotWaymark);
    }
    let version = match top.get("schema_version").and_then(Value::as_u64) {
        Some(v) => v,
        None => {
            return Err(ReadError::Invalid(vec![Problem {
                path: "schema_version".into(),
                kind: ProblemKind::MissingField("schema_version".into()),
            }]))
        }
    };
    if version > u64::from(SCHEMA_VERSION) {
        return Err(ReadError::NewerVersion { found: version });
    }
    if version < 1 {
        return Err(ReadError::UnsupportedVersion { found: version });
    }
    if version < u64::from(SCHEMA_VERSION) {
        let Value::Object(m) = migrate(Value::Object(top), version as u32)? else {
            return Err(ReadError::NotWaymark);
        };
        top = m;
    }

    let mut problems = Vec::new();
    for key in top.keys() {
        if !["format", "schema_version", "saved_at", "scope", "data"].contains(&key.as_str()) {
            problems.push(Problem {
                path: key.chars().take(40).collect(),
                kind: ProblemKind::UnknownField(key.chars().take(40).collect()),
            });
        }
    }
    let saved_at = match top.get("saved_at").map(|v| Millis::deserialize(v.clone())) {
        Some(Ok(m)) => m,
        Some(Err(_)) => {
            problems.push(Problem {
                path: "saved_at".into(),
                kind: ProblemKind::WrongType,
            });
            now
        }
        None => {
            problems.push(Problem {
                path: "saved_at".into(),
                kind: ProblemKind::MissingField("saved_at".into()),
            });
            now
        }
    };
    let scope = match top.get("scope").map(|v| Scope::deserialize(v.clone())) {
        Some(Ok(s)) => s,
        Some(Err(e)) => {
            problems.push(Problem {
                path: "scope".into(),
                kind: classify(&e),
            });
            Scope::All
        }
        None => {
            problems.push(Problem {
                path: "scope".into(),
                kind: ProblemKind::MissingField("scope".into()),
            });
            Scope::All
        }
    };
    let mut data: Map<String, Value> = match top.remove("data") {
        Some(Value::Object(d)) => d,
        Some(_) => {
            problems.push(Problem {
                path: "data".into(),
                kind: ProblemKind::WrongType,
            });
            Map::new()
        }
        None => {
            problems.push(Problem {
                path: "data".into(),
                kind: ProblemKind::MissingField("data".into()),
            });
            Map::new()
        }
    };
    const KNOWN: [&str; 11] = [
        "goals",
        "frameworks",
        "questions",
        "three_houses",
        "families",
        "members",
        "wheel_readings",
        "milestone_checks",
        "scale_answers",
        "settings",
        "wheel_templates",
    ];
    for key in data.keys() {
        if !KNOWN.contains(&key.as_str()) {
            let k: String = key.chars().take(40).collect();
            problems.push(Problem {
                path: format!("data.{k}"),
                kind: ProblemKind::UnknownField(k),
            });
        }
    }
    let settings = match data.remove("settings") {
        None | Some(Value::Null) => None,
        Some(v) => match Settings::deserialize(v) {
            Ok(s) => Some(s),
            Err(e) => {
                problems.push(Problem {
                    path: "data.settings".into(),
                    kind: classify(&e),
                });
                None
            }
        },
    };
    let ws = Workspace {
        families: read_collection("families", data.remove("families"), &mut problems),
        members: read_collection("members", data.remove("members"), &mut problems),
        wheel_readings: read_collection(
            "wheel_readings",
            data.remove("wheel_readings"),
            &mut problems,
        ),
        milestone_checks: read_collection(
            "milestone_checks",
            data.remove("milestone_checks"),
            &mut problems,
        ),
        scale_answers: read_collection(
            "scale_answers",
            data.remove("scale_answers"),
            &mut problems,
        ),
        questions: read_collection("questions", data.remove("questions"), &mut problems),
        three_houses: read_collection("three_houses", data.remove("three_houses"), &mut problems),
        goals: read_collection("goals", data.remove("goals"), &mut problems),
        settings,
        frameworks: read_collection("frameworks", data.remove("frameworks"), &mut problems),
        wheel_templates: read_collection(
            "wheel_templates",
            data.remove("wheel_templates"),
            &mut problems,
        ),
    };
    if problems.is_empty() && strict {
        problems = check_workspace(&ws, now)
            .into_iter()
            .map(|p| Problem {
                path: format!("data.{}", p.path),
                kind: p.kind,
            })
            .collect();
    }
    if !problems.is_empty() {
        problems.truncate(MAX_PROBLEMS);
        return Err(ReadError::Invalid(problems));
    }
    Ok(Envelope {
        format: FORMAT.into(),
        schema_version: SCHEMA_VERSION,
        saved_at,
        scope,
        data: ws,
    })
}
