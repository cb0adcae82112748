//! Evidence a council claims on (issue 33): a checked-in cohort (`tests/fixtures/claims-cohort.json`,
//! written by `claims-cohort.py` beside it) whose every family is one case of the claim rule in
//! `docs/outcomes.md`, with the states, list, checks due and quarterly figures it must give; the
//! actions that record needs and claims (a need is never claimed twice); outcome plans as data.

mod common;

use common::{ctx, d, id, today, NOW};
use waymark::domain::caseload::claims::{
    claim_figures, claims_csv, claims_list, due_checks, ClaimFigures, ListFilter,
};
use waymark::domain::caseload::report::{Count, Scope};
use waymark::domain::claim::{
    builtin_plan, check_plan, read_plan, Check, Headline, Missing, NeedState, OutcomePlan, State,
};
use waymark::domain::file::export;
use waymark::domain::workspace::action::{apply, Action, ActionError};
use waymark::domain::workspace::standing::{plan_in_force, standing};
use waymark::domain::workspace::Workspace;

const COHORT: &str = include_str!("fixtures/claims-cohort.json");

fn cohort() -> Workspace {
    let env = export::read(COHORT, NOW).expect("the cohort reads");
    Workspace::from_records(env.data)
}

fn state_of(ws: &Workspace, reference: &str) -> State {
    state_on(ws, reference, today())
}

fn state_on(ws: &Workspace, reference: &str, day: chrono::NaiveDate) -> State {
    let plan = plan_in_force(ws);
    standing(ws, &id(&reference.to_lowercase()), &plan, day)
        .expect("a family of the cohort")
        .state
}

fn need_state(ws: &Workspace, family: &str, need: &str) -> NeedState {
    let plan = plan_in_force(ws);
    let s = standing(ws, &id(family), &plan, today()).unwrap();
    s.needs
        .into_iter()
        .find(|(n, _)| n.as_str() == format!("{family}-{need}"))
        .expect("a need of the family")
        .1
}

fn scope(from: &str, to: &str) -> Scope {
    Scope {
        from: d(from),
        to: d(to),
        worker: None,
        team: None,
    }
}

#[test]
fn every_family_of_the_cohort_stands_where_the_rule_puts_it() {
    let ws = cohort();
    assert_eq!(state_of(&ws, "READY"), State::Ready);
    // Sustained exactly six months: met 15 January, checked as held on 15 July.
    assert_eq!(
        need_state(&ws, "ready", "health"),
        NeedState::Sustained {
            on: d("2026-07-15")
        }
    );
    // A day short: held on 14 July proves nothing about 15 July; the check is still due.
    assert_eq!(state_of(&ws, "ONE-DAY-SHORT"), State::CheckDue { due: 1 });
    assert_eq!(
        need_state(&ws, "one-day-short", "health"),
        NeedState::CheckDue {
            since: d("2026-07-15")
        }
    );
    // An outcome that did not last.
    assert_eq!(state_of(&ws, "LAPSED"), State::NeedsOpen { open: 1 });
    assert_eq!(
        need_state(&ws, "lapsed", "education"),
        NeedState::Lapsed {
            on: d("2026-05-01")
        }
    );
    // A need added after the plan must be met too.
    assert_eq!(
        state_of(&ws, "ADDED-AFTER-PLAN"),
        State::NeedsOpen { open: 1 }
    );
    // Referred again on 1 May, before 10 July: neither outcome lasted, whatever checks say.
    assert_eq!(state_of(&ws, "REREFERRED"), State::NeedsOpen { open: 2 });
    assert_eq!(
        need_state(&ws, "rereferred", "crime"),
        NeedState::Lapsed {
            on: d("2026-05-01")
        }
    );
    assert_eq!(
        state_of(&ws, "CLAIMED"),
        State::Claimed {
            on: d("2026-09-10")
        }
    );
    assert_eq!(
        state_of(&ws, "SUSTAINING"),
        State::Sustaining {
            until: d("2027-04-01")
        }
    );
    assert_eq!(
        state_of(&ws, "NOT-ELIGIBLE"),
        State::NotEligible(vec![
            Missing::Lead,
            Missing::Plan,
            Missing::Headlines { have: 1, need: 2 }
        ])
    );
    assert_eq!(state_of(&ws, "NO-NEEDS"), State::NoNeeds);
}

