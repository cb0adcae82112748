//! Built-in content in other languages. Every text of the built-in wheels, milestone framework
//! and question library has a stable key (`wheel.family.health.stage.2`), so a language
//! catalogue can carry its translations as one flat map, written by translators beside the
//! English, and loaded only when someone chooses that language. Pure.

use crate::domain::base::text::{text, Text};
use crate::domain::milestone::Framework;
use crate::domain::scale::LibraryQuestion;
use crate::domain::wheel::WheelTemplate;
use std::collections::BTreeMap;

/// Calls `f` with the key and text of every translatable text in a wheel template.
pub fn visit_wheel(t: &mut WheelTemplate, f: &mut dyn FnMut(String, &mut Text)) {
    let w = format!("wheel.{}", t.id);
    f(format!("{w}.name"), &mut t.name);
    f(format!("{w}.for"), &mut t.for_whom);
    for (i, s) in t.stages.iter_mut().enumerate() {
        f(format!("{w}.stage.{i}"), s);
    }
    for a in &mut t.areas {
        let k = format!("{w}.{}", a.id);
        f(format!("{k}.name"), &mut a.name);
        if !a.short.is_empty() {
            f(format!("{k}.short"), &mut a.short);
        }
        f(format!("{k}.covers"), &mut a.covers);
        for (i, s) in a.stages.iter_mut().enumerate() {
            f(format!("{k}.stage.{i}"), s);
        }
    }
}

/// Calls `f` with the key and text of every translatable text in a milestone framework.
pub fn visit_framework(fw: &mut Framework, f: &mut dyn FnMut(String, &mut Text)) {
    let k = format!("milestones.{}", fw.id);
    f(format!("{k}.name"), &mut fw.name);
    for g in &mut fw.groups {
        f(format!("{k}.group.{}", g.id), &mut g.name);
    }
    for a in &mut fw.areas {
        f(format!("{k}.area.{}", a.id), &mut a.name);
    }
    for s in &mut fw.stages {
        f(format!("{k}.stage.{}", s.id), &mut s.name);
        for m in &mut s.milestones {
            f(format!("{k}.milestone.{}", m.id), &mut m.text);
        }
    }
    for s in &mut fw.ready_for_nursery {
        f(format!("{k}.nursery.{}", s.id), &mut s.text);
    }
    for s in &mut fw.ready_for_school {
        f(format!("{k}.school.{}", s.id), &mut s.text);
    }
}

/// Calls `f` with the key and text of every translatable text in the question library.
pub fn visit_questions(qs: &mut [LibraryQuestion], f: &mut dyn FnMut(String, &mut Text)) {
    for q in qs {
        let k = format!("question.{}", q.id);
        f(format!("{k}.question"), &mut q.question);
        f(format!("{k}.low"), &mut q.low);
        f(format!("{k}.high"), &mut q.high);
        f(format!("{k}.child"), &mut q.child);
    }
}

/// The built-in content: all of it, in one place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Content {
    pub wheels: Vec<WheelTemplate>,
    pub framework: Option<Framework>,
    pub questions: Vec<LibraryQuestion>,
}

impl Content {
    /// The content that comes with Waymark.
    pub fn builtin() -> Self {
        Content {
            wheels: crate::domain::wheel::builtin(),
            framework: crate::domain::milestone::builtin(),
            questions: crate::domain::scale::library(),
        }
    }

    fn visit(&mut self, f: &mut dyn FnMut(String, &mut Text)) {
        for w in &mut self.wheels {
            visit_wheel(w, f);
        }
        if let Some(fw) = &mut self.framework {
            visit_framework(fw, f);
        }
        visit_questions(&mut self.questions, f);
    }

    /// Every key with its text in `lang` (English where there is none).
    pub fn entries(&self, lang: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        self.clone().visit(&mut |k, t| {
            out.insert(k, text(t, lang).to_string());
        });
        out
    }

    /// Adds the translations in `map` as language `lang`; returns how many texts were given
    /// one. Keys not in the content are ignored; blank translations are not added.
    pub fn translate(&mut self, lang: &str, map: &BTreeMap<String, String>) -> usize {
        let mut n = 0;
        self.visit(&mut |k, t| {
            if let Some(s) = map.get(&k).filter(|s| !s.trim().is_empty()) {
                t.insert(lang.to_string(), s.clone());
                n += 1;
            }
        });
        n
    }
}
