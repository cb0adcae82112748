//! Field by field: each change a person makes stamps the fields it changed with a clock
//! ([`Clock`], a version vector), and two versions of a record are merged field by field, each
//! field's latest change winning. A free-text field changed on two devices without either seeing
//! the other's change keeps both versions ([`Version`]) until a person chooses.
//!
//! The merge is a join: idempotent, commutative and associative (property tests in
//! `tests/data.rs`), so devices and files can be merged in any order, any number of times.
//! Records from before field clocks (no clock on a field) merge as they always did: the later
//! record wins that field.

use super::merge::compare_versions;
use crate::domain::base::{Clock, Id, Millis, Record, Version};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The name a record's deletion mark has among its fields' clocks.
pub const DELETED: &str = "deleted";

/// The fields of each kind of record that hold free text a person typed: where two devices
/// changed one without seeing each other, both versions are kept.
pub fn free_text(kind: &str) -> &'static [&'static str] {
    match kind {
        "families" => &["reference", "full_name", "worker", "team", "notes"],
        "members" => &["name"],
        "wheel_readings" | "milestone_checks" => &["notes"],
        "scale_answers" => &["notes", "keeps", "higher", "notice"],
        "questions" => &["question", "low", "high"],
        "three_houses" => &["worries", "good", "wishes"],
        "goals" => &["text"],
        _ => &[],
    }
}

/// `a` has seen everything `b` has: at least `b`'s time for every device of `b`.
pub fn dominates(a: &Clock, b: &Clock) -> bool {
    b.iter().all(|(d, t)| a.get(d).is_some_and(|u| u >= t))
}

/// The latest change a clock holds, and its device: what "latest" means between two changes
/// made without seeing each other.
fn latest(c: &Clock) -> Option<(Millis, &Id)> {
    c.iter().map(|(d, t)| (*t, d)).max()
}

fn join(a: &mut Clock, b: &Clock) {
    for (d, t) in b {
        let e = a.entry(d.clone()).or_insert(*t);
        *e = (*e).max(*t);
    }
}

/// A record's top-level fields as a JSON object, its `meta` taken out.
fn fields_of<T: Record>(r: &T) -> Map<String, Value> {
    let text = serde_json::to_string(r).unwrap_or_default();
    match serde_json::from_str(&text) {
        Ok(Value::Object(mut m)) => {
            m.remove("meta");
            m.insert(DELETED.into(), Value::Bool(r.meta().deleted));
            m
        }
        _ => Map::new(),
    }
}

fn rebuild<T: Record + DeserializeOwned>(like: &T, mut fields: Map<String, Value>) -> Option<T> {
    let deleted = fields
        .remove(DELETED)
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let mut meta = like.meta().clone();
    meta.deleted = deleted;
    fields.insert("meta".into(), serde_json::to_value(&meta).ok()?);
    T::deserialize(Value::Object(fields)).ok()
}

/// Stamps the fields `new` changes from `old` (and those named in `also`) as changed now on
/// `device`: each one's clock becomes everything both versions had seen, plus this device at a
/// time later than any in it. Versions of a free-text field the new clock has seen are dropped
/// (a person chose).
pub fn stamp<T: Record>(old: Option<&T>, new: &mut T, now: Millis, device: &Id, also: &[&str]) {
    let Some(old) = old else { return };
    let (a, b) = (fields_of(old), fields_of(new));
    let mut changed: Vec<String> = also.iter().map(|s| s.to_string()).collect();
    for (k, v) in &b {
        if a.get(k) != Some(v) {
            changed.push(k.clone());
        }
    }
    for k in a.keys() {
        if !b.contains_key(k) {
            changed.push(k.clone());
        }
    }
    let old_clocks = old.meta().clocks.clone();
    let meta = new.meta_mut();
    for (k, c) in &old_clocks {
        join(meta.clocks.entry(k.clone()).or_default(), c);
    }
    for k in changed {
        let clock = meta.clocks.entry(k.clone()).or_default();
        let after = clock
            .values()
            .max()
            .map_or(now, |t| now.max(Millis(t.0 + 1)));
        clock.insert(device.clone(), after);
        let seen = clock.clone();
        if let Some(vs) = meta.others.get_mut(&k) {
            vs.retain(|v| !dominates(&seen, &v.clock));
            if vs.is_empty() {
                meta.others.remove(&k);
            }
        }
    }
}

