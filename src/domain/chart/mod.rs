//! Charts as SVG markup from pure geometry: the radar of a wheel and the line chart of a scaling
//! question. Above the bottom layer only; the instruments pass in plain numbers.

pub mod line;
pub mod radar;
pub mod svg;

pub use line::{chart_svg, line_style, Chart, LinePoints, CHART};
pub use radar::{radar_svg, radar_svg_tenths, Anchor, Radar, SeriesKind, RADAR_SIZE};
pub use svg::{fmt1, svg_points};
