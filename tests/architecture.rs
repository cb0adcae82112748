//! The architecture, checked: the domain stays pure Rust; its layers import only from layers
//! below them; the interface's layers do the same; and a page never imports another page.
//! Each rule has a test that feeds it a breaking file, to show the check can fail.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

const FORBIDDEN: [&str; 6] = [
    "leptos",
    "web_sys",
    "web-sys",
    "gloo",
    "wasm_bindgen",
    "js_sys",
];

/// The domain's layers, lowest first. A layer may import only layers of a lower rank (and
/// itself); layers of the same rank never import each other.
const DOMAIN_LAYERS: [(&str, u8); 10] = [
    ("base", 0),
    ("chart", 1),
    ("case", 2),
    ("wheel", 2),
    ("milestone", 2),
    ("scale", 2),
    ("workspace", 3),
    ("caseload", 4),
    ("file", 4),
    ("sync", 5),
];

/// The interface's layers, lowest first: `ui/mod.rs` (the shell) sits above them all.
const UI_LAYERS: [(&str, u8); 3] = [("shared", 0), ("widgets", 1), ("pages", 2)];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("the folder exists") {
        let p = entry.expect("readable entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Every `.rs` file under `src/<under>`, as (path relative to `src/`, text).
fn sources(under: &str) -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join(under), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let rel = f
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read_to_string(&f).expect("readable file"))
        })
        .collect()
}

/// The code of each line (comments left out), numbered from 1.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("")))
}

/// The module named right after each occurrence of `prefix` in `code` (`crate::domain::` in
/// `use crate::domain::wheel::X` gives `wheel`); `{` when a group follows.
fn named_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        // `$crate::` is the same crate, seen from a macro; `foo_crate::` is not.
        let before = &rest[..i];
        let is_path_start = before
            .chars()
            .last()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        rest = &rest[i + prefix.len()..];
        if !is_path_start {
            continue;
        }
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        out.push(if end == 0 && rest.starts_with('{') {
            "{"
        } else {
            &rest[..end]
        });
    }
    out
}

fn rank(layers: &[(&str, u8)], name: &str) -> Option<u8> {
    layers.iter().find(|(n, _)| *n == name).map(|(_, r)| *r)
}

/// Uses of the browser or the UI framework in the domain.
fn purity_violations(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        for (n, code) in code_lines(text) {
            for word in FORBIDDEN {
                if code.contains(word) {
                    found.push(format!("{path}:{n}: {}", code.trim()));
                }
            }
        }
    }
    found
}

/// Imports in the domain that do not point down. `files` are paths under `src/`.
fn domain_violations(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let Some(rest) = path.strip_prefix("domain/") else {
            continue;
        };
        if rest == "mod.rs" {
            continue; // the root names every layer
        }
        let Some((layer, _)) = rest.split_once('/') else {
            found.push(format!("{path}: a domain file outside any layer"));
            continue;
        };
        let Some(own) = rank(&DOMAIN_LAYERS, layer) else {
            found.push(format!("{path}: `{layer}` is not a known layer"));
            continue;
        };
        // In a layer's own mod.rs, `super::` is the domain's root: another layer.
        let layer_root = rest == format!("{layer}/mod.rs");
        for (n, code) in code_lines(text) {
            let mut bad = |why: String| found.push(format!("{path}:{n}: {why}: {}", code.trim()));
            if code.contains("super::super") || (layer_root && code.contains("super::")) {
                bad("reaches out of its layer with super::".into());
            }
            for after in named_after(code, "crate::") {
                if after != "domain" {
                    bad(format!("the domain names crate::{after}"));
                }
            }
            for target in named_after(code, "crate::domain::") {
                if target == layer {
                    continue;
                }
                match rank(&DOMAIN_LAYERS, target) {
                    None => bad(format!("names crate::domain::{target}, not a layer")),
                    Some(r) if r >= own => {
                        bad(format!("layer {layer} ({own}) imports {target} ({r})"))
                    }
                    Some(_) => {}
                }
            }
        }
    }
    found
}

/// Imports in the interface that do not point down, and pages that import pages.
fn ui_violations(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let Some(rest) = path.strip_prefix("ui/") else {
            continue;
        };
        if rest == "mod.rs" || rest == "pages/mod.rs" {
            continue; // the shell and the router name what they put together
        }
        let Some((layer, inner)) = rest.split_once('/') else {
            found.push(format!("{path}: an interface file outside any layer"));
            continue;
        };
        let Some(own) = rank(&UI_LAYERS, layer) else {
            found.push(format!("{path}: `{layer}` is not a known interface layer"));
            continue;
        };
        // For a page: the page's own module (`wheels` for pages/wheels/score.rs).
        let page = inner
            .split('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".rs");
        // Where `super::` leaves the file's own layer or page: in a layer's mod.rs (the shell
        // above), and in a page's top file (`pages/plan.rs`, `pages/wheels/mod.rs`: the router
        // and the other pages).
        let depth = inner.matches('/').count();
        let at_top = inner == "mod.rs"
            || (layer == "pages" && (depth == 0 || (depth == 1 && inner.ends_with("/mod.rs"))));
        for (n, code) in code_lines(text) {
            let mut bad = |why: String| found.push(format!("{path}:{n}: {why}: {}", code.trim()));
            if code.contains("super::super") {
                bad("reaches out with super::super".into());
            }
            if at_top && !named_after(code, "super::").is_empty() {
                bad("names super:: (the layer above, or another page)".into());
            }
            for target in named_after(code, "crate::ui::") {
                match rank(&UI_LAYERS, target) {
                    _ if target == layer => {}
                    Some(r) if r < own => {}
                    Some(r) => bad(format!("layer {layer} ({own}) imports {target} ({r})")),
                    None => bad(format!("names crate::ui::{target}, not a layer")),
                }
            }
            if layer == "pages" {
                for other in named_after(code, "crate::ui::pages::") {
                    if other != page {
                        bad(format!("page {page} imports page {other}"));
                    }
                }
            }
        }
    }
    found
}

