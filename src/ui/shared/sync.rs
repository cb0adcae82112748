//! Working as a team (issue 20): this device's families synced with the team's CouchDB database,
//! on the app's own origin. What the requests say and what answers mean is `domain::sync` (pure,
//! tested natively); this runs it: it pushes what changed here (a queue kept on the device, so a
//! reload or a stopped server loses nothing), pulls the team's changes from a checkpoint, waits
//! for more with a long poll, merges everything with the domain's own merge (field by field), and
//! says how it stands in plain words. Nothing is sent anywhere until a team is joined.

use crate::domain::base::Millis;
use crate::domain::file::export::{Envelope, Scope};
use crate::domain::file::shards::{self, ShardKey};
use crate::domain::sync::{self as proto, Remote};
use crate::domain::workspace::{merge, Records, Workspace};
use crate::storage::{self, remote};
use crate::ui::shared::store::{self, now, Store};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Where this device keeps its team, checkpoint and queue (never a password).
pub const TEAM_KEY: &str = "waymark.team";
/// Families sent in one request.
const PUSH_BATCH: usize = 50;
/// Changes asked for in one request.
const PULL_BATCH: u32 = 200;
/// How long the server may hold a long poll open (ms); proxies commonly allow 60 s.
const LONGPOLL_MS: u32 = 25_000;

/// What stops syncing, in the words the page uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// No answer: offline, or the server stopped. Tried again by itself.
    Offline,
    /// The sign-in ended: the person signs in again.
    SignedOut,
    NoAccess,
    NotFound,
    /// The server answered with an error. Tried again by itself.
    Server,
    /// This device could not store what came in. Tried again by itself.
    Storage,
}

/// How syncing stands, for the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Status {
    /// The team's database name and the user, once joined.
    pub joined: Option<(String, String)>,
    pub busy: bool,
    pub last: Option<Millis>,
    pub waiting: usize,
    pub trouble: Option<Trouble>,
    /// A first pull: records brought in so far, of about how many.
    pub progress: Option<(u64, u64)>,
    /// Changes the server refused (ids), and records from it that could not be read.
    pub refused: Vec<String>,
    pub bad: Vec<String>,
}

/// Why joining failed.
#[derive(Clone, Debug, PartialEq)]
pub enum JoinError {
    Address(proto::AddressProblem),
    WrongPassword,
    Trouble(Trouble),
}

/// The team sync, shared through context.
#[derive(Clone, Copy)]
pub struct Team {
    pub status: RwSignal<Status>,
    store: Store,
    /// Counts joins and leaves: a loop from before stops.
    run: StoredValue<u32>,
    pushing: StoredValue<bool>,
    push_again: StoredValue<bool>,
    /// Families sent in one request (fewer after the server said a request was too large).
    batch: StoredValue<usize>,
    /// Conflicting revisions merged here, to be removed from the server with the next push.
    losers: StoredValue<Vec<(String, String)>>,
}

fn load() -> Option<proto::SyncState> {
    storage::get(TEAM_KEY)
        .ok()
        .flatten()
        .and_then(|t| proto::SyncState::read(&t))
}

/// Changes the stored state (read afresh, so that tabs do not undo each other's changes).
fn change(f: impl FnOnce(&mut proto::SyncState)) -> Option<proto::SyncState> {
    let mut s = load()?;
    f(&mut s);
    storage::set(TEAM_KEY, &s.to_text()).ok()?;
    Some(s)
}

/// The records of each document named (by id), from one pass over the workspace.
fn parts_of<'a>(
    ws: &Workspace,
    ids: impl Iterator<Item = &'a str>,
) -> std::collections::HashMap<&'a str, Arc<Records>> {
    // A folder is shared, not copied: each costs one family.
    ids.filter_map(|id| Some((id, shards::part(ws, &ShardKey::parse(id)?))))
        .collect()
}

