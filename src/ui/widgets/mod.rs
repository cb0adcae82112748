//! Views used by more than one page: form fields, read aloud, the language chooser, loading a
//! service's file, a wheel's results, a question's history, a child's timeline and a family at
//! a glance, the lock. Widgets import the shared layer only, never a page.

#[cfg(feature = "staff")]
pub mod claims;
pub mod errors;
pub mod field;
#[cfg(feature = "staff")]
pub mod glance;
pub mod help;
pub mod history;
pub mod language;
pub mod load_file;
pub mod lock;
pub mod read_aloud;
pub mod saved;
#[cfg(feature = "staff")]
pub mod team;
pub mod timeline;
#[cfg(feature = "staff")]
pub mod versions;
pub mod wheel_results;

use crate::i18n::{t, Msg};

/// Where what is entered goes, for the home and "Your data": `default` on a device that works
/// alone; what is shared, and with whom, on one that works as a team.
pub fn privacy(default: Msg) -> impl Fn() -> String {
    move || {
        #[cfg(feature = "staff")]
        if let Some(w) = team::sharing_words() {
            return w;
        }
        t(default).into()
    }
}