fn assert_none(what: &str, v: Vec<String>) {
    assert!(v.is_empty(), "{what}:\n{}", v.join("\n"));
}

#[test]
fn domain_uses_no_browser_or_ui_crate() {
    assert_none(
        "src/domain must stay pure Rust",
        purity_violations(&sources("domain")),
    );
}

#[test]
fn domain_layers_import_only_layers_below() {
    assert_none(
        "src/domain imports must point down",
        domain_violations(&sources("domain")),
    );
}

#[test]
fn interface_layers_point_down_and_pages_never_import_pages() {
    assert_none(
        "src/ui imports must point down",
        ui_violations(&sources("ui")),
    );
}

#[test]
fn domain_dependencies_are_allowed_ones() {
    // The crates the domain may name: std, serde, serde_json, chrono, thiserror (and itself).
    for (path, text) in sources("domain") {
        for line in text.lines().filter(|l| l.trim_start().starts_with("use ")) {
            let root = line
                .trim_start()
                .trim_start_matches("use ")
                .split("::")
                .next()
                .unwrap()
                .trim_start_matches('{');
            assert!(
                [
                    "std",
                    "serde",
                    "serde_json",
                    "chrono",
                    "thiserror",
                    "super",
                    "crate",
                    "self"
                ]
                .contains(&root),
                "{path}: {line}"
            );
        }
    }
}

fn file(path: &str, text: &str) -> Vec<(String, String)> {
    vec![(path.to_string(), text.to_string())]
}

#[test]
fn the_purity_check_catches_a_violation() {
    let v = purity_violations(&file(
        "domain/base/bad.rs",
        "// leptos in a comment is fine\nuse leptos::prelude::*;\n",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].contains(":2:"));
}

#[test]
fn the_domain_check_catches_upward_and_sideways_imports() {
    // Upward: the bottom layer naming the workspace.
    let v = domain_violations(&file(
        "domain/base/bad.rs",
        "use crate::domain::workspace::Workspace;\n",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    // Sideways: one instrument naming another of the same rank.
    let v = domain_violations(&file(
        "domain/scale/bad.rs",
        "use crate::domain::wheel::text;\n",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    // Out of the domain, round a layer, or outside any layer.
    assert_eq!(
        domain_violations(&file("domain/wheel/bad.rs", "use crate::i18n::t;\n")).len(),
        1
    );
    assert_eq!(
        domain_violations(&file("domain/wheel/a/bad.rs", "use super::super::x;\n")).len(),
        1
    );
    assert_eq!(domain_violations(&file("domain/stray.rs", "")).len(), 1);
    assert_eq!(
        domain_violations(&file(
            "domain/wheel/mod.rs",
            "pub use super::workspace::X;\n"
        ))
        .len(),
        1,
        "a layer's root reaching the domain's root"
    );
    // Downward, within a layer, and in a comment or a macro's `$crate` path: fine.
    let ok = domain_violations(&file(
        "domain/workspace/ok.rs",
        "use crate::domain::base::Id;\nuse crate::domain::wheel::WheelReading;\nuse super::kinds::Workspace;\n// crate::domain::file is named in a comment\nfn f() { $crate::domain::base::Id::fixed(\"x\"); }\n",
    ));
    assert!(ok.is_empty(), "{ok:?}");
}

#[test]
fn the_interface_check_catches_pages_importing_pages_and_upward_imports() {
    let v = ui_violations(&file(
        "ui/pages/plan.rs",
        "use crate::ui::pages::wheels::template_for;\n",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    let v = ui_violations(&file("ui/pages/plan.rs", "let r = super::scales::x();\n"));
    assert_eq!(v.len(), 1, "{v:?}");
    let v = ui_violations(&file(
        "ui/widgets/history.rs",
        "use crate::ui::pages::scales::library;\n",
    ));
    assert_eq!(v.len(), 1, "a widget naming a page: {v:?}");
    let v = ui_violations(&file(
        "ui/shared/words.rs",
        "use crate::ui::widgets::field::Field;\n",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    let v = ui_violations(&file(
        "ui/pages/wheels/score.rs",
        "use super::super::plan::x;\n",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    let v = ui_violations(&file("ui/pages/wheels/mod.rs", "use super::plan::x;\n"));
    assert_eq!(v.len(), 1, "{v:?}");
    let v = ui_violations(&file("ui/shared/mod.rs", "pub use super::pages;\n"));
    assert_eq!(v.len(), 1, "{v:?}");
    // A page's own screens, shared helpers and widgets: fine.
    let ok = ui_violations(&file(
        "ui/pages/wheels/score.rs",
        "use super::{load_draft, save_draft};\nuse crate::ui::pages::wheels::family;\nuse crate::ui::shared::store::use_store;\nuse crate::ui::widgets::field::Field;\n",
    ));
    assert!(ok.is_empty(), "{ok:?}");
    let ok = ui_violations(&file("ui/widgets/history.rs", "use super::field::Field;\n"));
    assert!(ok.is_empty(), "{ok:?}");
}
