//! Every kind of record, the workspace and its settings, in one place: what code that handles
//! many kinds at once (the caseload report, files, tests, the UI) imports.

pub use super::folders::{Folder, Workspace};
pub use super::kinds::{Records, Stored};
pub use super::settings::{OutcomeRules, Settings, DEFAULT_REVIEW_WEEKS, SETTINGS_ID};
pub use crate::domain::base::{Meta, Record, Respondent};
pub use crate::domain::case::{
    Closure, ClosureReason, Consent, ConsentItem, Episode, EpisodeView, Family, Goal, GoalReview,
    GoalSource, GoalStatus, Member, MemberRole, Step,
};
pub use crate::domain::milestone::{
    CustomFramework, MilestoneAnswer, MilestoneCheck, Override, Referral,
};
pub use crate::domain::scale::{FaceAnswer, FamilyQuestion, ScaleAnswer, ThreeHouses};
pub use crate::domain::wheel::{AreaScore, CustomWheel, WheelReading};
