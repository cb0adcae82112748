#![cfg(not(target_arch = "wasm32"))]
//! Merging field by field (issue 20): each field's latest change wins; a free-text field changed
//! on two devices without either seeing the other's change keeps both versions until a person
//! chooses; merging stays idempotent, commutative and associative over real edit histories.

use chrono::NaiveDate;
use proptest::prelude::*;

mod common;
use common::fields_of;
use waymark::domain::base::{Id, Millis};
use waymark::domain::model::MemberRole;
use waymark::domain::workspace::action::{apply, Action, Ctx, FamilyFields, MemberFields};
use waymark::domain::workspace::fields::unsettled;
use waymark::domain::workspace::merge::merge;
use waymark::domain::workspace::Workspace;

const NOW: Millis = Millis(1_795_000_000_000);

fn ctx(device: usize, t: i64) -> Ctx {
    Ctx {
        now: Millis(NOW.0 + t),
        today: NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(),
        device: Id::parse(&format!("device{device}")).unwrap(),
    }
}

fn fam() -> Id {
    Id::parse("family1").unwrap()
}

fn fields(ws: &Workspace) -> FamilyFields {
    let f = ws.families().get(&fam()).unwrap();
    fields_of(f, &f.reference)
}

fn start() -> Workspace {
    let mut ws = Workspace::default();
    let fields = FamilyFields {
        reference: "FAM-1".into(),
        worker: "Jo".into(),
        opened: NaiveDate::from_ymd_opt(2026, 9, 1),
        notes: "First visit went well.".into(),
        ..Default::default()
    };
    apply(
        &mut ws,
        Action::CreateFamily { id: fam(), fields },
        &ctx(0, 0),
    )
    .unwrap();
    apply(
        &mut ws,
        Action::AddMember {
            id: member(),
            family: fam(),
            fields: person("Sam"),
        },
        &ctx(0, 1),
    )
    .unwrap();
    ws
}

fn member() -> Id {
    Id::parse("member1").unwrap()
}

fn person(name: &str) -> MemberFields {
    MemberFields {
        role: MemberRole::Adult,
        name: name.into(),
        born: None,
        due: None,
        weeks_early: None,
    }
}

fn edit(ws: &mut Workspace, device: usize, t: i64, change: impl FnOnce(&mut FamilyFields)) {
    if ws.families().get(&fam()).unwrap().meta.deleted {
        return;
    }
    let mut f = fields(ws);
    change(&mut f);
    apply(
        ws,
        Action::UpdateFamily {
            id: fam(),
            fields: f,
        },
        &ctx(device, t),
    )
    .unwrap();
}

fn merged(a: &Workspace, b: &Workspace) -> Workspace {
    let mut out = a.clone();
    merge(&mut out, &b.to_records());
    out
}

#[test]
fn two_workers_changing_different_fields_keep_both_changes() {
    let (mut a, mut b) = (start(), start());
    edit(&mut a, 1, 10, |f| f.worker = "Aisha".into());
    // Later, elsewhere, without seeing Aisha's change.
    edit(&mut b, 2, 20, |f| f.review_weeks = Some(6));
    for m in [merged(&a, &b), merged(&b, &a)] {
        let f = m.families().get(&fam()).unwrap();
        assert_eq!(
            f.worker, "Aisha",
            "the earlier change to one field is not lost"
        );
        assert_eq!(f.review_weeks, Some(6));
        assert!(unsettled(f).is_empty());
    }
}

#[test]
fn the_same_note_changed_in_two_places_keeps_both_to_choose_from() {
    let (mut a, mut b) = (start(), start());
    edit(&mut a, 1, 10, |f| {
        f.notes = "Dad has started a new job.".into()
    });
    edit(&mut b, 2, 20, |f| {
        f.notes = "Nursery place offered for March.".into()
    });
    let m = merged(&a, &b);
    assert_eq!(m, merged(&b, &a));
    let f = m.families().get(&fam()).unwrap();
    // The later change shows; the other is kept beside it.
    assert_eq!(f.notes, "Nursery place offered for March.");
    assert_eq!(
        unsettled(f),
        vec![(
            "notes".to_string(),
            vec![
                "Nursery place offered for March.".to_string(),
                "Dad has started a new job.".to_string()
            ]
        )]
    );
    // Choosing one settles it everywhere: merged with either old copy, the choice stays.
    let mut settled = m.clone();
    apply(
        &mut settled,
        Action::Settle {
            kind: "families".into(),
            id: fam(),
            field: "notes".into(),
            text: "Dad has started a new job. Nursery place offered for March.".into(),
        },
        &ctx(1, 30),
    )
    .unwrap();
    for old in [&a, &b, &m] {
        let again = merged(&settled, old);
        assert_eq!(again, merged(old, &settled));
        let f = again.families().get(&fam()).unwrap();
        assert_eq!(
            f.notes,
            "Dad has started a new job. Nursery place offered for March."
        );
        assert!(unsettled(f).is_empty());
    }
}

