//! The radar: spokes around a centre, rings at the top of each stage, and readings laid over
//! each other, as standalone SVG markup.

use super::svg::{fmt1, svg_points};
use crate::domain::base::text::escape;

/// Scores on a wheel run from 1 to 10 (0 is the centre).
pub const MAX_SCORE: u8 = 10;
/// Stages on a wheel: five, each two points wide.
pub const STAGES: usize = 5;

/// Where text sits relative to its point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// The sine and cosine of `a` (radians), to within 1e-12 of the standard library's. A radar
/// only needs the angles of a few spokes; `f64::sin` and `f64::cos` bring a reduction for huge
/// angles with them (about 7.6 KB of the family's wasm, issue 31), this is a few hundred bytes.
pub fn sin_cos(a: f64) -> (f64, f64) {
    use std::f64::consts::{FRAC_PI_2, PI, TAU};
    // Into [-π, π), then [-π/2, π/2] (sin(π - x) = sin x, cos(π - x) = -cos x).
    let mut x = a - (a / TAU + 0.5).floor() * TAU;
    let mut sign = 1.0;
    if x > FRAC_PI_2 {
        x = PI - x;
        sign = -1.0;
    } else if x < -FRAC_PI_2 {
        x = -PI - x;
        sign = -1.0;
    }
    // Taylor series: at |x| <= π/2 the terms after x^19 are below 1e-14.
    let x2 = x * x;
    let (mut sin, mut cos, mut ts, mut tc) = (x, 1.0, x, 1.0);
    for k in 1..=10 {
        let k = f64::from(k);
        ts *= -x2 / ((2.0 * k) * (2.0 * k + 1.0));
        tc *= -x2 / ((2.0 * k - 1.0) * (2.0 * k));
        sin += ts;
        cos += tc;
    }
    (sin, sign * cos)
}

/// A radar of `n` spokes around (`cx`, `cy`), `radius` for a score of 10.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Radar {
    pub n: usize,
    pub cx: f64,
    pub cy: f64,
    pub radius: f64,
}

impl Radar {
    /// The angle of spoke `i` in radians: the first points straight up, the rest follow clockwise.
    pub fn angle(&self, i: usize) -> f64 {
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / self.n.max(1) as f64
    }

    /// The point on spoke `i` at `distance` from the centre.
    pub fn at(&self, i: usize, distance: f64) -> (f64, f64) {
        let (sin, cos) = sin_cos(self.angle(i));
        (self.cx + distance * cos, self.cy + distance * sin)
    }

    /// The point for a score on spoke `i`, clamped to 0..=10 (0 is the centre: not scored).
    pub fn point(&self, i: usize, score: f64) -> (f64, f64) {
        let s = if score.is_finite() {
            score.clamp(0.0, f64::from(MAX_SCORE))
        } else {
            0.0
        };
        self.at(i, self.radius * s / f64::from(MAX_SCORE))
    }

    /// The radii of the rings drawn at the top of each stage (scores 2, 4, 6, 8, 10).
    pub fn rings(&self) -> [f64; STAGES] {
        let mut out = [0.0; STAGES];
        for (k, r) in out.iter_mut().enumerate() {
            *r = self.radius * (2 * (k + 1)) as f64 / f64::from(MAX_SCORE);
        }
        out
    }

    /// Where spoke `i`'s label goes (`pad` beyond the outer ring) and how it is anchored, so
    /// labels on the left end at their point and labels on the right start there.
    pub fn label(&self, i: usize, pad: f64) -> (f64, f64, Anchor) {
        let (x, y) = self.at(i, self.radius + pad);
        let dx = x - self.cx;
        let anchor = if dx.abs() < self.radius * 0.15 {
            Anchor::Middle
        } else if dx > 0.0 {
            Anchor::Start
        } else {
            Anchor::End
        };
        (x, y, anchor)
    }
}

/// Which reading a line on the radar shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesKind {
    First,
    Previous,
    Latest,
}

impl SeriesKind {
    /// Colour (a CSS variable with a fallback for a saved file), dash pattern: series are told
    /// apart by line style and marker shape as well as colour.
    pub fn stroke(self) -> (&'static str, &'static str) {
        match self {
            SeriesKind::First => ("var(--series-first, #8a5a00)", "7 4"),
            SeriesKind::Previous => ("var(--series-previous, #4b4ba8)", "2 4"),
            SeriesKind::Latest => ("var(--series-latest, #1f5f5b)", ""),
        }
    }
}

/// The radar's font size and line height, in the drawing's own units.
pub const LABEL_FONT: f64 = 14.0;
pub const LABEL_LINE: f64 = 17.0;
/// About how wide a character of a label is, in the drawing's units: a generous average, so a
/// label's box is never narrower than its text (letters of other scripts included).
pub const CHAR_WIDTH: f64 = 9.2;
/// Labels wrap at about this many characters (a longer word stays whole).
pub const WRAP_AT: usize = 11;

