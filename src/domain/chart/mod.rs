//! Charts as SVG markup from pure geometry: the radar of a wheel and the line chart of a scaling
//! question. Above the bottom layer only; the instruments pass in plain numbers.

pub mod bars;
pub mod line;
pub mod radar;
pub mod svg;

pub use bars::{bar_length, bars_svg, Bar};
pub use line::{chart_svg, line_style, spread_x, Chart, LinePoints, CHART};
pub use radar::{
    radar_svg, radar_svg_tenths, wrap, Anchor, Bounds, LabelPlace, Radar, RadarSpec, SeriesKind,
};
pub use svg::{fmt1, svg_points};
