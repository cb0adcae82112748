//! The figures a council reports (issue 18): per family and per child, episodes and
//! re-referrals, closing reasons on either base, this period against another, and the rounding
//! rule. The definitions are in docs/outcomes.md.

#![cfg(not(target_arch = "wasm32"))]

use waymark::domain::base::id::Id;
use waymark::domain::caseload::outcome::Outcome;
use waymark::domain::caseload::report::{
    self, percent, points_change, rereferral_until, Base, Count, Scope,
};
use waymark::domain::file::export;
use waymark::domain::milestone;
use waymark::domain::model::*;
use waymark::domain::wheel;
use waymark::domain::workspace::action::{apply, Action, ActionError, FamilyFields};

mod common;
use common::*;

fn meta(rid: &str) -> Meta {
    Meta::new(id(rid), NOW, id("dev"))
}

fn scope(from: &str, to: &str) -> Scope {
    Scope {
        from: d(from),
        to: d(to),
        worker: None,
        team: None,
    }
}

fn run(ws: &Workspace, s: &Scope) -> report::Report {
    let t = wheel::builtin();
    let tr: Vec<&wheel::WheelTemplate> = t.iter().collect();
    let f = milestone::builtin().unwrap();
    report::report(ws, s, &tr, &[&f], today())
}

fn new_family(fid: &str, opened: &str) -> Family {
    Family {
        meta: meta(fid),
        reference: fid.to_uppercase(),
        full_name: String::new(),
        worker: "Sam".into(),
        team: String::new(),
        opened: d(opened),
        closed: None,
        earlier: Vec::new(),
        notes: String::new(),
        review_weeks: None,
        consent: None,
        wheel: None,
    }
}

fn closure(date: &str, reason: ClosureReason) -> Closure {
    Closure {
        date: d(date),
        reason,
        note: String::new(),
    }
}

fn child(ws: &mut Workspace, mid: &str, fid: &str, born: &str) {
    let m = Member {
        meta: meta(mid),
        family: id(fid),
        role: MemberRole::Child,
        name: "Child".into(),
        born: Some(d(born)),
        due: None,
        weeks_early: None,
    };
    ws.put(m);
}

/// A wheel reading with every one of the first five areas at `score`; about a child if given.
fn reading(ws: &mut Workspace, rid: &str, fid: &str, kid: Option<&str>, date: &str, score: u8) {
    let t = &wheel::builtin()[0];
    let r = WheelReading {
        meta: meta(rid),
        family: id(fid),
        child: kid.map(id),
        template: if kid.is_some() {
            id("child")
        } else {
            t.id.clone()
        },
        template_version: 1,
        date: d(date),
        by: Respondent::Family,
        scores: t.areas[..5]
            .iter()
            .map(|a| AreaScore {
                area: a.id.clone(),
                score,
                other: None,
                note: String::new(),
                step: String::new(),
                priority: false,
            })
            .collect(),
        notes: String::new(),
    };
    ws.put(r);
}

/// A family with `kids` children whose family wheel went from `first` to `latest` (or only
/// `first`, when `latest` is None), opened at the start of the year, optionally closed.
fn cohort_family(
    ws: &mut Workspace,
    n: usize,
    kids: usize,
    scores: (u8, Option<u8>),
    closed: Option<ClosureReason>,
) -> String {
    let fid = format!("fam{n}");
    let mut f = new_family(&fid, "2025-04-01");
    f.closed = closed.map(|r| closure("2026-02-01", r));
    ws.put(f);
    for k in 0..kids {
        child(ws, &format!("kid{n}x{k}"), &fid, "2022-01-01");
    }
    reading(ws, &format!("r{n}a"), &fid, None, "2025-05-01", scores.0);
    if let Some(l) = scores.1 {
        reading(ws, &format!("r{n}b"), &fid, None, "2025-11-01", l);
    }
    fid
}

