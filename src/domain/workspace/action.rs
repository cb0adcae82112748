//! The one way to change a workspace: an [`Action`] applied with [`apply`]. Every action is
//! validated first (an invalid one changes nothing), and returns what it touched (for saving)
//! and how to undo it.

#[cfg(feature = "staff")]
use super::fields;
use super::folders::{ChangeSet, Place, Workspace};
#[cfg(feature = "staff")]
use super::kinds::Class;
use super::kinds::{for_each_kind, Records, Stored};
#[cfg(feature = "staff")]
use super::merge;
use super::merge::MergeReport;
#[cfg(feature = "staff")]
use super::settings::{check_outcome_rules, REVIEW_WEEKS, SETTINGS_ID};
use super::settings::{OutcomeRules, Settings, DEFAULT_REVIEW_WEEKS};
use super::validate::{problems_of, Linked};
use crate::domain::base::sort;
use crate::domain::base::{Checker, Id, Meta, Millis, Problem, ProblemKind, Record, Respondent};
#[cfg(feature = "staff")]
use crate::domain::case::Member;
use crate::domain::case::{Closure, Consent, Episode, Family, Goal, MemberRole};
#[cfg(feature = "staff")]
use crate::domain::help::{check_service_lines, ServiceLine};
#[cfg(feature = "staff")]
use crate::domain::milestone::CustomFramework;
use crate::domain::milestone::{Framework, MilestoneCheck};
use crate::domain::scale::{FaceAnswer, FamilyQuestion, ScaleAnswer, ThreeHouses};
#[cfg(feature = "staff")]
use crate::domain::wheel::CustomWheel;
use crate::domain::wheel::{AreaScore, WheelReading, WheelTemplate};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The moment and device an action happens on. Supplied by the app; fixed in tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ctx {
    pub now: Millis,
    pub today: NaiveDate,
    pub device: Id,
}

/// The fields of a family a person can edit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FamilyFields {
    pub reference: String,
    pub full_name: String,
    pub worker: String,
    pub team: String,
    pub opened: Option<NaiveDate>,
    pub notes: String,
    /// Weeks between reviews for this family (`None`: the default, 12).
    pub review_weeks: Option<u8>,
    pub consent: Option<Consent>,
    /// The wheel the family's own phone opens (`None`: the family wheel).
    pub wheel: Option<Id>,
}

/// The fields of a family member a person can edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberFields {
    pub role: MemberRole,
    pub name: String,
    pub born: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub weeks_early: Option<u8>,
}

/// The fields of an answer to a scaling question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScaleAnswerFields {
    pub id: Id,
    pub family: Id,
    pub child: Option<Id>,
    pub question: Id,
    pub date: NaiveDate,
    pub by: Respondent,
    pub value: u8,
    pub face: Option<FaceAnswer>,
    pub keeps: String,
    pub higher: String,
    pub notice: String,
    pub confidence: Option<u8>,
}