#[test]
fn a_state_on_an_earlier_day_ignores_what_came_after() {
    let ws = cohort();
    // On 30 September the housing need added in October was not there yet.
    assert_eq!(
        state_on(&ws, "ADDED-AFTER-PLAN", d("2026-09-30")),
        State::Ready
    );
    // Nor the outcomes met on 1 October.
    assert_eq!(
        state_on(&ws, "SUSTAINING", d("2026-09-30")),
        State::NeedsOpen { open: 2 }
    );
    // Before the claim of 10 September, that family was ready.
    assert_eq!(state_on(&ws, "CLAIMED", d("2026-09-09")), State::Ready);
    // Before its check, READY's housing outcome was due one.
    assert_eq!(
        state_on(&ws, "READY", d("2026-08-02")),
        State::CheckDue { due: 1 }
    );
    assert_eq!(
        state_on(&ws, "READY", d("2026-07-31")),
        State::Sustaining {
            until: d("2026-08-01")
        }
    );
}

fn count(families: usize, children: usize) -> Count {
    Count { families, children }
}

fn under(list: &[(Headline, Count)], h: Headline) -> Count {
    list.iter().find(|(x, _)| *x == h).map(|(_, c)| *c).unwrap()
}

#[test]
fn the_quarterly_figures_of_the_cohort() {
    let ws = cohort();
    let plan = plan_in_force(&ws);
    let q3: ClaimFigures = claim_figures(&ws, &scope("2026-07-01", "2026-09-30"), &plan, today());
    assert_eq!(q3.worked_with, count(9, 9));
    use Headline::*;
    let with = |h| under(&q3.with_need, h);
    assert_eq!(with(Health), count(5, 5));
    // ADDED-AFTER-PLAN's housing need came in October.
    assert_eq!(with(Housing), count(2, 2));
    assert_eq!(with(Finance), count(3, 3));
    // The education need names one child.
    assert_eq!(with(Education), count(1, 1));
    assert_eq!(with(SubstanceUse), count(0, 0));
    // Nothing was met in the quarter; outcomes were sustained (the claimed family's too).
    assert!(q3.met.iter().all(|(_, c)| *c == count(0, 0)));
    let sustained = |h| under(&q3.sustained, h);
    assert_eq!(sustained(Health), count(3, 3));
    assert_eq!(sustained(Housing), count(1, 1));
    assert_eq!(sustained(Finance), count(2, 2));
    assert_eq!(sustained(Relationships), count(1, 1));
    assert_eq!(sustained(DomesticAbuse), count(1, 1));
    assert_eq!(sustained(Crime), count(0, 0));
    assert_eq!(q3.claimed, count(1, 1));

    // The quarter after (to today): the October outcomes, and no claim.
    let q4 = claim_figures(&ws, &scope("2026-10-01", "2026-12-31"), &plan, today());
    assert_eq!(under(&q4.met, EarlyYears), count(1, 1));
    assert_eq!(under(&q4.met, Health), count(1, 1));
    assert_eq!(under(&q4.with_need, Housing), count(3, 3));
    // CLAIMED closed on 30 September: not worked with in October.
    assert_eq!(q4.worked_with, count(8, 8));
    assert_eq!(q4.claimed, count(0, 0));
    // Its period comparison is the previous quarter's figures, computed the same way.
    let before = scope("2026-10-01", "2026-12-31").previous();
    assert_eq!(before, scope("2026-07-01", "2026-09-30"));
    assert_eq!(claim_figures(&ws, &before, &plan, today()), q3);
}

