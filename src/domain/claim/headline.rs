//! The ten headline outcomes of the national Supporting Families Outcome Framework (2022). Their
//! national wording is the interface's to show (it is translated); files use the codes.

use serde::{Deserialize, Serialize};

/// A headline outcome: every need a council counts sits under one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Headline {
    /// Getting a good education.
    Education,
    /// Good early years development.
    EarlyYears,
    /// Improved mental and physical health.
    Health,
    /// Promoting recovery and reducing harm from substance use.
    SubstanceUse,
    /// Improved family relationships.
    Relationships,
    /// Children safe from abuse and exploitation.
    ChildrenSafe,
    /// Crime prevention and tackling crime.
    Crime,
    /// Safe from domestic abuse.
    DomesticAbuse,
    /// Secure housing.
    Housing,
    /// Financial stability.
    Finance,
}

impl Headline {
    /// In the national framework's order.
    pub const ALL: [Headline; 10] = [
        Headline::Education,
        Headline::EarlyYears,
        Headline::Health,
        Headline::SubstanceUse,
        Headline::Relationships,
        Headline::ChildrenSafe,
        Headline::Crime,
        Headline::DomesticAbuse,
        Headline::Housing,
        Headline::Finance,
    ];

    /// The code files and CSV columns use (as serde writes it).
    pub fn code(self) -> &'static str {
        match self {
            Headline::Education => "education",
            Headline::EarlyYears => "early_years",
            Headline::Health => "health",
            Headline::SubstanceUse => "substance_use",
            Headline::Relationships => "relationships",
            Headline::ChildrenSafe => "children_safe",
            Headline::Crime => "crime",
            Headline::DomesticAbuse => "domestic_abuse",
            Headline::Housing => "housing",
            Headline::Finance => "finance",
        }
    }
}

/// The headlines among `these`, each once, in the framework's order (without sorting).
pub fn present(these: impl IntoIterator<Item = Headline>) -> Vec<Headline> {
    let mut seen = [false; 10];
    for h in these {
        seen[h as usize] = true;
    }
    Headline::ALL
        .into_iter()
        .filter(|h| seen[*h as usize])
        .collect()
}
