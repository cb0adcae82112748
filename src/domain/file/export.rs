//! The JSON file format (export, import, and what each storage shard holds), its checks and
//! its migrations. Published as `docs/schema/waymark-v5.schema.json`.

use crate::domain::base::json::{classify, parse_value_within, MAX_PROBLEMS};
#[cfg(feature = "staff")]
use crate::domain::base::Meta;
use crate::domain::base::{Id, Millis};
use crate::domain::base::{Problem, ProblemKind};
#[cfg(feature = "staff")]
use crate::domain::workspace::fields;
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
pub const SCHEMA_VERSION: u32 = 5;
/// What a file holds: everything, or one family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    All,
    /// One family, saved on a worker's device: brought in as the family it is.
    Family,
    /// A family's own answers, shared from its own phone (version 4): the one kind of file a
    /// worker may attach to a family of theirs.
    Shared,
    /// A storage shard (not a file a person makes).
    Shard,
}

/// The envelope of every file and stored value. Read, `data` holds every record; made to be
/// written, the plain marks of deleted families are taken out of it into `gone`.
#[derive(Clone, Debug, PartialEq)]
pub struct Envelope {
    pub format: String,
    pub schema_version: u32,
    pub saved_at: Millis,
    pub scope: Scope,
    pub data: Records,
    /// The plain marks taken out of `data`, written by id (`data.gone` in the file).
    pub gone: Vec<Gone>,
}

/// A deleted family's records that are plain marks ([`Record::gone`]), written by their ids
/// alone: each is known from its id and the family's own mark (its deletion's time, device and
/// clock). A deleted family of a hundred records is written in a few kilobytes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gone {
    pub family: Id,
    /// The marks' ids by kind of record (`members`, `scale_answers`...), each in id order.
    pub ids: BTreeMap<String, Vec<Id>>,
}

/// The meta of a plain mark of `family` with id `id`: the family's deletion (`None` while the
/// family is live, or where its mark has no clock).
#[cfg(feature = "staff")]
fn gone_meta(family: &Family, id: &Id) -> Option<Meta> {
    let m = &family.meta;
    let clock = m.clocks.get(fields::DELETED).filter(|_| m.deleted)?;
    Some(Meta {
        id: id.clone(),
        created: m.updated,
        updated: m.updated,
        device: m.device.clone(),
        deleted: true,
        clocks: fields::one_clock(clock.clone()),
        others: BTreeMap::new(),
    })
}

/// Takes the plain marks of deleted families out of `data`, to be written by id. Only the
/// worker's build deletes families; a family's phone writes what it holds as it is (and reads
/// `gone`, for a device that was a worker's before).
#[cfg(not(feature = "staff"))]
fn take_gone(_: &mut Records) -> Vec<Gone> {
    Vec::new()
}

#[cfg(feature = "staff")]
fn take_gone(data: &mut Records) -> Vec<Gone> {
    if !data.families.values().any(|f| f.meta.deleted) {
        return Vec::new();
    }
    let mut out: BTreeMap<Id, BTreeMap<String, Vec<Id>>> = BTreeMap::new();
    for_each_kind!(T => {
        take_plain::<T>(data, &mut out);
    });
    out.into_iter()
        .map(|(family, ids)| Gone { family, ids })
        .collect()
}

/// Takes one kind's plain marks out of `data` (one function a kind, not inlined into
/// [`take_gone`]).
#[cfg(feature = "staff")]
#[inline(never)]
fn take_plain<T: Stored>(data: &mut Records, out: &mut BTreeMap<Id, BTreeMap<String, Vec<Id>>>) {
    let all = std::mem::take(T::map_mut(data));
    let fams = &data.families;
    let mut keep = BTreeMap::new();
    for (id, r) in all {
        let f = r.family_id().and_then(|f| fams.get(f));
        let plain = f.and_then(|f| Some((f, T::gone(gone_meta(f, &id)?, &f.meta.id)?)));
        match plain {
            Some((f, mark)) if mark == r => out
                .entry(f.meta.id.clone())
                .or_default()
                .entry(T::NAME.to_string())
                .or_default()
                .push(id),
            _ => {
                keep.insert(id, r);
            }
        }
    }
    *T::map_mut(data) = keep;
}

/// Puts the plain marks of `gone` back into `data` (read from a file): refused where the
/// family is not a deleted family of the file, a kind has no plain marks, or an id is taken.
#[cfg(feature = "staff")]
fn put_gone(data: &mut Records, gone: Vec<Gone>, problems: &mut Vec<Problem>) {
    for (i, g) in gone.into_iter().enumerate() {
        let path = format!("data.gone[{i}]");
        let Some(family) = data.families.get(&g.family).cloned() else {
            problems.push(Problem::new(
                format!("{path}.family"),
                ProblemKind::UnknownFamily,
            ));
            continue;
        };
        for (kind, ids) in &g.ids {
            let mut known = false;
            for_each_kind!(T => {
                if T::NAME == kind {
                    known = true;
                    if let Some(k) = put_plain::<T>(data, &family, ids) {
                        problems.push(Problem::new(format!("{path}.ids.{kind}"), k));
                    }
                }
            });
            if !known {
                problems.push(Problem::new(
                    format!("{path}.ids"),
                    ProblemKind::UnknownField(kind.chars().take(40).collect()),
                ));
            }
        }
    }
}