/// A label broken into lines of about `width` characters, at spaces; a word longer than that
/// stays whole on its own line (it is never cut).
pub fn wrap(label: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// A box: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Bounds {
    fn grow(&mut self, o: Bounds) {
        self.left = self.left.min(o.left);
        self.top = self.top.min(o.top);
        self.right = self.right.max(o.right);
        self.bottom = self.bottom.max(o.bottom);
    }
}

/// Where one spoke's label goes: its lines, the anchor, the x, the baseline of each line, and
/// the box it takes.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelPlace {
    pub lines: Vec<String>,
    pub anchor: Anchor,
    pub x: f64,
    pub baselines: Vec<f64>,
    pub bounds: Bounds,
}

impl Radar {
    /// Places spoke `i`'s label (already wrapped into `lines`) beyond the outer ring: labels on
    /// the right start at their point, on the left end there; labels above the centre sit
    /// above their point, below it below, at the sides centred on it.
    pub fn place_label(&self, i: usize, lines: Vec<String>) -> LabelPlace {
        let (x, y, anchor) = self.label(i, 10.0);
        let widest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * CHAR_WIDTH;
        let height = LABEL_LINE * lines.len().max(1) as f64;
        let dy = y - self.cy;
        // The top of the block.
        let top = if dy < -self.radius * 0.35 {
            y - height
        } else if dy > self.radius * 0.35 {
            y + 2.0
        } else {
            y - height / 2.0
        };
        let (left, right) = match anchor {
            Anchor::Start => (x, x + widest),
            Anchor::End => (x - widest, x),
            Anchor::Middle => (x - widest / 2.0, x + widest / 2.0),
        };
        let baselines = (0..lines.len())
            .map(|k| top + LABEL_LINE * (k as f64 + 1.0) - 4.0)
            .collect();
        LabelPlace {
            lines,
            anchor,
            x,
            baselines,
            bounds: Bounds {
                left,
                top,
                right,
                bottom: top + height,
            },
        }
    }
}

/// What a radar is drawn from: a name per spoke (short area names), the readings laid over
/// each other (scores in tenths: 45 is 4.5; `None` where an area was not scored), and the words
/// that make it accessible.
pub struct RadarSpec<'a> {
    pub id: &'a str,
    pub labels: &'a [String],
    pub series: &'a [(SeriesKind, Vec<Option<u16>>)],
    pub title: &'a str,
    pub desc: &'a str,
    /// Said under a spoke's label where the latest reading has no score there ("not scored").
    pub not_scored: &'a str,
}

/// A radar of whole scores: `series` in points (1 to 10).
pub fn radar_svg(
    id: &str,
    labels: &[String],
    series: &[(SeriesKind, Vec<Option<u8>>)],
    title: &str,
    desc: &str,
    not_scored: &str,
) -> String {
    let tenths: Vec<(SeriesKind, Vec<Option<u16>>)> = series
        .iter()
        .map(|(k, v)| (*k, v.iter().map(|s| s.map(|s| u16::from(s) * 10)).collect()))
        .collect();
    radar_svg_tenths(&RadarSpec {
        id,
        labels,
        series: &tenths,
        title,
        desc,
        not_scored,
    })
}

