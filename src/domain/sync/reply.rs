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
    /// The row's document could not be read at all (not JSON, or nested deeper than JSON
    /// reading allows): named and left out, every other change read.
    pub unreadable: bool,
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

/// Reads a batch of `_changes` (normal or longpoll). Each row is read on its own: a document
/// nested deeper than JSON reading allows, or not JSON at all, makes its own row
/// [`Change::unreadable`] (named by its id) and no other, so one bad document in a team's
/// database never stops every device's sync.
pub fn read_changes(body: &str) -> Result<Changes, Reply> {
    let top = object_members(body).ok_or(Reply::BadBody)?;
    let member = |k: &str| top.iter().find(|(n, _)| n == k).map(|(_, v)| *v);
    let shallow = |raw: &str| serde_json::from_str::<Value>(raw).ok();
    let last_seq = seq(member("last_seq").and_then(shallow).as_ref()).ok_or(Reply::BadBody)?;
    let pending = member("pending").and_then(shallow).and_then(|v| v.as_u64());
    let rows = array_items(member("results").ok_or(Reply::BadBody)?).ok_or(Reply::BadBody)?;
    let mut results = Vec::with_capacity(rows.len());
    for row in rows {
        let fields = object_members(row).ok_or(Reply::BadBody)?;
        let field = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| *v);
        let Some(Value::String(id)) = field("id").and_then(shallow) else {
            return Err(Reply::BadBody);
        };
        let (doc, unreadable) = match field("doc") {
            None => (None, false),
            Some(raw) => match serde_json::from_str::<Value>(raw) {
                Ok(Value::Null) => (None, false),
                Ok(d) => (Some(d), false),
                Err(_) => (None, true),
            },
        };
        results.push(Change {
            id,
            seq: seq(field("seq").and_then(shallow).as_ref()).unwrap_or_default(),
            deleted: field("deleted").and_then(shallow) == Some(Value::Bool(true)),
            doc,
            unreadable,
        });
    }
    Ok(Changes {
        results,
        last_seq,
        pending,
    })
}

/// The end (exclusive) of the JSON value starting at byte `i` of `s`, found without reading it
/// and without recursion (however deep it is nested). `None` if it does not end.
fn value_end(s: &[u8], mut i: usize) -> Option<usize> {
    let mut depth: usize = 0;
    let mut in_str = false;
    let start = i;
    while i < s.len() {
        let c = s[i];
        if in_str {
            match c {
                b'\\' => i += 1,
                b'"' => {
                    in_str = false;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    if depth == 0 {
                        // The end of the object or array a number or word was in.
                        return (i > start).then_some(i);
                    }
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                b',' | b':' if depth == 0 => return Some(i),
                c if depth == 0 && c.is_ascii_whitespace() && i > start => return Some(i),
                _ => {}
            }
        }
        i += 1;
    }
    (depth == 0 && !in_str && i > start).then_some(i)
}

fn skip_ws(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && s[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The members of a JSON object, each value as its text (unread).
fn object_members(text: &str) -> Option<Vec<(String, &str)>> {
    let s = text.as_bytes();
    let mut i = skip_ws(s, 0);
    if s.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_ws(s, i + 1);
    let mut out = Vec::new();
    if s.get(i) == Some(&b'}') {
        return Some(out);
    }
    loop {
        let k_end = value_end(s, i)?;
        let key: String = serde_json::from_str(text.get(i..k_end)?).ok()?;
        i = skip_ws(s, k_end);
        if s.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(s, i + 1);
        let v_end = value_end(s, i)?;
        out.push((key, text.get(i..v_end)?));
        i = skip_ws(s, v_end);
        match s.get(i) {
            Some(b',') => i = skip_ws(s, i + 1),
            Some(b'}') => return Some(out),
            _ => return None,
        }
    }
}

/// The items of a JSON array, each as its text (unread).
fn array_items(text: &str) -> Option<Vec<&str>> {
    let s = text.as_bytes();
    let mut i = skip_ws(s, 0);
    if s.get(i) != Some(&b'[') {
        return None;
    }
    i = skip_ws(s, i + 1);
    let mut out = Vec::new();
    if s.get(i) == Some(&b']') {
        return Some(out);
    }
    loop {
        let end = value_end(s, i)?;
        out.push(text.get(i..end)?);
        i = skip_ws(s, end);
        match s.get(i) {
            Some(b',') => i = skip_ws(s, i + 1),
            Some(b']') => return Some(out),
            _ => return None,
        }
    }
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