/// Merges two versions of one record, field by field. `kind` is the collection's name
/// ([`free_text`]).
pub fn merge_record<T: Record + DeserializeOwned>(kind: &str, a: &T, b: &T) -> T {
    if a == b {
        return a.clone();
    }
    // The record-level winner: its bookkeeping is kept, and it settles fields neither clock
    // orders (records from before field clocks).
    let (win, lose) = if compare_versions(a, b) == Ordering::Less {
        (b, a)
    } else {
        (a, b)
    };
    let (fw, fl) = (fields_of(win), fields_of(lose));
    let (mw, ml) = (win.meta(), lose.meta());
    let texts = free_text(kind);
    let none = Clock::new();
    let mut out = fw.clone();
    let mut clocks = BTreeMap::new();
    let mut others = BTreeMap::new();
    let mut keys: Vec<&String> = fw.keys().chain(fl.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let (cw, cl) = (
            mw.clocks.get(k).unwrap_or(&none),
            ml.clocks.get(k).unwrap_or(&none),
        );
        if texts.contains(&k.as_str()) {
            let text = |f: &Map<String, Value>| {
                f.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            let mut heads: Vec<Version> = vec![
                Version {
                    text: text(&fw),
                    clock: cw.clone(),
                },
                Version {
                    text: text(&fl),
                    clock: cl.clone(),
                },
            ];
            for m in [mw, ml] {
                heads.extend(m.others.get(k).into_iter().flatten().cloned());
            }
            // Several versions under one clock (only from before field clocks): the winner's.
            let winner_text = text(&fw);
            heads.sort_by(|x, y| {
                x.clock
                    .cmp(&y.clock)
                    .then_with(|| (y.text == winner_text).cmp(&(x.text == winner_text)))
                    .then_with(|| y.text.cmp(&x.text))
            });
            heads.dedup_by(|later, first| later.clock == first.clock);
            // Versions another has seen are gone.
            let all = heads.clone();
            heads.retain(|h| {
                !all.iter()
                    .any(|o| o.clock != h.clock && dominates(&o.clock, &h.clock))
            });
            heads.sort_by(|x, y| {
                latest(&y.clock)
                    .cmp(&latest(&x.clock))
                    .then_with(|| y.text.cmp(&x.text))
            });
            let mut heads = heads.into_iter();
            if let Some(main) = heads.next() {
                out.insert(k.clone(), Value::String(main.text));
                if !main.clock.is_empty() {
                    clocks.insert(k.clone(), main.clock);
                }
            }
            let rest: Vec<Version> = heads.collect();
            if !rest.is_empty() {
                others.insert(k.clone(), rest);
            }
        } else {
            let from_lose = cw != cl && latest(cl) > latest(cw);
            let (value, clock) = if from_lose {
                (fl.get(k), cl)
            } else {
                (fw.get(k), cw)
            };
            match value {
                Some(v) => out.insert(k.clone(), v.clone()),
                None => out.remove(k),
            };
            if !clock.is_empty() {
                clocks.insert(k.clone(), clock.clone());
            }
        }
    }
    let mut merged = win.clone();
    {
        let m = merged.meta_mut();
        m.clocks = clocks;
        m.others = others;
    }
    rebuild(&merged, out).unwrap_or(merged)
}

/// The versions of a record's free-text fields waiting for a person to choose: each field's
/// name, then its texts, the record's own first.
pub fn unsettled<T: Record>(r: &T) -> Vec<(String, Vec<String>)> {
    if r.meta().others.is_empty() {
        return Vec::new();
    }
    let f = fields_of(r);
    r.meta()
        .others
        .iter()
        .map(|(k, vs)| {
            let own = f.get(k).and_then(Value::as_str).unwrap_or_default();
            let mut all = vec![own.to_string()];
            all.extend(vs.iter().map(|v| v.text.clone()));
            (k.clone(), all)
        })
        .collect()
}

/// `r` with free-text field `field` set to `text` (a person's choice between versions), its
/// clock covering every version so the choice wins everywhere. `None` if the field is not one
/// of the record's.
pub fn settle<T: Record + DeserializeOwned>(r: &T, field: &str, text: &str) -> Option<T> {
    let mut f = fields_of(r);
    if !f.contains_key(field) && !r.meta().others.contains_key(field) {
        return None;
    }
    f.insert(field.to_string(), Value::String(text.to_string()));
    let mut out = rebuild(r, f)?;
    let m = out.meta_mut();
    let mut clock = m.clocks.get(field).cloned().unwrap_or_default();
    for v in m.others.remove(field).unwrap_or_default() {
        join(&mut clock, &v.clock);
    }
    m.clocks.insert(field.to_string(), clock);
    Some(out)
}
