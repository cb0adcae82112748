#!/usr/bin/env bash
# Runs Waymark's storage journeys (save, reload, two tabs, migration, delete all, a full device)
# in Firefox ESR and WebKitGTK through W3C WebDriver (tests/engines/), against a built app.
# Prints PASS/FAIL/SKIP per journey per engine; exits non-zero if any failed.
#   scripts/engines.sh [DIST] [--engine firefox|webkit]... [--journey NAME]...
# DIST defaults to dist/. Installs what is missing first (scripts/setup.sh --engines).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

# Quick when everything is there; otherwise the engines part of setup.sh installs it.
GECKODRIVER_VERSION="$(sed -n 's/^GECKODRIVER_VERSION="\(.*\)"$/\1/p' "$ROOT/scripts/setup.sh")"
gv="$(geckodriver --version 2>/dev/null || true)"
if [ "${gv#"geckodriver $GECKODRIVER_VERSION"}" = "$gv" ] || ! command -v firefox-esr >/dev/null \
  || ! command -v WebKitWebDriver >/dev/null || ! command -v Xvfb >/dev/null; then
  "$ROOT/scripts/setup.sh" --engines
fi

# The runner ends the drivers and browsers itself; this also ends them if it is killed first.
ENGINES_PIDFILE="$(mktemp "${TMPDIR:-/tmp}/waymark-engines-pids.XXXXXX")"
export ENGINES_PIDFILE
cleanup() {
  local pid
  while read -r pid; do
    [ -n "$pid" ] && kill -KILL -- "-$pid" 2>/dev/null || true
  done < "$ENGINES_PIDFILE"
  rm -f "$ENGINES_PIDFILE"
}
trap cleanup EXIT

# Everything normally takes under 2 minutes; stop a hung run well before CI's limit. In the
# background so that a signal to this script is passed on at once (the runner then ends the
# browsers itself).
timeout --kill-after=10 360 node "$ROOT/tests/engines/run.mjs" "$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true; wait "$child" || true; exit 130' INT TERM HUP
wait "$child"
