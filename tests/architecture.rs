//! The domain stays pure: nothing under src/domain may use the browser or the UI framework.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

const FORBIDDEN: [&str; 6] = [
    "leptos",
    "web_sys",
    "web-sys",
    "gloo",
    "wasm_bindgen",
    "js_sys",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("src/domain exists") {
        let p = entry.expect("readable entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Returns `file:line: text` for every use of a forbidden crate in code (comments ignored).
fn violations(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    let mut found = Vec::new();
    for f in files {
        let text = fs::read_to_string(&f).expect("readable file");
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in FORBIDDEN {
                if code.contains(word) {
                    found.push(format!("{}:{}: {}", f.display(), i + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn domain_uses_no_browser_or_ui_crate() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let v = violations(&dir);
    assert!(
        v.is_empty(),
        "src/domain must stay pure Rust:\n{}",
        v.join("\n")
    );
}

#[test]
fn the_check_catches_a_violation() {
    let dir = std::env::temp_dir().join(format!("waymark-arch-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("bad.rs"),
        "// leptos in a comment is fine\nuse leptos::prelude::*;\n",
    )
    .unwrap();
    let v = violations(&dir);
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(v.len(), 1, "{v:?}");
    assert!(v[0].contains(":2:"));
}

#[test]
fn domain_dependencies_are_allowed_ones() {
    // The crates the domain may name: std, serde, serde_json, chrono, thiserror (and itself).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
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
                "{}: {line}",
                f.display()
            );
        }
    }
}
