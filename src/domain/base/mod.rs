//! The bottom layer: what every other part of the domain stands on. Ids, points in time and
//! dates, text in several languages, problems and the checker that collects them, reading JSON
//! safely, and the bookkeeping every record carries. It imports nothing else of the domain.

pub mod date;
pub mod id;
pub mod json;
pub mod meta;
pub mod problem;
pub mod record;
pub mod sort;
pub mod text;
pub mod time;

pub use id::Id;
pub use json::{from_json, JsonError, ReadError};
pub use meta::{Clock, Meta, Version};
pub use problem::{Checker, Problem, ProblemKind};
pub use record::{Record, Respondent};
pub use text::Text;
pub use time::Millis;