/// The first quotation of issue 18, as a year's cohort: 1,349 children in 833 / 142 / 98 / 276
/// by outcome; 72 closed after information and advice, 43 escalated.
fn cohort() -> Workspace {
    let mut ws = Workspace::default();
    let mut n = 0;
    let mut add = |ws: &mut Workspace, children: usize, scores, closed: &mut Vec<ClosureReason>| {
        // Families of two children, the first of one when the count is odd.
        let mut left = children;
        while left > 0 {
            let k = if left % 2 == 1 { 1 } else { 2 };
            n += 1;
            let reason = if closed.is_empty() {
                None
            } else {
                Some(closed.remove(0))
            };
            cohort_family(ws, n, k, scores, reason);
            left -= k;
        }
        n
    };
    // 36 families (72 children) closed after advice; 1 family of one child and 21 of two (43)
    // escalated.
    let mut positive = vec![ClosureReason::SteppedUp];
    positive.extend([ClosureReason::InformationAndAdvice; 36]);
    let mut escalated = vec![ClosureReason::SteppedUp; 21];
    // 20 families whose family wheel rose but whose child's own wheel did not: the family is
    // positive (its wheels average +1), the child with readings of their own is "no change",
    // and in 10 of them a second child, with none, follows the family.
    let mut none = Vec::new();
    add(&mut ws, 823, (4, Some(6)), &mut positive);
    add(&mut ws, 122, (5, Some(5)), &mut none);
    add(&mut ws, 98, (6, Some(4)), &mut escalated);
    add(&mut ws, 276, (5, None), &mut none);
    let first = add(&mut ws, 0, (5, None), &mut none) + 1;
    for i in 0..20 {
        let fid = cohort_family(&mut ws, first + i, 0, (4, Some(6)), None);
        child(&mut ws, &format!("own{i}"), &fid, "2021-01-01");
        reading(
            &mut ws,
            &format!("own{i}a"),
            &fid,
            Some(&format!("own{i}")),
            "2025-05-01",
            5,
        );
        reading(
            &mut ws,
            &format!("own{i}b"),
            &fid,
            Some(&format!("own{i}")),
            "2025-11-01",
            5,
        );
        if i < 10 {
            child(&mut ws, &format!("follow{i}"), &fid, "2023-01-01");
        }
    }
    ws
}

#[test]
fn a_years_cohort_reproduces_the_council_paper_per_child() {
    let ws = cohort();
    let r = run(&ws, &scope("2025-04-01", "2026-03-31"));
    let kids = |o: Outcome| r.outcomes.iter().find(|x| x.0 == o).unwrap().1.children;
    assert_eq!(r.active.children, 1349);
    assert_eq!(kids(Outcome::Positive), 833);
    assert_eq!(kids(Outcome::NoChange), 142);
    assert_eq!(kids(Outcome::Deterioration), 98);
    assert_eq!(kids(Outcome::TooEarly), 276);
    let advice = r.closed_for(ClosureReason::InformationAndAdvice).children;
    let escalated = r.closed_for(ClosureReason::SteppedUp).children;
    assert_eq!((advice, escalated), (72, 43));
    // "833 (61%) … 142 (10%) … 98 (7%) … 276 (20%) … 72 (5%) … 43 (3%)": the documented rule
    // (rounded down) gives the paper's percentages, on all children worked with.
    let of_all = |n| percent(n, r.active.children).unwrap();
    assert_eq!(
        [833, 142, 98, 276, 72, 43].map(of_all),
        [61, 10, 7, 20, 5, 3]
    );
    // On the base of closed cases, as Waymark showed before: much bigger shares.
    assert_eq!(r.closed.children, 72 + 43);
    assert_eq!(percent(advice, r.closed.children), Some(62));
    assert_eq!(percent(escalated, r.closed.children), Some(37));
    // Per family the split is different (the mixed families count once each, as positive).
    let fams = |o: Outcome| r.outcomes.iter().find(|x| x.0 == o).unwrap().1.families;
    assert_eq!(fams(Outcome::Positive), 412 + 20);
    assert_eq!(fams(Outcome::NoChange), 61);
    assert_eq!(r.no_children, 0);
    assert_eq!(
        r.outcomes
            .iter()
            .map(|o| o.1.of(Base::Families))
            .sum::<usize>(),
        r.active.families
    );
    // Each family line lists its children and their own outcomes.
    let mixed = r
        .families
        .iter()
        .find(|l| l.children.len() == 2 && l.children.iter().any(|c| c.0 == id("own0")))
        .unwrap();
    assert_eq!(mixed.outcome.outcome, Outcome::Positive);
    assert!(mixed.children.contains(&(id("own0"), Outcome::NoChange)));
    assert!(mixed.children.contains(&(id("follow0"), Outcome::Positive)));
}