#[test]
fn the_claims_list_and_the_checks_due() {
    let ws = cohort();
    let plan = plan_in_force(&ws);
    let q3 = scope("2026-07-01", "2026-09-30");
    let all = claims_list(&ws, &q3, &ListFilter::default(), &plan, today());
    let refs: Vec<&str> = all.iter().map(|l| l.reference.as_str()).collect();
    assert_eq!(
        refs,
        [
            "ADDED-AFTER-PLAN",
            "CLAIMED",
            "LAPSED",
            "NOT-ELIGIBLE",
            "ONE-DAY-SHORT",
            "READY",
            "REREFERRED",
            "SUSTAINING"
        ]
    );
    let ready = ListFilter {
        state: Some("ready"),
        ..ListFilter::default()
    };
    let refs: Vec<String> = claims_list(&ws, &q3, &ready, &plan, today())
        .into_iter()
        .map(|l| l.reference)
        .collect();
    assert_eq!(refs, ["ADDED-AFTER-PLAN", "READY"]);
    let housing = ListFilter {
        headline: Some(Headline::Housing),
        ..ListFilter::default()
    };
    assert_eq!(claims_list(&ws, &q3, &housing, &plan, today()).len(), 2);
    // Next quarter, the family claimed before it began is no longer listed.
    let q4 = claims_list(
        &ws,
        &scope("2026-10-01", "2026-12-31"),
        &ListFilter::default(),
        &plan,
        today(),
    );
    assert!(q4.iter().all(|l| l.reference != "CLAIMED"));
    assert_eq!(q4.len(), 7);

    let due = due_checks(&ws, &scope("2000-01-01", "2099-12-31"), &plan, today());
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].reference, "ONE-DAY-SHORT");
    assert_eq!(due[0].since, d("2026-07-15"));
    assert_eq!(due[0].headline, Headline::Health);
}

#[test]
fn a_family_is_claimed_once_and_only_when_ready() {
    let mut ws = cohort();
    let claim = |family: &str, claim: &str| Action::MakeClaim {
        id: id(claim),
        family: id(family),
        date: today(),
        note: " Quarter 4 ".into(),
    };
    for not_ready in [
        "one-day-short",
        "lapsed",
        "sustaining",
        "not-eligible",
        "no-needs",
        "claimed",
    ] {
        let before = ws.clone();
        assert!(
            matches!(
                apply(&mut ws, claim(not_ready, "k1"), &ctx(1)),
                Err(ActionError::Invalid(_))
            ),
            "{not_ready} is not ready"
        );
        assert_eq!(ws, before, "a refused claim changes nothing");
    }
    apply(&mut ws, claim("ready", "k1"), &ctx(1)).unwrap();
    assert_eq!(state_of(&ws, "READY"), State::Claimed { on: today() });
    let made = ws.claims().get(&id("k1")).unwrap().clone();
    assert_eq!(made.needs, [id("ready-health"), id("ready-housing")]);
    assert_eq!(made.plan.as_str(), "national-v1");
    assert_eq!(made.note, "Quarter 4");
    // Never twice: nor by a claim dated before the first (which does not see it).
    assert!(apply(&mut ws, claim("ready", "k2"), &ctx(2)).is_err());
    let backdated = Action::MakeClaim {
        id: id("k3"),
        family: id("claimed"),
        date: d("2026-08-01"),
        note: String::new(),
    };
    assert_eq!(state_on(&ws, "CLAIMED", d("2026-08-01")), State::Ready);
    assert!(apply(&mut ws, backdated, &ctx(2)).is_err());
    // A claim dated before the family was ready is refused at its date.
    let early = Action::MakeClaim {
        id: id("k4"),
        family: id("added-after-plan"),
        date: d("2026-07-01"),
        note: String::new(),
    };
    match apply(&mut ws, early, &ctx(3)) {
        Err(ActionError::Invalid(p)) => assert_eq!(p[0].path, "date"),
        other => panic!("{other:?}"),
    }
    // A claim read from a file counts needs of its own family only.
    let mut doc: serde_json::Value = serde_json::from_str(COHORT).unwrap();
    doc["data"]["claims"][0]["needs"][0] = "ready-health".into();
    let problems = match export::read(&doc.to_string(), NOW) {
        Err(waymark::domain::base::ReadError::Invalid(p)) => p,
        other => panic!("{other:?}"),
    };
    assert_eq!(problems[0].path, "data.claims[0].needs[0]");
    // A claimed need keeps what was claimed: not deleted, its outcome not changed; a note may be.
    assert!(apply(
        &mut ws,
        Action::DeleteNeed {
            id: id("ready-health")
        },
        &ctx(3)
    )
    .is_err());
    let mut n = ws.needs().get(&id("ready-health")).unwrap().clone();
    n.checks.push(Check {
        date: today(),
        held: false,
        note: String::new(),
    });
    assert!(apply(&mut ws, Action::SaveNeed(Box::new(n.clone())), &ctx(4)).is_ok());
    n.met = None;
    assert!(apply(&mut ws, Action::SaveNeed(Box::new(n)), &ctx(5)).is_err());
    // Undo takes the claim back: ready again.
    let mut again = cohort();
    let applied2 = apply(&mut again, claim("ready", "k1"), &ctx(1)).unwrap();
    apply(&mut again, applied2.undo.unwrap(), &ctx(2)).unwrap();
    assert_eq!(state_of(&again, "READY"), State::Ready);
}

