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
const DOMAIN_LAYERS: [(&str, u8); 12] = [
    ("base", 0),
    ("chart", 1),
    ("help", 1),
    ("case", 2),
    ("claim", 2),
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

// ---------- the crate's own layers, aliases, and no import circle anywhere ----------

/// The crate's top-level parts and what each may name (besides itself). `ui` names anything;
/// `lib.rs` and `main.rs` put them together.
const CRATE_RULES: [(&str, &[&str]); 5] = [
    ("domain", &[]),
    ("engine", &["domain", "storage"]),
    ("i18n", &["domain"]),
    ("route", &["domain"]),
    ("storage", &["domain"]),
];

/// `use <path> as <name>;` in a file: each alias with the path it stands for.
fn aliases(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (_, code) in code_lines(text) {
        let line = code
            .trim()
            .trim_start_matches("pub ")
            .trim_start_matches("pub(crate) ");
        let Some(rest) = line.strip_prefix("use ") else {
            continue;
        };
        let Some((path, name)) = rest.trim_end_matches(';').split_once(" as ") else {
            continue;
        };
        if !path.contains('{') && !name.contains(['{', ',', ' ']) {
            out.push((name.trim().to_string(), path.trim().to_string()));
        }
    }
    out
}

/// A file's code with each alias written out: `d::wheel` for `use crate::domain as d;` becomes
/// `crate::domain::wheel`, so an alias cannot hide an import.
fn resolved(text: &str) -> String {
    let mut code: String = code_lines(text).map(|(_, c)| format!("{c}\n")).collect();
    for (name, path) in aliases(text) {
        let pattern = format!("{name}::");
        let mut out = String::with_capacity(code.len());
        let mut rest = code.as_str();
        while let Some(i) = rest.find(&pattern) {
            let before = &rest[..i];
            let starts = before
                .chars()
                .last()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'));
            out.push_str(before);
            out.push_str(if starts { &path } else { &name });
            out.push_str("::");
            rest = &rest[i + pattern.len()..];
        }
        out.push_str(rest);
        code = out;
    }
    code
}

/// The top-level part a file belongs to (`domain` for `domain/wheel/reading.rs`, `i18n` for
/// `i18n.rs`).
fn part_of(path: &str) -> &str {
    path.split('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".rs")
}

/// Names of other top-level parts a part may not name (aliases written out).
fn crate_violations(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let part = part_of(path);
        let Some((_, allowed)) = CRATE_RULES.iter().find(|(p, _)| *p == part) else {
            continue;
        };
        for (n, line) in resolved(text).lines().enumerate() {
            for target in named_after(line, "crate::") {
                if target != part && !allowed.contains(&target) {
                    found.push(format!(
                        "{path}:{}: {part} names crate::{target}: {}",
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    found
}

/// The module a file is (`["domain", "wheel", "reading"]`; a `mod.rs` is its folder's module).
fn module_of(path: &str) -> Vec<String> {
    let p = path.trim_end_matches(".rs");
    let mut parts: Vec<String> = p.split('/').map(String::from).collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts
}

/// Every path a file names: `crate::a::b`, `super::x`, `self::y`, each as absolute segments
/// (groups in `use` written out one by one).
fn paths_named(path: &str, text: &str) -> Vec<Vec<String>> {
    let here = module_of(path);
    let code = resolved(text);
    // `use a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
    fn expand(prefix: &str, body: &str, out: &mut Vec<String>) {
        let mut depth = 0;
        let mut start = 0;
        let chars: Vec<char> = body.chars().collect();
        let mut items = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(chars[start..i].iter().collect::<String>());
                    start = i + 1;
                }
                _ => {}
            }
        }
        items.push(chars[start..].iter().collect::<String>());
        for item in items {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            match item.find('{') {
                Some(b) if item.ends_with('}') => expand(
                    &format!("{prefix}{}", &item[..b]),
                    &item[b + 1..item.len() - 1],
                    out,
                ),
                _ => out.push(format!(
                    "{prefix}{}",
                    item.split(" as ").next().unwrap_or(item)
                )),
            }
        }
    }
    let mut raw: Vec<String> = Vec::new();
    // `use` statements (possibly over several lines), whole.
    for stmt in code.split(';') {
        let s = stmt.trim();
        let s = s
            .strip_prefix("pub(crate) ")
            .or_else(|| s.strip_prefix("pub "))
            .unwrap_or(s);
        if let Some(rest) = s.strip_prefix("use ") {
            let rest: String = rest.split_whitespace().collect::<Vec<_>>().join(" ");
            match rest.find('{') {
                Some(b) if rest.ends_with('}') => {
                    expand(&rest[..b], &rest[b + 1..rest.len() - 1], &mut raw)
                }
                _ => raw.push(rest),
            }
        }
    }
    // Paths written inline (`crate::domain::file::export::read(…)`, `super::kinds::X`).
    for line in code.lines() {
        for start in ["crate::", "super::", "self::"] {
            let mut rest = line;
            while let Some(i) = rest.find(start) {
                let before = &rest[..i];
                let ok = before
                    .chars()
                    .last()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '$'));
                let tail = &rest[i..];
                let end = tail
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(tail.len());
                if ok {
                    raw.push(tail[..end].trim_end_matches(':').to_string());
                }
                rest = &rest[i + start.len()..];
            }
        }
    }
    raw.into_iter()
        .filter_map(|p| {
            let segs: Vec<&str> = p.split("::").filter(|s| !s.is_empty()).collect();
            let mut abs: Vec<String> = match segs.first()? {
                &"crate" => Vec::new(),
                // A file's module is its path (a `mod.rs` its folder's): `super` is the module
                // above it, `self` the module itself.
                &"super" => {
                    let mut m = here.clone();
                    m.pop();
                    m
                }
                &"self" => here.clone(),
                _ => return None,
            };
            let mut it = segs.iter().skip(1).peekable();
            // `super::super::x`.
            while it.peek() == Some(&&"super") {
                abs.pop();
                it.next();
            }
            abs.extend(it.map(|s| s.to_string()));
            Some(abs)
        })
        .collect()
}

/// Import circles between source files: each file's edges go to the files (modules) it names;
/// a folder's `mod.rs` and the files inside it are one unit's front and back (a child naming
/// what its `mod.rs` re-exports, or a `mod.rs` naming its children, is no edge).
fn import_cycles(files: &[(String, String)]) -> Vec<String> {
    let modules: Vec<(Vec<String>, &str)> = files
        .iter()
        .map(|(p, _)| (module_of(p), p.as_str()))
        .collect();
    let file_of = |m: &[String]| -> Option<usize> {
        (1..=m.len())
            .rev()
            .find_map(|n| modules.iter().position(|(x, _)| x.as_slice() == &m[..n]))
    };
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); files.len()];
    for (i, (path, text)) in files.iter().enumerate() {
        let me = &modules[i].0;
        for p in paths_named(path, text) {
            let Some(j) = file_of(&p) else { continue };
            let them = &modules[j].0;
            // Within one's own module, or a folder and what is inside it: no edge.
            if j == i || me.starts_with(them) || them.starts_with(me) {
                continue;
            }
            if !edges[i].contains(&j) {
                edges[i].push(j);
            }
        }
    }
    // Depth first, iteratively; a back edge is a circle.
    let mut found = Vec::new();
    let mut state = vec![0u8; files.len()];
    for root in 0..files.len() {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        let mut path: Vec<usize> = vec![root];
        state[root] = 1;
        while let Some((node, next)) = stack.pop() {
            if let Some(&to) = edges[node].get(next) {
                stack.push((node, next + 1));
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                        path.push(to);
                    }
                    1 => {
                        let from = path.iter().position(|&x| x == to).unwrap_or(0);
                        let names: Vec<&str> = path[from..]
                            .iter()
                            .chain([&to])
                            .map(|&k| files[k].0.as_str())
                            .collect();
                        found.push(names.join(" -> "));
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                path.pop();
            }
        }
    }
    found
}

