//! Field by field: each change a person makes stamps the fields it changed with a clock
//! ([`Clock`], a version vector), and two versions of a record are merged field by field, each
//! field's latest change winning. A free-text field changed on two devices without either seeing
//! the other's change keeps both versions ([`Version`]) until a person chooses.
//!
//! The merge is a join: idempotent, commutative and associative (property tests in
//! `tests/data.rs`), so devices and files can be merged in any order, any number of times.
//! Records from before field clocks (no clock on a field) merge as they always did: the later
//! record wins that field.

use crate::domain::base::sort;
use crate::domain::base::{Clock, Id, Meta, Millis, Record, Version};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The name a record's deletion mark has among its fields' clocks.
pub const DELETED: &str = "deleted";

/// Compares two versions of the same record.
pub fn compare_versions<T: Record>(a: &T, b: &T) -> Ordering {
    let (ma, mb) = (a.meta(), b.meta());
    ma.updated
        .cmp(&mb.updated)
        .then_with(|| ma.device.cmp(&mb.device))
        .then_with(|| {
            if a == b {
                Ordering::Equal
            } else {
                let ja = serde_json::to_string(a).unwrap_or_default();
                let jb = serde_json::to_string(b).unwrap_or_default();
                ja.cmp(&jb)
            }
        })
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

/// The clock of field `k`: its own, or in a deletion mark the mark's. A deletion stamps every
/// field with one clock (the deletion has seen every change to the record), so a mark keeps
/// that clock once, under [`DELETED`], rather than once per field: a mark stays a few dozen
/// bytes however many fields it emptied.
pub fn clock_of<'a>(m: &'a Meta, k: &str) -> Option<&'a Clock> {
    m.clocks
        .get(k)
        .or_else(|| m.clocks.get(DELETED).filter(|_| m.deleted))
}

/// A deletion mark's clocks written compactly: a field whose clock is the mark's own is left
/// out ([`clock_of`] reads it back). Lossless: every field of such a mark has a clock.
pub fn compact(m: &mut Meta) {
    if !m.deleted {
        return;
    }
    if let Some(d) = m.clocks.get(DELETED).cloned() {
        m.clocks.retain(|k, c| k == DELETED || *c != d);
    }
}

/// A mark's clocks: `clock` under [`DELETED`], for all its fields. (Built with `insert`, whose
/// code every map of clocks has already; `BTreeMap::from` would bring another copy.)
pub fn one_clock(clock: Clock) -> BTreeMap<String, Clock> {
    let mut m = BTreeMap::new();
    m.insert(DELETED.to_string(), clock);
    m
}

/// Everything a record's clocks and kept versions have seen, joined into one clock.
fn seen_all(m: &Meta) -> Clock {
    let mut d = Clock::new();
    let versions = m.others.values().flatten().map(|v| &v.clock);
    for c in m.clocks.values().chain(versions) {
        join(&mut d, c);
    }
    d
}

/// A version 3 deletion mark (a clock kept per emptied field, other versions of its text)
/// brought to version 4's: one clock that has seen all of them, and no text. The same on every
/// device (no new time is added), so devices that each migrate a copy still agree.
pub fn migrate_mark(m: &mut Meta) {
    if m.deleted && !m.clocks.is_empty() {
        let d = seen_all(m);
        m.clocks = one_clock(d);
        m.others.clear();
    }
}

/// Everything a record has seen: every field's clock and its own last change (the device that
/// made it, at its time), so that a record without field clocks (a family's phone, an older file)
/// is covered too.
pub fn seen_by<T: Record>(r: &T) -> Clock {
    let m = r.meta();
    let mut d = seen_all(m);
    let mut own = Clock::new();
    own.insert(m.device.clone(), m.updated);
    join(&mut d, &own);
    d
}

/// The clock of a family's deletion: everything its records have seen, and this change after it.
pub fn cover_clock(seen: impl IntoIterator<Item = Clock>, now: Millis, device: &Id) -> Clock {
    let mut d = Clock::new();
    for c in seen {
        join(&mut d, &c);
    }
    tick(&mut d, now, device);
    d
}

/// Adds `device`'s change at `now` (or just after the latest time the clock holds) to `clock`.
fn tick(clock: &mut Clock, now: Millis, device: &Id) {
    let after = clock
        .values()
        .max()
        .map_or(now, |t| now.max(Millis(t.0 + 1)));
    clock.insert(device.clone(), after);
}

fn join(a: &mut Clock, b: &Clock) {
    for (d, t) in b {
        let e = a.entry(d.clone()).or_insert(*t);
        *e = (*e).max(*t);
    }
}

