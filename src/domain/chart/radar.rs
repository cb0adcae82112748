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
        let a = self.angle(i);
        (self.cx + distance * a.cos(), self.cy + distance * a.sin())
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

    /// The polygon of a reading: one point per spoke (an area not scored sits at the centre).
    pub fn polygon(&self, scores: &[Option<u8>]) -> Vec<(f64, f64)> {
        scores
            .iter()
            .enumerate()
            .map(|(i, s)| self.point(i, s.map_or(0.0, f64::from)))
            .collect()
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

/// The side of the square the radar is drawn in.
pub const RADAR_SIZE: f64 = 320.0;

/// A complete, standalone SVG radar: rings at the top of each stage, one numbered spoke per
/// area, and up to three readings. `title` and `desc` make it accessible (`role="img"`); the
/// same markup is offered as a download.
pub fn radar_svg(
    id: &str,
    n: usize,
    series: &[(SeriesKind, Vec<Option<u8>>)],
    title: &str,
    desc: &str,
) -> String {
    let tenths: Vec<(SeriesKind, Vec<Option<u16>>)> = series
        .iter()
        .map(|(k, v)| (*k, v.iter().map(|s| s.map(|s| u16::from(s) * 10)).collect()))
        .collect();
    radar_svg_tenths(id, n, &tenths, title, desc)
}

/// The same radar for scores in tenths of a point (averages across a caseload: 45 is 4.5).
pub fn radar_svg_tenths(
    id: &str,
    n: usize,
    series: &[(SeriesKind, Vec<Option<u16>>)],
    title: &str,
    desc: &str,
) -> String {
    use std::fmt::Write;
    let r = Radar {
        n,
        cx: RADAR_SIZE / 2.0,
        cy: RADAR_SIZE / 2.0,
        radius: 120.0,
    };
    let id = escape(id);
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"radar-svg\" viewBox=\"0 0 320 320\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape(title),
        escape(desc)
    );
    s.push_str("<g fill=\"none\" stroke=\"var(--c-border, #8a949a)\" stroke-width=\"1\">");
    for ring in r.rings() {
        let _ = write!(s, "<circle cx=\"160\" cy=\"160\" r=\"{}\"/>", fmt1(ring));
    }
    for i in 0..n {
        let (x, y) = r.at(i, r.radius);
        let _ = write!(
            s,
            "<line x1=\"160\" y1=\"160\" x2=\"{}\" y2=\"{}\"/>",
            fmt1(x),
            fmt1(y)
        );
    }
    s.push_str("</g><g font-size=\"15\" font-weight=\"700\" fill=\"var(--c-text, #1d2327)\" font-family=\"system-ui, sans-serif\">");
    for i in 0..n {
        let (x, y, a) = r.label(i, 16.0);
        let anchor = match a {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            fmt1(x),
            fmt1(y + 5.0),
            i + 1
        );
    }
    s.push_str("</g>");
    for (kind, scores) in series {
        let (colour, dash) = kind.stroke();
        let pts: Vec<(f64, f64)> = scores
            .iter()
            .enumerate()
            .map(|(i, s)| r.point(i, s.map_or(0.0, |t| f64::from(t) / 10.0)))
            .collect();
        let _ = write!(
            s,
            "<g stroke=\"{colour}\" fill=\"{colour}\" data-series=\"{}\"><polygon points=\"{}\" fill-opacity=\"0.08\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\" stroke-linejoin=\"round\"/>",
            match kind {
                SeriesKind::First => "first",
                SeriesKind::Previous => "previous",
                SeriesKind::Latest => "latest",
            },
            svg_points(&pts)
        );
        for ((x, y), sc) in pts.iter().zip(scores) {
            if sc.is_none() {
                continue;
            }
            let (x, y) = (*x, *y);
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