/// The engine's rules (issue 29): no Leptos anywhere in it; and everything but its browser
/// backend is plain Rust, so that it is tested natively on the memory backend.
fn engine_violations(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        let browser = path == "engine/browser.rs";
        for (n, code) in code_lines(&resolved(text))
            .map(|(n, c)| (n, c.to_string()))
            .collect::<Vec<_>>()
        {
            let words: &[&str] = if browser { &["leptos"] } else { &FORBIDDEN };
            for word in words {
                if code.contains(word) {
                    found.push(format!("{path}:{n}: {}", code.trim()));
                }
            }
            if !browser && code.contains("crate::storage") {
                found.push(format!(
                    "{path}:{n}: only the browser backend names storage"
                ));
            }
        }
    }
    found
}

#[test]
fn the_engine_has_no_leptos_and_only_its_browser_backend_touches_the_browser() {
    assert_none("src/engine", engine_violations(&sources("engine")));
}

#[test]
fn the_engine_check_catches_leptos_and_the_browser_outside_its_backend() {
    let v = engine_violations(&file(
        "engine/browser.rs",
        "use leptos::prelude::*;
",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    let v = engine_violations(&file(
        "engine/mod.rs",
        "use crate::storage as s;
fn f() { s::idb::read(&[]); web_sys::window(); }
",
    ));
    assert_eq!(v.len(), 3, "the alias, its use and web_sys: {v:?}");
    let ok = engine_violations(&file(
        "engine/browser.rs",
        "use crate::storage::idb;
fn f() { web_sys::window(); }
",
    ));
    assert!(ok.is_empty(), "{ok:?}");
    let v = crate_violations(&file(
        "engine/mod.rs",
        "use crate::ui::store::Store;
",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    let v = crate_violations(&file(
        "storage/idb.rs",
        "use crate::engine::Engine;
",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
}

#[test]
fn the_crates_parts_name_only_what_they_may() {
    assert_none("the crate's parts", crate_violations(&sources("")));
}

#[test]
fn no_import_circle_anywhere_in_src() {
    assert_none("import circles", import_cycles(&sources("")));
}

#[test]
fn the_crate_check_catches_storage_naming_the_interface_and_an_alias() {
    let v = crate_violations(&file("storage/idb.rs", "use crate::ui::store::Store;\n"));
    assert_eq!(v.len(), 1, "{v:?}");
    let v = crate_violations(&file("i18n.rs", "fn f() { crate::route::Route::Home; }\n"));
    assert_eq!(v.len(), 1, "{v:?}");
    let v = crate_violations(&file(
        "route.rs",
        "use crate::storage as s;\nfn f() { s::get(\"k\"); }\n",
    ));
    assert_eq!(v.len(), 2, "the alias and its use: {v:?}");
    let ok = crate_violations(&file(
        "storage/idb.rs",
        "use crate::domain::file::shards;\n",
    ));
    assert!(ok.is_empty(), "{ok:?}");
}

#[test]
fn the_domain_check_sees_through_an_alias() {
    // `use crate::domain as d;` then an upward import through it.
    let v = domain_violations(&[(
        "domain/base/bad.rs".to_string(),
        resolved("use crate::domain as d;\nfn f() { d::workspace::Workspace::default(); }\n"),
    )]);
    assert!(v.iter().any(|x| x.contains("imports workspace")), "{v:?}");
}

#[test]
fn the_circle_check_catches_a_circle_inside_one_layer_and_across_files() {
    let two = |a: &str, b: &str| {
        vec![
            ("domain/caseload/csv.rs".to_string(), a.to_string()),
            ("domain/caseload/report.rs".to_string(), b.to_string()),
            (
                "domain/caseload/mod.rs".to_string(),
                "pub mod csv;\npub mod report;\n".to_string(),
            ),
        ]
    };
    // csv names report, report names csv (by `super::` and by a full path).
    let v = import_cycles(&two(
        "use super::report::Report;\n",
        "fn f() { crate::domain::caseload::csv::code(); }\n",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    // A group, and an alias, hide nothing.
    let v = import_cycles(&two(
        "use super::{report::{Report, Base}};\n",
        "use super::csv as c;\nfn f() { c::code(); }\n",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    // One way only: fine; and a child naming what its folder's mod.rs re-exports: no circle.
    assert!(import_cycles(&two("use super::report::Report;\n", "")).is_empty());
    assert!(import_cycles(&two("use super::Report;\n", "use super::csv;\n")).is_empty());
    // Three files in a ring.
    let ring = vec![
        ("a.rs".to_string(), "use crate::b::X;\n".to_string()),
        ("b.rs".to_string(), "use crate::c::X;\n".to_string()),
        ("c.rs".to_string(), "use crate::a::X;\n".to_string()),
    ];
    assert_eq!(import_cycles(&ring).len(), 1);
}

/// Calls of the standard library's sorts in `src/` outside `domain/base/sort.rs`: each would
/// bring its own copy of the sorting code into the wasm (issue 31).
fn std_sorts(files: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in files {
        if path.ends_with("domain/base/sort.rs") {
            continue;
        }
        for (n, code) in code_lines(text) {
            for call in [
                ".sort(",
                ".sort_by(",
                ".sort_by_key(",
                ".sort_by_cached_key(",
                ".sort_unstable(",
                ".sort_unstable_by(",
                ".sort_unstable_by_key(",
            ] {
                if code.contains(call) {
                    out.push(format!("{path}:{n}: {call} (use domain::base::sort)"));
                }
            }
        }
    }
    out
}

#[test]
fn one_sort_in_the_whole_app() {
    assert_none("the standard sorts in src/", std_sorts(&sources("")));
}

#[test]
fn the_sort_check_catches_a_standard_sort() {
    let v = std_sorts(&file(
        "ui/pages/families.rs",
        "fn f(v: &mut Vec<u8>) { v.sort_unstable(); }\n",
    ));
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(std_sorts(&file(
        "ui/pages/families.rs",
        "fn f(v: &mut [u8]) { sort::sort(v); }\n"
    ))
    .is_empty());
}