#[test]
fn a_need_met_and_sustained_makes_a_family_ready() {
    let mut ws = cohort();
    // ADDED-AFTER-PLAN's housing need, met in October, lasts to April: checked then (a clock moved
    // forward), the family is ready.
    let mut n = ws
        .needs()
        .get(&id("added-after-plan-housing"))
        .unwrap()
        .clone();
    n.met = Some(waymark::domain::claim::Met {
        date: d("2026-10-20"),
        evidence: waymark::domain::claim::EvidenceKind::Fact,
        detail: " Tenancy kept ".into(),
    });
    apply(&mut ws, Action::SaveNeed(Box::new(n.clone())), &ctx(1)).unwrap();
    assert_eq!(
        state_of(&ws, "ADDED-AFTER-PLAN"),
        State::Sustaining {
            until: d("2027-04-20")
        }
    );
    assert_eq!(
        ws.needs()
            .get(&n.meta.id)
            .unwrap()
            .met
            .as_ref()
            .unwrap()
            .detail,
        "Tenancy kept"
    );
    assert_eq!(
        state_on(&ws, "ADDED-AFTER-PLAN", d("2027-04-20")),
        State::CheckDue { due: 1 }
    );
    // A check dated in the future is refused (it has not happened).
    let mut later = ws.needs().get(&n.meta.id).unwrap().clone();
    later.checks.push(Check {
        date: d("2027-04-20"),
        held: true,
        note: String::new(),
    });
    assert!(apply(&mut ws, Action::SaveNeed(Box::new(later)), &ctx(2)).is_err());
    // A check before the outcome was met is kept as history (of an outcome met again) and does
    // not count; a check without an outcome is refused.
    let mut early = ws.needs().get(&n.meta.id).unwrap().clone();
    early.checks.push(Check {
        date: d("2026-10-01"),
        held: false,
        note: String::new(),
    });
    apply(&mut ws, Action::SaveNeed(Box::new(early.clone())), &ctx(3)).unwrap();
    assert_eq!(
        state_of(&ws, "ADDED-AFTER-PLAN"),
        State::Sustaining {
            until: d("2027-04-20")
        }
    );
    early.met = None;
    assert!(apply(&mut ws, Action::SaveNeed(Box::new(early)), &ctx(4)).is_err());
}

const COUNCIL_PLAN: &str = r#"{
  "format": "waymark-outcome-plan", "id": "northshire", "version": 2,
  "name": {"en": "Northshire outcome plan, phase 3"},
  "sustain_months": 12,
  "rule": {"headlines": 1, "lead": true, "assessment": false, "plan": false},
  "headlines": [
    {"headline": "housing", "sustain_months": 3,
     "descriptors": [{"id": "rent-arrears", "text": {"en": "Rent arrears putting the tenancy at risk"}}],
     "evidence": [{"en": "Tenancy sustained, confirmed by the landlord"}]},
    {"headline": "health"}
  ],
  "areas": [{"template": "family", "area": "home_bills", "headline": "housing"}]
}"#;