#[test]
fn a_change_made_after_seeing_another_replaces_it_without_asking() {
    let (mut a, mut b) = (start(), start());
    edit(&mut a, 1, 10, |f| f.notes = "One".into());
    b = merged(&b, &a);
    edit(&mut b, 2, 20, |f| f.notes = "One, then two".into());
    let m = merged(&a, &b);
    assert_eq!(m.families().get(&fam()).unwrap().notes, "One, then two");
    assert!(unsettled(m.families().get(&fam()).unwrap()).is_empty());
    // Even if the first device's clock is ahead: it had seen nothing of the second change, but
    // the second had seen the first.
    let (mut a, mut b) = (start(), start());
    edit(&mut a, 1, 5_000, |f| f.notes = "One".into());
    b = merged(&b, &a);
    edit(&mut b, 2, 20, |f| f.notes = "One, then two".into());
    assert_eq!(
        merged(&a, &b).families().get(&fam()).unwrap().notes,
        "One, then two"
    );
}

#[test]
fn a_deletion_reaches_the_other_device_and_stale_copies_do_not_undo_it() {
    let (mut a, b) = (start(), start());
    apply(&mut a, Action::DeleteFamily { id: fam() }, &ctx(1, 10)).unwrap();
    let m = merged(&b, &a);
    assert!(m.families().get(&fam()).unwrap().meta.deleted);
    assert!(
        m.families().get(&fam()).unwrap().notes.is_empty(),
        "a deletion mark keeps no content"
    );
    assert_eq!(merged(&a, &b), m);
}

/// A step of a history over three devices.
#[derive(Clone, Debug)]
enum Step {
    Notes(usize, u8),
    Worker(usize, u8),
    Weeks(usize, u8),
    Sync(usize, usize),
    Settle(usize),
    /// The family's person renamed (a record of the family other than the family itself).
    Name(usize, u8),
    /// The family deleted on a device.
    Delete(usize),
    /// That device's latest deletion undone (a new change, after seeing the mark).
    Undo(usize),
}

fn arb_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 0..4u8).prop_map(|(d, v)| Step::Notes(d, v)),
        (0..3usize, 0..4u8).prop_map(|(d, v)| Step::Worker(d, v)),
        (0..3usize, 4..9u8).prop_map(|(d, v)| Step::Weeks(d, v)),
        (0..3usize, 0..3usize).prop_map(|(a, b)| Step::Sync(a, b)),
        (0..3usize).prop_map(Step::Settle),
        (0..3usize).prop_map(Step::Delete),
        (0..3usize, 0..4u8).prop_map(|(d, v)| Step::Name(d, v)),
        (0..3usize).prop_map(Step::Undo),
    ]
}

