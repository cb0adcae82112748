#!/usr/bin/env bash
# Sets up what is missing, builds the release app and serves it on http://127.0.0.1:8080
# (PORT=... to change). Ctrl+C stops it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/setup.sh
scripts/build.sh
PORT="${PORT:-8080}"
echo
echo "Waymark is at http://127.0.0.1:$PORT/"
exec node scripts/static-server.mjs dist "$PORT"
