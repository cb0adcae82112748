//! The team server's address and the URLs built from it.
//!
//! A worker types the database's address on the app's own origin: `./db/team-a` or `db/team-a`
//! (relative to the app's page) or `/waymark/db/team-a` (an absolute path). The reverse proxy
//! maps the folder (`<app>/db/`) to CouchDB's root, so signing in is that folder's `_session`.
//! Every URL here is a relative or absolute path the browser resolves against the page: never
//! another origin.

use std::fmt::Write;

/// Why an address cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressProblem {
    /// Nothing was typed.
    Empty,
    /// A scheme (`https:`), a host (`//host`) or a port: another origin, which the app may not
    /// reach. Only a path on the app's own site is accepted.
    OtherOrigin,
    /// Not a plain path of at least a folder and a name (`./db/team-a`): a query, a fragment,
    /// `..`, an empty folder, a percent sign, a space, or a character a folder may not have.
    BadPath,
    /// The database's name breaks CouchDB's rule: a lowercase letter, then lowercase letters,
    /// digits and `_ $ ( ) + -` (Waymark refuses `/` too), at most 238 characters.
    BadName,
}

/// A team's database on the app's own origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remote {
    /// The folder mapped to CouchDB's root, ending in `/`: `./db/` or `/waymark/db/`.
    folder: String,
    /// The database's name: `team-a`.
    name: String,
}

/// CouchDB's longest database name.
const MAX_NAME: usize = 238;

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes every byte of `s` but the unreserved ones (`A-Z a-z 0-9 - . _ ~`), for a
/// path segment or a query value: `1-g1AA` stays, `["1-a"]` is `%5B%221-a%22%5D`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if is_unreserved(b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn good_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_NAME
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"_$()+-".contains(&c))
}

impl Remote {
    /// Reads a typed address (trimmed; one trailing `/` is fine). Never panics.
    pub fn parse(address: &str) -> Result<Remote, AddressProblem> {
        let a = address.trim();
        if a.is_empty() {
            return Err(AddressProblem::Empty);
        }
        // Browsers read `\` as `/` in web addresses: `/\host` is `//host`.
        let slashed = a.replace('\\', "/");
        let first = slashed.split('/').next().unwrap_or("");
        if slashed.starts_with("//") || first.contains(':') {
            return Err(AddressProblem::OtherOrigin);
        }
        let a = a.strip_suffix('/').unwrap_or(a);
        let (absolute, rest) = match a.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, a.strip_prefix("./").unwrap_or(a)),
        };
        let (folders, name) = rest.rsplit_once('/').ok_or(AddressProblem::BadPath)?;
        let good_folder =
            |f: &str| !f.is_empty() && f != "." && f != ".." && f.bytes().all(is_unreserved);
        if !folders.split('/').all(good_folder) {
            return Err(AddressProblem::BadPath);
        }
        if !good_name(name) {
            // A query, a fragment, a percent sign or a space is a bad path, not a bad name.
            let path_like = name.bytes().any(|b| b"?#%".contains(&b) || b <= b' ');
            return Err(if path_like || name.is_empty() {
                AddressProblem::BadPath
            } else {
                AddressProblem::BadName
            });
        }
        Ok(Remote {
            folder: format!("{}{folders}/", if absolute { "/" } else { "./" }),
            name: name.to_string(),
        })
    }

    /// The address in one form (`./db/team-a`, `/waymark/db/team-a`): what to keep and show.
    pub fn address(&self) -> String {
        format!("{}{}", self.folder, self.name)
    }

    /// The database's name (`team-a`).
    pub fn db_name(&self) -> &str {
        &self.name
    }

    /// `POST` to sign in, `GET` to ask who is signed in, `DELETE` to sign out.
    pub fn session_url(&self) -> String {
        format!("{}_session", self.folder)
    }

    /// The database: `GET` for its info.
    pub fn db_url(&self) -> String {
        format!("{}{}", self.folder, encode(&self.name))
    }

    /// The changes after `since` (`"0"` for everything), at most `limit` rows (at least 1),
    /// each with its winning document and that document's `_conflicts`. With `longpoll`, the
    /// server waits up to that many milliseconds for a change before answering.
    ///
    /// pouchdb-server 4.2 ignores `timeout`: it answers only when a change comes, so the browser
    /// must give up on its own (abort the request) a little after `longpoll`'s time.
    pub fn changes_url(&self, since: &str, limit: u32, longpoll: Option<u32>) -> String {
        let mut url = format!(
            "{}/_changes?style=all_docs&include_docs=true&conflicts=true&since={}&limit={}",
            self.db_url(),
            encode(since),
            limit.max(1)
        );
        if let Some(ms) = longpoll {
            let _ = write!(url, "&feed=longpoll&timeout={ms}");
        }
        url
    }

    /// `POST` [`super::doc::bulk_docs_body`] here to write several documents at once.
    pub fn bulk_docs_url(&self) -> String {
        format!("{}/_bulk_docs", self.db_url())
    }

    /// One document, at its latest revision or at `rev`.
    pub fn doc_url(&self, id: &str, rev: Option<&str>) -> String {
        let mut url = format!("{}/{}", self.db_url(), encode(id));
        if let Some(r) = rev {
            let _ = write!(url, "?rev={}", encode(r));
        }
        url
    }

    /// Given revisions of one document in one request (`GET …/id?open_revs=["1-a","2-b"]`,
    /// sent with `Accept: application/json`): an array of `{"ok": doc}` or `{"missing": rev}`,
    /// read with [`super::reply::read_revs`]. Both CouchDB 3 and pouchdb-server 4.2 answer it so;
    /// without that `Accept`, CouchDB answers `multipart/mixed` instead.
    pub fn revs_url(&self, id: &str, revs: &[String]) -> String {
        let list = serde_json::to_string(revs).unwrap_or_default();
        format!("{}?open_revs={}", self.doc_url(id, None), encode(&list))
    }
}
