//! Evidence a council claims on (the worker's build): the outcome plan a council works to (the
//! national headlines, its own descriptors, what counts as evidence, how long an outcome must
//! last, the claim rule), a family's needs with their outcomes and sustainment checks, and the
//! claims made for them. What state a need and a family are in is computed here from plain
//! inputs, so that an action, the claims list and the report all use one rule
//! (`docs/outcomes.md`, "Claims").

pub mod headline;
pub mod need;
pub mod plan;
pub mod state;

pub use headline::Headline;
pub use need::{check_claim, check_need, Check, Claim, EvidenceKind, Met, Need, NeedSource};
pub use plan::{
    builtin_plan, check_plan, in_force, read_plan, AreaLink, ClaimRule, CustomPlan, Descriptor,
    OutcomePlan, PlanHeadline, PLAN_FORMAT,
};
pub use state::{family_state, need_state, Facts, FamilyClaim, Missing, NeedState, State};
