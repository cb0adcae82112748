// Trunk post-build hook: move Trunk's inline module loader into a file of its own, so the
// Content-Security-Policy can forbid every inline script. Also drops the build-time nonces Trunk
// adds (a nonce fixed at build time protects nothing). Then writes the service worker (sw.js),
// which precaches every file of this build, and adds its registration to the loader file.
// Runs in TRUNK_STAGING_DIR.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-loader: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
html = html.replace(/\snonce="[^"]*"/g, '');
// The wasm is fetched when the loader starts it, just after the loading screen is painted (see
// below), not preloaded from <head>: the loading screen's paint then never waits on it.
html = html.replace(/<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/, '');

const inline = /<script type="module">([\s\S]*?)<\/script>/g;
// Registers the service worker (relative, so it works under a sub-path such as /waymark/). A new
// version waits until the person says so: the app shows "A new version is ready" when it hears
// `waymark-update-ready`, and calls `__waymarkUpdate()`; the page reloads once the new version
// has taken over. Everything entered is saved as it is typed, so nothing is lost.
const REGISTER = `
if ('serviceWorker' in navigator) {
  const ready = (reg) => {
    window.__waymarkUpdate = () => {
      window.__waymarkUpdating = true;
      if (reg.waiting) reg.waiting.postMessage('skip-waiting');
    };
    window.__waymarkUpdateReady = true;
    window.dispatchEvent(new Event('waymark-update-ready'));
  };
  navigator.serviceWorker.register('./sw.js').then((reg) => {
    if (reg.waiting && navigator.serviceWorker.controller) ready(reg);
    reg.addEventListener('updatefound', () => {
      const w = reg.installing;
      if (w) w.addEventListener('statechange', () => {
        if (w.state === 'installed' && navigator.serviceWorker.controller) ready(reg);
      });
    });
  }).catch(() => {});
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (window.__waymarkUpdating) { window.__waymarkUpdating = false; location.reload(); }
  });
}
`;

// The loading screen in the language chosen on this device: its words come from the shipped
// catalogues (lang/*.json), and <html lang dir> is set before anything is drawn, so an Urdu
// reader sees Urdu, right to left, from the first paint of the app.
const splash = {};
let langDir = [];
try { langDir = readdirSync(join(dir, 'lang')); } catch { /* no languages shipped */ }
for (const f of langDir.filter((f) => f.endsWith('.json'))) {
  const c = JSON.parse(readFileSync(join(dir, 'lang', f), 'utf8'));
  splash[c.lang] = { dir: c.dir, intro: c.ui.HomeIntro, loading: c.ui.Loading };
}
const SPLASH = `
try {
  const code = new URLSearchParams(location.search).get('lang') || localStorage.getItem('waymark.lang');
  const s = (${JSON.stringify(splash)})[code];
  if (s) {
    document.documentElement.lang = code;
    document.documentElement.dir = s.dir;
    const put = (sel, text) => { const el = document.querySelector(sel); if (el && text) el.textContent = text; };
    put('#splash .splash-text', s.intro);
    put('#splash .splash-loading', s.loading);
  }
} catch (e) { /* storage refused: the loading screen stays in English */ }
`;

let count = 0;
html = html.replace(inline, (_, body) => {
  count += 1;
  // Let the page paint its loading screen before the app starts (the wasm is preloaded meanwhile):
  // on a slow phone the person sees Waymark at once rather than a blank page.
  if (!/const wasm = await init\(/.test(body)) {
    console.error('csp-loader: the loader no longer calls init() as expected');
    process.exit(1);
  }
  body = body.replace(/const wasm = await init\(/, 'await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));\nconst wasm = await init(');
  body = SPLASH.trim() + '\n' + body.trim() + '\n' + REGISTER;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(dir, name), body.trim() + '\n');
  return `<script type="module" src="./${name}"></script>`;
});
if (count !== 1) {
  console.error(`csp-loader: expected one inline module script, found ${count}`);
  process.exit(1);
}
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) {
  console.error('csp-loader: an inline script is left in index.html');
  process.exit(1);
}
writeFileSync(file, html);
console.log(`csp-loader: loader moved to its own file`);

// The service worker: every file of this build, cached on install; the app shell answers every
// navigation, so Waymark opens with no network. Its cache name changes with any file, which makes
// the browser see a new version.
// Every file of the build, in sub-folders too (the language catalogues are in lang/).
const files = readdirSync(dir, { recursive: true })
  .map((f) => f.split(sep).join('/'))
  .filter((f) => f !== 'sw.js' && statSync(join(dir, f)).isFile())
  .sort();
const version = createHash('sha256');
for (const f of files) version.update(f).update(readFileSync(join(dir, f)));
const cache = `waymark-${version.digest('hex').slice(0, 16)}`;
const sw = `// Waymark's service worker, written by scripts/csp-loader.mjs at build time.
// The scope is part of the name, so two installs on one origin (two sub-paths) never clear each
// other's files.
const CACHE = ${JSON.stringify(cache)} + ':' + self.registration.scope;
const FILES = ${JSON.stringify(['./', ...files.map((f) => './' + f)])};
self.addEventListener('install', (e) => {
  // Fetched afresh, never from the HTTP cache: a stale page must not be kept as the new version.
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES.map((u) => new Request(u, { cache: 'reload' })))));
});
self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((k) => k.startsWith('waymark-') && k.endsWith(':' + self.registration.scope) && k !== CACHE)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});
self.addEventListener('message', (e) => { if (e.data === 'skip-waiting') self.skipWaiting(); });
self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    e.respondWith(caches.open(CACHE).then((c) => c.match('./')).then((r) => r || fetch(req)));
    return;
  }
  e.respondWith(caches.open(CACHE).then((c) => c.match(req, { ignoreSearch: true })).then((r) => r || fetch(req)));
});
`;
writeFileSync(join(dir, 'sw.js'), sw);
console.log(`csp-loader: service worker ${cache} precaches ${files.length + 1} addresses`);
