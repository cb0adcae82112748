#!/usr/bin/env bash
# Benchmarks the release build with a 300-family caseload in headless Chromium (390x844, 4x CPU
# throttling). Prints `name value unit` lines; exits non-zero when a figure is over budget.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/setup.sh --browser
scripts/build.sh
node scripts/bench.mjs