#[test]
fn a_child_not_yet_born_is_not_counted_and_a_family_with_no_child_is_said() {
    let mut ws = Workspace::default();
    ws.put(new_family("f1", "2025-04-01"));
    child(&mut ws, "c1", "f1", "2026-06-01");
    let r = run(&ws, &scope("2025-04-01", "2026-03-31"));
    assert_eq!(
        r.active,
        Count {
            families: 1,
            children: 0
        }
    );
    assert_eq!(r.no_children, 1);
    let r = run(&ws, &scope("2026-04-01", "2026-09-30"));
    assert_eq!(
        r.active,
        Count {
            families: 1,
            children: 1
        }
    );
    assert_eq!(r.no_children, 0);
}

/// A family closed on `closed` and opened again on `again` (if given).
fn episode_family(ws: &mut Workspace, fid: &str, closed: &str, again: Option<&str>) {
    let mut f = new_family(fid, "2023-01-01");
    let c = closure(closed, ClosureReason::OutcomesMet);
    match again {
        Some(a) => {
            f.earlier.push(Episode {
                opened: f.opened,
                closed: c,
                worker: "Sam".into(),
            });
            f.opened = d(a);
        }
        None => f.closed = Some(c),
    }
    child(ws, &format!("{fid}k"), fid, "2022-01-01");
    ws.put(f);
}

#[test]
fn re_referrals_within_twelve_months_at_every_boundary() {
    let mut ws = Workspace::default();
    // The period is 2025-04-01 to 2026-03-31: episodes closed from 2024-04-01 to 2025-03-31
    // have had twelve months to come back by its end.
    episode_family(&mut ws, "a", "2024-06-01", Some("2025-05-31")); // 11 months 30 days: back
    episode_family(&mut ws, "b", "2024-06-01", Some("2025-06-01")); // 12 months: back
    episode_family(&mut ws, "c", "2024-06-01", Some("2025-06-02")); // a day later: not
    episode_family(&mut ws, "e", "2024-06-01", Some("2024-06-01")); // the same day: back
    episode_family(&mut ws, "g", "2024-06-01", None); // never came back
    episode_family(&mut ws, "h", "2025-03-31", None); // the window's last day
    episode_family(&mut ws, "i", "2025-04-01", None); // in the period: too soon to tell
    episode_family(&mut ws, "j", "2024-03-31", None); // before the window
    episode_family(&mut ws, "k", "2024-04-01", Some("2025-04-01")); // first day; 12 months
    assert_eq!(rereferral_until(d("2024-06-01")), d("2025-06-01"));
    assert_eq!(rereferral_until(d("2024-02-29")), d("2025-02-28"));
    let r = run(&ws, &scope("2025-04-01", "2026-03-31"));
    assert_eq!(r.rereferral_base.families, 7, "a b c e g h k");
    assert_eq!(r.not_rereferred.families, 3, "c g h");
    assert_eq!(r.rereferral_base.children, 7);
    assert_eq!(percent(3, 7), Some(42));
    // A family that did not agree to be counted is in neither.
    ws.update::<Family>(&id("c"), |r| {
        r.consent = Some(Consent {
            date: d("2023-01-01"),
            agreed: vec![ConsentItem::KeepRecords],
            note: String::new(),
        })
    });
    let r = run(&ws, &scope("2025-04-01", "2026-03-31"));
    assert_eq!(
        (r.rereferral_base.families, r.not_rereferred.families),
        (6, 2)
    );
}