/// The fields of a wheel reading a person enters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WheelFields {
    pub id: Id,
    pub family: Id,
    pub child: Option<Id>,
    pub template: Id,
    pub template_version: u32,
    pub date: NaiveDate,
    pub by: Respondent,
    pub scores: Vec<AreaScore>,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    CreateFamily {
        id: Id,
        fields: FamilyFields,
    },
    UpdateFamily {
        id: Id,
        fields: FamilyFields,
    },
    CloseFamily {
        id: Id,
        closure: Closure,
    },
    /// Opens a closed family again: `again: None` takes the closing back (it was a mistake);
    /// `Some(date)` keeps the closed episode and starts a new one on that date (a re-referral).
    ReopenFamily {
        id: Id,
        again: Option<NaiveDate>,
    },
    /// Deletes a family and every record that belongs to it (kept as marks).
    DeleteFamily {
        id: Id,
    },
    AddMember {
        id: Id,
        family: Id,
        fields: MemberFields,
    },
    UpdateMember {
        id: Id,
        fields: MemberFields,
    },
    RemoveMember {
        id: Id,
    },
    SetReviewWeeks {
        weeks: u8,
    },
    /// Records a milestone check of a child at a stage (or replaces one, same id).
    SaveMilestoneCheck(Box<MilestoneCheck>),
    DeleteMilestoneCheck {
        id: Id,
    },
    /// Records an answer to a scaling question.
    RecordScaleAnswer(Box<ScaleAnswerFields>),
    DeleteScaleAnswer {
        id: Id,
    },
    /// Writes a question with a family, in its own words.
    AddFamilyQuestion {
        id: Id,
        family: Id,
        question: String,
        low: String,
        high: String,
    },
    /// Stops asking a family's own question (its answers stay).
    ArchiveFamilyQuestion {
        id: Id,
    },
    /// Keeps a child's three houses.
    SaveThreeHouses(Box<ThreeHouses>),
    DeleteThreeHouses {
        id: Id,
    },
    /// Sets the thresholds of the outcome rule.
    SetOutcomeRules(OutcomeRules),
    /// Sets the service's own help lines (empty lines left out).
    SetHelpLines(Vec<crate::domain::help::ServiceLine>),
    /// Adds a goal to a family's plan, or replaces one (same id).
    SaveGoal(Box<Goal>),
    DeleteGoal {
        id: Id,
    },
    /// Records a need under a headline (or replaces one: same id), with its outcome and checks.
    #[cfg(feature = "staff")]
    SaveNeed(Box<crate::domain::claim::Need>),
    /// Deletes a need (refused while a claim counts it).
    #[cfg(feature = "staff")]
    DeleteNeed {
        id: Id,
    },
    /// Marks a family claimed on `date`: every need not yet claimed, refused unless the family
    /// is ready to claim under the plan in force (so a need is never claimed twice).
    #[cfg(feature = "staff")]
    MakeClaim {
        id: Id,
        family: Id,
        date: NaiveDate,
        note: String,
    },
    /// Takes a claim back (its needs can be claimed again).
    #[cfg(feature = "staff")]
    DeleteClaim {
        id: Id,
    },
    /// Loads a council's own outcome plan (a new id, or a new version of one loaded before).
    #[cfg(feature = "staff")]
    AddOutcomePlan(Box<crate::domain::claim::OutcomePlan>),
    /// Stops using a loaded outcome plan (the one loaded before it, or the national framework,
    /// is used again; claims made under it keep its id).
    #[cfg(feature = "staff")]
    RemoveOutcomePlan {
        id: Id,
    },
    /// Loads a service's own wheel (a new id, or a new version of one loaded before).
    AddWheelTemplate(Box<WheelTemplate>),
    /// Loads a service's own milestone framework (a new id, or a new version).
    AddFramework(Box<Framework>),
    /// Records a wheel reading, or replaces the scores of one (same id).
    SaveWheelReading(Box<WheelFields>),
    DeleteWheelReading {
        id: Id,
    },
    /// Merges records from an imported file (already parsed and checked).
    Import(Box<Records>),
    /// Settles a free-text field changed in two places: `text` (one of the versions, or a
    /// person's own) is kept, everywhere. `kind` is the collection's name (`families`).
    Settle {
        kind: String,
        id: Id,
        field: String,
        text: String,
    },
    /// Puts back what an action changed (its undo): each record it changed as it was before,
    /// written anew with the current time (so the undo reaches other devices as a change of its
    /// own), and a deletion mark for each record it added.
    Restore(Box<ChangeSet>),
    /// Undoes an import: puts back what the file changed (as [`Action::Restore`]) and takes
    /// out, without a deletion mark, every record the file added, as if the file had never been
    /// brought in: the space is given back, and the same file can be brought in again.
    Unimport(Box<ChangeSet>),
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    #[error("invalid input")]
    Invalid(Vec<Problem>),
    #[error("no such record")]
    NotFound,
}

/// What an applied action did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// The folders (and shared part) it changed, before and after: what to store, send and
    /// tell, and what its undo puts back.
    pub changes: ChangeSet,
    /// Families whose records changed (the storage values to write).
    pub touched: BTreeSet<Id>,
    pub settings_changed: bool,
    /// Applying this puts everything back as it was before.
    pub undo: Option<Action>,
    /// For an import: what it did.
    pub report: Option<MergeReport>,
}

/// Records changes, noting each folder as it was before its first change.
struct Tx<'a> {
    ws: &'a mut Workspace,
    ctx: &'a Ctx,
    changes: ChangeSet,
    /// An import: its undo takes out what it added.
    import: bool,
    out: Applied,
}

impl<'a> Tx<'a> {
    /// The one rule for saving a record a person made or changed: its family must be live; a
    /// new id makes a new record; an id already here must be a live record of the same family
    /// (it keeps its `created`). Then the record is checked with its workspace, and written.
    fn save<T: Stored + Linked>(&mut self, mut r: T) -> Result<(), ActionError> {
        if let Some(f) = r.family_id() {
            live::<Family>(self.ws, f)?;
        }
        let id = r.meta().id.clone();
        let meta = match self.ws.get::<T>(&id) {
            Some(old) if !old.meta().deleted && old.family_id() == r.family_id() => {
                old.meta().clone()
            }
            Some(_) => return Err(ActionError::NotFound),
            None => Meta::new(id, self.ctx.now, self.ctx.device.clone()),
        };
        *r.meta_mut() = meta;
        invalid_if_any(problems_of(&r, self.ctx.today, self.ws))?;
        if self.ws.get::<T>(&r.meta().id) != Some(&r) {
            self.put(r);
        }
        Ok(())
    }

