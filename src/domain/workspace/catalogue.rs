//! The catalogue: every wheel template and milestone framework a workspace knows, built in and
//! loaded by a service, looked up by id and version. Pure and cheap to rebuild: the UI keeps one
//! in a memo beside the workspace, rather than a registry that must be filled in a hidden order.

use super::folders::Workspace;
use crate::domain::base::{Id, Millis};
use crate::domain::milestone::Framework;
use crate::domain::wheel::WheelTemplate;
use std::sync::Arc;

/// One loaded item: when it was first loaded, whether it was since deleted, and the content.
#[derive(Clone, Debug, PartialEq)]
struct Loaded<T> {
    created: Millis,
    deleted: bool,
    item: Arc<T>,
}

/// Every wheel and framework known: the built-in ones first, then those a service loaded (every
/// version, in record-id order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalogue {
    builtin_wheels: Vec<Arc<WheelTemplate>>,
    builtin_framework: Option<Arc<Framework>>,
    wheels: Vec<Loaded<WheelTemplate>>,
    frameworks: Vec<Loaded<Framework>>,
}

impl Catalogue {
    /// The built-in content (already in the language wanted, if translated).
    pub fn new(wheels: Vec<WheelTemplate>, framework: Option<Framework>) -> Self {
        Catalogue {
            builtin_wheels: wheels.into_iter().map(Arc::new).collect(),
            builtin_framework: framework.map(Arc::new),
            wheels: Vec::new(),
            frameworks: Vec::new(),
        }
    }

    /// The same built-in content with the workspace's loaded wheels and frameworks (what was
    /// loaded before is replaced). A loaded item's content is shared with the last catalogue
    /// when unchanged, so rebuilding after every save copies nothing large.
    pub fn with_loaded(&self, ws: &Workspace) -> Catalogue {
        fn reuse<T: PartialEq>(old: &[Loaded<T>], item: &T) -> Option<Arc<T>> {
            old.iter()
                .find(|l| *l.item == *item)
                .map(|l| l.item.clone())
        }
        Catalogue {
            builtin_wheels: self.builtin_wheels.clone(),
            builtin_framework: self.builtin_framework.clone(),
            wheels: ws
                .shared()
                .wheel_templates
                .values()
                .map(|w| Loaded {
                    created: w.meta.created,
                    deleted: w.meta.deleted,
                    item: reuse(&self.wheels, &w.template)
                        .unwrap_or_else(|| Arc::new(w.template.clone())),
                })
                .collect(),
            // A family's phone has no milestones: it keeps no loaded framework.
            #[cfg(feature = "staff")]
            frameworks: ws
                .shared()
                .frameworks
                .values()
                .map(|f| Loaded {
                    created: f.meta.created,
                    deleted: f.meta.deleted,
                    item: reuse(&self.frameworks, &f.framework)
                        .unwrap_or_else(|| Arc::new(f.framework.clone())),
                })
                .collect(),
            #[cfg(not(feature = "staff"))]
            frameworks: Vec::new(),
        }
    }

    /// A wheel by id: a built-in one (whatever the version asked), or a loaded one at that
    /// version (a deleted version still shows its old readings), or its newest live version.
    pub fn wheel(&self, id: &Id, version: Option<u32>) -> Option<&Arc<WheelTemplate>> {
        if let Some(b) = self.builtin_wheels.iter().find(|t| &t.id == id) {
            return Some(b);
        }
        match version {
            Some(v) => self
                .wheels
                .iter()
                .find(|l| &l.item.id == id && l.item.version == v)
                .map(|l| &l.item),
            None => self
                .wheels
                .iter()
                .filter(|l| !l.deleted && &l.item.id == id)
                .max_by_key(|l| l.item.version)
                .map(|l| &l.item),
        }
    }

    /// Every wheel a new reading can use: the built-in ones, then the newest live version of
    /// each loaded one (in the order they were first loaded).
    pub fn wheels(&self) -> Vec<&Arc<WheelTemplate>> {
        let mut out: Vec<&Arc<WheelTemplate>> = self.builtin_wheels.iter().collect();
        let mut ids: Vec<&Id> = Vec::new();
        for l in self.wheels.iter().filter(|l| !l.deleted) {
            if !ids.contains(&&l.item.id) {
                ids.push(&l.item.id);
            }
        }
        out.extend(ids.into_iter().filter_map(|id| self.wheel(id, None)));
        out
    }

    /// Every wheel known, every version (for a report's names and area order).
    pub fn all_wheels(&self) -> Vec<&WheelTemplate> {
        let mut out: Vec<&WheelTemplate> = self.builtin_wheels.iter().map(|t| &**t).collect();
        out.extend(self.wheels.iter().map(|l| &*l.item));
        out
    }

    /// The framework that comes with Waymark.
    pub fn builtin_framework(&self) -> Option<&Arc<Framework>> {
        self.builtin_framework.as_ref()
    }

    /// The framework new checks use: the one a service loaded most recently (live), or else
    /// the built-in one.
    pub fn current_framework(&self) -> Option<&Arc<Framework>> {
        self.frameworks
            .iter()
            .filter(|l| !l.deleted)
            .max_by_key(|l| l.created)
            .map(|l| &l.item)
            .or(self.builtin_framework.as_ref())
    }

    /// The framework a check was made with: the same id and version, or else the same id.
    pub fn framework(&self, id: &Id, version: u32) -> Option<&Framework> {
        let all = self.all_frameworks();
        all.iter()
            .find(|f| &f.id == id && f.version == version)
            .or_else(|| all.iter().find(|f| &f.id == id))
            .copied()
    }

    /// Every framework a check may have been made with: the built-in one, and each live
    /// version a service loaded.
    pub fn all_frameworks(&self) -> Vec<&Framework> {
        let mut out: Vec<&Framework> = self.builtin_framework.iter().map(|f| &**f).collect();
        out.extend(
            self.frameworks
                .iter()
                .filter(|l| !l.deleted)
                .map(|l| &*l.item),
        );
        out
    }
}