#[test]
fn closed_episodes_with_a_positive_outcome_and_with_outcomes_met() {
    let mut ws = Workspace::default();
    // p: closed outcomes met, positive. q: closed outcomes met, no readings. s: closed, moved
    // away, positive. t: open, positive (not closed, not counted in either share).
    for (fid, reason, scores) in [
        ("p", Some(ClosureReason::OutcomesMet), Some((4, 6))),
        ("q", Some(ClosureReason::OutcomesMet), None),
        ("s", Some(ClosureReason::MovedAway), Some((4, 6))),
        ("t", None, Some((4, 6))),
    ] {
        let mut f = new_family(fid, "2025-04-01");
        f.closed = reason.map(|r| closure("2026-02-01", r));
        ws.put(f);
        child(&mut ws, &format!("{fid}k"), fid, "2022-01-01");
        if let Some((a, b)) = scores {
            reading(&mut ws, &format!("{fid}1"), fid, None, "2025-05-01", a);
            reading(&mut ws, &format!("{fid}2"), fid, None, "2025-11-01", b);
        }
    }
    let r = run(&ws, &scope("2025-04-01", "2026-03-31"));
    assert_eq!(r.closed.families, 3);
    assert_eq!(r.closed_positive.families, 2);
    assert_eq!(r.closed_for(ClosureReason::OutcomesMet).families, 2);
    assert_eq!(percent(2, 3), Some(66));
}

#[test]
fn an_episode_is_measured_by_its_own_readings() {
    let mut ws = Workspace::default();
    // First episode: 4 -> 6 (positive), closed. Second: 6 then 3 twenty weeks later.
    let mut f = new_family("f", "2025-01-01");
    f.earlier.push(Episode {
        opened: d("2025-01-01"),
        closed: closure("2025-08-01", ClosureReason::OutcomesMet),
        worker: "Jo".into(),
    });
    f.opened = d("2025-10-01");
    ws.put(f);
    child(&mut ws, "k", "f", "2022-01-01");
    reading(&mut ws, "a", "f", None, "2025-01-10", 4);
    reading(&mut ws, "b", "f", None, "2025-07-10", 6);
    reading(&mut ws, "c", "f", None, "2025-10-10", 6);
    reading(&mut ws, "e", "f", None, "2026-03-10", 3);
    let r = run(&ws, &scope("2025-04-01", "2026-03-31"));
    // Both episodes touch the period: one opened, one closed, counted once as worked with.
    assert_eq!(r.active.families, 1);
    assert_eq!((r.opened.families, r.closed.families), (1, 1));
    assert_eq!(r.open_at_end.families, 1);
    // The closed episode was positive by its own readings; the current one fell.
    assert_eq!(r.closed_positive.families, 1);
    assert_eq!(r.families[0].outcome.outcome, Outcome::Deterioration);
    assert_eq!(
        (r.families[0].earlier, r.families[0].opened),
        (1, d("2025-10-01"))
    );
    // A period before the reopening sees the first episode, and its positive outcome.
    let r = run(&ws, &scope("2025-04-01", "2025-08-31"));
    assert_eq!(r.families[0].outcome.outcome, Outcome::Positive);
    assert_eq!(r.open_at_end.families, 0);
}

fn fields(reference: &str, opened: &str) -> FamilyFields {
    FamilyFields {
        reference: reference.into(),
        worker: "Sam".into(),
        team: "North".into(),
        opened: Some(d(opened)),
        ..Default::default()
    }
}