    /// Marks a live record deleted.
    fn delete<T: Stored>(&mut self, id: &Id) -> Result<(), ActionError> {
        let mut r: T = live::<T>(self.ws, id)?.clone();
        r.meta_mut().deleted = true;
        self.put(r);
        Ok(())
    }

    fn put<T: Stored>(&mut self, r: T) {
        self.put_also(r, &[]);
    }

    fn put_also<T: Stored>(&mut self, r: T, also: &[&str]) {
        self.write(r, Some(also));
    }

    /// Notes the part a record is in before it changes.
    fn note<T: Stored>(&mut self, r: &T) {
        self.changes.before(self.ws, &Workspace::place_of(r));
    }

    /// Writes a record; with `stamp`, stamping the fields it changes (and those it names) with
    /// this change; without, its clocks as they are (a deleted family's marks, made whole).
    fn write<T: Stored>(&mut self, mut r: T, stamp: Option<&[&str]>) {
        if r.meta().deleted {
            // A deletion mark keeps no content; undo keeps the record (the folder before).
            r.scrub();
        }
        let id = r.meta().id.clone();
        // Field clocks are for merging with other devices' changes (a team, files brought in):
        // the worker's build. A family's phone writes records without them, which merge as
        // whole records, as before (and its build stays small).
        #[cfg(not(feature = "staff"))]
        let _ = stamp;
        #[cfg(feature = "staff")]
        if let Some(also) = stamp {
            fields::stamp(
                self.ws.get::<T>(&id),
                &mut r,
                self.ctx.now,
                &self.ctx.device,
                also,
            );
        }
        // A record that moves to another family changes the old one's folder too.
        if let Some(old) = self.ws.get::<T>(&id).cloned() {
            self.note(&old);
        }
        self.note(&r);
        let m = r.meta_mut();
        m.updated = self.ctx.now.max(m.created);
        m.device = self.ctx.device.clone();
        self.ws.put(r);
    }

    fn finish(mut self) -> Applied {
        let changes = std::mem::take(&mut self.changes).after(self.ws);
        self.out.touched = changes.families().cloned().collect();
        self.out.settings_changed = changes.shared();
        self.out.undo = Some(if self.import {
            Action::Unimport(Box::new(changes.clone()))
        } else {
            Action::Restore(Box::new(changes.clone()))
        });
        self.out.changes = changes;
        self.out
    }
}

/// What an action does, in the words a person would use ("Deleted", "Brought in"), so that the
/// message after it (and its Undo) says what happened. The UI words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Saved,
    Deleted,
    /// A question no longer asked (its answers stay).
    Archived,
    /// A file's records brought in.
    Imported,
    /// Records put back as they were (an undo).
    Restored,
}

impl Action {
    pub fn effect(&self) -> Effect {
        match self {
            Action::DeleteFamily { .. }
            | Action::RemoveMember { .. }
            | Action::DeleteMilestoneCheck { .. }
            | Action::DeleteScaleAnswer { .. }
            | Action::DeleteThreeHouses { .. }
            | Action::DeleteGoal { .. }
            | Action::DeleteWheelReading { .. } => Effect::Deleted,
            #[cfg(feature = "staff")]
            Action::DeleteNeed { .. } | Action::DeleteClaim { .. } => Effect::Deleted,
            Action::ArchiveFamilyQuestion { .. } => Effect::Archived,
            Action::Import(_) => Effect::Imported,
            Action::Restore(_) | Action::Unimport { .. } => Effect::Restored,
            _ => Effect::Saved,
        }
    }
}

fn invalid_if_any(problems: Vec<Problem>) -> Result<(), ActionError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ActionError::Invalid(problems))
    }
}

fn live<'w, T: Stored>(ws: &'w Workspace, id: &Id) -> Result<&'w T, ActionError> {
    ws.get::<T>(id)
        .filter(|r| !r.meta().deleted)
        .ok_or(ActionError::NotFound)
}

