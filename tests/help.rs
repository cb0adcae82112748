//! The help lines a family is shown (src/domain/help.rs) and where each number comes from
//! (docs/help-lines.md) say the same: a number changed in one and not the other fails here.

use waymark::domain::help::{Line, LINES};

/// The docs' table: (line's words, number as written).
fn documented() -> Vec<(String, String)> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/help-lines.md"))
        .expect("docs/help-lines.md");
    doc.lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| line") && !l.starts_with("|---"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            assert_eq!(cells.len(), 4, "a row of four cells: {l}");
            assert!(
                cells[2].starts_with("https://"),
                "each number has its source: {l}"
            );
            assert!(
                cells[3].starts_with("20"),
                "each number says when it was checked: {l}"
            );
            (cells[0].to_string(), cells[1].to_string())
        })
        .collect()
}

#[test]
fn every_line_in_the_app_is_documented_with_the_same_number_and_no_other() {
    let docs = documented();
    assert_eq!(docs.len(), LINES.len(), "one row per line");
    for line in LINES {
        assert!(
            docs.iter().any(|(_, n)| n == line.shown),
            "{:?} {} is in docs/help-lines.md",
            line.line,
            line.shown
        );
    }
}

#[test]
fn each_number_is_dialled_as_written() {
    for line in LINES {
        let digits: String = line.shown.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(line.dial, digits, "{:?}", line.line);
        assert!(line.shown.chars().all(|c| c.is_ascii_digit() || c == ' '));
    }
}

#[test]
fn an_emergency_comes_first() {
    assert_eq!(LINES[0].line, Line::Emergency);
    assert_eq!(LINES[0].dial, "999");
}