/// The number before the dash of a CouchDB revision ("3-abc" is 3).
fn rev_number(rev: &str) -> u64 {
    rev.split('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |done, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&done, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

fn trouble(r: &proto::Reply) -> Trouble {
    match r {
        proto::Reply::SignedOut => Trouble::SignedOut,
        proto::Reply::NoAccess => Trouble::NoAccess,
        proto::Reply::NotFound => Trouble::NotFound,
        _ => Trouble::Server,
    }
}

/// While joining, an address that answers but not as a team's database (a web page, "not
/// found" from a server that is no CouchDB) has no team there: the person checks the address,
/// rather than waiting for a server that will never answer otherwise.
fn joining_trouble(r: &proto::Reply) -> Trouble {
    match r {
        proto::Reply::NotCouch(_) | proto::Reply::BadBody => Trouble::NotFound,
        r => trouble(r),
    }
}

async fn call(method: &str, url: &str, body: Option<&str>) -> Result<(u16, String), Trouble> {
    remote::request(method, url, body, None)
        .await
        .ok_or(Trouble::Offline)
}

thread_local! {
    /// The long poll under way, to call off when syncing starts again or stops.
    static POLL: std::cell::RefCell<Option<web_sys::AbortController>> =
        const { std::cell::RefCell::new(None) };
}

fn stop_polling() {
    if let Some(c) = POLL.with(|p| p.borrow_mut().take()) {
        c.abort();
    }
}

/// A long poll: the answer, `Ok(None)` if it was called off or ran out of time (some servers
/// hold it open until something changes, whatever the timeout asked), or `Err` if unanswered.
async fn poll(url: &str) -> Result<Option<(u16, String)>, Trouble> {
    stop_polling();
    let Some(c) = remote::stopper() else {
        return Ok(None);
    };
    let signal = c.signal();
    POLL.with(|p| *p.borrow_mut() = Some(c.clone()));
    let timer = {
        let c = c.clone();
        wasm_bindgen::closure::Closure::once_into_js(move || c.abort())
    };
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
            timer.unchecked_ref(),
            LONGPOLL_MS as i32 + 5_000,
        );
    }
    let r = remote::request("GET", url, None, Some(&signal)).await;
    match r {
        Some(x) => Ok(Some(x)),
        None if signal.aborted() => Ok(None),
        None => Err(Trouble::Offline),
    }
}

/// Signs in (a cookie session). `Err(None)`: wrong user name or password.
async fn sign_in(remote: &Remote, user: &str, password: &str) -> Result<(), Option<Trouble>> {
    let body = proto::session_body(user, password);
    let (status, text) = call("POST", &remote.session_url(), Some(&body))
        .await
        .map_err(Some)?;
    match proto::read_session(status, &text) {
        Ok(_) => Ok(()),
        Err(proto::Reply::SignedOut) => Err(None),
        Err(r) => Err(Some(joining_trouble(&r))),
    }
}

impl Team {
    /// Starts syncing if this device has joined a team, and sends every change stored here.
    pub fn start(store: Store) -> Team {
        let team = Team {
            status: RwSignal::new(Status::default()),
            store,
            run: StoredValue::new(0),
            pushing: StoredValue::new(false),
            push_again: StoredValue::new(false),
            batch: StoredValue::new(PUSH_BATCH),
            losers: StoredValue::new(Vec::new()),
        };
        store::on_saved(move |keys| team.queued(keys));
        if let Some(s) = load() {
            team.show(&s);
            team.go();
        }
        // Back online: try again at once.
        let online = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            if team
                .status
                .with_untracked(|s| s.trouble == Some(Trouble::Offline))
            {
                team.go();
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        }
        online.forget();
        team
    }

    fn show(&self, s: &proto::SyncState) {
        let name = Remote::parse(&s.address)
            .map(|r| r.db_name().to_string())
            .unwrap_or_default();
        self.status.update(|st| {
            st.joined = Some((name, s.user.clone()));
            st.last = s.last_synced;
            st.waiting = s.queue.len();
        });
    }

    /// Joins a team: checks the address, signs in, checks the database, then sends every
    /// family here and brings in the team's.
    pub async fn join(&self, address: &str, user: &str, password: &str) -> Result<(), JoinError> {
        let remote = Remote::parse(address).map_err(JoinError::Address)?;
        sign_in(&remote, user.trim(), password)
            .await
            .map_err(|e| e.map_or(JoinError::WrongPassword, JoinError::Trouble))?;
        let (status, text) = call("GET", &remote.db_url(), None)
            .await
            .map_err(JoinError::Trouble)?;
        if status == 401 {
            // Signed in a moment ago: the server says so for a database the user is not a
            // member of (pouchdb-server; CouchDB says 403).
            return Err(JoinError::Trouble(Trouble::NoAccess));
        }
        if status != 200 {
            return Err(JoinError::Trouble(joining_trouble(&proto::classify(
                status, &text,
            ))));
        }
        let total = proto::read_db_info(&text).map(|i| i.doc_count).unwrap_or(0);
        let queue: BTreeSet<String> = self.store.ws.with_untracked(|ws| {
            let mut q: BTreeSet<String> = ws
                .families()
                .keys()
                .map(|id| ShardKey::Family(id.clone()).key())
                .collect();
            if ws.shared_part().record_count() > 0 {
                q.insert(ShardKey::Settings.key());
            }
            q
        });
        let mut state = proto::SyncState::new(&remote, user.trim());
        state.queue = queue;
        storage::set(TEAM_KEY, &state.to_text())
            .map_err(|_| JoinError::Trouble(Trouble::Storage))?;
        self.status.set(Status::default());
        self.show(&state);
        self.status.update(|s| s.progress = Some((0, total)));
        self.go();
        Ok(())
    }