/// A complete, standalone SVG radar: rings at the top of each stage, one named spoke per area
/// (names wrapped, never cut off: the drawing grows to hold them), and up to three readings,
/// told apart by line style and marker as well as colour. An area not scored is a gap in its
/// line, never a point at the centre (which would read as the lowest score), and the latest
/// reading's gaps are named under the spoke. `role="img"` with a title and description; the
/// same markup is offered as a download.
pub fn radar_svg_tenths(spec: &RadarSpec) -> String {
    use std::fmt::Write;
    let n = spec.labels.len();
    let r = Radar {
        n,
        cx: 0.0,
        cy: 0.0,
        radius: 110.0,
    };
    let latest_gaps: Vec<bool> = match spec.series.last() {
        Some((_, scores)) => (0..n)
            .map(|i| scores.get(i).is_none_or(|s| s.is_none()))
            .collect(),
        None => vec![false; n],
    };
    let places: Vec<LabelPlace> = spec
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut lines = wrap(l, WRAP_AT);
            if latest_gaps[i] && !spec.series.is_empty() {
                // The word alone on its own line (brackets would turn round in a right-to-left
                // language inside the drawing).
                lines.push(spec.not_scored.to_string());
            }
            r.place_label(i, lines)
        })
        .collect();
    let mut b = Bounds {
        left: -r.radius,
        top: -r.radius,
        right: r.radius,
        bottom: r.radius,
    };
    for p in &places {
        b.grow(p.bounds);
    }
    let pad = 6.0;
    let (vx, vy) = (b.left - pad, b.top - pad);
    let (vw, vh) = (b.right - b.left + 2.0 * pad, b.bottom - b.top + 2.0 * pad);
    let id = escape(spec.id);
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"radar-svg\" viewBox=\"{} {} {} {}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        fmt1(vx),
        fmt1(vy),
        fmt1(vw),
        fmt1(vh),
        escape(spec.title),
        escape(spec.desc)
    );
    s.push_str("<g fill=\"none\" stroke=\"var(--c-border, #8a949a)\" stroke-width=\"1\">");
    for ring in r.rings() {
        let _ = write!(s, "<circle cx=\"0\" cy=\"0\" r=\"{}\"/>", fmt1(ring));
    }
    for i in 0..n {
        let (x, y) = r.at(i, r.radius);
        let _ = write!(
            s,
            "<line x1=\"0\" y1=\"0\" x2=\"{}\" y2=\"{}\"/>",
            fmt1(x),
            fmt1(y)
        );
    }
    let _ = write!(
        s,
        "</g><g font-size=\"{}\" fill=\"var(--c-text, #1d2327)\" font-family=\"system-ui, sans-serif\">",
        fmt1(LABEL_FONT)
    );
    for (i, p) in places.iter().enumerate() {
        let anchor = match p.anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let _ = write!(s, "<text text-anchor=\"{anchor}\" data-spoke=\"{i}\">");
        let last = p.lines.len().saturating_sub(1);
        for (k, (line, y)) in p.lines.iter().zip(&p.baselines).enumerate() {
            let gap_note = latest_gaps[i] && k == last && !spec.series.is_empty();
            let _ = write!(
                s,
                "<tspan x=\"{}\" y=\"{}\"{}>{}</tspan>",
                fmt1(p.x),
                fmt1(*y),
                if gap_note {
                    " font-style=\"italic\" font-weight=\"400\""
                } else {
                    " font-weight=\"700\""
                },
                escape(line)
            );
        }
        s.push_str("</text>");
    }
    s.push_str("</g>");
    for (kind, scores) in spec.series {
        let (colour, dash) = kind.stroke();
        let pts: Vec<Option<(f64, f64)>> = (0..n)
            .map(|i| {
                scores
                    .get(i)
                    .copied()
                    .flatten()
                    .map(|t| r.point(i, f64::from(t) / 10.0))
            })
            .collect();
        let _ = write!(
            s,
            "<g stroke=\"{colour}\" fill=\"{colour}\" data-series=\"{}\">",
            match kind {
                SeriesKind::First => "first",
                SeriesKind::Previous => "previous",
                SeriesKind::Latest => "latest",
            }
        );
        let line = format!(
            "fill-opacity=\"0.08\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\" stroke-linejoin=\"round\""
        );
        if pts.iter().all(Option::is_some) {
            let all: Vec<(f64, f64)> = pts.iter().flatten().copied().collect();
            let _ = write!(s, "<polygon points=\"{}\" {line}/>", svg_points(&all));
        } else {
            // A gap where an area was not scored: each run of scored neighbours is its own line.
            for run in runs(&pts) {
                if run.len() > 1 {
                    let _ = write!(
                        s,
                        "<polyline points=\"{}\" fill=\"none\" {line}/>",
                        svg_points(&run)
                    );
                }
            }
        }
        for (x, y) in pts.iter().flatten().copied() {
            let _ = match kind {
                SeriesKind::First => {
                    write!(s, "<circle cx=\"{}\" cy=\"{}\" r=\"4\"/>", fmt1(x), fmt1(y))
                }
                SeriesKind::Previous => write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\"/>",
                    fmt1(x - 3.5),
                    fmt1(y - 3.5)
                ),
                SeriesKind::Latest => write!(
                    s,
                    "<polygon points=\"{}\"/>",
                    svg_points(&[(x, y - 5.5), (x + 5.5, y), (x, y + 5.5), (x - 5.5, y)])
                ),
            };
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

/// The runs of neighbouring scored spokes, going round (the last spoke's neighbour is the
/// first), each a list of points.
fn runs(pts: &[Option<(f64, f64)>]) -> Vec<Vec<(f64, f64)>> {
    let n = pts.len();
    // Start just after a gap, so a run that wraps round is not split in two.
    let Some(start) = (0..n).find(|&i| pts[i].is_none()).map(|g| (g + 1) % n) else {
        return vec![pts.iter().flatten().copied().collect()];
    };
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for k in 0..n {
        match pts[(start + k) % n] {
            Some(p) => cur.push(p),
            None => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}
