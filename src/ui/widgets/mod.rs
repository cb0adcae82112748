//! Views used by more than one page: form fields, read aloud, the language chooser, loading a
//! service's file, a wheel's results, a question's history, a child's timeline and a family at
//! a glance, the lock. Widgets import the shared layer only, never a page.

pub mod errors;
pub mod field;
pub mod glance;
pub mod history;
pub mod language;
pub mod load_file;
pub mod lock;
pub mod read_aloud;
#[cfg(feature = "staff")]
pub mod team;
pub mod timeline;
#[cfg(feature = "staff")]
pub mod versions;
pub mod wheel_results;