fn family_from(
    fields: FamilyFields,
    meta: Meta,
    (closed, earlier): (Option<Closure>, Vec<Episode>),
    ctx: &Ctx,
) -> Result<Family, ActionError> {
    let mut problems = Vec::new();
    let opened = match fields.opened {
        Some(d) => d,
        None => {
            problems.push(Problem::new("opened", ProblemKind::Required));
            ctx.today
        }
    };
    let f = Family {
        meta,
        reference: fields.reference.trim().to_string(),
        full_name: fields.full_name.trim().to_string(),
        worker: fields.worker.trim().to_string(),
        opened,
        closed,
        earlier,
        team: fields.team.trim().to_string(),
        notes: fields.notes.trim_end().to_string(),
        review_weeks: fields.review_weeks,
        consent: fields.consent.map(|mut k| {
            sort::sort(&mut k.agreed);
            k.agreed.dedup();
            k.note = k.note.trim().to_string();
            k
        }),
        wheel: fields.wheel,
    };
    f.check(ctx.today, &mut Checker::new("", &mut problems));
    invalid_if_any(problems)?;
    Ok(f)
}

#[cfg(feature = "staff")]
fn member_from(fields: MemberFields, meta: Meta, family: Id) -> Member {
    let child = fields.role == MemberRole::Child;
    Member {
        meta,
        family,
        role: fields.role,
        name: fields.name.trim().to_string(),
        born: fields.born,
        due: if child { fields.due } else { None },
        weeks_early: if child {
            fields.weeks_early.filter(|w| *w > 0)
        } else {
            None
        },
    }
}

fn duplicate_id() -> ActionError {
    ActionError::Invalid(vec![Problem::new("id", ProblemKind::Duplicate)])
}