    /// Signs in again after the session ended, and carries on.
    pub async fn sign_in_again(&self, password: &str) -> Result<(), JoinError> {
        let s = load().ok_or(JoinError::Trouble(Trouble::NotFound))?;
        let remote = Remote::parse(&s.address).map_err(JoinError::Address)?;
        sign_in(&remote, &s.user, password)
            .await
            .map_err(|e| e.map_or(JoinError::WrongPassword, JoinError::Trouble))?;
        self.status.update(|st| st.trouble = None);
        self.go();
        Ok(())
    }

    /// Stops working as a team on this device: the families stay; the sign-in is ended.
    pub fn leave(&self) {
        stop_polling();
        let s = load();
        let _ = storage::remove(TEAM_KEY);
        self.run.update_value(|n| *n += 1);
        self.status.set(Status::default());
        if let Some(r) = s.and_then(|s| Remote::parse(&s.address).ok()) {
            leptos::task::spawn_local(async move {
                let _ = remote::request("DELETE", &r.session_url(), None, None).await;
            });
        }
    }

    /// Syncs now (again): a new loop, the old one stops.
    pub fn go(&self) {
        stop_polling();
        self.run.update_value(|n| *n += 1);
        let run = self.run.get_value();
        let team = *self;
        leptos::task::spawn_local(async move { team.run(run).await });
    }

    fn current(&self, run: u32) -> bool {
        self.run.get_value() == run
    }

    async fn run(self, run: u32) {
        let mut wait = 5_000;
        while self.current(run) {
            // Left, or everything on this device erased: nothing more to do.
            if load().is_none() {
                self.status.set(Status::default());
                return;
            }
            if self.store.locked.get_untracked() {
                sleep(2_000).await;
                continue;
            }
            // Not before every family's folder is read (a moment after a start drawn from the
            // families list's index).
            if !self.store.ready.get_untracked() {
                sleep(100).await;
                continue;
            }
            self.status.update(|s| s.busy = true);
            let mut result = self.push().await;
            if result.is_ok() {
                // Until caught up, then one long poll (which answers at once when anything
                // changes on the server).
                loop {
                    match self.pull(run, false).await {
                        Ok(true) => continue,
                        Ok(false) => break,
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    }
                }
            }
            if !self.current(run) {
                return;
            }
            self.status.update(|s| s.busy = false);
            match result {
                Ok(()) => {
                    wait = 5_000;
                    self.status.update(|s| {
                        s.trouble = None;
                        s.progress = None;
                    });
                    if let Err(e) = self.pull(run, true).await {
                        if self.current(run) {
                            self.status.update(|s| s.trouble = Some(e));
                            sleep(wait).await;
                        }
                    }
                }
                Err(Trouble::SignedOut | Trouble::NoAccess | Trouble::NotFound) => {
                    let e = result.unwrap_err();
                    self.status.update(|s| s.trouble = Some(e));
                    return;
                }
                Err(e) => {
                    if !self.store.locked.get_untracked() {
                        self.status.update(|s| s.trouble = Some(e));
                    }
                    sleep(wait).await;
                    wait = (wait * 2).min(60_000);
                }
            }
        }
    }

