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

mod common;
use common::*;
use waymark::domain::base::problem::ProblemKind;
use waymark::domain::help::{dial, ServiceLine, MAX_SERVICE_LINES};
use waymark::domain::model::Workspace;
use waymark::domain::workspace::action::{apply, Action, ActionError};

fn line(name: &str, number: &str) -> ServiceLine {
    ServiceLine {
        name: name.into(),
        number: number.into(),
        what: String::new(),
    }
}

#[test]
fn a_number_is_dialled_as_its_digits_and_anything_else_is_not_a_number() {
    assert_eq!(dial("0121 303 1888").as_deref(), Some("01213031888"));
    assert_eq!(dial(" (0121) 303-1888 ").as_deref(), Some("01213031888"));
    assert_eq!(dial("+44 121 303 1888").as_deref(), Some("+441213031888"));
    assert_eq!(dial("999").as_deref(), Some("999"));
    for bad in [
        "",
        "12",
        "call the office",
        "0121 303 1888 ext 4",
        "0121+303",
        "1234567890123456",
    ] {
        assert_eq!(dial(bad), None, "{bad:?}");
    }
}

/// A worker sets the service's own lines (issue 30): kept in the settings, empty rows left
/// out, a number that cannot be dialled refused by its field with nothing changed.
#[test]
fn a_service_sets_its_own_lines() {
    let mut ws = Workspace::default();
    apply(
        &mut ws,
        Action::SetHelpLines(vec![line(" Front door ", "0121 303 1888"), line("", " ")]),
        &ctx(1),
    )
    .unwrap();
    let s = ws.settings().unwrap();
    assert_eq!(s.help_lines, vec![line("Front door", "0121 303 1888")]);
    assert_eq!(s.review_weeks, 12, "the other settings as they were");

    let refused = apply(
        &mut ws,
        Action::SetHelpLines(vec![line("Front door", "the office")]),
        &ctx(2),
    );
    match refused {
        Err(ActionError::Invalid(p)) => {
            assert_eq!(p.len(), 1);
            assert_eq!(p[0].path, "help_lines[0].number");
            assert_eq!(p[0].kind, ProblemKind::NotAPhoneNumber);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        ws.settings().unwrap().help_lines.len(),
        1,
        "nothing changed"
    );

    let too_many = vec![line("A", "101"); MAX_SERVICE_LINES + 1];
    assert!(apply(&mut ws, Action::SetHelpLines(too_many), &ctx(3)).is_err());
    apply(&mut ws, Action::SetHelpLines(Vec::new()), &ctx(4)).unwrap();
    assert!(ws.settings().unwrap().help_lines.is_empty());
}

/// Lines set, undone (settings go back to none: a deletion mark), then set again: they show.
#[test]
fn lines_set_again_after_an_undo_are_there() {
    let mut ws = Workspace::default();
    let applied = apply(
        &mut ws,
        Action::SetHelpLines(vec![line("Front door", "0121 303 1888")]),
        &ctx(1),
    )
    .unwrap();
    apply(&mut ws, applied.undo.unwrap(), &ctx(2)).unwrap();
    let live = |ws: &Workspace| {
        ws.settings()
            .filter(|s| !s.meta.deleted)
            .map(|s| s.help_lines.clone())
            .unwrap_or_default()
    };
    assert!(live(&ws).is_empty(), "undone");
    apply(
        &mut ws,
        Action::SetHelpLines(vec![line("Front door", "0121 303 1888")]),
        &ctx(3),
    )
    .unwrap();
    assert_eq!(live(&ws), vec![line("Front door", "0121 303 1888")]);
}

/// The panel index.html shows before the app has arrived, when a family chooses the lowest stage
/// of a safety area on its wheel (scripts/first-visit.js): the app's lines for it, in its order,
/// each dialling the app's number.
#[test]
fn the_first_visit_help_panel_in_index_html_has_the_apps_lines() {
    use waymark::domain::help::Reason;
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap();
    let start = html
        .find(r#"id="s-help""#)
        .expect("index.html has the help panel");
    let panel = &html[start..start + html[start..].find("</section>").unwrap()];
    let calls: Vec<(&str, &str)> = panel
        .split(r#"<a class="help-call" href="tel:"#)
        .skip(1)
        .map(|a| {
            let dial = &a[..a.find('"').unwrap()];
            let shown = a
                .split(r#"<span class="help-number" dir="ltr">"#)
                .nth(1)
                .unwrap();
            (dial, &shown[..shown.find('<').unwrap()])
        })
        .collect();
    let want: Vec<(&str, &str)> = Reason::NotSafe
        .lines()
        .iter()
        .map(|l| {
            let h = LINES.iter().find(|h| h.line == *l).unwrap();
            (h.dial, h.shown)
        })
        .collect();
    assert_eq!(calls, want);
    for l in Reason::NotSafe.lines() {
        let key = format!("Help{l:?}");
        assert!(
            panel.contains(&format!(r#"data-msg="{key}""#)),
            "{l:?} is named by the app's words ({key})"
        );
    }
}