#[test]
fn a_council_plan_replaces_the_national_one_and_a_malformed_one_is_refused() {
    let plan = read_plan(COUNCIL_PLAN).expect("a good plan");
    assert_eq!(plan.sustain_months(Headline::Housing), 3);
    assert_eq!(plan.sustain_months(Headline::Health), 12);
    assert_eq!(
        plan.headline_of(&id("family"), &id("home_bills")),
        Some(Headline::Housing)
    );
    let mut ws = cohort();
    apply(
        &mut ws,
        Action::AddOutcomePlan(Box::new(plan.clone())),
        &ctx(1),
    )
    .unwrap();
    assert_eq!(plan_in_force(&ws), plan);
    // Under it: one headline is enough, but only headlines the plan counts (housing, health).
    assert_eq!(
        state_of(&ws, "NOT-ELIGIBLE"),
        State::NotEligible(vec![Missing::Lead])
    );
    // Health must now last twelve months: READY's January outcomes are due again in January.
    assert_eq!(
        state_of(&ws, "READY"),
        State::Sustaining {
            until: d("2027-01-15")
        }
    );
    // Stopping it brings the national plan back; loading it again uses it again.
    let mut stopped = ws.clone();
    apply(
        &mut stopped,
        Action::RemoveOutcomePlan {
            id: id("northshire-v2"),
        },
        &ctx(2),
    )
    .unwrap();
    assert_eq!(plan_in_force(&stopped), builtin_plan());
    assert_eq!(state_of(&stopped, "READY"), State::Ready);
    // The same version twice, or the national plan's id, is refused.
    assert!(apply(
        &mut ws,
        Action::AddOutcomePlan(Box::new(plan.clone())),
        &ctx(2)
    )
    .is_err());
    let mut national = plan.clone();
    national.id = id("national");
    assert!(apply(
        &mut ws,
        Action::AddOutcomePlan(Box::new(national.clone())),
        &ctx(3)
    )
    .is_err());
    // Nor may a file bring one in under the national plan's id.
    let record = waymark::domain::claim::CustomPlan {
        meta: waymark::domain::base::Meta::new(id("national-v2"), NOW, id("dev")),
        plan: national,
    };
    let mut problems = Vec::new();
    waymark::domain::claim::plan::check_custom_plan(
        &record,
        today(),
        &mut waymark::domain::base::Checker::new("", &mut problems),
    );
    assert_eq!(problems[0].path, "plan.id");
    // A descriptor must be the plan's, under the need's own headline.
    let mut n = ws.needs().get(&id("ready-housing")).unwrap().clone();
    n.descriptor = Some(id("rent-arrears"));
    apply(&mut ws, Action::SaveNeed(Box::new(n.clone())), &ctx(4)).unwrap();
    n.headline = Headline::Health;
    assert!(apply(&mut ws, Action::SaveNeed(Box::new(n.clone())), &ctx(5)).is_err());
    // Once the plan is no longer in use, the need keeps its descriptor while a check is added.
    apply(
        &mut ws,
        Action::RemoveOutcomePlan {
            id: id("northshire-v2"),
        },
        &ctx(6),
    )
    .unwrap();
    n.headline = Headline::Housing;
    n.checks.push(Check {
        date: today(),
        held: true,
        note: String::new(),
    });
    apply(&mut ws, Action::SaveNeed(Box::new(n)), &ctx(7)).unwrap();

    let bad = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(COUNCIL_PLAN).unwrap();
        edit(&mut v);
        read_plan(&v.to_string()).map(|_| ()).unwrap_err()
    };
    let problems = |e: waymark::domain::base::ReadError| match e {
        waymark::domain::base::ReadError::Invalid(p) => {
            p.into_iter().map(|p| p.path).collect::<Vec<_>>()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problems(bad(&|v| v["format"] = "waymark".into())),
        ["format"]
    );
    assert_eq!(
        problems(bad(&|v| v["headlines"][1]["headline"] = "housing".into())),
        ["headlines[1].headline"]
    );
    assert_eq!(
        problems(bad(&|v| v["rule"]["headlines"] = 3.into())),
        ["rule.headlines"]
    );
    assert_eq!(
        problems(bad(&|v| v["areas"][0]["headline"] = "crime".into())),
        ["areas[0].headline"]
    );
    assert_eq!(
        problems(bad(&|v| v["sustain_months"] = 0.into())),
        ["sustain_months"]
    );
    assert_eq!(
        problems(bad(&|v| v["headlines"][0]["headline"] = "joy".into())),
        ["plan"]
    );
    assert!(read_plan("[]").is_err());
    assert!(read_plan("{").is_err());
}

