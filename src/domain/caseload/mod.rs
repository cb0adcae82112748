//! What a caseload reports: each family's outcome by the written rule, the report for a period,
//! and its CSV files. Reads the workspace; changes nothing.

#[cfg(feature = "staff")]
pub mod claims;
pub mod csv;
pub mod index;
pub mod outcome;
pub mod report;