/// Puts one kind's plain marks of `family` back; the problem, if any (an id taken, a kind with
/// no plain marks, a family that is not deleted).
#[cfg(feature = "staff")]
#[inline(never)]
fn put_plain<T: Stored>(data: &mut Records, family: &Family, ids: &[Id]) -> Option<ProblemKind> {
    for id in ids {
        let Some(mark) = gone_meta(family, id).and_then(|m| T::gone(m, &family.meta.id)) else {
            return Some(ProblemKind::BadValue);
        };
        if T::map(data).contains_key(id) {
            return Some(ProblemKind::Duplicate);
        }
        T::map_mut(data).insert(id.clone(), mark);
    }
    None
}

impl Envelope {
    pub fn new(mut data: Records, scope: Scope, now: Millis) -> Self {
        let gone = take_gone(&mut data);
        Envelope {
            format: FORMAT.into(),
            schema_version: SCHEMA_VERSION,
            saved_at: now,
            scope,
            data,
            gone,
        }
    }

    pub fn to_json(&self) -> String {
        // Written by hand around the records: serialising our own types to a string cannot fail
        // (no maps with non-string keys).
        let mut out = String::from("{\"format\":");
        out.push_str(&serde_json::to_string(&self.format).unwrap_or_default());
        out.push_str(",\"schema_version\":");
        out.push_str(&self.schema_version.to_string());
        out.push_str(",\"saved_at\":");
        out.push_str(&self.saved_at.0.to_string());
        out.push_str(",\"scope\":");
        out.push_str(&serde_json::to_string(&self.scope).unwrap_or_default());
        out.push_str(",\"data\":");
        out.push_str(&serde_json::to_string(&self.data).unwrap_or_default());
        // `gone` inside `data`, after the records (a flattened struct would bring a second copy
        // of the workspace's serialising code). Only the worker's build writes it.
        #[cfg(feature = "staff")]
        if !self.gone.is_empty() {
            out.pop();
            if !out.ends_with('{') {
                out.push(',');
            }
            out.push_str("\"gone\":");
            out.push_str(&serde_json::to_string(&self.gone).unwrap_or_default());
            out.push('}');
        }
        out.push('}');
        out
    }
}

/// Exports the whole workspace, or one family's records.
pub fn export(ws: &Workspace, family: Option<&Id>, now: Millis) -> String {
    export_as(ws, family, Scope::Family, now)
}

/// A family's own answers, as its phone shares them with its worker ([`Scope::Shared`]).
pub fn share(ws: &Workspace, family: &Id, now: Millis) -> String {
    export_as(ws, Some(family), Scope::Shared, now)
}

fn export_as(ws: &Workspace, family: Option<&Id>, scope: Scope, now: Millis) -> String {
    match family {
        Some(f) => {
            // With the loaded wheels its readings use, so they display on another device.
            let mut part = Records::clone(&ws.family_part(f));
            // The worker's evidence for a claim is not the family's own to share.
            #[cfg(feature = "staff")]
            if scope == Scope::Shared {
                part.needs.clear();
                part.claims.clear();
            }
            for r in part.wheel_readings.values() {
                for (id, w) in &ws.shared().wheel_templates {
                    if w.template.id == r.template && w.template.version == r.template_version {
                        part.wheel_templates.insert(id.clone(), w.clone());
                    }
                }
            }
            Envelope::new(part, scope, now).to_json()
        }
        None => Envelope::new(ws.to_records(), Scope::All, now).to_json(),
    }
}

// What changed from one version to the next. Every older value is read as it is: each version
// only added what is absent from the one before (meaning empty or none).
// 1 -> 2: a family gained `team` and `earlier` (episodes before the current one), both absent
// meaning empty; version 1's single `opened`/`closed` is version 2's current episode as it is.
// Version 1 could only take a closure back, never keep it, so there is no earlier episode to
// recover.
// 2 -> 3: every record's `meta` gained `clocks` and `others` (field by field merging), absent
// meaning none: a version 2 record merges as a whole, as it did.
// 3 -> 4: a deletion mark keeps one clock for all its fields ([`fields::migrate_mark`], done on
// the typed records once read, in [`read_with`]); a file may be a family's own `shared` answers.
// 4 -> 5: three collections (`needs`, `claims`, `outcome_plans`: the evidence a council claims
// on), absent meaning none; nothing else changed.

fn read_collection<T: Stored>(
    name: &str,
    v: Option<Value>,
    version: u64,
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
                // Only the worker's build holds marks with field clocks (a family's phone writes
                // none, and brings in no file): only it has version 3 marks to migrate.
                #[cfg(feature = "staff")]
                let r = {
                    let mut r = r;
                    if version < 4 {
                        fields::migrate_mark(r.meta_mut());
                    }
                    r
                };
                #[cfg(not(feature = "staff"))]
                let _ = version;
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
        if key != "settings" && key != "gone" && !KIND_NAMES.contains(&key.as_str()) {
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
    let mut ws = Records {
        settings,
        ..Records::default()
    };
    for_each_kind!(T => {
        *T::map_mut(&mut ws) =
            read_collection::<T>(T::NAME, data.remove(T::NAME), version, &mut problems);
    });
    // A family's phone (which deletes no family, and so writes no `gone`) leaves a deleted
    // family's plain marks out: it never writes that family's value, nor merges it with another
    // device's. It reads such a value only on a device that was a worker's before.
    #[cfg(not(feature = "staff"))]
    data.remove("gone");
    #[cfg(feature = "staff")]
    match data.remove("gone").map(Vec::<Gone>::deserialize) {
        None => {}
        Some(Ok(gone)) => put_gone(&mut ws, gone, &mut problems),
        Some(Err(e)) => problems.push(Problem {
            path: "data.gone".into(),
            kind: classify(&e),
        }),
    }
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
        gone: Vec::new(),
    })
}