#[test]
fn the_built_in_plan_is_sound_and_links_only_real_areas() {
    let plan: OutcomePlan = builtin_plan();
    let mut problems = Vec::new();
    check_plan(
        &plan,
        &mut waymark::domain::base::Checker::new("", &mut problems),
    );
    assert_eq!(problems, []);
    assert_eq!(plan.headlines.len(), 10);
    let wheels = waymark::domain::wheel::builtin();
    for l in &plan.areas {
        let w = wheels
            .iter()
            .find(|w| w.id == l.template)
            .expect("a built-in wheel");
        assert!(
            w.areas.iter().any(|a| a.id == l.area),
            "{}/{} is an area",
            l.template,
            l.area
        );
    }
}

#[test]
fn needs_and_claims_travel_in_the_file_and_an_older_file_still_reads() {
    let ws = cohort();
    let text = export::export(&ws, None, NOW);
    assert!(text.contains("\"schema_version\":5"));
    let back = Workspace::from_records(export::read(&text, NOW).unwrap().data);
    assert_eq!(back, ws);
    // Written again, the same bytes.
    assert_eq!(export::export(&back, None, NOW), text);
    // A version 4 file (no needs) is read as it was.
    let v4 = r#"{"format":"waymark","schema_version":4,"saved_at":1790000000000,"scope":"all","data":{"families":[{"meta":{"id":"fam1","created":1790000000000,"updated":1790000000000,"device":"dev"},"reference":"OLD","opened":"2025-01-01"}]}}"#;
    let old = export::read(v4, NOW).unwrap();
    assert_eq!(old.data.families.len(), 1);
    assert!(old.data.needs.is_empty());
    // A family's own answers, as its phone shares them, hold none of the worker's evidence.
    let shared = export::share(&ws, &id("claimed"), NOW);
    let back = export::read(&shared, NOW).unwrap().data;
    assert!(back.needs.is_empty() && back.claims.is_empty());
    assert_eq!(back.families.len(), 1);
    // The CSV of the quarter's claims.
    let csv = claims_csv(&ws, &scope("2026-07-01", "2026-09-30"));
    assert_eq!(
        csv,
        "\u{FEFF}\"claimed_on\",\"family_reference\",\"worker\",\"team\",\"headlines\",\"needs\",\"plan\"\r\n\
         2026-09-10,\"CLAIMED\",\"Sam\",\"\",\"health domestic_abuse\",2,\"national-v1\"\r\n"
    );
    assert_eq!(
        claims_csv(&ws, &scope("2026-10-01", "2026-12-31"))
            .lines()
            .count(),
        1
    );
}

#[test]
fn a_claim_pack_holds_what_an_auditor_reads() {
    let ws = cohort();
    let plan = plan_in_force(&ws);
    let pack = waymark::domain::caseload::claims::claim_pack(&ws, &id("ready"), &plan, today())
        .expect("a live family");
    assert_eq!(pack.state.code(), "ready");
    assert_eq!(pack.lead_practitioner, "Sam");
    assert_eq!(pack.assessment, Some(d("2025-10-01")));
    assert_eq!((pack.plan_set, pack.goals), (Some(d("2025-11-01")), 1));
    assert_eq!(pack.plan.as_str(), "national-v1");
    let health = &pack.needs[0];
    assert_eq!(health.headline, Headline::Health);
    assert_eq!(health.must_last_until, Some(d("2026-07-15")));
    assert_eq!(health.state, "sustained");
    let json = serde_json::to_value(&pack).unwrap();
    assert_eq!(json["format"], "waymark-claim-pack");
    assert_eq!(json["needs"][1]["headline"], "housing");
    assert_eq!(json["needs"][1]["met"]["date"], "2026-02-01");
    // A claimed family's pack lists its claim; a family that is not there has none.
    let claimed =
        waymark::domain::caseload::claims::claim_pack(&ws, &id("claimed"), &plan, today()).unwrap();
    assert_eq!(claimed.claims.len(), 1);
    assert_eq!(claimed.claims[0].date, d("2026-09-10"));
    assert!(
        waymark::domain::caseload::claims::claim_pack(&ws, &id("nobody"), &plan, today()).is_none()
    );
}

