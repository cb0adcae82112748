//! Read-only figures as HTML markup, inserted with `inner_html`: a report's dozen tables cost a
//! few hundred bytes of wasm this way, against tens of kilobytes as view trees. Every piece of
//! text goes through [`esc`].

pub use crate::domain::base::text::escape as esc;

/// One table row: the row header (markup, already escaped) and the cells (plain text).
pub struct Row {
    pub head: String,
    pub cells: Vec<String>,
    /// An attribute for the first cell, such as `data-figure="active"` (markup).
    pub attr: String,
}

impl Row {
    pub fn new(head: &str, cells: Vec<String>) -> Row {
        Row {
            head: esc(head),
            cells,
            attr: String::new(),
        }
    }
}

/// A table with a hidden caption, column headings (the first over the row headers), rows and
/// an optional footer row. With `region`, the wrapper scrolls and takes focus on a phone.
pub fn table(
    caption: &str,
    region: bool,
    class: &str,
    head: &[String],
    rows: &[Row],
    foot: Option<&Row>,
) -> String {
    let mut s = String::with_capacity(256 + rows.len() * 64);
    if region {
        s.push_str(&format!(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
            esc(caption)
        ));
    } else {
        s.push_str("<div class=\"table-wrap\">");
    }
    s.push_str(&format!(
        "<table class=\"scores {class}\"><caption class=\"visually-hidden\">{}</caption>",
        esc(caption)
    ));
    if !head.is_empty() {
        s.push_str("<thead><tr>");
        for h in head {
            s.push_str(&format!("<th scope=\"col\">{}</th>", esc(h)));
        }
        s.push_str("</tr></thead>");
    }
    let row = |s: &mut String, r: &Row| {
        s.push_str(&format!("<tr><th scope=\"row\">{}</th>", r.head));
        for (i, c) in r.cells.iter().enumerate() {
            let attr = if i == 0 && !r.attr.is_empty() {
                format!(" {}", r.attr)
            } else {
                String::new()
            };
            s.push_str(&format!("<td{attr}>{}</td>", esc(c)));
        }
        s.push_str("</tr>");
    };
    s.push_str("<tbody>");
    for r in rows {
        row(&mut s, r);
    }
    s.push_str("</tbody>");
    if let Some(f) = foot {
        s.push_str("<tfoot>");
        row(&mut s, f);
        s.push_str("</tfoot>");
    }
    s.push_str("</table></div>");
    s
}

/// An element with escaped text: `el("h2", "", "Outcomes")`.
pub fn el(tag: &str, attrs: &str, text: &str) -> String {
    let sep = if attrs.is_empty() { "" } else { " " };
    format!("<{tag}{sep}{attrs}>{}</{tag}>", esc(text))
}
