#!/usr/bin/env bash
# Builds the release app into dist/ (what a council puts on its web server):
# - index.html: the family's build (no `staff` feature): the first screen and everything a family
#   sees on its own phone, so a family's phone never downloads the caseload report;
# - staff.html: the full build (the default features), for a worker's device;
# - sw.js, the service worker for both (scripts/finish.mjs).
# Each page sends a device set up the other way to the other page before its wasm starts.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# Run after scripts/setup.sh (test.sh, serve.sh and bench.sh do), which installs the tools.
export TRUNK_SKIP_VERSION_CHECK=true
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
STAFF_DIST="$ROOT/target/staff-dist"
WAYMARK_BUILD=staff trunk build --release --dist "$STAFF_DIST"
WAYMARK_BUILD=family trunk build --release --no-default-features
node scripts/finish.mjs "$ROOT/dist" "$STAFF_DIST"
