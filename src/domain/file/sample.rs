//! A realistic made-up caseload for benchmarks and tests: deterministic from a seed, with no
//! real person in it.

use crate::domain::base::Id;
use crate::domain::base::Millis;
use crate::domain::workspace::records::*;
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// A small deterministic random generator (xorshift), so samples are the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn id(&mut self) -> Id {
        let a = self.next().to_be_bytes();
        let b = self.next().to_be_bytes();
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&a);
        bytes[8..].copy_from_slice(&b);
        Id::from_random(bytes)
    }
}

const NOTES: [&str; 6] = [
    "We talked about mornings and what helps the school run go better.",
    "Mum said sleep has been better since the new routine started.",
    "Dad is worried about the rent going up and has a meeting booked with the housing officer.",
    "The children enjoyed the stay and play session and want to go again next week.",
    "Things have been hard this month; we agreed to try one small change at bedtime.",
    "Grandma is helping with pick-ups on Tuesdays and Thursdays now.",
];

/// How big a sample to make.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub families: usize,
    pub wheel_readings: usize,
    pub milestone_checks: usize,
    pub scale_answers: usize,
}

/// The caseload the benchmark asks for: 300 families, each with 6 wheel readings of 10 areas,
/// 4 milestone checks and 20 scaling answers, with notes.
pub const BENCH: Size = Size {
    families: 300,
    wheel_readings: 6,
    milestone_checks: 4,
    scale_answers: 20,
};

