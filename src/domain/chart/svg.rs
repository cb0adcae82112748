//! Small helpers for writing SVG by hand.

/// A polygon as an SVG `points` attribute, to one decimal place.
pub fn svg_points(points: &[(f64, f64)]) -> String {
    let mut out = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&fmt1(*x));
        out.push(',');
        out.push_str(&fmt1(*y));
    }
    out
}

/// A number to one decimal place without float formatting (which is large in wasm).
pub fn fmt1(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}
