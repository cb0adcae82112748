//! Waymark's data as files and stored values: the file format with its checks and migrations,
//! the storage layout, the built-in content keyed for translators, and a made-up sample.

pub mod content;
pub mod export;
pub mod locked;
pub mod sample;
pub mod shards;
pub mod vault;
