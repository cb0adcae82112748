//! The families list's own columns for every family, kept beside the folders (one stored value,
//! [`INDEX_KEY`]) so that after a reload the first page is drawn before any family's folder has
//! been read. It is a copy, never the record: made again from the workspace once every folder is
//! read, and whatever it says then gives way to the folders. An index that cannot be read is no
//! index (the app reads every folder first, as it did without one).

use crate::domain::base::id::Id;
use crate::domain::caseload::outcome;
use crate::domain::workspace::Workspace;
use chrono::{Datelike, NaiveDate};
use serde_json::Value;

/// Where the index is stored (beside the folders; not a folder: the loader passes it by).
pub const INDEX_KEY: &str = "waymark.index";

/// The version of the index's text; another is no index.
const VERSION: u32 = 1;

/// One family as the families list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: Id,
    pub reference: String,
    pub opened: NaiveDate,
    pub closed: Option<NaiveDate>,
    pub worker: String,
    /// The next review (open families only).
    pub review: Option<NaiveDate>,
}

/// Every family still on the caseload (open or closed; not deleted), by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    pub rows: Vec<Row>,
}

/// A row is stored as a short array, not an object, its dates as days since the common era's
/// first (2,000 families make a value of about 150 KB, read at every start). Read through
/// `serde_json::Value`, which the app already has (a derived reader for this shape alone cost the
/// worker's build 5 KB).
fn date(v: &Value) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(v.as_i64()?).ok()?)
}

/// An optional date: `null` for none; `None` if it is neither.
fn maybe_date(v: &Value) -> Option<Option<NaiveDate>> {
    match v {
        Value::Null => Some(None),
        v => date(v).map(Some),
    }
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn row(v: &Value) -> Option<Row> {
    match v.as_array()?.as_slice() {
        [id, reference, opened, closed, worker, review] => Some(Row {
            id: Id::parse(id.as_str()?)?,
            reference: text(reference)?,
            opened: date(opened)?,
            closed: maybe_date(closed)?,
            worker: text(worker)?,
            review: maybe_date(review)?,
        }),
        _ => None,
    }
}

impl Index {
    /// The index of what the workspace holds: each family from its own folder (its latest
    /// wheel reading found among its own readings, not the whole service's).
    pub fn of(ws: &Workspace) -> Index {
        let rows = ws
            .folders()
            .flat_map(|(_, folder)| {
                folder
                    .families
                    .values()
                    .filter(|f| !f.meta.deleted)
                    .map(|f| {
                        let latest = folder
                            .wheel_readings
                            .values()
                            .filter(|r| !r.meta.deleted && r.family == f.meta.id)
                            .map(|r| r.date)
                            .max();
                        Row {
                            id: f.meta.id.clone(),
                            reference: f.reference.clone(),
                            opened: f.opened,
                            closed: f.closed.as_ref().map(|c| c.date),
                            worker: f.worker.clone(),
                            review: outcome::next_review_after(ws, f, latest),
                        }
                    })
            })
            .collect();
        Index { rows }
    }

    /// How many families are open, and how many closed.
    pub fn counts(&self) -> (usize, usize) {
        let open = self.rows.iter().filter(|r| r.closed.is_none()).count();
        (open, self.rows.len() - open)
    }

    /// The text stored (written by hand: the same JSON as `serde_json` would write, without
    /// its writer of values, which the worker's build otherwise lacks).
    pub fn to_text(&self) -> String {
        let mut out = String::from("{\"families\":[");
        let string = |out: &mut String, s: &str| {
            out.push_str(&serde_json::to_string(s).unwrap_or_default());
            out.push(',');
        };
        let date = |out: &mut String, d: Option<NaiveDate>| match d {
            Some(d) => out.push_str(&d.num_days_from_ce().to_string()),
            None => out.push_str("null"),
        };
        for (i, r) in self.rows.iter().enumerate() {
            out.push_str(if i == 0 { "[" } else { ",[" });
            string(&mut out, r.id.as_str());
            string(&mut out, &r.reference);
            date(&mut out, Some(r.opened));
            out.push(',');
            date(&mut out, r.closed);
            out.push(',');
            string(&mut out, &r.worker);
            date(&mut out, r.review);
            out.push(']');
        }
        out.push_str(&format!("],\"index\":{VERSION}}}"));
        out
    }

    /// The index a stored text holds; `None` if it is not one this version reads.
    pub fn read(text: &str) -> Option<Index> {
        let v: Value = serde_json::from_str(text).ok()?;
        if v.get("index")?.as_u64()? != u64::from(VERSION) {
            return None;
        }
        let rows = v
            .get("families")?
            .as_array()?
            .iter()
            .map(row)
            .collect::<Option<Vec<Row>>>()?;
        Some(Index { rows })
    }
}
