#!/usr/bin/env bash
# Installs whatever Waymark's build (and, with --browser, its tests) needs and is missing.
# Idempotent and quick when everything is there. Nothing is downloaded from GitHub: Rust tools
# come from crates.io, wasm-opt and the test tools from npm, Chromium from Debian's packages.
# With --engines, also Firefox ESR, WebKitGTK's WebDriver and Xvfb (Debian's packages) and
# geckodriver (crates.io), for the storage journeys in other engines (scripts/engines.sh).
# Source it (". scripts/setup.sh [--browser] [--engines]") to get PATH set, or run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
GECKODRIVER_VERSION="0.37.1"
export TRUNK_SKIP_VERSION_CHECK=true
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

want_browser=0
want_engines=0
for arg in "$@"; do
  [ "$arg" = "--browser" ] && want_browser=1
  [ "$arg" = "--engines" ] && want_engines=1
done

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Run a command as root: directly, with sudo, or print what to run and stop.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else
    say "Please run this as root, then run me again:"
    printf '    %s\n' "$*"
    exit 1
  fi
}

command -v cargo >/dev/null || { say "Rust is missing: install rustup first (https://rustup.rs), then run me again."; exit 1; }
command -v npm >/dev/null || { say "Node.js 20 and npm are missing: install them first, then run me again."; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION from crates.io (about 6 minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock exactly.
WB_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  say "installing wasm-bindgen-cli $WB_VERSION from crates.io (a few minutes, once)"
  # Not --locked: its own lockfile pins a crate version the index no longer has.
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "installing npm packages (wasm-opt from binaryen, test tools)"
  (cd "$ROOT" && npm ci --no-audit --no-fund)
fi

if [ "$want_browser" = 1 ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v brotli >/dev/null || missing+=(brotli)
  # Urdu drawn truthfully in the test browser (its Nastaliq and Naskh fonts): the screenshots and
  # the tests of what fits on a phone's screen measure the words a family would see.
  [ -f /usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf ] || missing+=(fonts-noto-core)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]} from Debian's packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

if [ "$want_engines" = 1 ]; then
  missing=()
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || missing+=(xvfb)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]} from Debian's packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  # Not "geckodriver --version | grep -q": geckodriver panics when its output is cut short.
  gv="$(geckodriver --version 2>/dev/null || true)"
  if [ "${gv#"geckodriver $GECKODRIVER_VERSION"}" = "$gv" ]; then
    say "installing geckodriver $GECKODRIVER_VERSION from crates.io (about 6 minutes, once)"
    cargo install --locked geckodriver --version "$GECKODRIVER_VERSION"
  fi
fi

# Trunk builds offline: make sure every crate is already here.
(cd "$ROOT" && cargo fetch --locked -q)
say "ready"
