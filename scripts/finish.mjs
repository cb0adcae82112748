// The last step of scripts/build.sh: puts the staff build beside the family's build in dist/ and
// writes the service worker (sw.js) for both.
//
// Usage: node scripts/finish.mjs DIST STAFF_DIST
//
// dist/index.html is the family's build: the first screen, a family's home, wheel, questions and
// milestones (cargo built without the `staff` feature). STAFF_DIST holds the full build (the
// caseload, reports, import): its index.html becomes dist/staff.html, and its files join dist/.
// Files of the same name in both builds (the style sheet, the icons, the catalogues) must be
// the same file.
//
// The service worker keeps what this device uses for offline use, and nothing more:
// - the family's build, on install (a family's phone never downloads the caseload report);
// - the staff build, once staff.html has been opened on this device;
// - a language catalogue or an icon, once it has been used.
// What a device kept carries over to the next version. A hashed file (its name changes with its
// content) may come from the HTTP cache; an unhashed one is checked with the server first.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { RETURNING } from './splash.mjs';

const [dist, staffDist] = process.argv.slice(2);
if (!dist || !staffDist) {
  console.error('finish: usage: node scripts/finish.mjs DIST STAFF_DIST');
  process.exit(1);
}
const list = (dir) => readdirSync(dir, { recursive: true })
  .map((f) => f.split(sep).join('/'))
  .filter((f) => statSync(join(dir, f)).isFile())
  .sort();
const fail = (msg) => { console.error(`finish: ${msg}`); process.exit(1); };