/// Makes a caseload. Every record is valid for `today` and was last changed before `now`.
pub fn caseload(seed: u64, size: Size, today: NaiveDate, now: Millis) -> Workspace {
    let mut rng = Rng::new(seed);
    let device = rng.id();
    let mut ws = Records::default();
    let meta = |rng: &mut Rng| {
        let t = Millis(now.0 - 86_400_000 * (1 + rng.below(300) as i64));
        Meta::new(rng.id(), t, device.clone())
    };
    let areas: Vec<Id> = [
        "health",
        "coping",
        "loved_listened",
        "safe",
        "people",
        "play_learning",
        "daily_rhythm",
        "limits",
        "home_bills",
        "work",
    ]
    .iter()
    .map(|s| Id::fixed(s))
    .collect();
    const WORKERS: [&str; 4] = ["Sam", "Priya", "Jo", "Aisha"];
    // Real stages and milestones, so that reports over a sample have something to count.
    let framework = crate::domain::milestone::builtin();
    for n in 0..size.families {
        let opened = today - Days::new(30 + rng.below(700));
        let m = meta(&mut rng);
        let w = rng.below(4) as usize;
        let fam = Family {
            meta: m,
            reference: format!("FAM-{:04}", n + 1),
            full_name: String::new(),
            worker: WORKERS[w].to_string(),
            team: ["North", "South"][w / 2].to_string(),
            opened,
            // About one family in four has closed, for a reason councils report.
            closed: (rng.below(4) == 0).then(|| Closure {
                date: (opened + Days::new(200 + rng.below(300))).min(today),
                reason: ClosureReason::ALL[rng.below(7) as usize],
                note: String::new(),
            }),
            earlier: Vec::new(),
            notes: NOTES[rng.below(6) as usize].to_string(),
            review_weeks: None,
            wheel: None,
            consent: Some(Consent {
                date: opened,
                // Most families agree to be counted in reports; about one in twenty does not.
                agreed: if rng.below(20) == 0 {
                    vec![ConsentItem::KeepRecords]
                } else if rng.below(2) == 0 {
                    vec![ConsentItem::KeepRecords, ConsentItem::Reports]
                } else {
                    ConsentItem::ALL.to_vec()
                },
                note: String::new(),
            }),
        };
        let fid = fam.meta.id.clone();
        ws.families.insert(fid.clone(), fam);
        let mut child_id = None;
        for (role, name) in [(MemberRole::Adult, "Parent"), (MemberRole::Child, "Child")] {
            let m = Member {
                meta: meta(&mut rng),
                family: fid.clone(),
                role,
                name: name.to_string(),
                born: Some(
                    today
                        - Days::new(if role == MemberRole::Child {
                            100 + rng.below(1500)
                        } else {
                            9000 + rng.below(5000)
                        }),
                ),
                due: None,
                weeks_early: None,
            };
            if role == MemberRole::Child {
                child_id = Some(m.meta.id.clone());
            }
            ws.members.insert(m.meta.id.clone(), m);
        }
        for r in 0..size.wheel_readings {
            let scores = areas
                .iter()
                .map(|a| AreaScore {
                    area: a.clone(),
                    score: 1 + rng.below(10) as u8,
                    other: None,
                    note: if rng.below(4) == 0 {
                        NOTES[rng.below(6) as usize].to_string()
                    } else {
                        String::new()
                    },
                    step: String::new(),
                    priority: false,
                })
                .collect();
            let w = WheelReading {
                meta: meta(&mut rng),
                family: fid.clone(),
                child: None,
                template: Id::fixed("family"),
                template_version: 1,
                date: opened + Days::new(7 + 84 * r as u64),
                by: Respondent::Agreed,
                scores,
                notes: NOTES[rng.below(6) as usize].to_string(),
            };
            ws.wheel_readings.insert(w.meta.id.clone(), w);
        }
        if let Some(child) = &child_id {
            for s in 0..size.milestone_checks {
                let stage = framework.as_ref().and_then(|f| f.stages.get(s));
                let ids: Vec<Id> = match stage {
                    Some(st) => st.milestones.iter().map(|m| m.id.clone()).collect(),
                    None => (0..16)
                        .map(|i| Id::parse(&format!("s{s}m{i}")).unwrap_or_else(|| Id::fixed("m")))
                        .collect(),
                };
                // Mostly yes, so that most children are on track, as in real caseloads.
                let answers: BTreeMap<Id, MilestoneAnswer> = ids
                    .into_iter()
                    .map(|m| {
                        let a = [
                            MilestoneAnswer::NotYet,
                            MilestoneAnswer::Sometimes,
                            MilestoneAnswer::Yes,
                            MilestoneAnswer::Yes,
                            MilestoneAnswer::Yes,
                        ][rng.below(5) as usize];
                        (m, a)
                    })
                    .collect();
                let c = MilestoneCheck {
                    meta: meta(&mut rng),
                    family: fid.clone(),
                    child: child.clone(),
                    framework: framework
                        .as_ref()
                        .map_or_else(|| Id::fixed("icm"), |f| f.id.clone()),
                    framework_version: framework.as_ref().map_or(1, |f| f.version),
                    stage: stage.map_or_else(
                        || Id::parse(&format!("stage{s}")).unwrap_or_else(|| Id::fixed("stage")),
                        |st| st.id.clone(),
                    ),
                    // Never before the child was born.
                    date: (opened + Days::new(10 + 90 * s as u64))
                        .max(ws.members[child].born.unwrap_or(opened)),
                    by: Respondent::Worker,
                    answers,
                    notes: NOTES[rng.below(6) as usize].to_string(),
                    overrides: BTreeMap::new(),
                    actions: Vec::new(),
                };
                ws.milestone_checks.insert(c.meta.id.clone(), c);
            }
        }
        for a in 0..size.scale_answers {
            let ans = ScaleAnswer {
                meta: meta(&mut rng),
                family: fid.clone(),
                child: None,
                question: Id::fixed(
                    ["safe_home", "confident_parent", "feeling_today", "our_goal"][a % 4],
                ),
                date: opened + Days::new(7 * (a / 2) as u64),
                by: [Respondent::Family, Respondent::Worker][a % 2],
                value: rng.below(11) as u8,
                notes: if a % 3 == 0 {
                    NOTES[rng.below(6) as usize].to_string()
                } else {
                    String::new()
                },
                face: None,
                keeps: String::new(),
                higher: String::new(),
                notice: String::new(),
                confidence: None,
            };
            ws.scale_answers.insert(ans.meta.id.clone(), ans);
        }
    }
    // Dates above may pass today for recently opened cases, or the closing of a closed one:
    // clamp them.
    let end: BTreeMap<Id, NaiveDate> = ws
        .families
        .values()
        .map(|f| {
            (
                f.meta.id.clone(),
                f.closed.as_ref().map_or(today, |c| c.date),
            )
        })
        .collect();
    let until = |f: &Id| end.get(f).copied().unwrap_or(today);
    for w in ws.wheel_readings.values_mut() {
        w.date = w.date.min(until(&w.family));
    }
    for c in ws.milestone_checks.values_mut() {
        // Never before the child was born (a child born after the case closed).
        let born = ws.members.get(&c.child).and_then(|m| m.born);
        c.date = c.date.min(until(&c.family)).max(born.unwrap_or(c.date));
    }
    for a in ws.scale_answers.values_mut() {
        a.date = a.date.min(until(&a.family));
    }
    Workspace::from_records(ws)
}
