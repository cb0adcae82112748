#!/usr/bin/env bash
# Sets up whatever is missing, then runs every test layer and the size report.
# Exits non-zero if anything fails.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/setup.sh --browser

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "1/4 native tests (domain, rules, architecture)"
cargo test --locked

step "2/4 browser tests (wasm-bindgen-test in headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown

step "3/4 end-to-end tests (Playwright on the release build)"
scripts/build.sh
node --test --test-concurrency=1 --test-timeout=240000 tests/e2e/

step "3b/4 storage journeys in Firefox ESR and WebKitGTK (W3C WebDriver, same build)"
scripts/engines.sh "$ROOT/dist"

step "4/4 size report"
scripts/size.sh

printf '\n\033[1mAll tests passed.\033[0m\n'
