//! The case: a family, the people in it, and its plan. Owns these records and their rules.

pub mod family;
pub mod member;
pub mod plan;

pub use family::{
    check_family, Closure, ClosureReason, Consent, ConsentItem, Episode, EpisodeView, Family,
    FAMILY_WHEEL,
};
pub use member::{check_member, Member, MemberRole};
pub use plan::{check_goal, Goal, GoalReview, GoalSource, GoalStatus, Step};