/// Applies an action. On error nothing has changed.
pub fn apply(ws: &mut Workspace, action: Action, ctx: &Ctx) -> Result<Applied, ActionError> {
    // Check and build everything first, so a failure changes nothing.
    let mut tx = Tx {
        ws,
        ctx,
        changes: ChangeSet::default(),
        import: false,
        out: Applied::default(),
    };
    match action {
        Action::CreateFamily { id, fields } => {
            if tx.ws.family(&id).is_some() {
                return Err(duplicate_id());
            }
            let f = family_from(
                fields,
                Meta::new(id, ctx.now, ctx.device.clone()),
                (None, Vec::new()),
                ctx,
            )?;
            tx.put(f);
        }
        // A family's phone offers none of these (a family's details, people and closing, loaded
        // wheels and frameworks, the outcome rule, files brought in: the worker's pages), and its
        // build leaves their code out.
        #[cfg(not(feature = "staff"))]
        Action::UpdateFamily { .. }
        | Action::CloseFamily { .. }
        | Action::ReopenFamily { .. }
        | Action::AddMember { .. }
        | Action::UpdateMember { .. }
        | Action::RemoveMember { .. }
        | Action::SetReviewWeeks { .. }
        | Action::SetOutcomeRules(_)
        | Action::SetHelpLines(_)
        | Action::AddWheelTemplate(_)
        | Action::AddFramework(_)
        | Action::SaveMilestoneCheck(_)
        | Action::Import(_)
        | Action::Unimport(_) => return Err(ActionError::NotFound),
        #[cfg(feature = "staff")]
        Action::UpdateFamily { id, fields } => {
            let old: &Family = live(tx.ws, &id)?;
            let f = family_from(
                fields,
                old.meta.clone(),
                (old.closed.clone(), old.earlier.clone()),
                ctx,
            )?;
            if &f != old {
                tx.put(f);
            }
        }
        #[cfg(feature = "staff")]
        Action::CloseFamily { id, closure } => {
            let mut f: Family = live::<Family>(tx.ws, &id)?.clone();
            f.closed = Some(closure);
            let mut problems = Vec::new();
            f.check(ctx.today, &mut Checker::new("", &mut problems));
            invalid_if_any(problems)?;
            tx.put(f);
        }
        #[cfg(feature = "staff")]
        Action::ReopenFamily { id, again } => {
            let mut f: Family = live::<Family>(tx.ws, &id)?.clone();
            if let Some(closed) = f.closed.take() {
                if let Some(date) = again {
                    f.earlier.push(Episode {
                        opened: f.opened,
                        closed,
                        worker: f.worker.clone(),
                    });
                    f.opened = date;
                    let mut problems = Vec::new();
                    f.check(ctx.today, &mut Checker::new("", &mut problems));
                    invalid_if_any(problems)?;
                }
                tx.put(f);
            }
        }
        // A family's phone never deletes a family (it erases everything instead): the worker's
        // build only.
        #[cfg(not(feature = "staff"))]
        Action::DeleteFamily { .. } => return Err(ActionError::NotFound),
        #[cfg(feature = "staff")]
        Action::DeleteFamily { id } => {
            // Every record of the family becomes the same plain mark (`Record::gone`: no
            // content, one clock for the whole family that has seen every change to any of
            // them), so a stale copy of any of them cannot come back, and a deleted family is
            // written in a few bytes a record (see `file::export`, which writes such marks by
            // their ids alone).
            let mut mark: Family = live::<Family>(tx.ws, &id)?.clone();
            let part = tx.ws.family_part(&id);
            let mut seen = Vec::new();
            for_each_kind!(T => {
                seen.extend(T::map(&part).values().map(fields::seen_by));
            });
            let cover = fields::cover_clock(seen, ctx.now, &ctx.device);
            let meta = |rid: &Id| Meta {
                id: rid.clone(),
                created: ctx.now,
                updated: ctx.now,
                device: ctx.device.clone(),
                deleted: true,
                clocks: fields::one_clock(cover.clone()),
                others: Default::default(),
            };
            for_each_kind!(T => {
                if T::CLASS != Class::Family {
                    for rid in T::map(&part).keys() {
                        if let Some(gone) = T::gone(meta(rid), &id) {
                            tx.write(gone, None);
                        }
                    }
                }
            });
            mark.meta = Meta {
                created: mark.meta.created,
                ..meta(&id)
            };
            tx.write(mark, None);
        }
        #[cfg(feature = "staff")]
        Action::AddMember { id, family, fields } => {
            if tx.ws.members().contains_key(&id) {
                return Err(duplicate_id());
            }
            let m = member_from(fields, Meta::new(id, ctx.now, ctx.device.clone()), family);
            tx.save(m)?;
        }
        #[cfg(feature = "staff")]
        Action::UpdateMember { id, fields } => {
            let old: &Member = live(tx.ws, &id)?;
            let m = member_from(fields, old.meta.clone(), old.family.clone());
            tx.save(m)?;
        }
        #[cfg(feature = "staff")]
        Action::RemoveMember { id } => tx.delete::<Member>(&id)?,
        #[cfg(feature = "staff")]
        Action::SetReviewWeeks { weeks } => {
            let mut problems = Vec::new();
            Checker::new("", &mut problems).range(
                "review_weeks",
                weeks.into(),
                REVIEW_WEEKS.0,
                REVIEW_WEEKS.1,
            );
            invalid_if_any(problems)?;
            change_settings(&mut tx, |s| s.review_weeks = weeks);
        }
        #[cfg(feature = "staff")]
        Action::SetOutcomeRules(rules) => {
            let mut problems = Vec::new();
            check_outcome_rules(&rules, &mut Checker::new("", &mut problems));
            invalid_if_any(problems)?;
            change_settings(&mut tx, |s| s.outcomes = rules);
        }
        #[cfg(feature = "staff")]
        Action::SetHelpLines(lines) => {
            let lines: Vec<ServiceLine> = lines
                .into_iter()
                .map(|l| ServiceLine {
                    name: l.name.trim().to_string(),
                    number: l.number.trim().to_string(),
                    what: l.what.trim().to_string(),
                })
                .filter(|l| !(l.name.is_empty() && l.number.is_empty() && l.what.is_empty()))
                .collect();
            let mut problems = Vec::new();
            check_service_lines(&lines, &mut Checker::new("", &mut problems));
            invalid_if_any(problems)?;
            change_settings(&mut tx, |s| s.help_lines = lines);
        }
        Action::SaveGoal(g) => {
            let mut g = *g;
            g.text = g.text.trim().to_string();
            for s in &mut g.steps {
                s.what = s.what.trim().to_string();
                s.who = s.who.trim().to_string();
            }
            for r in &mut g.reviews {
                r.note = r.note.trim().to_string();
            }
            tx.save(g)?;
        }
        Action::DeleteGoal { id } => tx.delete::<Goal>(&id)?,
        #[cfg(feature = "staff")]
        Action::SaveNeed(n) => save_need(&mut tx, *n)?,
        #[cfg(feature = "staff")]
        Action::DeleteNeed { id } => {
            use crate::domain::claim::Need;
            let family = live::<Need>(tx.ws, &id)?.family.clone();
            if claims_of(tx.ws, &family).any(|c| c.needs.contains(&id)) {
                return Err(ActionError::Invalid(vec![Problem::new(
                    "claim",
                    ProblemKind::BadValue,
                )]));
            }
            tx.delete::<Need>(&id)?;
        }
        #[cfg(feature = "staff")]
        Action::MakeClaim {
            id,
            family,
            date,
            note,
        } => make_claim(&mut tx, id, family, date, note)?,
        #[cfg(feature = "staff")]
        Action::DeleteClaim { id } => tx.delete::<crate::domain::claim::Claim>(&id)?,
        #[cfg(feature = "staff")]
        Action::AddOutcomePlan(p) => {
            use crate::domain::claim::{check_plan, CustomPlan};
            let p = *p;
            let mut problems = Vec::new();
            check_plan(&p, &mut Checker::new("", &mut problems));
            let id = CustomPlan::record_id(&p);
            let builtin = p.id.as_str() == "national";
            add_shared(&mut tx, problems, builtin, id, |meta| CustomPlan {
                meta,
                plan: p,
            })?;
        }
        #[cfg(feature = "staff")]
        Action::RemoveOutcomePlan { id } => tx.delete::<crate::domain::claim::CustomPlan>(&id)?,
        #[cfg(feature = "staff")]
        Action::SaveMilestoneCheck(c) => {
            let mut c = *c;
            c.notes = c.notes.trim().to_string();
            tx.save(c)?;
        }
        Action::DeleteMilestoneCheck { id } => tx.delete::<MilestoneCheck>(&id)?,
        Action::RecordScaleAnswer(f) => {
            let f = *f;
            if tx.ws.scale_answers().contains_key(&f.id) {
                return Err(duplicate_id());
            }
            tx.save(ScaleAnswer {
                meta: Meta::new(f.id, ctx.now, ctx.device.clone()),
                family: f.family,
                child: f.child,
                question: f.question,
                date: f.date,
                by: f.by,
                value: f.value,
                notes: String::new(),
                face: f.face,
                keeps: f.keeps.trim().to_string(),
                higher: f.higher.trim().to_string(),
                notice: f.notice.trim().to_string(),
                confidence: f.confidence,
            })?;
        }
        Action::DeleteScaleAnswer { id } => tx.delete::<ScaleAnswer>(&id)?,
        Action::AddFamilyQuestion {
            id,
            family,
            question,
            low,
            high,
        } => {
            if tx.ws.questions().contains_key(&id) {
                return Err(duplicate_id());
            }
            tx.save(FamilyQuestion {
                meta: Meta::new(id, ctx.now, ctx.device.clone()),
                family,
                question: question.trim().to_string(),
                low: low.trim().to_string(),
                high: high.trim().to_string(),
                archived: false,
            })?;
        }
        Action::ArchiveFamilyQuestion { id } => {
            let mut q: FamilyQuestion = live::<FamilyQuestion>(tx.ws, &id)?.clone();
            q.archived = true;
            tx.put(q);
        }
        Action::SaveThreeHouses(h) => {
            let mut h = *h;
            for s in [&mut h.worries, &mut h.good, &mut h.wishes] {
                *s = s.trim().to_string();
            }
            tx.save(h)?;
        }
        Action::DeleteThreeHouses { id } => tx.delete::<ThreeHouses>(&id)?,
        #[cfg(feature = "staff")]
        Action::AddWheelTemplate(t) => {
            let t = *t;
            let mut problems = Vec::new();
            crate::domain::wheel::check_template(&t, &mut Checker::new("", &mut problems));
            let id = CustomWheel::record_id(&t);
            let builtin = crate::domain::wheel::builtin_ids().contains(&t.id);
            add_shared(&mut tx, problems, builtin, id, |meta| CustomWheel {
                meta,
                template: t,
            })?;
        }
        #[cfg(feature = "staff")]
        Action::AddFramework(f) => {
            let f = *f;
            let mut problems = Vec::new();
            crate::domain::milestone::check_framework(&f, &mut Checker::new("", &mut problems));
            let id = CustomFramework::record_id(&f);
            let builtin = crate::domain::milestone::builtin_id() == Some(&f.id);
            add_shared(&mut tx, problems, builtin, id, |meta| CustomFramework {
                meta,
                framework: f,
            })?;
        }
        Action::SaveWheelReading(f) => {
            let f = *f;
            tx.save(WheelReading {
                meta: Meta::new(f.id, ctx.now, ctx.device.clone()),
                family: f.family,
                child: f.child,
                template: f.template,
                template_version: f.template_version,
                date: f.date,
                by: f.by,
                scores: f.scores,
                notes: f.notes.trim().to_string(),
            })?;
        }
        Action::DeleteWheelReading { id } => tx.delete::<WheelReading>(&id)?,
        #[cfg(feature = "staff")]
        Action::Import(incoming) => {
            // Undone, record by record: what the file changed goes back, what it added goes.
            let report = merge::merge_noting(tx.ws, &incoming, &mut tx.changes);
            tx.import = true;
            tx.out.report = Some(report);
        }
        #[cfg(feature = "staff")]
        Action::Unimport(changes) => {
            // What the file added leaves without a mark (the space is given back, and the same
            // file can be brought in again); what it changed goes back as it was.
            for_each_kind!(T => {
                let mut added: Vec<T> = Vec::new();
                changes.each_changed::<T>(|before, after| {
                    if let (None, Some(a)) = (before, after) {
                        added.push(a.clone());
                    }
                });
                for a in added {
                    tx.note(&a);
                    tx.ws.remove::<T>(&a.meta().id);
                }
            });
            restore(&mut tx, &changes, false);
            let mut applied = tx.finish();
            // Undoing the undo is not offered.
            applied.undo = None;
            return Ok(applied);
        }
        Action::Settle {
            kind,
            id,
            field,
            text,
        } => {
            // Only the worker's build merges with other devices, so only it has versions to
            // settle.
            #[cfg(not(feature = "staff"))]
            let _ = (kind, id, field, text);
            #[cfg(not(feature = "staff"))]
            let found = false;
            #[cfg(feature = "staff")]
            let mut found = false;
            #[cfg(feature = "staff")]
            for_each_kind!(T => {
                if T::NAME == kind {
                    let r = live::<T>(tx.ws, &id)?;
                    let text = text.trim();
                    let settled =
                        fields::settle(r, &field, text).ok_or(ActionError::NotFound)?;
                    invalid_if_any(problems_of(&settled, ctx.today, tx.ws))?;
                    tx.put_also(settled, &[field.as_str()]);
                    found = true;
                }
            });
            if !found {
                return Err(ActionError::NotFound);
            }
        }
        Action::Restore(changes) => restore(&mut tx, &changes, true),
    }
    Ok(tx.finish())
}

