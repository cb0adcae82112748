//! A horizontal bar chart: one bar per row, its label above it and its figure at its end, for
//! people who look rather than read. The same figures are always in a table beside it.

use super::svg::fmt1;
use crate::domain::base::text::escape;

/// One bar: what it is, how many, and the words at its end ("833 (61%)").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: usize,
    pub text: String,
}

/// The drawing's width, the space kept for the figure at a bar's end, and one row's height.
pub const BARS_WIDTH: f64 = 320.0;
const FIGURE_ROOM: f64 = 84.0;
const ROW: f64 = 44.0;

/// How long a bar is: in proportion to the largest value; a value above zero is never shorter
/// than 2 units, so it can be seen.
pub fn bar_length(value: usize, max: usize) -> f64 {
    if value == 0 || max == 0 {
        return 0.0;
    }
    let room = BARS_WIDTH - FIGURE_ROOM;
    (room * value as f64 / max as f64).max(2.0)
}

/// The chart as SVG. `rtl` draws from the right, for a right-to-left language.
pub fn bars_svg(id: &str, title: &str, desc: &str, bars: &[Bar], rtl: bool) -> String {
    use std::fmt::Write;
    let id = escape(id);
    let height = ROW * bars.len() as f64 + 4.0;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let mut s = String::with_capacity(256 + 200 * bars.len());
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"bars-svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc><g font-family=\"system-ui, sans-serif\" font-size=\"13\" fill=\"var(--c-text, #1d2327)\">",
        fmt1(BARS_WIDTH),
        fmt1(height),
        escape(title),
        escape(desc)
    );
    let (edge, anchor) = if rtl {
        (BARS_WIDTH, "end")
    } else {
        (0.0, "start")
    };
    for (i, b) in bars.iter().enumerate() {
        let top = ROW * i as f64;
        let len = bar_length(b.value, max);
        let x = if rtl { BARS_WIDTH - len } else { 0.0 };
        let figure_x = if rtl { x - 6.0 } else { len + 6.0 };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" rx=\"2\" fill=\"var(--series-latest, #1f5f5b)\"/><text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" font-weight=\"700\">{}</text>",
            fmt1(edge),
            fmt1(top + 14.0),
            escape(&b.label),
            fmt1(x),
            fmt1(top + 20.0),
            fmt1(len),
            fmt1(figure_x),
            fmt1(top + 33.0),
            escape(&b.text),
        );
    }
    s.push_str("</g></svg>");
    s
}
