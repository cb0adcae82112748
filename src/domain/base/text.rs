//! Text as the domain holds it: built-in and loaded content in several languages, and text made
//! safe for markup.

use std::collections::BTreeMap;

/// Text in one or more languages, keyed by language tag ("en").
pub type Text = BTreeMap<String, String>;

/// The text in `lang`, or English, or any language there is.
pub fn text<'a>(t: &'a Text, lang: &str) -> &'a str {
    t.get(lang)
        .or_else(|| t.get("en"))
        .or_else(|| t.values().next())
        .map_or("", String::as_str)
}

/// Escapes text for XML/HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