    /// A change stored here: queued to be sent, and sent soon.
    fn queued(&self, keys: &[ShardKey]) {
        let Some(s) = change(|s| s.queue.extend(keys.iter().map(ShardKey::key))) else {
            return;
        };
        self.status.update(|st| st.waiting = s.queue.len());
        // Not before every folder is read (a change saved on a family's page opened ahead of
        // the others): a folder not yet in memory would look emptied. The loop sends it after.
        if !self.store.ready.get_untracked() {
            return;
        }
        let team = *self;
        leptos::task::spawn_local(async move {
            if let Err(e) = team.push().await {
                if e != Trouble::Offline || team.status.with_untracked(|s| s.trouble.is_some()) {
                    team.status.update(|s| s.trouble = Some(e));
                }
            }
        });
    }

    /// Sends what is queued (one push at a time; a change meanwhile sends again after).
    async fn push(&self) -> Result<(), Trouble> {
        if !self.store.ready.get_untracked() {
            return Ok(());
        }
        if self.pushing.get_value() {
            self.push_again.set_value(true);
            return Ok(());
        }
        self.pushing.set_value(true);
        let mut result = Ok(());
        for _ in 0..20 {
            self.push_again.set_value(false);
            match self.push_once().await {
                Ok(true) => continue,
                Ok(false) if self.push_again.get_value() => continue,
                Ok(false) => break,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.pushing.set_value(false);
        self.refresh();
        result
    }

    /// The count of changes waiting, as stored (other tabs' changes included).
    fn refresh(&self) {
        let waiting = load().map_or(0, |s| s.queue.len());
        if self.status.with_untracked(|s| s.waiting != waiting) {
            self.status.update(|s| s.waiting = waiting);
        }
    }

    /// One request's worth. `Ok(true)`: more to send.
    async fn push_once(&self) -> Result<bool, Trouble> {
        let Some(s) = load() else { return Ok(false) };
        if self.store.locked.get_untracked() {
            return Ok(false);
        }
        let remote = Remote::parse(&s.address).map_err(|_| Trouble::NotFound)?;
        let losers = self.losers.get_value();
        if s.queue.is_empty() && losers.is_empty() {
            self.status.update(|st| st.waiting = 0);
            return Ok(false);
        }
        let at = now();
        let mut docs: Vec<String> = Vec::new();
        let mut sent: Vec<(String, Arc<Records>)> = Vec::new();
        let mut empty: Vec<String> = Vec::new();
        self.store.ws.with_untracked(|ws| {
            let batch: Vec<&String> = s.queue.iter().take(self.batch.get_value()).collect();
            let mut parts = parts_of(ws, batch.iter().map(|s| s.as_str()));
            for id in batch {
                let Some(key) = ShardKey::parse(id) else {
                    empty.push(id.clone());
                    continue;
                };
                let part = parts.remove(id.as_str()).unwrap_or_default();
                // Never a document emptied (records taken out by an undone import): the
                // server's copy stays as it is.
                if part.record_count() == 0 {
                    empty.push(id.clone());
                    continue;
                }
                let text = Envelope::new(Records::clone(&part), Scope::Shard, at).to_json();
                match proto::to_doc(&key, &text, s.revs.get(id).map(String::as_str)) {
                    Some(doc) => {
                        docs.push(doc);
                        sent.push((id.clone(), part));
                    }
                    None => empty.push(id.clone()),
                }
            }
        });
        for (id, rev) in &losers {
            docs.push(proto::deletion_doc(id, rev));
        }
        if !empty.is_empty() {
            change(|s| s.queue.retain(|q| !empty.contains(q)));
        }
        if docs.is_empty() {
            return Ok(false);
        }
        let (status, text) = call(
            "POST",
            &remote.bulk_docs_url(),
            Some(&proto::bulk_docs_body(&docs)),
        )
        .await?;
        if status == 413 {
            // Too big for the server in one request: fewer at a time, and one that is too big
            // on its own is named as refused (it stays on this device).
            let size = self.batch.get_value();
            if size > 1 {
                self.batch.set_value((size / 2).max(1));
                return Ok(true);
            }
            let id = sent.first().map(|(i, _)| i.clone()).unwrap_or_default();
            change(|s| {
                s.queue.remove(&id);
            });
            self.status.update(|st| st.refused.push(id));
            return Ok(true);
        }
        if status != 201 && status != 200 {
            return Err(trouble(&proto::classify(status, &text)));
        }
        let saved = proto::read_bulk_docs(&text).map_err(|r| trouble(&r))?;
        let mut conflicts: Vec<String> = Vec::new();
        let mut refused: Vec<String> = Vec::new();
        let mut done: Vec<(String, String)> = Vec::new();
        let mut losers_gone: Vec<(String, String)> = Vec::new();
        for r in saved {
            match r.outcome {
                proto::Outcome::Ok { rev } => {
                    if losers.iter().any(|(i, _)| *i == r.id)
                        && !sent.iter().any(|(i, _)| *i == r.id)
                    {
                        losers_gone.push((r.id, rev));
                    } else {
                        done.push((r.id, rev));
                    }
                }
                proto::Outcome::Conflict => conflicts.push(r.id),
                proto::Outcome::Forbidden { .. } | proto::Outcome::Other { .. } => {
                    refused.push(r.id)
                }
            }
        }
        // Sent: the server's revision noted, and off the queue unless changed again meanwhile.
        let unchanged: Vec<bool> = self.store.ws.with_untracked(|ws| {
            let mut now_parts = parts_of(ws, done.iter().map(|(id, _)| id.as_str()));
            done.iter()
                .map(|(id, _)| {
                    let part = now_parts.remove(id.as_str());
                    sent.iter().any(|(i, p)| {
                        i == id && part.as_ref().is_some_and(|x| Arc::ptr_eq(p, x) || p == x)
                    })
                })
                .collect()
        });
        let after = change(|s| {
            for ((id, rev), same) in done.iter().zip(&unchanged) {
                s.revs.insert(id.clone(), rev.clone());
                if *same {
                    s.queue.remove(id);
                }
            }
        });
        if !losers.is_empty() {
            // Every losing revision went in this request (or will again with the next).
            self.losers.update_value(|l| {
                l.retain(|(i, _)| {
                    !done.iter().any(|(d, _)| d == i) && !losers_gone.iter().any(|(d, _)| d == i)
                })
            });
        }
        // A refusal may only mean the sign-in ended (some servers refuse each document rather
        // than the request): then nothing is refused, and the person is asked to sign in.
        if !refused.is_empty() {
            if let Ok((200, text)) = call("GET", &remote.session_url(), None).await {
                if proto::read_session(200, &text).is_err() {
                    return Err(Trouble::SignedOut);
                }
            }
            change(|s| {
                for id in &refused {
                    s.queue.remove(id);
                }
            });
            self.status.update(|st| {
                for id in &refused {
                    if !st.refused.contains(id) {
                        st.refused.push(id.clone());
                    }
                }
            });
        }
        // Someone else changed these first: theirs is brought in and merged, and ours sent
        // again on top of it.
        for id in conflicts {
            self.fetch_and_merge(&remote, &id).await?;
        }
        if let Some(s) = after {
            self.status.update(|st| {
                st.waiting = s.queue.len();
                st.last = Some(now());
            });
            change(|s| s.last_synced = Some(now()));
            return Ok(!s.queue.is_empty());
        }
        Ok(false)
    }

    /// Brings in a document's current version (after a conflict) and notes its revision.
    async fn fetch_and_merge(&self, remote: &Remote, id: &str) -> Result<(), Trouble> {
        let (status, text) = call("GET", &remote.doc_url(id, None), None).await?;
        if status == 404 {
            // Removed on the server by someone else: ours is written again as a new document.
            change(|s| {
                s.revs.remove(id);
            });
            return Ok(());
        }
        if status != 200 {
            return Err(trouble(&proto::classify(status, &text)));
        }
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|_| Trouble::Server)?;
        match proto::read_doc(&value, now()) {
            Ok(doc) => {
                self.store
                    .merge_in(&doc.records)
                    .await
                    .map_err(|_| Trouble::Storage)?;
                change(|s| {
                    s.revs.insert(id.to_string(), doc.rev.clone());
                });
            }
            Err(p) => self.bad(p.id),
        }
        Ok(())
    }

    fn bad(&self, id: String) {
        self.status.update(|st| {
            if !st.bad.contains(&id) {
                st.bad.push(id);
            }
        });
    }

    /// Brings in the team's changes since the checkpoint. `Ok(true)`: there may be more.
    async fn pull(&self, run: u32, longpoll: bool) -> Result<bool, Trouble> {
        let Some(s) = load() else { return Ok(false) };
        let remote = Remote::parse(&s.address).map_err(|_| Trouble::NotFound)?;
        let first = s.since == "0";
        let url = remote.changes_url(&s.since, PULL_BATCH, longpoll.then_some(LONGPOLL_MS));
        let (status, text) = if longpoll {
            match poll(&url).await? {
                Some(x) => x,
                None => return Ok(false),
            }
        } else {
            call("GET", &url, None).await?
        };
        if !self.current(run) || self.store.locked.get_untracked() {
            return Ok(false);
        }
        if status != 200 {
            return Err(trouble(&proto::classify(status, &text)));
        }
        let changes = proto::read_changes(&text).map_err(|r| trouble(&r))?;
        let count = changes.results.len() as u64;
        let mut incoming = Records::default();
        let mut pulled: Vec<(String, String, ShardKey, Records)> = Vec::new();
        let mut conflicts: Vec<(String, Vec<String>)> = Vec::new();
        for c in changes.results {
            if c.unreadable {
                // Named and left out; every other change comes in.
                self.bad(proto::name_of(&c.id, None));
                continue;
            }
            let Some(doc) = c.doc else { continue };
            // Our own push coming back: known by its revision, before anything in it is read.
            if proto::is_echo(&doc, s.revs.get(&c.id).map(String::as_str)) {
                continue;
            }
            match proto::read_doc(&doc, now()) {
                Ok(d) => {
                    // Our own push coming back: nothing new.
                    if s.revs.get(&c.id) == Some(&d.rev) && d.conflicts.is_empty() {
                        continue;
                    }
                    merge::merge_flat(&mut incoming, &d.records);
                    if !d.conflicts.is_empty() {
                        conflicts.push((c.id.clone(), d.conflicts.clone()));
                    }
                    pulled.push((c.id, d.rev, d.key, d.records));
                }
                Err(p) if p.is_not_ours() => {}
                Err(p) => self.bad(proto::name_of(&p.id, Some(&doc))),
            }
        }
        // Versions in conflict on the server: every one merged here, the losers removed there.
        let mut losers: Vec<(String, String)> = Vec::new();
        for (id, revs) in &conflicts {
            for rev in revs {
                let (status, text) = call("GET", &remote.doc_url(id, Some(rev)), None).await?;
                if status != 200 {
                    continue;
                }
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
                    match proto::read_doc(&v, now()) {
                        Ok(d) => {
                            merge::merge_flat(&mut incoming, &d.records);
                            losers.push((id.clone(), rev.clone()));
                        }
                        Err(p) => self.bad(p.id),
                    }
                }
            }
        }
        if incoming.record_count() > 0 {
            self.store
                .merge_in(&incoming)
                .await
                .map_err(|_| Trouble::Storage)?;
        }
        if !self.current(run) {
            return Ok(false);
        }
        // Where this device holds more than the server's version, ours is sent back.
        let ahead: Vec<String> = self.store.ws.with_untracked(|ws| {
            let mut parts = parts_of(ws, pulled.iter().map(|(id, ..)| id.as_str()));
            pulled
                .iter()
                .filter(|(id, _, _, records)| {
                    conflicts.iter().any(|(c, _)| c == id)
                        || parts.remove(id.as_str()).as_deref() != Some(records)
                })
                .map(|(id, ..)| id.clone())
                .collect()
        });
        if !losers.is_empty() {
            self.losers.update_value(|l| {
                for x in losers {
                    if !l.contains(&x) {
                        l.push(x);
                    }
                }
            });
        }
        let after = change(|s| {
            for (id, rev, ..) in &pulled {
                let newer = s
                    .revs
                    .get(id)
                    .is_none_or(|r| rev_number(rev) >= rev_number(r));
                if newer {
                    s.revs.insert(id.clone(), rev.clone());
                }
            }
            s.queue.extend(ahead.iter().cloned());
            s.since = changes.last_seq.clone();
            s.last_synced = Some(now());
        });
        if let Some(s) = after {
            self.status.update(|st| {
                st.last = s.last_synced;
                st.waiting = s.queue.len();
                if first || st.progress.is_some() {
                    let (done, total) = st.progress.unwrap_or((0, 0));
                    st.progress = Some(proto::progress(done + count, total, changes.pending));
                }
            });
            if !ahead.is_empty() || !self.losers.with_value(Vec::is_empty) {
                self.push().await?;
            }
        }
        self.refresh();
        Ok(!longpoll && count >= u64::from(PULL_BATCH))
    }
}

/// The team sync from context (`None` in the family's build or before the app provides it).
pub fn use_team() -> Option<Team> {
    use_context::<Team>()
}

use wasm_bindgen::JsCast;