/// Puts back each record `changes` changed as it was before, written anew; with `mark_added`,
/// each record it added gets a deletion mark (without, they were taken out already).
fn restore(tx: &mut Tx, changes: &ChangeSet, mark_added: bool) {
    for_each_kind!(T => {
        let mut back: Vec<T> = Vec::new();
        changes.each_changed::<T>(|before, after| match (before, after) {
            (Some(b), _) => back.push(b.clone()),
            (None, Some(a)) if mark_added => {
                let mut gone = a.clone();
                gone.meta_mut().deleted = true;
                back.push(gone);
            }
            _ => {}
        });
        for r in back {
            // The current version's fields are stamped from, so the undo wins everywhere.
            tx.put(r);
        }
    });
    // Settings: as they were, or (where there were none) a deletion mark holding the defaults.
    if let Some((_, before, after)) = changes.get(&Place::Shared) {
        let was = before.as_ref().and_then(|b| b.settings.clone());
        let now = after.as_ref().and_then(|a| a.settings.clone());
        if was != now {
            let s = match (was, now) {
                (Some(s), _) => Some(s),
                (None, Some(mut s)) => {
                    s.review_weeks = DEFAULT_REVIEW_WEEKS;
                    s.outcomes = OutcomeRules::default();
                    s.help_lines = Vec::new();
                    s.meta.deleted = true;
                    Some(s)
                }
                (None, None) => None,
            };
            if let Some(s) = s {
                put_settings(tx, s);
            }
        }
    }
}

