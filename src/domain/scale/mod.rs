//! Scaling questions: the built-in library (our own words), family-defined questions, answers
//! by family, worker and child (faces for children), a child's three houses, change over time
//! and the gap between family and worker. Owns these records and their rules; the line chart
//! is drawn by [`crate::domain::chart`].

pub mod answer;
pub mod history;
pub mod library;

pub use answer::{
    check_family_question, check_scale_answer, check_three_houses, FaceAnswer, FamilyQuestion,
    ScaleAnswer, ThreeHouses,
};
pub use history::{
    answers, asked_for, face_needs_help, family_worker_gap, history, latest_by, to_ask, Asked, Line,
};
pub use library::{face_value, library, library_ids, LibraryQuestion, FACES_V1, MAX_VALUE};
