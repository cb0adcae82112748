//! The built-in library of scaling questions (our own words), and faces for children.

use crate::domain::base::json::from_json;
use crate::domain::base::{Id, Text};
use serde::{Deserialize, Serialize};

/// Answers run from 0 to this.
pub use crate::domain::chart::line::MAX_VALUE;

/// A question from the built-in library.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryQuestion {
    pub id: Id,
    pub version: u32,
    pub question: Text,
    /// What 0 means.
    pub low: Text,
    /// What 10 means.
    pub high: Text,
    /// The question in words a child would use.
    pub child: Text,
    /// A question about safety: its lowest answers show where to get help at once.
    #[serde(default)]
    pub safety: bool,
    /// About the family's goal: not asked while the family has none.
    #[serde(default)]
    pub about_goal: bool,
}

/// The built-in library.
pub fn library() -> Vec<LibraryQuestion> {
    from_json(include_str!("builtin/questions.json")).unwrap_or_default()
}

/// The ids of the built-in questions, read once (checking a file asks for them once per answer).
pub fn library_ids() -> &'static [Id] {
    static IDS: std::sync::OnceLock<Vec<Id>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| library().into_iter().map(|q| q.id).collect())
}

/// Faces for children: five faces, from saddest (1) to happiest (5), placed on the 0 to 10
/// scale at 0, 3, 5, 7 and 10. The mapping's name is stored with every face answer, so a face
/// is never mistaken for a number the child chose, and a later mapping can be told apart.
pub const FACES_V1: &str = "faces-v1";
const FACE_VALUES_V1: [u8; 5] = [0, 3, 5, 7, 10];

/// The 0 to 10 value of a face (1 to 5) under a mapping; `None` for an unknown mapping or face.
pub fn face_value(face: u8, mapping: &str) -> Option<u8> {
    (mapping == FACES_V1)
        .then(|| {
            FACE_VALUES_V1
                .get(usize::from(face).checked_sub(1)?)
                .copied()
        })
        .flatten()
}
