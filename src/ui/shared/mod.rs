//! The bottom of the interface: the app's state and the one way to change it ([`store`]), how
//! Waymark is used on this device ([`mode`]), the language ([`lang`]), and helpers for words,
//! numbers, dates, markup and the page. Nothing here imports a widget or a page.

pub mod dom;
pub mod drafts;
pub mod first;
pub mod format;
pub mod lang;
pub mod markup;
pub mod mode;
pub mod store;
#[cfg(feature = "staff")]
pub mod sync;
pub mod words;
