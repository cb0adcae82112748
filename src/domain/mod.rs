//! Waymark's domain: pure Rust, no browser. Everything here is tested natively with `cargo test`.
//! It returns typed values and enums, never sentences, so the UI can word and translate them.
//!
//! Layers, each importing only from layers below it (`tests/architecture.rs` enforces this):
//!
//! | rank | layer | what |
//! |---|---|---|
//! | 0 | [`base`] | ids, time and dates, text, problems and the checker, reading JSON, the record meta |
//! | 1 | [`chart`], [`help`] | SVG helpers, the radar's and the line chart's geometry; the help lines a family is shown |
//! | 2 | [`case`], [`claim`], [`wheel`], [`milestone`], [`scale`] | each owns its records and their rules; none imports another |
//! | 3 | [`workspace`] | the one list of record kinds, the workspace, actions, merging, validation of the whole, the catalogue |
//! | 4 | [`caseload`], [`file`] | outcomes, the report and CSV; the file format, storage layout, built-in content, a sample |
//! | 5 | [`sync`] | working as a team: the CouchDB protocol (requests, answers, documents, the device's checkpoint and queue) |

pub mod base;
pub mod chart;
pub mod help;

pub mod case;
pub mod claim;
pub mod milestone;
pub mod scale;
pub mod wheel;

pub mod workspace;

pub mod caseload;
pub mod file;
pub mod sync;

/// Every record type and the workspace, for code that handles many kinds at once.
pub use workspace::records as model;