/// A family's live claims.
#[cfg(feature = "staff")]
fn claims_of<'a>(
    ws: &'a Workspace,
    family: &Id,
) -> impl Iterator<Item = &'a crate::domain::claim::Claim> + 'a {
    ws.folder(family)
        .into_iter()
        .flat_map(|f| f.claims.values())
        .filter(|c| !c.meta.deleted)
}

/// Saves a need: its words trimmed, its descriptor one of the plan's under its headline, and a
/// need a claim counts keeps its headline and outcome (what was claimed stays as claimed).
#[cfg(feature = "staff")]
fn save_need(tx: &mut Tx, mut n: crate::domain::claim::Need) -> Result<(), ActionError> {
    use crate::domain::claim::Need;
    n.by = n.by.trim().to_string();
    n.note = n.note.trim().to_string();
    if let Some(m) = &mut n.met {
        m.detail = m.detail.trim().to_string();
    }
    for k in &mut n.checks {
        k.note = k.note.trim().to_string();
    }
    let mut problems = Vec::new();
    let old = tx.ws.get::<Need>(&n.meta.id).filter(|o| !o.meta.deleted);
    // A descriptor chosen now is the plan's, under the need's headline; one chosen under a plan
    // no longer in use stays as it was while the need's outcome and checks are recorded.
    let kept = old.is_some_and(|o| o.descriptor == n.descriptor && o.headline == n.headline);
    if let Some(d) = n.descriptor.as_ref().filter(|_| !kept) {
        let plan = super::standing::plan_in_force(tx.ws);
        if plan.descriptor(d).map(|(h, _)| h) != Some(n.headline) {
            problems.push(Problem::new("descriptor", ProblemKind::BadValue));
        }
    }
    if let Some(old) = old {
        let claimed = claims_of(tx.ws, &old.family).any(|c| c.needs.contains(&n.meta.id));
        if claimed && (old.headline != n.headline || old.met != n.met) {
            problems.push(Problem::new("claim", ProblemKind::BadValue));
        }
    }
    invalid_if_any(problems)?;
    tx.save(n)
}

