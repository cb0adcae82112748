//! The shipped languages: every catalogue in `public/lang/` is complete, keeps every
//! placeholder, translates every built-in text, and really is in its own language; and the
//! translators' English source (`docs/translations/en.json`) matches the code.
//!
//! After changing English words, refresh the source with
//! `WAYMARK_WRITE_SOURCE=1 cargo test --test languages`.

use std::collections::BTreeMap;
use waymark::domain::file::content::Content;
use waymark::i18n::{self, parse_catalogue, placeholders, Catalogue, Lang, Msg};

fn english_ui() -> BTreeMap<String, String> {
    Msg::ALL
        .iter()
        .map(|m| (m.key().to_string(), m.english().to_string()))
        .collect()
}

fn source_json() -> String {
    let v = serde_json::json!({
        "format": "waymark-language",
        "version": 1,
        "lang": "en",
        "dir": "ltr",
        "status": "source",
        "note": "The English that every catalogue translates. Generated from src/i18n.rs and the built-in content; do not edit by hand.",
        "ui": english_ui(),
        "content": Content::builtin().entries("en"),
    });
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

#[test]
fn the_translators_source_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/translations/en.json");
    let want = source_json();
    if std::env::var_os("WAYMARK_WRITE_SOURCE").is_some() {
        std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "docs/translations/en.json is out of date: run WAYMARK_WRITE_SOURCE=1 cargo test --test languages"
    );
}

