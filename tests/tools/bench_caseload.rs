//! Prints the benchmark caseload (300 families, each with 6 wheel readings of 10 areas, 4
//! milestone checks and 20 scaling answers, with notes) as JSON: `{"file": <an export file>,
//! "shards": {<storage key>: <stored value>}}`, for scripts/bench.mjs.
//! Arguments: the time now (milliseconds since 1970) and, optionally, how many families (a
//! family's own phone holds one), then wheel readings, milestone checks and scaling answers a
//! family (a whole service's typical family: 3, 2, 6).
use waymark::domain::base::time::Millis;
use waymark::domain::file::export;
use waymark::domain::file::sample;
use waymark::domain::file::shards::{shard_text, ShardKey};

fn main() {
    let now = Millis(
        std::env::args()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(1_795_000_000_000),
    );
    let today = now.date().unwrap_or_default();
    let families = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(sample::BENCH.families);
    let arg = |i: usize, or: usize| {
        std::env::args()
            .nth(i)
            .and_then(|s| s.parse().ok())
            .unwrap_or(or)
    };
    let size = sample::Size {
        families,
        wheel_readings: arg(3, sample::BENCH.wheel_readings),
        milestone_checks: arg(4, sample::BENCH.milestone_checks),
        scale_answers: arg(5, sample::BENCH.scale_answers),
    };
    let ws = sample::caseload(42, size, today, now);
    let mut shards = serde_json::Map::new();
    for f in ws.family_ids() {
        let k = ShardKey::Family(f);
        shards.insert(k.key(), serde_json::Value::String(shard_text(&ws, &k, now)));
    }
    let out = serde_json::json!({ "file": export::export(&ws, None, now), "shards": shards });
    println!("{out}");
}
