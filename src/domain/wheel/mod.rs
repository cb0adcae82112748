//! Outcome wheels: templates (data, in our own words, or a service's own), readings, distance
//! travelled, reviews, and a reading in progress. Owns the wheel records and their rules. The
//! radar itself is drawn by [`crate::domain::chart`]; the UI words and draws these values.

pub mod distance;
pub mod draft;
pub mod reading;
pub mod review;
pub mod template;

pub use distance::{distance, in_order, scores_in_order, AreaChange, Distance};
pub use draft::{AreaDraft, FirstGo, FirstVisit, WheelDraft};
pub use reading::{check_wheel_reading, AreaScore, WheelReading, MAX_PRIORITIES};
pub use review::{review_due, review_state, ReviewState};
pub use template::{
    builtin, builtin_ids, check_template, read_template, stage_of, stage_scores, Area, CustomWheel,
    WheelTemplate, MAX_SCORE, MIN_SCORE, STAGES,
};