/// Runs a history; each device's clock may be off by a few seconds.
fn run(steps: &[Step], skew: [i64; 3]) -> [Workspace; 3] {
    let mut ws = [start(), start(), start()];
    let mut undo: [Option<Action>; 3] = [None, None, None];
    for (i, s) in steps.iter().enumerate() {
        let t = (i as i64 + 1) * 100;
        match *s {
            Step::Notes(d, v) => edit(&mut ws[d], d, t + skew[d], |f| {
                f.notes = format!("note {v} from {d}")
            }),
            Step::Worker(d, v) => edit(&mut ws[d], d, t + skew[d], |f| {
                f.worker = format!("worker {v}")
            }),
            Step::Weeks(d, v) => edit(&mut ws[d], d, t + skew[d], |f| f.review_weeks = Some(v)),
            Step::Sync(a, b) => {
                let from = ws[a].clone();
                merge(&mut ws[b], &from.to_records());
            }
            Step::Name(d, v) => {
                let live = ws[d]
                    .members()
                    .get(&member())
                    .is_some_and(|m| !m.meta.deleted)
                    && !ws[d].families().get(&fam()).unwrap().meta.deleted;
                if live {
                    apply(
                        &mut ws[d],
                        Action::UpdateMember {
                            id: member(),
                            fields: person(&format!("name {v} from {d}")),
                        },
                        &ctx(d, t + skew[d]),
                    )
                    .unwrap();
                }
            }
            Step::Delete(d) => {
                if let Ok(a) = apply(
                    &mut ws[d],
                    Action::DeleteFamily { id: fam() },
                    &ctx(d, t + skew[d]),
                ) {
                    undo[d] = a.undo;
                }
            }
            Step::Undo(d) => {
                if let Some(a) = undo[d].take() {
                    apply(&mut ws[d], a, &ctx(d, t + skew[d])).unwrap();
                }
            }
            Step::Settle(d) => {
                let f = ws[d].families().get(&fam()).unwrap();
                if f.meta.deleted {
                    continue;
                }
                if let Some((field, texts)) = unsettled(f).into_iter().next() {
                    let text = texts.last().unwrap().clone();
                    // (A deletion's emptied text is a version too; a required field refuses it.)
                    let _ = apply(
                        &mut ws[d],
                        Action::Settle {
                            kind: "families".into(),
                            id: fam(),
                            field,
                            text,
                        },
                        &ctx(d, t + skew[d]),
                    );
                }
            }
        }
    }
    ws
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn merging_is_idempotent_commutative_and_associative(
        steps in proptest::collection::vec(arb_step(), 0..24),
        skew in proptest::array::uniform3(-3_000i64..3_000),
    ) {
        let [a, b, c] = run(&steps, skew);
        prop_assert_eq!(&merged(&a, &a), &a);
        prop_assert_eq!(merged(&a, &b), merged(&b, &a));
        prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
        let all = merged(&merged(&a, &b), &c);
        for one in [&a, &b, &c] {
            prop_assert_eq!(&merged(&all, one), &all);
        }
        // What is stored (deleted families' marks written by id) reads back as it was.
        let text = waymark::domain::file::export::export(&all, None, NOW);
        prop_assert_eq!(&Workspace::from_records(waymark::domain::file::export::read(&text, NOW).unwrap().data), &all);
    }

    #[test]
    fn no_typed_note_is_lost_unless_someone_saw_it(
        steps in proptest::collection::vec(arb_step(), 0..24),
        skew in proptest::array::uniform3(-3_000i64..3_000),
    ) {
        let [a, b, c] = run(&steps, skew);
        let all = merged(&merged(&a, &b), &c);
        // Every device's own latest note is either the merged note, one of the versions kept,
        // or was replaced by a change made after seeing it.
        let f = all.families().get(&fam()).unwrap();
        if f.meta.deleted {
            // A deletion mark keeps no text and one clock, which has seen every note it took.
            prop_assert!(f.meta.clocks.len() <= 1 || f.meta.clocks.contains_key("deleted"));
            return Ok(());
        }
        let kept: Vec<String> = unsettled(f).into_iter().flat_map(|(_, t)| t).chain([f.notes.clone()]).collect();
        for ws in [&a, &b, &c] {
            let mine = ws.families().get(&fam()).unwrap();
            let mine_clock = mine.meta.clocks.get("notes").cloned().unwrap_or_default();
            let mut heads = vec![f.meta.clocks.get("notes").cloned().unwrap_or_default()];
            heads.extend(f.meta.others.get("notes").into_iter().flatten().map(|v| v.clock.clone()));
            let superseded = heads
                .iter()
                .any(|h| waymark::domain::workspace::fields::dominates(h, &mine_clock));
            prop_assert!(kept.contains(&mine.notes) || superseded,
                "{:?} lost from {:?}", mine.notes, kept);
        }
    }
}

