//! The Incremental Change Model: a child's progress at each contact point from birth to school
//! entry. The framework (stages with age windows, areas, milestone statements, readiness
//! checklists) is data in our own words; this module reads it and holds the rules: age and
//! corrected age, the suggested stage, the judgement per area, checks due or overdue, readiness,
//! and the caseload figures. Owns the milestone records. The rules are written down in
//! docs/milestones.md.

pub mod age;
pub mod check;
pub mod framework;
pub mod progress;

pub use age::{
    age_for_checks, age_on, born_at_weeks, weeks_early, Age, BORN_AT_WEEKS,
    CORRECT_FROM_WEEKS_EARLY, CORRECT_UNTIL_MONTHS, FULL_TERM_WEEKS,
};
pub use check::{
    check_milestone_check, judge, judge_check, Judgement, MilestoneAnswer, MilestoneCheck,
    Override, Referral,
};
pub use framework::{
    builtin, builtin_id, check_framework, read_framework, CustomFramework, Framework, Group, MArea,
    Milestone, Stage, Statement,
};
pub use progress::{
    caseload, check_status, readiness, stage_for_age, timeline_stages, CaseloadFigures,
    CheckStatus, Readiness, READY_PERCENT, SCHOOL_STAGE,
};
