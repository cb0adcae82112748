//! Prints an export of a small made-up caseload, for checking the published file format
//! (`docs/schema/waymark-v5.schema.json`) against what the app really writes.
//!
//! - `cargo run --example export_sample` prints an export of everything (scope `all`).
//! - `cargo run --example export_sample family` prints an export of the first family only.
//! - `cargo run --example export_sample shared` prints the first family's own answers as its
//!   phone shares them (scope `shared`).
//! - `cargo run --example export_sample check` reads a file on stdin with the app's own reader
//!   (the import checks) and prints `ok`, or `refused` and why.
//!
//! The sample is built with the same actions the app uses, so that every optional field
//! appears somewhere: a closure, settings, deletion marks, a baby not yet born, a child born
//! early, a reading about one child with a second view and a next step.

use std::io::Read;
use waymark::domain::base::id::Id;
use waymark::domain::base::time::Millis;
use waymark::domain::file::export::{export, read, share};
use waymark::domain::file::sample::{caseload, Size};
use waymark::domain::model::*;
use waymark::domain::workspace::action::{apply, Action, Ctx, FamilyFields, MemberFields};

const NOW: Millis = Millis(1_795_000_000_000);

fn main() {
    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("check") {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            println!("refused: cannot read stdin: {e}");
            return;
        }
        match read(&text, NOW) {
            Ok(_) => println!("ok"),
            Err(e) => println!("refused: {e:?}"),
        }
        return;
    }
    let (ws, first) = build();
    match arg.as_deref() {
        None => println!("{}", export(&ws, None, NOW)),
        Some("family") => println!("{}", export(&ws, Some(&first), NOW)),
        Some("shared") => println!("{}", share(&ws, &first, NOW)),
        Some(other) => {
            eprintln!(
                "unknown argument {other:?}: expected nothing, `family`, `shared` or `check`"
            );
            std::process::exit(2);
        }
    }
}

fn ok(ws: &mut Workspace, action: Action, ctx: &Ctx) {
    if let Err(e) = apply(ws, action, ctx) {
        panic!("the sample action was refused: {e:?}");
    }
}