#[test]
fn two_devices_changing_one_need_keep_both_changes() {
    use waymark::domain::workspace::merge::merge;
    let (mut a, mut b) = (cohort(), cohort());
    let need = id("added-after-plan-housing");
    // One worker records the outcome; another, without seeing it, adds a note.
    let mut n = a.needs().get(&need).unwrap().clone();
    n.met = Some(waymark::domain::claim::Met {
        date: d("2026-11-02"),
        evidence: waymark::domain::claim::EvidenceKind::Fact,
        detail: "Tenancy kept".into(),
    });
    apply(&mut a, Action::SaveNeed(Box::new(n)), &ctx(10)).unwrap();
    let mut m = b.needs().get(&need).unwrap().clone();
    m.note = "Landlord rang".into();
    let other = waymark::domain::workspace::action::Ctx {
        device: id("dev2"),
        ..ctx(20)
    };
    apply(&mut b, Action::SaveNeed(Box::new(m)), &other).unwrap();
    for (x, y) in [(&a, &b), (&b, &a)] {
        let mut out = x.clone();
        merge(&mut out, &y.to_records());
        let n = out.needs().get(&need).unwrap();
        assert_eq!(n.note, "Landlord rang");
        assert_eq!(n.met.as_ref().unwrap().detail, "Tenancy kept");
        assert_eq!(
            state_of(&out, "ADDED-AFTER-PLAN"),
            State::Sustaining {
                until: d("2027-05-02")
            }
        );
    }
}

#[test]
fn the_wheel_suggests_a_need_for_each_low_area_whose_headline_has_none_open() {
    use waymark::domain::caseload::claims::suggestions;
    let ws = cohort();
    let plan = plan_in_force(&ws);
    let of = |family: &str| {
        let s = standing(&ws, &id(family), &plan, today()).unwrap();
        suggestions(ws.folder(&id(family)).unwrap(), &plan, &s.needs)
            .into_iter()
            .map(|x| (x.area.to_string(), x.headline))
            .collect::<Vec<_>>()
    };
    // Every area scored 3: health and housing have needs; one suggestion a headline; an area
    // with no headline (our daily rhythm) suggests nothing.
    use Headline::*;
    let want = [
        ("loved_listened", Relationships),
        ("safe", ChildrenSafe),
        ("play_learning", EarlyYears),
        ("work", Finance),
    ]
    .map(|(a, h)| (a.to_string(), h));
    assert_eq!(of("ready"), want);
    // A claimed need does not stop its headline being suggested again.
    assert!(of("claimed").contains(&("health".to_string(), Health)));
}

#[test]
fn a_quarter_is_a_calendar_quarter_and_the_one_before_it() {
    let q = Scope::quarter(d("2026-02-14"), 0);
    assert_eq!((q.from, q.to), (d("2026-01-01"), d("2026-03-31")));
    // The quarter before the first of a year is the last of the year before (not the same number
    // of days back, which `Scope::previous` gives).
    let before = Scope::quarter(d("2026-02-14"), 1);
    assert_eq!((before.from, before.to), (d("2025-10-01"), d("2025-12-31")));
    assert_ne!(q.previous(), before);
    let q4 = Scope::quarter(d("2026-12-31"), 0);
    assert_eq!((q4.from, q4.to), (d("2026-10-01"), d("2026-12-31")));
}
