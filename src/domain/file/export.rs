//! The JSON file format (export, import, and what each storage shard holds), its checks and
//! its migrations. Published as `docs/schema/waymark-v3.schema.json`.

use crate::domain::base::json::{classify, parse_value_within, MAX_PROBLEMS};
use crate::domain::base::Id;
use crate::domain::base::Millis;
use crate::domain::base::{Problem, ProblemKind};
use crate::domain::workspace::kinds::{for_each_kind, Stored, KIND_NAMES};
use crate::domain::workspace::records::*;
use crate::domain::workspace::validate::check_workspace;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub use crate::domain::base::json::{
    from_json, text_from_bytes, JsonError, ReadError, MAX_DEPTH, MAX_FILE_BYTES, MAX_IMPORT_BYTES,
};

pub const FORMAT: &str = "waymark";
/// The version of the format this app writes.
pub const SCHEMA_VERSION: u32 = 3;
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

/// Steps that bring an older version's value up to the current one, `n -> n+1`.
/// 1 -> 2: a family gained `team` and `earlier` (episodes before the current one), both absent
/// meaning empty; version 1's single `opened`/`closed` is version 2's current episode as it is,
/// so the value is unchanged. Version 1 could only take a closure back, never keep it, so there
/// is no earlier episode to recover.
/// 2 -> 3: every record's `meta` gained `clocks` and `others` (field by field merging), absent
/// meaning none: a version 2 record merges as a whole, as it did.
const MIGRATIONS: &[(u32, fn(Value) -> Value)] = &[(1, |v| v), (2, |v| v)];

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

fn read_collection<T: Stored>(
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

fn read_with(text: &str, now: Millis, strict: bool) -> Result<Envelope, ReadError> {
    let value = parse_value_within(text, MAX_IMPORT_BYTES)?;
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
    for key in data.keys() {
        if key != "settings" && !KIND_NAMES.contains(&key.as_str()) {
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
    let mut ws = Workspace {
        settings,
        ..Workspace::default()
    };
    for_each_kind!(T => {
        *T::map_mut(&mut ws) = read_collection::<T>(T::NAME, data.remove(T::NAME), &mut problems);
    });
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
