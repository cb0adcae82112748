#!/usr/bin/env bash
# Prints raw, gzip -9 and brotli -q 11 bytes for each file of the release build (dist/), and the
# totals; fails if the brotli total of the first load is over budget.
# The first load is everything index.html pulls in at start: all of dist/ except the language
# catalogues (lang/*.json), each fetched only by someone who chose that language (it is printed
# with what it adds). The service worker fetches the rest for offline use after the first load.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIST="${1:-$ROOT/dist}"
# The target is 150 KB (issue 2). It is not met: 189 KiB with the shell and "Your data", 265 KiB
# with the outcome wheels, 303 KiB with scaling questions, 359 KiB with milestones, 456 KiB with
# families, plans and the caseload report, 477 KiB with offline use, install icons, the family
# view and sharing, 492 KiB with languages (the chooser, loading catalogues, message names and
# content keys; the Urdu and Polish words themselves are not in the wasm) and milestone
# read-aloud (2026-11-25; see README, "Size"). The ceiling below stops silent
# growth; moving it needs a line in the README saying what was added and what it cost.
TARGET_BROTLI=$((150 * 1024))
BUDGET_BROTLI="${WAYMARK_SIZE_BUDGET:-$((500 * 1024))}"
[ -f "$DIST/index.html" ] || { echo "size: $DIST/index.html is missing; run trunk build --release" >&2; exit 1; }
command -v brotli >/dev/null || { echo "size: brotli is missing (apt-get install brotli)" >&2; exit 1; }

total_raw=0; total_gz=0; total_br=0
printf '%-44s %10s %10s %10s\n' file raw gzip-9 brotli-11
while IFS= read -r f; do
  name="${f#"$DIST"/}"
  raw=$(wc -c < "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-44s %10d %10d %10d\n' "$name" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
done < <(find "$DIST" -type f -not -path "$DIST/lang/*" | sort)
printf '%-44s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
echo "first_load_raw_bytes $total_raw"
echo "first_load_gzip_bytes $total_gz"
echo "first_load_brotli_bytes $total_br"
echo "first_load_brotli_target_bytes $TARGET_BROTLI"
echo "first_load_brotli_budget_bytes $BUDGET_BROTLI"
for f in "$DIST"/lang/*.json; do
  [ -f "$f" ] || continue
  code="$(basename "$f" .json)"
  br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-44s %10d %10d %10d\n' "lang/$code.json" "$(wc -c < "$f")" "$(gzip -9 -c "$f" | wc -c)" "$br"
  echo "language_${code}_extra_brotli_bytes $br"
done
[ "$total_br" -gt "$TARGET_BROTLI" ] && echo "size: note: over the 150 KB target by $((total_br - TARGET_BROTLI)) bytes"
if [ "$total_br" -gt "$BUDGET_BROTLI" ]; then
  echo "size: FAIL: first load is $total_br brotli bytes, over the budget of $BUDGET_BROTLI" >&2
  exit 1
fi
echo "size: ok"