/// Every kind of record lists its fields (`Fields::FIELDS`) as serde writes them, skipped ones
/// included, and its free-text fields among them: a field renamed or added without updating the
/// list would merge wrongly (issue 29: "a renamed field silently changes how it merges").
#[test]
fn every_kind_lists_its_fields_as_serde_names_them() {
    use waymark::domain::base::{Meta, Record};
    use waymark::domain::file::sample;
    use waymark::domain::model::*;

    fn check<T: Record>(r: &T) {
        let mut names = names::Names(Vec::new());
        r.serialize(&mut names).unwrap();
        let mut got = names.0;
        got.retain(|n| *n != "meta");
        let mut want = T::FIELDS.to_vec();
        got.sort();
        want.sort();
        assert_eq!(want, got, "{}", std::any::type_name::<T>());
        for t in T::TEXT {
            assert!(
                T::FIELDS.contains(t),
                "{t} of {}",
                std::any::type_name::<T>()
            );
        }
    }
    let ws = sample::caseload(
        3,
        sample::Size {
            families: 1,
            wheel_readings: 1,
            milestone_checks: 1,
            scale_answers: 1,
        },
        NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(),
        NOW,
    );
    let fam = ws.families().values().next().unwrap();
    check(fam);
    check(ws.members().values().next().unwrap());
    check(ws.wheel_readings().values().next().unwrap());
    check(ws.milestone_checks().values().next().unwrap());
    check(ws.scale_answers().values().next().unwrap());
    let meta = Meta::new(Id::parse("r1").unwrap(), NOW, Id::parse("d1").unwrap());
    check(&FamilyQuestion::gone(meta.clone(), &fam.meta.id).unwrap());
    check(&ThreeHouses::gone(meta.clone(), &fam.meta.id).unwrap());
    check(&Goal::gone(meta.clone(), &fam.meta.id).unwrap());
    check(&Settings {
        meta: meta.clone(),
        review_weeks: 12,
        outcomes: OutcomeRules::default(),
        help_lines: vec![waymark::domain::help::ServiceLine {
            name: "Front door".into(),
            number: "0121 303 1888".into(),
            what: String::new(),
        }],
    });
    check(&CustomWheel {
        meta: meta.clone(),
        template: waymark::domain::wheel::builtin().remove(0),
    });
    check(&CustomFramework {
        meta,
        framework: waymark::domain::milestone::builtin().unwrap(),
    });
}

/// A serializer that only writes down the names of a struct's fields, including those that
/// `skip_serializing_if` leaves out (serde tells of them with `skip_field`).
mod names {
    use serde::ser::{self, Impossible, Serialize, SerializeStruct};

    pub struct Names(pub Vec<&'static str>);

    #[derive(Debug)]
    pub struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("not a struct")
        }
    }
    impl std::error::Error for Stop {}
    impl ser::Error for Stop {
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            Stop
        }
    }

    impl SerializeStruct for &mut Names {
        type Ok = ();
        type Error = Stop;
        fn serialize_field<T: ?Sized + Serialize>(
            &mut self,
            key: &'static str,
            _: &T,
        ) -> Result<(), Stop> {
            self.0.push(key);
            Ok(())
        }
        fn skip_field(&mut self, key: &'static str) -> Result<(), Stop> {
            self.0.push(key);
            Ok(())
        }
        fn end(self) -> Result<(), Stop> {
            Ok(())
        }
    }

    macro_rules! refuse {
        ($($f:ident($($t:ty),*);)*) => {
            $(fn $f(self, $(_: $t),*) -> Result<(), Stop> { Err(Stop) })*
        };
    }

    impl ser::Serializer for &mut Names {
        type Ok = ();
        type Error = Stop;
        type SerializeSeq = Impossible<(), Stop>;
        type SerializeTuple = Impossible<(), Stop>;
        type SerializeTupleStruct = Impossible<(), Stop>;
        type SerializeTupleVariant = Impossible<(), Stop>;
        type SerializeMap = Impossible<(), Stop>;
        type SerializeStruct = Self;
        type SerializeStructVariant = Impossible<(), Stop>;
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Stop> {
            Ok(self)
        }
        refuse! {
            serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
            serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
            serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
            serialize_str(&str); serialize_bytes(&[u8]); serialize_none(); serialize_unit();
            serialize_unit_struct(&'static str);
            serialize_unit_variant(&'static str, u32, &'static str);
        }
        fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), Stop> {
            Err(Stop)
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<(), Stop> {
            Err(Stop)
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Stop> {
            Err(Stop)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
            Err(Stop)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
            Err(Stop)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Stop> {
            Err(Stop)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Stop> {
            Err(Stop)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
            Err(Stop)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Stop> {
            Err(Stop)
        }
    }
}
