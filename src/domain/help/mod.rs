//! Help when it matters: the free lines a family in England is given when someone is not safe,
//! as data (the interface words each line in the family's language and dials its number). Where
//! each number comes from, and when it was last checked against the organisation's own page, is
//! in `docs/help-lines.md`; `tests/help.rs` holds the two together. A service adds its own
//! lines (its front door, the local children's services number) in its settings.

use crate::domain::base::problem::{Checker, ProblemKind};
use serde::{Deserialize, Serialize};

/// A line a family can call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// 999: someone is in danger now.
    Emergency,
    /// 101: the police, when it is not an emergency.
    Police,
    /// The National Domestic Abuse Helpline.
    DomesticAbuse,
    /// Childline, for children and young people.
    Childline,
    /// The NSPCC helpline, for adults worried about a child.
    Nspcc,
    /// Family Lives, for parents.
    FamilyLives,
    /// Samaritans, for anyone struggling.
    Samaritans,
}

/// A line and its number: as written for people (`shown`) and as dialled (`dial`, for a
/// `tel:` link).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HelpLine {
    pub line: Line,
    pub shown: &'static str,
    pub dial: &'static str,
}

/// Every line, the most urgent first.
pub const LINES: [HelpLine; 7] = [
    HelpLine {
        line: Line::Emergency,
        shown: "999",
        dial: "999",
    },
    HelpLine {
        line: Line::DomesticAbuse,
        shown: "0808 2000 247",
        dial: "08082000247",
    },
    HelpLine {
        line: Line::Childline,
        shown: "0800 1111",
        dial: "08001111",
    },
    HelpLine {
        line: Line::Nspcc,
        shown: "0808 800 5000",
        dial: "08088005000",
    },
    HelpLine {
        line: Line::FamilyLives,
        shown: "0808 800 2222",
        dial: "08088002222",
    },
    HelpLine {
        line: Line::Samaritans,
        shown: "116 123",
        dial: "116123",
    },
    HelpLine {
        line: Line::Police,
        shown: "101",
        dial: "101",
    },
];

/// What a family or child said that shows help at once, beside the answer (never instead of it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The lowest stage of a wheel's safety area.
    NotSafe,
    /// A child chose the saddest face.
    SaddestFace,
    /// A child wrote a worry in the three houses.
    Worry,
    /// The lowest answers (0 or 1) to a question about safety.
    LowOnSafety,
}

impl Reason {
    /// The lines shown at once for what was said, in order: a child's own line first for a
    /// child; the emergency, domestic abuse and child protection lines when someone is not safe.
    pub fn lines(self) -> &'static [Line] {
        match self {
            Reason::NotSafe | Reason::LowOnSafety => {
                &[Line::Emergency, Line::DomesticAbuse, Line::Nspcc]
            }
            Reason::SaddestFace | Reason::Worry => &[Line::Childline, Line::Emergency],
        }
    }
}

/// A line a service adds for its families (its front door, the local children's services
/// number): shown after 999 wherever the lines are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceLine {
    /// Who answers ("Children's services front door").
    pub name: String,
    /// As written for people ("0121 303 1888").
    pub number: String,
    /// What it is for, in a few words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub what: String,
}

/// At most this many lines of a service's own.
pub const MAX_SERVICE_LINES: usize = 3;

impl ServiceLine {
    /// The number as dialled (digits, and a leading +), if it is a phone number.
    pub fn dial(&self) -> Option<String> {
        dial(&self.number)
    }
}

/// `number` as dialled (digits, and a leading +): `None` unless it holds only digits, spaces,
/// brackets, dashes and dots (a + only first), with 3 to 15 digits.
pub fn dial(number: &str) -> Option<String> {
    let n = number.trim();
    let ok = n
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " ()-.".contains(c) || (c == '+' && i == 0));
    let digits: String = n.chars().filter(char::is_ascii_digit).collect();
    (ok && (3..=15).contains(&digits.len())).then(|| {
        if n.starts_with('+') {
            format!("+{digits}")
        } else {
            digits
        }
    })
}

pub fn check_service_lines(lines: &[ServiceLine], c: &mut Checker) {
    c.at_most("help_lines", lines.len(), MAX_SERVICE_LINES);
    for (i, l) in lines.iter().enumerate() {
        let mut c = c.nested(&format!("help_lines[{i}]"));
        c.text("name", &l.name, 60, true);
        c.text("number", &l.number, 30, true);
        if !l.number.trim().is_empty() && l.dial().is_none() {
            c.push("number", ProblemKind::NotAPhoneNumber);
        }
        c.text("what", &l.what, 120, false);
    }
}