#[test]
fn closing_and_reopening_keeps_each_episode() {
    let mut ws = Workspace::default();
    apply(
        &mut ws,
        Action::CreateFamily {
            id: id("f"),
            fields: fields("F", "2026-01-05"),
        },
        &ctx(0),
    )
    .unwrap();
    let close = |ws: &mut Workspace, date: &str, reason| {
        apply(
            ws,
            Action::CloseFamily {
                id: id("f"),
                closure: closure(date, reason),
            },
            &ctx(1),
        )
        .unwrap();
    };
    close(&mut ws, "2026-03-01", ClosureReason::InformationAndAdvice);
    // Opened again before it closed: refused, nothing changes.
    let before = ws.clone();
    let err = apply(
        &mut ws,
        Action::ReopenFamily {
            id: id("f"),
            again: Some(d("2026-02-01")),
        },
        &ctx(2),
    );
    assert!(matches!(err, Err(ActionError::Invalid(_))), "{err:?}");
    assert_eq!(ws, before);
    // Referred again on the day it closed: a new episode.
    apply(
        &mut ws,
        Action::ReopenFamily {
            id: id("f"),
            again: Some(d("2026-03-01")),
        },
        &ctx(3),
    )
    .unwrap();
    close(&mut ws, "2026-06-01", ClosureReason::OutcomesMet);
    // Closed by mistake, taken back: no episode is made.
    apply(
        &mut ws,
        Action::ReopenFamily {
            id: id("f"),
            again: None,
        },
        &ctx(4),
    )
    .unwrap();
    let f = ws.families().get(&id("f")).unwrap();
    assert_eq!(f.earlier.len(), 1);
    assert_eq!(f.earlier[0].opened, d("2026-01-05"));
    assert_eq!(
        f.earlier[0].closed.reason,
        ClosureReason::InformationAndAdvice
    );
    assert_eq!(f.earlier[0].worker, "Sam");
    assert_eq!((f.opened, f.closed.is_none()), (d("2026-03-01"), true));
    assert_eq!(f.team, "North");
    // Editing the family keeps its episodes.
    apply(
        &mut ws,
        Action::UpdateFamily {
            id: id("f"),
            fields: fields("F2", "2026-03-01"),
        },
        &ctx(5),
    )
    .unwrap();
    assert_eq!(ws.families().get(&id("f")).unwrap().earlier.len(), 1);
    // An opening date before the earlier episode closed is refused.
    let err = apply(
        &mut ws,
        Action::UpdateFamily {
            id: id("f"),
            fields: fields("F2", "2026-02-01"),
        },
        &ctx(6),
    );
    assert!(matches!(err, Err(ActionError::Invalid(_))), "{err:?}");
    // Episodes go through the file and back unchanged; deleting scrubs them.
    let text = export::export(&ws, None, NOW);
    assert!(text.contains("\"schema_version\":5"));
    let back = export::read(&text, NOW).unwrap();
    assert_eq!(
        back.data.families().get(&id("f")).unwrap(),
        ws.families().get(&id("f")).unwrap()
    );
    let mut f = ws.families().get(&id("f")).unwrap().clone();
    f.scrub();
    assert!(f.earlier.is_empty() && f.team.is_empty());
}

#[test]
fn a_version_1_file_is_read_as_one_episode_with_nothing_lost() {
    let v1 = r#"{"format":"waymark","schema_version":1,"saved_at":1790000000000,"scope":"all","data":{"families":[{"meta":{"id":"fam1","created":1790000000000,"updated":1790000000000,"device":"dev"},"reference":"OLD","worker":"Sam","opened":"2025-01-01","closed":{"date":"2025-06-01","reason":"stepped_down","note":"Moved on."}}]}}"#;
    let env = export::read(v1, NOW).unwrap();
    let f = &env.data.families().get(&id("fam1")).unwrap();
    assert_eq!(f.opened, d("2025-01-01"));
    assert_eq!(f.closed.as_ref().unwrap().note, "Moved on.");
    assert!(f.earlier.is_empty() && f.team.is_empty());
    assert_eq!(f.episodes().len(), 1);
    // Written again, it is version 2, and reads back the same.
    let again = export::export(&Workspace::from_records(env.data.clone()), None, NOW);
    assert_eq!(export::read(&again, NOW).unwrap().data, env.data);
}

