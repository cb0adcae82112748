//! Waymark's domain: pure Rust, no browser. Everything here is tested natively with `cargo test`.
//! It returns typed values and enums, never sentences, so the UI can word and translate them.

pub mod action;
pub mod content;
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

/// The family a family's own device is about: the first open family entered, or else the first
/// entered.
pub fn workspace_family(ws: &model::Workspace) -> Option<id::Id> {
    let pick = |open: bool| {
        ws.live_families()
            .filter(|f| !open || f.closed.is_none())
            .min_by_key(|f| (f.meta.created, f.meta.id.clone()))
            .map(|f| f.meta.id.clone())
    };
    pick(true).or_else(|| pick(false))
}
