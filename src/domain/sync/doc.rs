//! One CouchDB document per storage shard: its `_id` is the shard's key (`waymark.family.<id>`,
//! `waymark.settings`), its body the shard's stored envelope (`{"format", "schema_version",
//! "saved_at", "scope", "data"}`) with `_id` and `_rev` added.
//!
//! A pulled document is read as an imported file is, by [`export::read`]: size, JSON, depth,
//! format and version (migrating older ones), every field of every record, and the rules records
//! keep (dates not in the future, links within the document). Then it must hold only its own
//! records: a family's document that family's records (the family itself included), the
//! settings document no family's record.

use crate::domain::base::{Millis, ReadError};
use crate::domain::file::export;
use crate::domain::file::shards::{self, ShardKey};
use crate::domain::workspace::Records;
use serde_json::{json, Value};

/// The largest pulled document read (its body without the underscore fields, as JSON text):
/// CouchDB 3's default `max_document_size`. A family's document is a few kilobytes.
pub const MAX_DOC_BYTES: usize = 8_000_000;

/// A document read from the server.
#[derive(Clone, Debug, PartialEq)]
pub struct PulledDoc {
    pub key: ShardKey,
    /// The revision read: the one to write over next.
    pub rev: String,
    /// Other leaf revisions (`_conflicts`): fetch them, merge, and delete them.
    pub conflicts: Vec<String>,
    /// The document was deleted (by another tool: Waymark never deletes one). Its `records` are
    /// empty, and nothing here is deleted because of it; writing the shard again brings the
    /// document back.
    pub deleted: bool,
    pub records: Records,
}

/// Why a pulled document is skipped. The UI names the document; nothing else is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocProblem {
    /// The document's `_id` (empty if it had none).
    pub id: String,
    pub why: Why,
}

impl DocProblem {
    /// Not one of Waymark's documents: to skip without a word.
    pub fn is_not_ours(&self) -> bool {
        self.why == Why::NotOurs
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// Not one of Waymark's documents (`_design/…`, another app's): skip it quietly.
    NotOurs,
    /// No `_rev`: not a document as CouchDB gives one.
    NoRevision,
    /// Refused as an imported file would be: too large, too deep, not a Waymark envelope, from a
    /// newer version, or records that break the format's rules.
    Unreadable(ReadError),
    /// Records that belong in another document: another family's, or shared ones (wheels,
    /// frameworks, settings) in a family's document, or a family's in the settings document.
    NotItsOwn,
}

/// Reads a document from the changes feed or the server (`GET doc_url(id, rev)`,
/// [`super::reply::read_revs`]), checked against `now` (the device's clock) as an import is.
/// Every top-level field starting with `_` (CouchDB's: `_id`, `_rev`, `_revisions`,
/// `_conflicts`, `_deleted`, `_attachments`, `_local_seq`…) is dropped before reading; what is
/// left may be at most [`MAX_DOC_BYTES`] as JSON text.
pub fn read_doc(doc: &Value, now: Millis) -> Result<PulledDoc, DocProblem> {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let id = text(doc.get("_id")).unwrap_or_default();
    let fail = |why: Why| DocProblem {
        id: id.clone(),
        why,
    };
    let Some(key) = ShardKey::parse(&id) else {
        return Err(fail(Why::NotOurs));
    };
    let Value::Object(all) = doc else {
        return Err(fail(Why::Unreadable(ReadError::NotWaymark)));
    };
    let rev = text(all.get("_rev")).ok_or_else(|| fail(Why::NoRevision))?;
    let conflicts = match all.get("_conflicts") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|r| r.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    if all.get("_deleted") == Some(&Value::Bool(true)) {
        return Ok(PulledDoc {
            key,
            rev,
            conflicts,
            deleted: true,
            records: Records::default(),
        });
    }
    let mut body = all.clone();
    body.retain(|k, _| !k.starts_with('_'));
    let json = Value::Object(body).to_string();
    if json.len() > MAX_DOC_BYTES {
        return Err(fail(Why::Unreadable(ReadError::TooLarge {
            bytes: json.len(),
            max: MAX_DOC_BYTES,
        })));
    }
    let records = export::read(&json, now)
        .map_err(|e| fail(Why::Unreadable(e)))?
        .data;
    // Its own part of what it holds is all it holds.
    if !shards::all_in(&records, &key) {
        return Err(fail(Why::NotItsOwn));
    }
    Ok(PulledDoc {
        key,
        rev,
        conflicts,
        deleted: false,
        records,
    })
}

/// How a document that could not be used is named to a person: its family's reference where
/// the document can be read that far, else its id.
pub fn name_of(id: &str, doc: Option<&Value>) -> String {
    doc.and_then(|d| {
        d.get("data")?
            .get("families")?
            .get(0)?
            .get("reference")?
            .as_str()
    })
    .filter(|r| !r.trim().is_empty())
    .map_or_else(|| id.to_string(), |r| format!("{r} ({id})"))
}

/// True when `doc` is revision `rev` itself, with no conflicts: a device's own push coming
/// back, known before anything in it is read.
pub fn is_echo(doc: &Value, rev: Option<&str>) -> bool {
    rev.is_some()
        && doc.get("_rev").and_then(Value::as_str) == rev
        && doc.get("_conflicts").is_none()
}

/// The document to write for a shard: `stored` (the shard's stored text, as
/// [`shards::shard_text`] makes it) with `_id` and, when the document exists, the `_rev` it
/// replaces. The envelope is kept byte for byte. `None` if `stored` is not a JSON object with
/// fields of its own and none starting with `_` (a damaged value is never sent).
pub fn to_doc(key: &ShardKey, stored: &str, rev: Option<&str>) -> Option<String> {
    match serde_json::from_str::<Value>(stored).ok()? {
        Value::Object(m) if !m.is_empty() && !m.keys().any(|k| k.starts_with('_')) => {}
        _ => return None,
    }
    let rest = stored.trim_start().strip_prefix('{')?;
    let mut head = json!({ "_id": key.key() });
    if let Some(r) = rev {
        head["_rev"] = Value::from(r);
    }
    let head = head.to_string();
    // `{"_id":…,"_rev":…}` without its closing brace, a comma, then the envelope's fields.
    Some(format!("{},{rest}", &head[..head.len() - 1]))
}

/// The document that deletes revision `rev` of `id`: a losing conflict's, once merged.
pub fn deletion_doc(id: &str, rev: &str) -> String {
    json!({ "_id": id, "_rev": rev, "_deleted": true }).to_string()
}

/// The body for `_bulk_docs`: the documents, as they are, in `{"docs":[…]}`.
pub fn bulk_docs_body(docs: &[String]) -> String {
    let mut out = String::with_capacity(docs.iter().map(|d| d.len() + 1).sum::<usize>() + 10);
    out.push_str("{\"docs\":[");
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(d);
    }
    out.push_str("]}");
    out
}
