//! What CouchDB's answers mean. [`classify`] says what a failure's status means; each reader
//! takes a success's body text (the caller has checked the status: 200, or 201 for
//! `_bulk_docs`) and gives a typed value, or [`Reply::BadBody`]. [`read_session`] alone takes the
//! status too, since a signed-out answer is part of what it tells. None panics, whatever the body.
//!
//! Sequences (`since`, `seq`, `last_seq`, `update_seq`) are kept as text: CouchDB 3's are opaque
//! strings (`"12-g1AAAA…"`), pouchdb-server's are numbers, kept as their decimal text
//! (`"12"`). Either goes back as `since` as it is.

use serde_json::{json, Value};

/// What an answer that is not the one hoped for means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// 401: not signed in (or the session ran out), or a wrong name or password when signing
    /// in. pouchdb-server 4.2 also answers 401 to a signed-in user who is not a member of the
    /// database, where CouchDB 3 answers 403: ask `GET _session` to tell them apart.
    SignedOut,
    /// 403: signed in, but not allowed into this database.
    NoAccess,
    /// 404 from CouchDB: the database (or the document) does not exist.
    NotFound,
    /// 409: someone else changed the document first.
    Conflict,
    /// 413: the request or a document is bigger than the server takes.
    TooLarge,
    /// 5xx: the server (or the proxy before it) failed, or could not reach CouchDB.
    Server(u16),
    /// A 4xx other than the ones above without CouchDB's JSON error body: the address reaches
    /// some other web server (the app's own host answering 404 or 405), not CouchDB.
    NotCouch(u16),
    /// Any other status.
    Unexpected(u16),
    /// A success whose body is not the JSON expected.
    BadBody,
}

fn parse(body: &str) -> Result<Value, Reply> {
    serde_json::from_str(body).map_err(|_| Reply::BadBody)
}

/// What an answer that is not the one hoped for means. A success (2xx) handed here is
/// [`Reply::BadBody`]: its body could not be used.
pub fn classify(status: u16, body: &str) -> Reply {
    let from_couch = || {
        serde_json::from_str::<Value>(body)
            .ok()
            .is_some_and(|v| v.get("error").is_some_and(Value::is_string))
    };
    match status {
        200..=299 => Reply::BadBody,
        401 => Reply::SignedOut,
        403 => Reply::NoAccess,
        409 => Reply::Conflict,
        413 => Reply::TooLarge,
        500..=599 => Reply::Server(status),
        400..=499 if !from_couch() => Reply::NotCouch(status),
        404 => Reply::NotFound,
        _ => Reply::Unexpected(status),
    }
}

/// A sequence as our text: a string as it is, a number as its decimal text, anything else
/// (CouchDB 1.x's arrays) as its JSON text. `None` for null or nothing.
fn seq(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Who is signed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionInfo {
    pub name: String,
    pub roles: Vec<String>,
}

/// The body to `POST` to `_session` to sign in (the password goes only here, never kept).
pub fn session_body(name: &str, password: &str) -> String {
    json!({ "name": name, "password": password }).to_string()
}

/// Reads the answer to signing in (`POST _session`: `{"ok":true,"name":…,"roles":[…]}`) or to
/// asking who is signed in (`GET _session`: `{"ok":true,"userCtx":{"name":…,"roles":[…]}}`).
/// Nobody signed in (`"name":null`) is `Err(Reply::SignedOut)`.
pub fn read_session(status: u16, body: &str) -> Result<SessionInfo, Reply> {
    if !(200..300).contains(&status) {
        return Err(classify(status, body));
    }
    let v = parse(body)?;
    let ctx = v.get("userCtx").unwrap_or(&v);
    match ctx.get("name") {
        Some(Value::String(name)) => Ok(SessionInfo {
            name: name.clone(),
            roles: strings(ctx.get("roles")),
        }),
        Some(Value::Null) => Err(Reply::SignedOut),
        _ => Err(Reply::BadBody),
    }
}

/// What `GET db_url()` tells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbInfo {
    /// Documents not deleted (design documents included).
    pub doc_count: u64,
    /// The database's latest sequence, as text.
    pub update_seq: String,
}

