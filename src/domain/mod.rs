//! Waymark's domain: pure Rust, no browser. Everything here is tested natively with `cargo test`.
//! It returns typed values and enums, never sentences, so the UI can word and translate them.

pub mod action;
pub mod csv;
pub mod date;
pub mod export;
pub mod id;
pub mod merge;
pub mod milestone;
pub mod model;
pub mod outcome;
pub mod report;
pub mod sample;
pub mod scale;
pub mod shards;
pub mod time;
pub mod validate;
pub mod wheel;
