#!/usr/bin/env bash
# Benchmarks the release build (a first visit, a whole service of 2,000 families, Lighthouse) in headless Chromium (390x844, 4x CPU
# throttling). Prints `name value unit` lines; exits non-zero when a figure is over budget.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/setup.sh --browser
scripts/build.sh
node scripts/bench.mjs