pub fn read_db_info(body: &str) -> Result<DbInfo, Reply> {
    let v = parse(body)?;
    Ok(DbInfo {
        doc_count: v
            .get("doc_count")
            .and_then(Value::as_u64)
            .ok_or(Reply::BadBody)?,
        update_seq: seq(v.get("update_seq")).ok_or(Reply::BadBody)?,
    })
}

/// One row of the changes feed: a document's latest change.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub id: String,
    /// This row's sequence (empty if the server left it out).
    pub seq: String,
    /// The winning revision is a deletion.
    pub deleted: bool,
    /// The winning revision, unread (see [`super::doc::read_doc`]): one bad document never
    /// spoils the feed.
    pub doc: Option<Value>,
}

/// A batch of the changes feed.
#[derive(Clone, Debug, PartialEq)]
pub struct Changes {
    pub results: Vec<Change>,
    /// Where the next batch starts (`since`).
    pub last_seq: String,
    /// Changes left after this batch: CouchDB 3 says, pouchdb-server 4.2 does not.
    pub pending: Option<u64>,
}

/// Reads a batch of `_changes` (normal or longpoll). The feed is parsed whole: a body nested
/// deeper than JSON reading allows (128 levels, far beyond any Waymark document) is
/// [`Reply::BadBody`].
pub fn read_changes(body: &str) -> Result<Changes, Reply> {
    let mut v = parse(body)?;
    let last_seq = seq(v.get("last_seq")).ok_or(Reply::BadBody)?;
    let pending = v.get("pending").and_then(Value::as_u64);
    let Some(Value::Array(rows)) = v.get_mut("results").map(Value::take) else {
        return Err(Reply::BadBody);
    };
    let mut results = Vec::with_capacity(rows.len());
    for row in rows {
        let Value::Object(mut row) = row else {
            return Err(Reply::BadBody);
        };
        let Some(Value::String(id)) = row.remove("id") else {
            return Err(Reply::BadBody);
        };
        results.push(Change {
            id,
            seq: seq(row.get("seq")).unwrap_or_default(),
            deleted: row.get("deleted") == Some(&Value::Bool(true)),
            doc: row.remove("doc").filter(|d| !d.is_null()),
        });
    }
    Ok(Changes {
        results,
        last_seq,
        pending,
    })
}

/// Reads the answer to [`super::remote::Remote::revs_url`]: the revisions found, each an unread
/// document (revisions no longer there are left out).
pub fn read_revs(body: &str) -> Result<Vec<Value>, Reply> {
    let Value::Array(items) = parse(body)? else {
        return Err(Reply::BadBody);
    };
    Ok(items
        .into_iter()
        .filter_map(|item| match item {
            Value::Object(mut m) => m.remove("ok").filter(Value::is_object),
            _ => None,
        })
        .collect())
}

/// What became of one document sent to `_bulk_docs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Written: its new revision.
    Ok { rev: String },
    /// Someone else changed it first (or it exists and no revision was given).
    Conflict,
    /// The database's rules (a design document's `validate_doc_update`) refused it, with the
    /// server's reason as it gave it.
    Forbidden { reason: String },
    /// Any other error, by CouchDB's name for it.
    Other { error: String },
}

/// One document's result from `_bulk_docs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub id: String,
    pub outcome: Outcome,
}

/// Reads `_bulk_docs`'s answer: one result per document sent, in the order sent.
pub fn read_bulk_docs(body: &str) -> Result<Vec<Saved>, Reply> {
    let Value::Array(items) = parse(body)? else {
        return Err(Reply::BadBody);
    };
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    items
        .iter()
        .map(|item| {
            let id = text(item, "id").ok_or(Reply::BadBody)?;
            let outcome = match (text(item, "error"), text(item, "rev")) {
                (None, Some(rev)) => Outcome::Ok { rev },
                (Some(e), _) if e == "conflict" => Outcome::Conflict,
                (Some(e), _) if e == "forbidden" || e == "unauthorized" => Outcome::Forbidden {
                    reason: text(item, "reason").unwrap_or_default(),
                },
                (Some(error), _) => Outcome::Other { error },
                (None, None) => return Err(Reply::BadBody),
            };
            Ok(Saved { id, outcome })
        })
        .collect()
}
