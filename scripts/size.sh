#!/usr/bin/env bash
# Prints raw, gzip -9 and brotli -q 11 bytes for each file of the release build (dist/), and the
# first load of each page; fails if a first load is over its ceiling.
#
# The family's first load is what index.html needs at start: the files the service worker keeps on
# install (its CORE list, written by scripts/finish.mjs), and sw.js itself. A worker's first load
# is what staff.html needs: its own build (the STAFF list) and the shared files (the style sheet,
# the icon, the manifest, sw.js). A language catalogue (lang/*.json) is fetched only by someone
# who chose that language, and the large icons only when installing: each is printed on its own.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIST="${1:-$ROOT/dist}"
# Issue 16 asks for 300 KB (stretch 250 KB) for the family's first load. It is not met: the
# family's build is 342 KB (from 444 KB for one build of everything; see README, "Size"); what is
# left is the data model's reading and saving code and Leptos itself, which a family's phone
# needs. The ceilings below stop silent growth; moving one needs a line in the README saying what
# was added and what it cost. The worker's ceiling moved from 460 to 465 KiB with issue 18 (the
# council's figures: episodes, per child, comparisons, bar charts, the figures CSV, combining
# files, teams; +15 KB, of which 6 KB was won back by no longer formatting an f64 anywhere), and
# to 475 KiB with locked copies (issue 19's first part: the WebCrypto calls, the envelope's
# checks, the passphrase forms; +10.8 KB). The family's build has none of it.
# Both moved with the lock on the device (issue 19, which a family may turn on too): the family's
# from 350 to 381 KiB (+33.0 KB: the WebCrypto calls, sealing and opening every stored value, the
# save made in two steps so that encryption can happen between them, the lock screens and
# settings, the idle watch, the messages between tabs, their words), the worker's to 496 KiB
# (+24.6 KB, the same less what locked copies had brought already).
# Both moved again with team sync (issue 20): the family's to 386 KiB (+3.9 KB: field clocks read
# and checked in every record, format version 3; the family's build writes no clocks and merges
# whole records, so the field-by-field merge and the sync are not in it), the worker's to 546 KiB
# (+49.4 KB: the field-by-field merge and its stamping of every change, the CouchDB protocol
# layer, the sync loop, "Work as a team", "Changed in two places", their words).
# The worker's moved to 559 KiB with issues 28 and 29 (+15.0 KB: deletion marks written by id
# and read back, format version 4, sniffing pictures and PDFs, the share scope, forms that keep
# what was typed until it is stored; then the family folders, their change sets and the undo
# that puts back only what changed; 1.6 KB won back by compiling the merge once for its three
# targets). The family's stayed under its ceiling: it neither deletes families, nor reads marks
# written by id, nor takes a worker's actions (they answer NotFound in its build).
# Issue 30 (the family's phone: confirmations, help lines and panels, family words, a service's
# own lines): the family's ceiling came down to 385 KiB (395,101 -> 393,605: its build paid for
# the new views by leaving out the milestone framework, pages and words and the early years and
# child's wheels, which a family's phone never uses); the worker's moved to 573 KiB (571,843 ->
# 584,815, +13.0 KB: the same family views, which the worker's build carries for a family using
# a centre's tablet, +8.3 KB; the service's own help lines, their form, action, checks and field
# merge, +4.7 KB).
# Issue 31 (the wheel before the app): both came down, the family's to 379 KiB (393,605 ->
# 387,802) and the worker's to 555 KiB (584,815 -> 567,764). The family's home and wheel as
# static HTML with their loader, the service worker's routing and "could not finish loading"
# (+5.5 KB in index.html, boot-*.js and sw.js) were paid for by one sort routine for the whole
# app instead of a copy of the standard sort per type (-58 KB of wasm before compression in the
# family's build), the radar's own sine and cosine (-7.6 KB), the family wheel read from the
# page rather than carried in the wasm as well, the first visit's value read without serde, and
# the comments and indentation of index.html, the loader and the service worker left out of
# what is shipped.
# Issue 29 (the engine, a change kept aside until stored, a tab opened unlocked): both came down
# again, the family's to 378 KiB (387,802 -> 386,888) and the worker's to 554 KiB (567,764 ->
# 566,984): the engine's few hundred bytes were paid for by shipping the wasm-bindgen glue and
# the stylesheet without their comments and layout (-850 and -1,780 bytes of brotli), each
# under a new name (a hashed name's content never changes).
# Issue 29 (the first page from a stored index): the family's build has no index, but its first
# load grew 150 bytes (386,888 -> 387,038, under its unchanged ceiling) with fixes for every build
# (a reading begun before a lock or an erase is neither remembered nor shown). The worker's went
# up 3,258 bytes (566,984 -> 570,242), the one ceiling this project has raised (554 -> 558 KiB):
# the index read at start and unlocking, written after a change, the reading behind the first
# page and a family's folder opened ahead of the others bought a start at 2,000 families of
# 0.4-0.56 s (was 1.5 s), at 10,000 of 0.5-0.66 s (was 6.0 s), a family's page after a reload
# of 0.59 s and an unlocking of 0.19 s (was 1.8 s) on a slow phone. What was tried to pay it
# back is in issue 29's note.
# Issue 33 (evidence a council claims on): the family's came down to 373 KiB (387,038 ->
# 381,315): its build keeps no loaded milestone framework (a family's phone has no milestones),
# which paid for format version 5 and 5.5 KB more. The worker's moved to 608 KiB (570,242 ->
# 621,763, +51.5 KB): needs, outcomes, checks and claims as three kinds of record in every
# generic path (file, merge, storage, sync, undo), the outcome plan as data, the rule, the
# claims list, figures, CSV and claim pack, their pages and 140 messages. The issue puts them in
# the worker's build only; what was tried to make them smaller is in issue 33's note.
TARGET_BROTLI=$((300 * 1000))
BUDGET_BROTLI="${WAYMARK_SIZE_BUDGET:-$((373 * 1024))}"
STAFF_BUDGET_BROTLI="${WAYMARK_STAFF_SIZE_BUDGET:-$((608 * 1024))}"
[ -f "$DIST/index.html" ] && [ -f "$DIST/staff.html" ] && [ -f "$DIST/sw.js" ] \
  || { echo "size: $DIST is not a full build; run scripts/build.sh" >&2; exit 1; }
