//! The workspace: a folder per family and a shared part ([`folders`]), every kind of record (one
//! list of kinds, [`kinds`]), the one way to change it ([`action`]), merging by record id, the
//! rules records keep with each other, the settings, and the catalogue of wheels and frameworks
//! it knows.

pub mod action;
pub mod catalogue;
pub mod fields;
pub mod folders;
pub mod kinds;
pub mod merge;
pub mod model;
pub mod records;
pub mod settings;
#[cfg(feature = "staff")]
pub mod standing;
pub mod validate;

pub use action::{apply, Action, ActionError, Applied, Ctx, Effect};
pub use catalogue::Catalogue;
pub use folders::{ChangeSet, Folder, Lookup, Place, View, Workspace};
pub use kinds::{Class, Records, Stored, KIND_NAMES};
pub use model::{ReadingCounts, EXPORT_REMINDER_DAYS};
pub use settings::{OutcomeRules, Settings, DEFAULT_REVIEW_WEEKS, SETTINGS_ID};
