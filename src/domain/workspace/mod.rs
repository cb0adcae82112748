//! The workspace: every record of every kind (one list of kinds, [`kinds`]), the one way to
//! change it ([`action`]), merging by record id, the rules records keep with each other, the
//! settings, and the catalogue of wheels and frameworks it knows.

pub mod action;
pub mod catalogue;
pub mod fields;
pub mod kinds;
pub mod merge;
pub mod model;
pub mod records;
pub mod settings;
pub mod validate;

pub use action::{apply, Action, ActionError, Applied, Ctx, Effect};
pub use catalogue::Catalogue;
pub use kinds::{Class, Stored, Workspace, KIND_NAMES};
pub use model::{ReadingCounts, EXPORT_REMINDER_DAYS};
pub use settings::{OutcomeRules, Settings, DEFAULT_REVIEW_WEEKS, SETTINGS_ID};