command -v brotli >/dev/null || { echo "size: brotli is missing (apt-get install brotli)" >&2; exit 1; }

# The service worker's lists, one file name per line ("./" is index.html).
list() {
  node -e '
    const text = require("fs").readFileSync(process.argv[1], "utf8");
    const m = new RegExp("^const " + process.argv[2] + " = (.*);$", "m").exec(text);
    if (!m) { console.error("size: sw.js has no " + process.argv[2] + " list"); process.exit(1); }
    for (const u of JSON.parse(m[1])) console.log(u === "./" ? "index.html" : u.slice(2));
  ' "$DIST/sw.js" "$1"
}
CORE="$(list CORE)"
STAFF="$(list STAFF)"
# Shared by both pages: the CORE files that are neither index.html nor of the family's build.
SHARED="$(printf '%s\n' "$CORE" | grep -v -e '^index\.html$' -e '^boot-' -e '^waymark-')"

br_of() { brotli -q 11 -c "$DIST/$1" | wc -c; }
printf '%-44s %10s %10s %10s\n' file raw gzip-9 brotli-11
while IFS= read -r f; do
  name="${f#"$DIST"/}"
  printf '%-44s %10d %10d %10d\n' "$name" "$(wc -c < "$f")" "$(gzip -9 -c "$f" | wc -c)" "$(br_of "$name")"
done < <(find "$DIST" -type f | sort)

sum() { local n=0 f; while IFS= read -r f; do [ -n "$f" ] && n=$((n + $(br_of "$f"))); done; echo "$n"; }
family=$(printf '%s\nsw.js\n' "$CORE" | sum)
staff=$(printf '%s\n%s\nsw.js\n' "$STAFF" "$SHARED" | sum)
raw=0; while IFS= read -r f; do raw=$((raw + $(wc -c < "$DIST/$f"))); done < <(printf '%s\nsw.js\n' "$CORE")
echo "first_load_raw_bytes $raw"
echo "first_load_brotli_bytes $family"
echo "first_load_brotli_target_bytes $TARGET_BROTLI"
echo "first_load_brotli_budget_bytes $BUDGET_BROTLI"
echo "staff_first_load_brotli_bytes $staff"
echo "staff_first_load_brotli_budget_bytes $STAFF_BUDGET_BROTLI"
for f in "$DIST"/lang/*.json; do
  [ -f "$f" ] || continue
  echo "language_$(basename "$f" .json)_extra_brotli_bytes $(br_of "lang/$(basename "$f")")"
done
[ "$family" -gt "$TARGET_BROTLI" ] && echo "size: note: the family's first load is over the 300 KB target by $((family - TARGET_BROTLI)) bytes"
fail=0
if [ "$family" -gt "$BUDGET_BROTLI" ]; then
  echo "size: FAIL: the family's first load is $family brotli bytes, over the ceiling of $BUDGET_BROTLI" >&2
  fail=1
fi
if [ "$staff" -gt "$STAFF_BUDGET_BROTLI" ]; then
  echo "size: FAIL: a worker's first load is $staff brotli bytes, over the ceiling of $STAFF_BUDGET_BROTLI" >&2
  fail=1
fi
[ "$fail" = 0 ] && echo "size: ok"
exit "$fail"