#[test]
fn periods_of_the_same_length_before() {
    let s = scope("2026-04-01", "2027-03-31");
    assert_eq!(s.days(), 365);
    let p = s.previous();
    assert_eq!((p.from, p.to), (d("2025-04-01"), d("2026-03-31")));
    let q = scope("2024-03-01", "2024-03-31").previous();
    assert_eq!((q.from, q.to), (d("2024-01-30"), d("2024-02-29")));
    let y = scope("2024-02-29", "2024-12-31").year_before();
    assert_eq!((y.from, y.to), (d("2023-02-28"), d("2023-12-31")));
    let c = s.starting(d("2020-01-01"));
    assert_eq!(
        (c.from, c.to, c.days()),
        (d("2020-01-01"), d("2020-12-30"), 365)
    );
}

#[test]
fn this_year_against_last_in_points() {
    // Last year: 1 of 4 families positive; this year 3 of 4.
    let mut ws = Workspace::default();
    for (i, (open, positive)) in [
        ("2024-04-01", true),
        ("2024-04-01", false),
        ("2024-04-01", false),
        ("2024-04-01", false),
        ("2025-04-01", true),
        ("2025-04-01", true),
        ("2025-04-01", true),
        ("2025-04-01", false),
    ]
    .into_iter()
    .enumerate()
    {
        let fid = format!("f{i}");
        let mut f = new_family(&fid, open);
        let year = &open[..4];
        let next: i32 = year.parse::<i32>().unwrap() + 1;
        f.closed = Some(closure(
            &format!("{next}-03-01"),
            ClosureReason::OutcomesMet,
        ));
        ws.put(f);
        reading(
            &mut ws,
            &format!("{fid}a"),
            &fid,
            None,
            &format!("{year}-05-01"),
            4,
        );
        let last = if positive { 6 } else { 4 };
        reading(
            &mut ws,
            &format!("{fid}b"),
            &fid,
            None,
            &format!("{year}-11-01"),
            last,
        );
    }
    let now = scope("2025-04-01", "2026-03-31");
    let r = run(&ws, &now);
    let before = run(&ws, &now.previous());
    let pos = |r: &report::Report| (r.outcomes[0].1.families, r.active.families);
    assert_eq!(pos(&r), (3, 4));
    assert_eq!(pos(&before), (1, 4));
    assert_eq!(points_change(pos(&r), pos(&before)), Some(50));
    assert_eq!(points_change((1, 3), (0, 0)), None);
    // School readiness is compared the same way (each rounded down first).
    assert_eq!(points_change((56, 100), (50, 100)), Some(6));
    assert_eq!(points_change((2, 3), (1, 2)), Some(16));
}

#[test]
fn teams_filter_the_report() {
    let mut ws = Workspace::default();
    for (fid, team) in [("a", "North"), ("b", "north "), ("c", "South"), ("e", "")] {
        let mut f = new_family(fid, "2025-04-01");
        f.team = team.into();
        ws.put(f);
    }
    assert_eq!(report::teams(&ws), ["North", "South"]);
    let mut s = scope("2025-04-01", "2026-03-31");
    s.team = Some("NORTH".into());
    assert_eq!(run(&ws, &s).active.families, 2);
    s.team = Some("South".into());
    s.worker = Some("sam".into());
    assert_eq!(run(&ws, &s).active.families, 1);
}

