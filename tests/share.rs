//! Sharing with a worker (issue 8): a family's own file attached to the right family on the
//! worker's device, without retyping, with a preview, changing nothing else.
#![cfg(not(target_arch = "wasm32"))]

use waymark::domain::base::id::Id;
use waymark::domain::file::export;
use waymark::domain::model::*;
use waymark::domain::workspace::action::{apply, Action, FamilyFields, MemberFields};
use waymark::domain::workspace::merge;

mod common;
use common::*;

fn family(ws: &mut Workspace, fid: &str, reference: &str) {
    apply(
        ws,
        Action::CreateFamily {
            id: id(fid),
            fields: FamilyFields {
                reference: reference.into(),
                opened: Some(d("2026-01-01")),
                ..Default::default()
            },
        },
        &ctx(0),
    )
    .unwrap();
}

fn person(ws: &mut Workspace, mid: &str, fid: &str, role: MemberRole, name: &str) {
    apply(
        ws,
        Action::AddMember {
            id: id(mid),
            family: id(fid),
            fields: MemberFields {
                role,
                name: name.into(),
                born: (role == MemberRole::Child).then(|| d("2022-03-01")),
                due: None,
                weeks_early: None,
            },
        },
        &ctx(0),
    )
    .unwrap();
}

fn answer(
    ws: &mut Workspace,
    aid: &str,
    fid: &str,
    child: Option<&str>,
    by: Respondent,
    value: u8,
) {
    let a = ScaleAnswer {
        meta: Meta::new(id(aid), NOW, id("phone")),
        family: id(fid),
        child: child.map(id),
        question: id("safe_home"),
        date: d("2026-10-01"),
        by,
        value,
        notes: String::new(),
        face: None,
        keeps: String::new(),
        higher: String::new(),
        notice: String::new(),
        confidence: None,
    };
    ws.put(a);
}

/// The worker's device: CASE-9 with Ava, and another family.
fn worker() -> Workspace {
    let mut ws = Workspace::default();
    family(&mut ws, "w1", "CASE-9");
    person(&mut ws, "wava", "w1", MemberRole::Child, "Ava");
    family(&mut ws, "w2", "CASE-10");
    ws
}

/// The family's phone: "Our family" with Mum and " ava ", an answer by Ava, one by the family, and a goal.
fn phone() -> Workspace {
    let mut ws = Workspace::default();
    family(&mut ws, "p1", "Our family");
    person(&mut ws, "pmum", "p1", MemberRole::Adult, "Mum");
    person(&mut ws, "pava", "p1", MemberRole::Child, " ava ");
    answer(&mut ws, "a1", "p1", Some("pava"), Respondent::Child, 7);
    answer(&mut ws, "a2", "p1", None, Respondent::Family, 5);
    let g = Goal {
        meta: Meta::new(id("g1"), NOW, id("phone")),
        family: id("p1"),
        text: "Calmer mornings".into(),
        from: None,
        set: d("2026-10-01"),
        status: GoalStatus::UnderWay,
        steps: Vec::new(),
        reviews: Vec::new(),
    };
    ws.put(g);
    ws
}

#[test]
fn a_shared_file_is_attached_to_the_chosen_family_without_retyping() {
    let mut ours = worker();
    let before = ours.clone();
    // The file goes through the same reader as any import.
    let text = export::export(&phone(), Some(&id("p1")), NOW);
    let file = export::read(&text, NOW).unwrap().data;
    let moved = merge::attach(&file, &ours, &id("w1")).unwrap();
    // The phone's family record stays behind; Ava is matched; Mum is new, in CASE-9.
    assert!(moved.families().is_empty());
    assert_eq!(moved.members().len(), 1);
    assert_eq!(moved.members().get(&id("pmum")).unwrap().family, id("w1"));
    assert_eq!(
        moved.scale_answers().get(&id("a1")).unwrap().child,
        Some(id("wava"))
    );
    assert!(moved.scale_answers().values().all(|a| a.family == id("w1")));
    assert_eq!(moved.goals().get(&id("g1")).unwrap().family, id("w1"));
    // What the preview shows is what the import does.
    let preview = merge::preview(&ours, &moved);
    assert_eq!(preview.readings_added, 3);
    assert_eq!(preview.members_added, 1);
    assert!(preview.families_added.is_empty());
    let done = apply(&mut ours, Action::Import(Box::new(moved.clone())), &ctx(5)).unwrap();
    assert_eq!(done.touched.iter().collect::<Vec<_>>(), [&id("w1")]);
    // Nothing else changed: the family's own record and the other family are as they were.
    assert_eq!(ours.to_records().families, before.to_records().families);
    assert_eq!(ours.family_part(&id("w2")), before.family_part(&id("w2")));
    assert_eq!(ours.live_members_of(&id("w1")).count(), 2);
    // Valid as a whole.
    assert_eq!(
        waymark::domain::workspace::validate::check_workspace(&ours.to_records(), NOW),
        vec![]
    );
    // Attaching the same file again adds nothing.
    let again = merge::attach(&file, &ours, &id("w1")).unwrap();
    assert!(!merge::preview(&ours, &again).changes_anything());
    // And undo takes it all back.
    apply(&mut ours, done.undo.unwrap(), &ctx(6)).unwrap();
    assert_eq!(ours.live_members_of(&id("w1")).count(), 1);
    assert!(ours.scale_answers().values().all(|a| a.meta.deleted));
}

#[test]
fn only_a_one_family_file_can_be_attached_and_only_to_a_family_here() {
    let ours = worker();
    let mut two = phone();
    family(&mut two, "p2", "Someone else");
    assert!(merge::attach(&two.to_records(), &ours, &id("w1")).is_none());
    assert!(merge::attach(&phone().to_records(), &ours, &Id::fixed("nobody")).is_none());
    assert!(merge::attach(&Records::default(), &ours, &id("w1")).is_none());
}