/// The names of every field of a record's type (those left out of its JSON when empty too), and
/// [`DELETED`]: a deletion mark's one clock stands for all of them, so merging must look at
/// every one, whichever version has it.
fn field_names<T: Record>() -> Vec<&'static str> {
    let mut out = T::FIELDS.to_vec();
    out.push(DELETED);
    out
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
    // What depends on the kind of record is read here; the rest is one function for every kind.
    let (a, b, names, floor) = if new.meta().deleted && !old.meta().deleted {
        (Map::new(), Map::new(), Vec::new(), None)
    } else {
        (
            fields_of(old),
            fields_of(new),
            field_names::<T>(),
            Some(seen_by(old)),
        )
    };
    stamp_meta(
        old.meta(),
        new.meta_mut(),
        Fields { a, b, names, floor },
        now,
        device,
        also,
    );
}

/// What [`stamp_meta`] needs of the two versions: their fields, every field name of the type,
/// and everything the old version had seen (`None` for a deletion).
struct Fields {
    a: Map<String, Value>,
    b: Map<String, Value>,
    names: Vec<&'static str>,
    floor: Option<Clock>,
}

fn stamp_meta(om: &Meta, meta: &mut Meta, f: Fields, now: Millis, device: &Id, also: &[&str]) {
    let Some(seen) = f.floor else {
        // A deletion: one clock for the whole mark, having seen every change to the record and
        // every version of its text (they are gone with it).
        let mut d = seen_all(om);
        tick(&mut d, now, device);
        meta.clocks = one_clock(d);
        meta.others.clear();
        return;
    };
    let (a, b) = (&f.a, &f.b);
    let mut changed: Vec<String> = also.iter().map(|s| s.to_string()).collect();
    for (k, v) in b {
        if a.get(k) != Some(v) {
            changed.push(k.clone());
        }
    }
    for k in a.keys() {
        if !b.contains_key(k) {
            changed.push(k.clone());
        }
    }
    // Every field's clock as the old version had it (a mark's one clock read out per field).
    let mut old_clocks: BTreeMap<&str, &Clock> = BTreeMap::new();
    for k in f
        .names
        .iter()
        .copied()
        .chain(a.keys().map(String::as_str))
        .chain(om.clocks.keys().map(String::as_str))
    {
        if let Some(c) = clock_of(om, k) {
            old_clocks.insert(k, c);
        }
    }
    // A change comes after everything the record has seen (its own last change included, on
    // whichever device), so that no two versions of a record share a clock.
    let floor = seen
        .into_values()
        .max()
        .map_or(now, |t| now.max(Millis(t.0 + 1)));
    for (k, c) in old_clocks {
        join(meta.clocks.entry(k.to_string()).or_default(), c);
    }
    for k in changed {
        let clock = meta.clocks.entry(k.clone()).or_default();
        tick(clock, floor, device);
        let seen = clock.clone();
        if let Some(vs) = meta.others.get_mut(&k) {
            vs.retain(|v| !dominates(&seen, &v.clock));
            if vs.is_empty() {
                meta.others.remove(&k);
            }
        }
    }
    compact(meta);
}

/// Merges two versions of one record, field by field.
pub fn merge_record<T: Record + DeserializeOwned>(a: &T, b: &T) -> T {
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
    let (out, clocks, others) = merge_fields(
        T::TEXT,
        field_names::<T>(),
        (fields_of(win), win.meta()),
        (fields_of(lose), lose.meta()),
    );
    let mut merged = win.clone();
    {
        let m = merged.meta_mut();
        m.clocks = clocks;
        m.others = others;
    }
    let mut merged = rebuild(&merged, out).unwrap_or(merged);
    compact(merged.meta_mut());
    merged
}

/// Two versions' fields merged field by field (one function for every kind of record): the
/// merged fields, their clocks and the other versions kept of free-text fields.
type Merged = (
    Map<String, Value>,
    BTreeMap<String, Clock>,
    BTreeMap<String, Vec<Version>>,
);

fn merge_fields(
    texts: &[&str],
    names: Vec<&'static str>,
    win: (Map<String, Value>, &Meta),
    lose: (Map<String, Value>, &Meta),
) -> Merged {
    let ((fw, mw), (fl, ml)) = (win, lose);
    let none = Clock::new();
    let mut out = fw.clone();
    let mut clocks = BTreeMap::new();
    let mut others = BTreeMap::new();
    // Every field of the type (a field emptied on both sides is absent from both versions'
    // JSON, but a mark's clock and kept versions still count: whether a field is looked at must
    // not depend on the order of merging), and any other name a clock or version is kept under.
    let all: Vec<String> = names.into_iter().map(String::from).collect();
    let mut keys: Vec<&String> = all
        .iter()
        .chain(fw.keys())
        .chain(fl.keys())
        .chain(mw.clocks.keys())
        .chain(ml.clocks.keys())
        .chain(mw.others.keys())
        .chain(ml.others.keys())
        .collect();
    sort::sort(&mut keys);
    keys.dedup();
    for k in keys {
        let (cw, cl) = (
            clock_of(mw, k).unwrap_or(&none),
            clock_of(ml, k).unwrap_or(&none),
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
            sort::by(&mut heads, |x, y| {
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
            sort::by(&mut heads, |x, y| {
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
    (out, clocks, others)
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
