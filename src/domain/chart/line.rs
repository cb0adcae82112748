//! A small line chart of answers over time (x by date, y from 0 to 10), as standalone SVG markup.

use super::svg::{fmt1, svg_points};
use crate::domain::base::text::escape;
use crate::domain::base::Respondent;
use chrono::NaiveDate;

/// The top of the chart's scale.
pub const MAX_VALUE: u8 = 10;

/// One respondent's answers over time: (date, value), oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinePoints {
    pub by: Respondent,
    pub points: Vec<(NaiveDate, u8)>,
}

impl LinePoints {
    pub fn first(&self) -> Option<u8> {
        self.points.first().map(|p| p.1)
    }
    pub fn latest(&self) -> Option<u8> {
        self.points.last().map(|p| p.1)
    }
    /// Latest minus first (None with fewer than two answers).
    pub fn change(&self) -> Option<i8> {
        if self.points.len() < 2 {
            return None;
        }
        Some(self.latest()? as i8 - self.first()? as i8)
    }
}

/// A small chart of answers over time: x by date, y from 0 (bottom) to 10 (top).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// Space for the axis labels on the left and at the bottom.
    pub left: f64,
    pub bottom: f64,
    pub pad: f64,
}

pub const CHART: Chart = Chart {
    width: 320.0,
    height: 180.0,
    left: 28.0,
    bottom: 24.0,
    pad: 10.0,
};

impl Chart {
    /// The y of a value (clamped to 0..=10).
    pub fn y(&self, v: f64) -> f64 {
        let v = if v.is_finite() {
            v.clamp(0.0, f64::from(MAX_VALUE))
        } else {
            0.0
        };
        let top = self.pad;
        let bottom = self.height - self.bottom;
        bottom - (bottom - top) * v / f64::from(MAX_VALUE)
    }

    /// The x of a date between the first and last dates (all in the middle when they are equal).
    pub fn x(&self, d: NaiveDate, first: NaiveDate, last: NaiveDate) -> f64 {
        let l = self.left + self.pad;
        let r = self.width - self.pad;
        let span = (last - first).num_days();
        if span <= 0 {
            return (l + r) / 2.0;
        }
        l + (r - l) * (d - first).num_days() as f64 / span as f64
    }
}

/// Colour, dash pattern and marker shape per respondent (told apart by more than colour).
pub fn line_style(by: Respondent) -> (&'static str, &'static str) {
    match by {
        Respondent::Family => ("var(--series-latest, #1f5f5b)", ""),
        Respondent::Worker => ("var(--series-first, #8a5a00)", "7 4"),
        Respondent::Child => ("var(--series-previous, #4b4ba8)", "2 4"),
        Respondent::Agreed => ("var(--c-text, #1d2327)", "10 3 2 3"),
    }
}

/// The x of each point of a line: by date, and answers given on the same day spread a little
/// apart in the order they were given (rather than drawn on top of each other as a vertical
/// stroke), so each can be seen.
pub fn spread_x(c: &Chart, dates: &[NaiveDate], first: NaiveDate, last: NaiveDate) -> Vec<f64> {
    const STEP: f64 = 9.0;
    let mut out = Vec::with_capacity(dates.len());
    let mut i = 0;
    while i < dates.len() {
        let same = dates[i..].iter().take_while(|d| **d == dates[i]).count();
        let x = c.x(dates[i], first, last);
        for k in 0..same {
            out.push(x + (k as f64 - (same - 1) as f64 / 2.0) * STEP);
        }
        i += same;
    }
    out
}

/// The chart as standalone SVG markup, with `role="img"`, a title and a description, and the
/// first and last dates (`dates`, already in words) under the axis.
pub fn chart_svg(
    id: &str,
    lines: &[LinePoints],
    title: &str,
    desc: &str,
    dates: (&str, &str),
) -> String {
    use std::fmt::Write;
    let c = CHART;
    let id = escape(id);
    let mut s = String::with_capacity(2048);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"chart-svg\" viewBox=\"0 0 320 180\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape(title),
        escape(desc)
    );
    s.push_str("<g stroke=\"var(--c-border, #8a949a)\" stroke-width=\"1\" font-size=\"12\" fill=\"var(--c-text, #1d2327)\" font-family=\"system-ui, sans-serif\">");
    for v in [0u8, 5, 10] {
        let y = c.y(f64::from(v));
        let _ = write!(s, "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" stroke=\"none\">{v}</text>", fmt1(c.left), fmt1(c.width - c.pad), fmt1(c.left - 6.0), fmt1(y + 4.0), y = fmt1(y));
    }
    s.push_str("</g>");
    let all: Vec<NaiveDate> = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|p| p.0))
        .collect();
    if let (Some(first), Some(last)) = (all.iter().min().copied(), all.iter().max().copied()) {
        // The dates under the axis: the first at the left and the last at the right, or one in
        // the middle when every answer is from one day.
        let base = fmt1(c.height - 6.0);
        s.push_str("<g font-size=\"12\" fill=\"var(--c-text, #1d2327)\" font-family=\"system-ui, sans-serif\">");
        if first == last {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{base}\" text-anchor=\"middle\">{}</text>",
                fmt1(c.x(first, first, last)),
                escape(dates.0)
            );
        } else {
            let _ = write!(
                s,
                "<text x=\"{}\" y=\"{base}\" text-anchor=\"start\">{}</text><text x=\"{}\" y=\"{base}\" text-anchor=\"end\">{}</text>",
                fmt1(c.left + c.pad - 4.0),
                escape(dates.0),
                fmt1(c.width - c.pad + 4.0),
                escape(dates.1)
            );
        }
        s.push_str("</g>");
        for l in lines {
            let (colour, dash) = line_style(l.by);
            let days: Vec<NaiveDate> = l.points.iter().map(|p| p.0).collect();
            let pts: Vec<(f64, f64)> = spread_x(&c, &days, first, last)
                .into_iter()
                .zip(&l.points)
                .map(|(x, (_, v))| (x, c.y(f64::from(*v))))
                .collect();
            let _ = write!(
                s,
                "<g stroke=\"{colour}\" fill=\"{colour}\" data-line=\"{:?}\">",
                l.by
            );
            if pts.len() > 1 {
                let _ = write!(s, "<polyline fill=\"none\" stroke-width=\"2.5\" stroke-dasharray=\"{dash}\" points=\"{}\"/>", svg_points(&pts));
            }
            for (x, y) in pts {
                let _ = match l.by {
                    Respondent::Family => {
                        write!(s, "<circle cx=\"{}\" cy=\"{}\" r=\"4\"/>", fmt1(x), fmt1(y))
                    }
                    Respondent::Worker => write!(
                        s,
                        "<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\"/>",
                        fmt1(x - 3.5),
                        fmt1(y - 3.5)
                    ),
                    _ => write!(
                        s,
                        "<polygon points=\"{}\"/>",
                        svg_points(&[(x, y - 5.0), (x + 5.0, y + 4.0), (x - 5.0, y + 4.0)])
                    ),
                };
            }
            s.push_str("</g>");
        }
    }
    s.push_str("</svg>");
    s
}