fn shipped(lang: Lang) -> Catalogue {
    let path = format!(
        "{}/public/lang/{}.json",
        env!("CARGO_MANIFEST_DIR"),
        lang.code()
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_catalogue(&text, lang).unwrap_or_else(|e| panic!("{path}: {e:?}"))
}

/// Letters of the script a language is written in.
fn in_script(lang: Lang, c: char) -> bool {
    match lang {
        Lang::Ur => ('\u{0600}'..='\u{06FF}').contains(&c),
        Lang::Pl => "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains(c),
        Lang::En => c.is_ascii_alphabetic(),
    }
}

#[test]
fn every_shipped_language_is_complete_and_keeps_its_placeholders() {
    let ui = english_ui();
    let content = Content::builtin().entries("en");
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let c = shipped(lang);
        let missing: Vec<_> = ui.keys().filter(|k| !c.ui.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        let extra: Vec<_> = c.ui.keys().filter(|k| !ui.contains_key(*k)).collect();
        assert!(extra.is_empty(), "{lang:?} has unknown messages {extra:?}");
        for (k, en) in &ui {
            let tr = &c.ui[k];
            assert!(!tr.trim().is_empty(), "{lang:?} {k} is blank");
            assert_eq!(
                placeholders(tr),
                placeholders(en),
                "{lang:?} {k}: placeholders differ in {tr:?}"
            );
        }
        let missing: Vec<_> = content
            .keys()
            .filter(|k| !c.content.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "{lang:?} content lacks {missing:?}");
        let extra: Vec<_> = c
            .content
            .keys()
            .filter(|k| !content.contains_key(*k))
            .collect();
        assert!(extra.is_empty(), "{lang:?} has unknown content {extra:?}");

        // Written in the language, not left in English: most texts have its letters (Polish
        // shares the Latin alphabet, so for it only a good share of long texts must).
        let long: Vec<&String> =
            c.ui.values()
                .chain(c.content.values())
                .filter(|s| s.chars().filter(|c| c.is_alphabetic()).count() > 25)
                .collect();
        let native = long
            .iter()
            .filter(|s| s.chars().any(|ch| in_script(lang, ch)))
            .count();
        let share = native * 100 / long.len().max(1);
        let floor = if lang == Lang::Ur { 98 } else { 60 };
        assert!(
            share >= floor,
            "{lang:?}: only {share}% of long texts look translated"
        );
    }
}

#[test]
fn a_catalogue_translates_the_content_and_the_interface() {
    for lang in [Lang::Ur, Lang::Pl] {
        let c = shipped(lang);
        let mut content = Content::builtin();
        let n = content.translate(lang.code(), &c.content);
        assert_eq!(n, Content::builtin().entries("en").len());
        let wheel = &content.wheels[0];
        assert_eq!(
            waymark::domain::base::text::text(&wheel.name, lang.code()),
            c.content[&format!("wheel.{}.name", wheel.id)]
        );
        // English stays as it was beside the translation.
        assert_eq!(
            waymark::domain::base::text::text(&wheel.name, "en"),
            waymark::domain::base::text::text(&Content::builtin().wheels[0].name, "en")
        );
        assert_eq!(
            i18n::install(lang, &c.ui),
            0,
            "{lang:?} fell back to English"
        );
        assert_eq!(i18n::t(Msg::NavFamilies), c.ui["NavFamilies"]);
        assert_eq!(i18n::current(), lang);
        i18n::install(Lang::En, &BTreeMap::new());
        assert_eq!(i18n::t(Msg::NavFamilies), "Families");
    }
}

#[test]
fn a_broken_translation_falls_back_to_english_not_a_broken_sentence() {
    let mut ui = BTreeMap::new();
    ui.insert("OpenedOn".to_string(), "Otwarta".to_string()); // lost {date}
    ui.insert("NavFamilies".to_string(), "Rodziny".to_string());
    ui.insert("NavHome".to_string(), "  ".to_string());
    let english = i18n::install(Lang::Pl, &ui);
    assert_eq!(english, Msg::ALL.len() - 1);
    assert_eq!(i18n::t(Msg::NavFamilies), "Rodziny");
    assert_eq!(i18n::t(Msg::OpenedOn), Msg::OpenedOn.english());
    assert_eq!(i18n::t(Msg::NavHome), "Home");
    i18n::install(Lang::En, &BTreeMap::new());
}

#[test]
fn a_catalogue_for_another_language_or_not_a_catalogue_is_refused() {
    let good = r#"{"format":"waymark-language","version":1,"lang":"pl","dir":"ltr","ui":{}}"#;
    assert!(parse_catalogue(good, Lang::Pl).is_ok());
    assert_eq!(
        parse_catalogue(good, Lang::Ur),
        Err(i18n::CatalogueError::WrongLanguage)
    );
    assert_eq!(
        parse_catalogue(&good.replace("\"ltr\"", "\"rtl\""), Lang::Pl),
        Err(i18n::CatalogueError::WrongLanguage)
    );
    assert_eq!(
        parse_catalogue("<html>", Lang::Pl),
        Err(i18n::CatalogueError::NotJson)
    );
    assert_eq!(
        parse_catalogue(r#"{"format":"other","version":1}"#, Lang::Pl),
        Err(i18n::CatalogueError::NotACatalogue)
    );
    assert_eq!(placeholders("{b} and {a}, {a}"), vec!["a", "a", "b"]);
}

#[test]
fn a_catalogue_with_the_wrong_shape_is_refused() {
    let base = r#"{"format":"waymark-language","version":1,"lang":"pl","dir":"ltr""#;
    for tail in [
        "}",                                 // no words at all
        r#","ui":[]}"#,                      // not a map
        r#","ui":{"NavHome":1}}"#,           // not words
        r#","ui":{},"content":{"x":null}}"#, // not words
    ] {
        assert_eq!(
            parse_catalogue(&format!("{base}{tail}"), Lang::Pl),
            Err(i18n::CatalogueError::NotACatalogue),
            "{tail}"
        );
    }
    assert_eq!(
        parse_catalogue(
            &format!("{base}{}", r#","version":2,"ui":{}}"#).replace(r#""version":1,"#, ""),
            Lang::Pl
        ),
        Err(i18n::CatalogueError::NotACatalogue)
    );
}

/// The words of index.html marked `data-msg="Name"` (the loading screen, and the first screen
/// that works before the app has arrived), with the language buttons' names, tags and directions.
fn index_html() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap()
}

fn marked_words(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("data-msg=\"") {
        rest = &rest[i + 10..];
        let name = &rest[..rest.find('"').unwrap()];
        let text = &rest[rest.find('>').unwrap() + 1..];
        let text = &text[..text.find('<').unwrap()];
        out.push((name.to_string(), text.to_string()));
    }
    out
}

#[test]
fn the_first_screen_in_index_html_says_what_the_app_says() {
    let html = index_html();
    let marked = marked_words(&html);
    let names: Vec<&str> = marked.iter().map(|(n, _)| n.as_str()).collect();
    // The loading screen and the whole first screen (scripts/csp-loader.mjs puts these words in
    // the chosen language, from the catalogues).
    for want in [
        "HomeIntro",
        "Loading",
        "ChooseLanguage",
        "HomeTitle",
        "FirstUseIntro",
        "ModeQuestion",
        "ModeFamily",
        "ModeFamilyHint",
        "ModeCaseload",
        "ModeCaseloadHint",
    ] {
        assert!(
            names.contains(&want),
            "index.html has no data-msg=\"{want}\""
        );
    }
    for (name, text) in &marked {
        let msg = Msg::ALL
            .iter()
            .find(|m| m.key() == name)
            .unwrap_or_else(|| panic!("index.html names a message that does not exist: {name}"));
        assert_eq!(
            text,
            msg.english(),
            "index.html's {name} differs from the app's English"
        );
    }
    // Each language button as the app draws it: its own name, its tag and its direction.
    for lang in Lang::ALL {
        let button = format!(
            "lang=\"{}\" dir=\"{}\" aria-pressed=\"{}\" data-lang=\"{}\">{}</button>",
            lang.tag(),
            lang.dir(),
            lang == Lang::En,
            lang.code(),
            lang.own_name()
        );
        assert!(html.contains(&button), "index.html has no button {button}");
    }
}

#[test]
fn the_first_screen_check_can_fail() {
    let changed = index_html().replace(">Welcome to Waymark<", ">Welcome to the app<");
    let marked = marked_words(&changed);
    let (_, text) = marked.iter().find(|(n, _)| n == "HomeTitle").unwrap();
    assert_ne!(text, Msg::HomeTitle.english());
}

/// The words of a text, lower-cased, split at spaces and punctuation.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A radar spoke's short name is the area's own words, in every language: a family reads the
/// same words on the chart as on the area they scored ("Home and money" beside "Home and
/// bills" read as two things).
#[test]
fn every_short_name_is_made_of_its_areas_own_words() {
    let mut content: Vec<(String, BTreeMap<String, String>)> =
        vec![("en".into(), Content::builtin().entries("en"))];
    for lang in ["ur", "pl"] {
        let path = format!("{}/public/lang/{lang}.json", env!("CARGO_MANIFEST_DIR"));
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let map = serde_json::from_value(v["content"].clone()).unwrap();
        content.push((lang.into(), map));
    }
    let mut checked = 0;
    for (lang, map) in &content {
        for (key, short) in map.iter().filter(|(k, _)| k.ends_with(".short")) {
            let name_key = format!("{}.name", key.trim_end_matches(".short"));
            let name = map
                .get(&name_key)
                .unwrap_or_else(|| panic!("{lang}: {key} has no {name_key}"));
            let have = words(name);
            for w in words(short) {
                assert!(
                    have.contains(&w),
                    "{lang}: {key} {short:?} has {w:?}, which is not in the area's name {name:?}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} short names found");
}