#[test]
fn earlier_episodes_are_checked() {
    let mut f = new_family("f", "2025-01-01");
    f.earlier.push(Episode {
        opened: d("2025-03-01"),
        closed: closure("2025-02-01", ClosureReason::Other),
        worker: String::new(),
    });
    let mut problems = Vec::new();
    f.check(
        today(),
        &mut waymark::domain::base::Checker::new("", &mut problems),
    );
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"earlier[0].closed.date"), "{paths:?}");
    assert!(paths.contains(&"opened"), "{paths:?}");
    let _ = Id::fixed("x");
}

#[test]
fn the_figures_file_has_the_same_percentages_as_the_report() {
    use waymark::domain::caseload::csv;
    let ws = cohort();
    let now = scope("2025-04-01", "2026-03-31");
    let r = run(&ws, &now);
    let before_scope = now.previous();
    let before = run(&ws, &before_scope);
    let text = csv::figures(&r, Base::Children, Some((&before_scope, &before)));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("\"figure\",\"counting\",\"count\",\"of\",\"percent\""));
    let row = |code: &str| {
        *lines
            .iter()
            .find(|l| l.starts_with(&format!("\"{code}\"")))
            .unwrap_or_else(|| panic!("{code} in {text}"))
    };
    // Nobody was worked with the year before: the shares then have no base, the change none.
    assert_eq!(
        row("outcome_positive"),
        "\"outcome_positive\",\"children\",833,1349,61,2024-04-01,0,0,,"
    );
    assert_eq!(
        row("closed_information_and_advice_of_worked_with"),
        "\"closed_information_and_advice_of_worked_with\",\"children\",72,1349,5,2024-04-01,0,0,,"
    );
    assert_eq!(
        row("closed_stepped_up_of_closed"),
        "\"closed_stepped_up_of_closed\",\"children\",43,115,37,2024-04-01,0,0,,"
    );
    assert_eq!(
        row("worked_with"),
        "\"worked_with\",\"children\",1349,,,2024-04-01,0,,,1349"
    );
    // Per family, without a comparison.
    let text = csv::figures(&r, Base::Families, None);
    assert!(
        text.contains("\"outcome_positive\",\"families\",432,"),
        "{text}"
    );
    // The outcomes file gives each family's children by outcome, and the team.
    let out = csv::outcomes(&r);
    assert!(out
        .lines()
        .next()
        .unwrap()
        .ends_with("\"children_deterioration\",\"children_too_early\""));
}

#[test]
fn bars_are_in_proportion_labelled_escaped_and_mirrored_for_right_to_left() {
    use waymark::domain::chart::{bar_length, bars_svg, Bar};
    assert_eq!(bar_length(0, 10), 0.0);
    assert_eq!(bar_length(10, 10), bar_length(20, 20));
    assert!((bar_length(5, 10) * 2.0 - bar_length(10, 10)).abs() < 1e-9);
    // One in a thousand is still seen.
    assert_eq!(bar_length(1, 1000), 2.0);
    let bars = [
        Bar {
            label: "Positive <outcome>".into(),
            value: 833,
            text: "833 (61%)".into(),
        },
        Bar {
            label: "No change".into(),
            value: 0,
            text: "0 (0%)".into(),
        },
    ];
    let svg = bars_svg("b", "Outcomes & more", "A bar for each row", &bars, false);
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(
        svg.contains("role=\"img\"")
            && svg.contains("<title id=\"b-t\">Outcomes &amp; more</title>")
    );
    assert!(svg.contains("Positive &lt;outcome&gt;") && !svg.contains("<outcome>"));
    assert!(svg.contains("833 (61%)") && svg.contains("<rect x=\"0.0\""));
    assert_eq!(svg.matches("<rect").count(), 2);
    // Right to left: bars grow from the right edge, words anchored at their end.
    let rtl = bars_svg("b", "t", "d", &bars, true);
    let full = bar_length(833, 833);
    assert!(
        rtl.contains(&format!("<rect x=\"{:.1}\"", 320.0 - full)),
        "{rtl}"
    );
    assert!(rtl.contains("text-anchor=\"end\"") && !rtl.contains("text-anchor=\"start\""));
}