/// Marks a family claimed: every live need not yet claimed, only if the family is ready.
#[cfg(feature = "staff")]
fn make_claim(
    tx: &mut Tx,
    id: Id,
    family: Id,
    date: NaiveDate,
    note: String,
) -> Result<(), ActionError> {
    use super::standing;
    use crate::domain::claim::{Claim, NeedState, State};
    if tx.ws.get::<Claim>(&id).is_some() {
        return Err(duplicate_id());
    }
    let plan = standing::plan_in_force(tx.ws);
    let Some(standing) = standing::standing(tx.ws, &family, &plan, date.min(tx.ctx.today)) else {
        return Err(ActionError::NotFound);
    };
    // Not ready on that date: said by the date (the person may have chosen the wrong one).
    if standing.state != State::Ready {
        return Err(ActionError::Invalid(vec![Problem::new(
            "date",
            ProblemKind::BadValue,
        )]));
    }
    // A claim dated before another does not see it: the needs any claim counts are left out
    // here, whatever its date, so that no need is counted twice.
    let needs: Vec<Id> = standing
        .needs
        .into_iter()
        .filter(|(id, s)| {
            !matches!(s, NeedState::Claimed { .. })
                && !claims_of(tx.ws, &family).any(|c| c.needs.contains(id))
        })
        .map(|(id, _)| id)
        .collect();
    if needs.is_empty() {
        return Err(ActionError::Invalid(vec![Problem::new(
            "date",
            ProblemKind::BadValue,
        )]));
    }
    tx.save(Claim {
        meta: Meta::new(id, tx.ctx.now, tx.ctx.device.clone()),
        family,
        date,
        needs,
        plan: standing::plan_id(&plan),
        note: note.trim().to_string(),
    })
}

/// Loads a service's wheel or framework as a record: refused if it has problems, takes a
/// built-in id, or is a version already loaded. Every version is kept.
#[cfg(feature = "staff")]
fn add_shared<T: Stored>(
    tx: &mut Tx,
    mut problems: Vec<Problem>,
    builtin: bool,
    id: Option<Id>,
    make: impl FnOnce(Meta) -> T,
) -> Result<(), ActionError> {
    let taken = id
        .as_ref()
        .is_some_and(|id| tx.ws.get::<T>(id).is_some_and(|r| !r.meta().deleted));
    if builtin || taken {
        problems.push(Problem::new("id", ProblemKind::Duplicate));
    }
    let Some(id) = id else {
        problems.push(Problem::new("id", ProblemKind::BadValue));
        return Err(ActionError::Invalid(problems));
    };
    invalid_if_any(problems)?;
    let mut meta = Meta::new(id, tx.ctx.now, tx.ctx.device.clone());
    // A version loaded, deleted (by an undo) and loaded again keeps when it was first made.
    if let Some(old) = tx.ws.get::<T>(&meta.id) {
        meta.created = old.meta().created;
    }
    tx.put(make(meta));
    Ok(())
}

/// Writes new settings (the shared part noted for undo).
/// Changes one setting and keeps the others as they are (the defaults where there is no
/// settings record yet): the one way the worker's settings actions write.
#[cfg(feature = "staff")]
fn change_settings(tx: &mut Tx, change: impl FnOnce(&mut Settings)) {
    let mut s = tx.ws.settings().cloned().unwrap_or_else(|| Settings {
        meta: Meta::new(Id::fixed(SETTINGS_ID), tx.ctx.now, tx.ctx.device.clone()),
        review_weeks: DEFAULT_REVIEW_WEEKS,
        outcomes: OutcomeRules::default(),
        help_lines: Vec::new(),
    });
    // Settings undone are a deletion mark holding the defaults: a setting changed after that
    // brings the record back (it stayed hidden before, whatever was set).
    s.meta.deleted = false;
    change(&mut s);
    put_settings(tx, s);
}

fn put_settings(tx: &mut Tx, mut s: Settings) {
    #[cfg(feature = "staff")]
    fields::stamp(tx.ws.settings(), &mut s, tx.ctx.now, &tx.ctx.device, &[]);
    s.meta.updated = tx.ctx.now.max(s.meta.created);
    s.meta.device = tx.ctx.device.clone();
    tx.changes.before(tx.ws, &Place::Shared);
    tx.ws.set_settings(Some(s));
}