/// The sample caseload with a few changes; returns it and the id of its first family.
fn build() -> (Workspace, Id) {
    let today = NOW.date().expect("a date in range");
    let size = Size {
        families: 5,
        wheel_readings: 3,
        milestone_checks: 2,
        scale_answers: 6,
    };
    let mut ws = caseload(7, size, today, NOW);
    let ctx = Ctx {
        now: NOW,
        today,
        device: Id::fixed("example-device"),
    };
    let ids: Vec<Id> = ws.families().keys().cloned().collect();
    let (first, second) = (ids[0].clone(), ids[1].clone());

    // The first family: a full name, a child born early, a baby due, readings about the
    // child, then closed.
    let opened = ws.families().get(&first).unwrap().opened;
    let fields = FamilyFields {
        reference: ws.families().get(&first).unwrap().reference.clone(),
        full_name: "Example Family".into(),
        worker: "Sam".into(),
        team: "North".into(),
        opened: Some(opened),
        notes: "Made up for the file format example.".into(),
        review_weeks: Some(8),
        consent: Some(Consent {
            date: opened,
            agreed: vec![ConsentItem::KeepRecords, ConsentItem::Reports],
            note: "Happy for us to talk to the health visitor too.".into(),
        }),
        wheel: Some(Id::fixed("early_years")),
    };
    ok(
        &mut ws,
        Action::UpdateFamily {
            id: first.clone(),
            fields,
        },
        &ctx,
    );
    let early = Id::fixed("child-born-early");
    let member = MemberFields {
        role: MemberRole::Child,
        name: "Ari".into(),
        born: Some(today - chrono::Days::new(200)),
        due: None,
        weeks_early: Some(6),
    };
    ok(
        &mut ws,
        Action::AddMember {
            id: early.clone(),
            family: first.clone(),
            fields: member,
        },
        &ctx,
    );
    let baby = MemberFields {
        role: MemberRole::Child,
        name: "Baby".into(),
        born: None,
        due: Some(today + chrono::Days::new(60)),
        weeks_early: None,
    };
    ok(
        &mut ws,
        Action::AddMember {
            id: Id::fixed("baby-due"),
            family: first.clone(),
            fields: baby,
        },
        &ctx,
    );

    // Readings arrive by import (the app has no other way to make them without a page).
    let mut incoming = Records::default();
    let meta = |id: &'static str| Meta::new(Id::fixed(id), NOW, Id::fixed("other-device"));
    let wheel = WheelReading {
        meta: meta("wheel-about-ari"),
        family: first.clone(),
        child: Some(early.clone()),
        template: Id::fixed("child"),
        template_version: 2,
        date: today,
        by: Respondent::Family,
        scores: vec![
            AreaScore {
                area: Id::fixed("happy"),
                score: 4,
                other: Some(6),
                note: "Family see it lower than the worker.".into(),
                step: "Registered with a GP.".into(),
                priority: true,
            },
            AreaScore {
                area: Id::fixed("school"),
                score: 7,
                other: None,
                note: String::new(),
                step: String::new(),
                priority: false,
            },
        ],
        notes: String::new(),
    };
    incoming.wheel_readings.insert(wheel.meta.id.clone(), wheel);
    let scale = ScaleAnswer {
        meta: meta("scale-about-ari"),
        family: first.clone(),
        child: Some(early),
        question: Id::fixed("safe_home"),
        date: today,
        by: Respondent::Child,
        value: 10,
        notes: String::new(),
        face: Some(FaceAnswer {
            face: 5,
            mapping: "faces-v1".into(),
        }),
        keeps: "Mum reads with me".into(),
        higher: "More time at the park".into(),
        notice: "My teacher".into(),
        confidence: Some(7),
    };
    incoming.scale_answers.insert(scale.meta.id.clone(), scale);
    let own = FamilyQuestion {
        meta: meta("own-question"),
        family: first.clone(),
        question: "How are school mornings going?".into(),
        low: "Every morning is a fight".into(),
        high: "The children go to school every day without a fight".into(),
        archived: false,
    };
    incoming.questions.insert(own.meta.id.clone(), own);
    let houses = ThreeHouses {
        meta: meta("three-houses"),
        family: first.clone(),
        child: Some(Id::fixed("child-born-early")),
        date: today,
        worries: "When dad shouts".into(),
        good: "My cat Biscuit".into(),
        wishes: "A sleepover".into(),
        by_child: false,
    };
    incoming.three_houses.insert(houses.meta.id.clone(), houses);
    // A goal in the family's plan, grown from a wheel priority, reviewed once.
    let goal = Goal {
        meta: meta("goal-rent"),
        family: first.clone(),
        text: "Get on top of the rent".into(),
        from: Some(GoalSource {
            template: Id::fixed("family"),
            area: Id::fixed("home_bills"),
        }),
        set: today,
        status: GoalStatus::UnderWay,
        steps: vec![Step {
            what: "Ring the housing officer".into(),
            who: "Mum".into(),
            by: Some(today),
            done: true,
        }],
        reviews: vec![GoalReview {
            date: today,
            status: GoalStatus::UnderWay,
            note: "Meeting booked".into(),
        }],
    };
    incoming.goals.insert(goal.meta.id.clone(), goal);
    // A milestone check with a changed judgement and a referral.
    let mut check = ws
        .milestone_checks()
        .values()
        .find(|c| c.family == first)
        .cloned()
        .expect("the sample has checks");
    check.meta.updated = Millis(check.meta.updated.0 + 1);
    check.overrides.insert(
        Id::fixed("speaking"),
        Override {
            judgement: waymark::domain::milestone::Judgement::NeedsExtraHelp,
            reason: "Few words at home too".into(),
        },
    );
    check.actions.push(Referral {
        area: Id::fixed("speaking"),
        what: "Referral".into(),
        to: "Speech and language therapy".into(),
        date: today,
    });
    incoming
        .milestone_checks
        .insert(check.meta.id.clone(), check);
    ok(&mut ws, Action::Import(Box::new(incoming)), &ctx);

    // An earlier episode: closed after advice, referred again three weeks later.
    let reopened = (opened + chrono::Days::new(40)).min(today);
    ok(
        &mut ws,
        Action::CloseFamily {
            id: first.clone(),
            closure: Closure {
                date: (opened + chrono::Days::new(20)).min(reopened),
                reason: ClosureReason::InformationAndAdvice,
                note: "Advice about sleep helped for a while.".into(),
            },
        },
        &ctx,
    );
    ok(
        &mut ws,
        Action::ReopenFamily {
            id: first.clone(),
            again: Some(reopened),
        },
        &ctx,
    );
    let closure = Closure {
        date: today,
        reason: ClosureReason::SteppedDown,
        note: "Moved to universal services.".into(),
    };
    ok(
        &mut ws,
        Action::CloseFamily {
            id: first.clone(),
            closure,
        },
        &ctx,
    );

    // One record of each kind deleted on its own in the third family (marks written in full),
    // and the second family deleted (its records become plain marks, written by id in `gone`).
    let third = ws.families().keys().nth(2).expect("five families").clone();
    let of = |fam: Option<&Id>| fam == Some(&third);
    let pick = |ids: Vec<Id>| ids.into_iter().next().expect("the sample has one");
    let member = pick(
        ws.members()
            .values()
            .filter(|r| of(Some(&r.family)))
            .map(|r| r.meta.id.clone())
            .collect(),
    );
    let wheel = pick(
        ws.wheel_readings()
            .values()
            .filter(|r| of(Some(&r.family)))
            .map(|r| r.meta.id.clone())
            .collect(),
    );
    let check = pick(
        ws.milestone_checks()
            .values()
            .filter(|r| of(Some(&r.family)))
            .map(|r| r.meta.id.clone())
            .collect(),
    );
    let answer = pick(
        ws.scale_answers()
            .values()
            .filter(|r| of(Some(&r.family)))
            .map(|r| r.meta.id.clone())
            .collect(),
    );
    ok(&mut ws, Action::DeleteWheelReading { id: wheel }, &ctx);
    ok(&mut ws, Action::DeleteMilestoneCheck { id: check }, &ctx);
    ok(&mut ws, Action::DeleteScaleAnswer { id: answer }, &ctx);
    ok(&mut ws, Action::RemoveMember { id: member }, &ctx);
    // Evidence for a claim (issue 33): a council's outcome plan, a need met and checked as
    // lasted (with an older check kept as history), the family claimed; and a need on the
    // family deleted below (written by id in `gone`).
    use waymark::domain::claim::{
        AreaLink, Check, ClaimRule, Descriptor, EvidenceKind, Headline, Met, Need, NeedSource,
        OutcomePlan, PlanHeadline, PLAN_FORMAT,
    };
    let en = |s: &str| [("en".to_string(), s.to_string())].into();
    let plan = OutcomePlan {
        format: PLAN_FORMAT.into(),
        id: Id::fixed("example-council"),
        version: 2,
        name: en("Example council's outcome plan"),
        sustain_months: 6,
        rule: ClaimRule {
            headlines: 1,
            lead: true,
            assessment: false,
            plan: false,
        },
        headlines: vec![
            PlanHeadline {
                headline: Headline::Housing,
                sustain_months: Some(3),
                descriptors: vec![Descriptor {
                    id: Id::fixed("rent-arrears"),
                    text: en("Rent arrears putting the tenancy at risk"),
                }],
                evidence: vec![en("Tenancy kept, confirmed by the landlord")],
            },
            PlanHeadline {
                headline: Headline::Health,
                sustain_months: None,
                descriptors: Vec::new(),
                evidence: Vec::new(),
            },
        ],
        areas: vec![AreaLink {
            template: Id::fixed("family"),
            area: Id::fixed("home_bills"),
            headline: Headline::Housing,
        }],
    };
    ok(&mut ws, Action::AddOutcomePlan(Box::new(plan)), &ctx);
    let day = |s: &str| s.parse().expect("a date");
    let need = |id: &'static str, family: &Id| Need {
        meta: meta(id),
        family: family.clone(),
        child: None,
        headline: Headline::Housing,
        descriptor: Some(Id::fixed("rent-arrears")),
        identified: day("2026-03-02"),
        by: "Sam".into(),
        source: NeedSource::Wheel,
        area: Some((Id::fixed("family"), Id::fixed("home_bills"))),
        note: "Two months behind with the rent.".into(),
        met: None,
        checks: Vec::new(),
    };
    let mut met = need("need-rent", &first);
    met.met = Some(Met {
        date: day("2026-05-04"),
        evidence: EvidenceKind::Fact,
        detail: "Arrears cleared; the landlord confirmed.".into(),
    });
    met.checks = vec![
        Check {
            date: day("2026-04-01"),
            held: false,
            note: "Before the outcome met again.".into(),
        },
        Check {
            date: day("2026-08-10"),
            held: true,
            note: String::new(),
        },
    ];
    ok(&mut ws, Action::SaveNeed(Box::new(met)), &ctx);
    ok(
        &mut ws,
        Action::MakeClaim {
            id: Id::fixed("claim-q3"),
            family: first.clone(),
            date: today,
            note: "Quarter 3 claim.".into(),
        },
        &ctx,
    );
    ok(
        &mut ws,
        Action::SaveNeed(Box::new(need("need-gone", &second))),
        &ctx,
    );
    ok(&mut ws, Action::DeleteFamily { id: second }, &ctx);
    ok(&mut ws, Action::SetReviewWeeks { weeks: 8 }, &ctx);
    ok(
        &mut ws,
        Action::SetOutcomeRules(OutcomeRules {
            min_weeks: 10,
            wheel_tenths: 10,
            scale_tenths: 15,
        }),
        &ctx,
    );
    ok(
        &mut ws,
        Action::SetHelpLines(vec![waymark::domain::help::ServiceLine {
            name: "Children's services front door".into(),
            number: "0121 303 1888".into(),
            what: "Worried about a child in the city, day or night.".into(),
        }]),
        &ctx,
    );
    (ws, first)
}