// 1. The staff build joins the family's.
for (const f of list(staffDist)) {
  const from = join(staffDist, f);
  const to = join(dist, f === 'index.html' ? 'staff.html' : f);
  if (f !== 'index.html' && existsSync(to)) {
    if (!readFileSync(from).equals(readFileSync(to))) fail(`${f} differs between the two builds`);
    continue;
  }
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

// 2. Which files each page needs at start: the files its HTML names, and those its scripts name
// (the boot script names the glue and the wasm). The manifest's icons are not needed at start.
const files = list(dist).filter((f) => f !== 'sw.js');
const needs = (page) => {
  const found = new Set([page]);
  const queue = [page];
  while (queue.length) {
    const text = readFileSync(join(dist, queue.pop()), 'utf8');
    for (const f of files) {
      if (found.has(f) || !(text.includes(`"./${f}"`) || text.includes(`'./${f}'`) || text.includes(`"${f}"`))) continue;
      found.add(f);
      if (f.endsWith('.js')) queue.push(f);
    }
  }
  return found;
};
const family = needs('index.html');
const staff = [...needs('staff.html')].filter((f) => !family.has(f));
for (const want of ['index.html', 'manifest.webmanifest']) if (!family.has(want)) fail(`index.html does not lead to ${want}`);
if (![...family].some((f) => f.endsWith('.wasm'))) fail('no wasm is named by index.html or its scripts');
if (!staff.some((f) => f.endsWith('.wasm'))) fail('no wasm of its own is named by staff.html or its scripts');
const onUse = files.filter((f) => !family.has(f) && !staff.includes(f));

// 3. The service worker. Its cache name changes with any file, which makes the browser see a new
// version.
const version = createHash('sha256');
for (const f of files) version.update(f).update(readFileSync(join(dist, f)));
const cache = `waymark-${version.digest('hex').slice(0, 16)}`;
const addr = (f) => (f === 'index.html' ? './' : './' + f);
const sw = `// Waymark's service worker, written by scripts/finish.mjs at build time.
// The scope is part of the cache's name, so two installs on one origin (two sub-paths) never
// clear each other's files.
const CACHE = ${JSON.stringify(cache)} + ':' + self.registration.scope;
// The family's build: kept on install.
const CORE = ${JSON.stringify([...family].sort().map(addr))};
// The staff build: kept once staff.html has been opened on this device.
const STAFF = ${JSON.stringify(staff.map(addr))};
// Kept once used: a language catalogue, an icon.
const ON_USE = ${JSON.stringify(onUse.map(addr))};
const KNOWN = new Set([...CORE, ...STAFF, ...ON_USE]);
// A name with a content hash (main-0123456789abcdef.css) never changes its content.
const HASHED = /-[0-9a-f]{12,}(_bg)?\\.[a-z]+$/;
const request = (u) => new Request(u, { cache: HASHED.test(u) ? 'default' : 'no-cache' });
const keep = (cache, addrs) => cache.addAll(addrs.filter((u) => KNOWN.has(u)).map(request));
const own = (u) => {
  const scope = self.registration.scope;
  return u.startsWith(scope) ? './' + u.slice(scope.length).split(/[?#]/)[0] : null;
};
self.addEventListener('install', (e) => {
  e.waitUntil((async () => {
    // What this device kept of an earlier version, it keeps of this one; and a worker's first
    // visit (staff.html open now) keeps the staff build.
    const carried = new Set();
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    if (open.some((c) => own(c.url) === './staff.html')) STAFF.forEach((s) => carried.add(s));
    for (const name of await caches.keys()) {
      if (!name.startsWith('waymark-') || !name.endsWith(':' + self.registration.scope) || name === CACHE) continue;
      for (const req of await (await caches.open(name)).keys()) {
        const u = own(req.url);
        if (u === './staff.html') STAFF.forEach((s) => carried.add(s));
        else if (ON_USE.includes(u)) carried.add(u);
      }
    }
    const c = await caches.open(CACHE);
    await keep(c, CORE);
    // A file that is no longer there must not stop the new version.
    await keep(c, [...carried]).catch(() => {});
  })());
});
self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys
      .filter((k) => k.startsWith('waymark-') && k.endsWith(':' + self.registration.scope) && k !== CACHE)
      .map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});
// How this device is used ('family' or 'caseload'), as its pages say on each visit: kept beside
// the versions' caches (an update keeps it), read before a page is fetched.
const MODE = 'waymark.mode:' + self.registration.scope;
const modeOf = () => caches.open(MODE).then((c) => c.match('./mode')).then((r) => (r ? r.text() : null)).catch(() => null);
self.addEventListener('message', (e) => {
  if (e.data === 'skip-waiting') self.skipWaiting();
  if (!e.data || typeof e.data !== 'object') return;
  // A page asks to keep what it uses: 'staff' (the staff build) or a file's address.
  if (Array.isArray(e.data.keep)) {
    const addrs = e.data.keep.flatMap((k) => (k === 'staff' ? STAFF : [k]));
    e.waitUntil(caches.open(CACHE).then((c) => keep(c, addrs)).catch(() => {}));
  }
  if ('mode' in e.data) {
    const m = e.data.mode === 'family' || e.data.mode === 'caseload' ? e.data.mode : null;
    e.waitUntil(caches.open(MODE)
      .then((c) => (m ? c.put('./mode', new Response(m)) : c.delete('./mode')))
      .catch(() => {})
      .then(() => { if (e.ports[0]) e.ports[0].postMessage('kept'); }));
  }
});
// index.html as a device set up before gets it: "Loading", not the first screen.
const RETURNING = ${JSON.stringify(RETURNING)};
self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  const u = own(req.url);
  // A team's server (issue 20, docs/team-sync.md): never from the cache.
  if (u && u.startsWith('./db/')) return;
  // Every address opens the app: staff.html the staff build, any other the family's.
  const key = req.mode === 'navigate' ? (u === './staff.html' ? './staff.html' : './') : u;
  const served = () => caches.open(CACHE).then(async (c) => {
    const hit = key && await c.match(key);
    if (hit) return hit;
    const res = await fetch(req);
    // A file of this version used for the first time: kept for offline use.
    if (res.ok && key && KNOWN.has(key)) await c.put(key, res.clone()).catch(() => {});
    return res;
  });
  if (req.mode !== 'navigate' || key !== './') {
    e.respondWith(served());
    return;
  }
  // The family's page: a worker's device goes to staff.html before anything of it is fetched
  // (its address's #fragment goes along); a family's phone gets it saying "Loading".
  e.respondWith(modeOf().then(async (mode) => {
    if (mode === 'caseload') return Response.redirect(self.registration.scope + 'staff.html' + new URL(req.url).search, 302);
    const res = await served();
    if (mode !== 'family' || !res.ok) return res;
    let html = await res.clone().text();
    for (const [from, to] of RETURNING) {
      if (!html.includes(from)) return res;
      html = html.replace(from, to);
    }
    return new Response(html, { status: res.status, statusText: res.statusText, headers: res.headers });
  }));
});
`;
// Its comments (above) stay here: a phone downloads the worker without them.
// (Its first line, saying where it comes from, is kept; it has no string over two lines, so
// the indentation can go too.)
writeFileSync(join(dist, 'sw.js'), sw.replace(/\n\s*\/\/.*(?=\n)/g, '').replace(/^[ \t]+/gm, ''));
console.log(`finish: staff.html added; service worker ${cache}: ${family.size} files on install, ${staff.length} with the staff view, ${onUse.length} when used`);
