// Trunk post-build hook: move Trunk's inline module loader into a file of its own, so the
// Content-Security-Policy can forbid every inline script. Also drops the build-time nonces Trunk
// adds (a nonce fixed at build time protects nothing). Runs in TRUNK_STAGING_DIR.
//
// WAYMARK_BUILD (set by scripts/build.sh) says which build this is: `family` (index.html) or
// `staff` (staff.html). Each page's loader first sends the device to the other page if it is set
// up the other way, before its wasm starts. Without it (a plain `trunk build` or `trunk serve`)
// one full build serves everything. The service worker is written by scripts/finish.mjs.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { returning } from './splash.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-loader: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const build = process.env.WAYMARK_BUILD || '';
if (!['', 'family', 'staff'].includes(build)) {
  console.error(`csp-loader: WAYMARK_BUILD is ${build}; it can be family or staff`);
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
html = html.replace(/\snonce="[^"]*"/g, '');
// The browser fetches the glue (modulepreload) as soon as it reads <head>, side by side with the
// loader, rather than one after another (on a phone's network each round trip is over half a
// second). Trunk's preload of the wasm is taken out: the page's first screen (the static first
// screen, or "Loading") comes first and the wasm after it. Preloaded, the wasm shares the phone's
// thin network with the stylesheet and the loader, and the first screen waits for it
// (Lighthouse, mobile preset, three runs each: LCP 1.4-2.9 s with the preload, 1.1-1.2 s
// without). The loader asks for the wasm once that screen has been painted, or at once for
// someone who has been here before (below).
let preloads = 0;
html = html.replace(/<link rel="preload" href="([^"]*_bg\.wasm)"[^>]*>/, () => {
  preloads += 1;
  return '';
});
if (preloads !== 1 || !/<link rel="modulepreload" href="[^"]*\.js"/.test(html)) {
  console.error('csp-loader: Trunk no longer preloads the wasm and its glue as expected');
  process.exit(1);
}

// Ships a file Trunk linked (`pattern` finds the link, its file name in group 1 and its
// integrity attribute's value in the last group) as `slim` makes it (`null`: as written): under a
// new hashed name, since the service worker and the browser's cache keep a hashed name's content
// for good, with its integrity computed again.
function reship(pattern, what, slim) {
  const link = pattern.exec(html);
  if (!link) {
    console.error(`csp-loader: ${what} is no longer linked with its integrity as expected`);
    process.exit(1);
  }
  const [, file] = link;
  const text = slim(readFileSync(join(dir, file), 'utf8'));
  if (text === null) return;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const name = file.replace(/-[0-9a-f]+(\.[a-z]+)$/, `-${hash}$1`);
  unlinkSync(join(dir, file));
  writeFileSync(join(dir, name), text);
  html = html
    .replace(link[link.length - 1], `sha384-${createHash('sha384').update(text).digest('base64')}`)
    .replaceAll(`./${file}`, `./${name}`);
}

// The glue wasm-bindgen writes is commented and indented for people; every phone fetches it
// before the app can start. Its comments and indentation go (850 bytes of brotli off the
// family's first load), unless a template literal runs over a line.
reship(/<link rel="modulepreload" href="\.\/([^"]+\.js)"[^>]* integrity="(sha384-[^"]+)"/, 'the glue', (glue) => (
  multiLineTemplate(glue) ? null : glue
    .replace(/^[ \t]*\/\*\*[\s\S]*?\*\/[ \t]*\n/gm, '')
    .replace(/^[ \t]*\/\/.*\n/gm, '')
    .replace(/^[ \t]+/gm, '')));

// The stylesheet likewise: its comments and layout are for whoever edits style/main.css (1.8 KB
// of brotli off both first loads), unless a string in it holds a comment or a brace.
reship(/<link rel="stylesheet" href="\.\/([^"]+\.css)" integrity="(sha384-[^"]+)"/, 'the stylesheet', (css) => {
  if (/["'][^"'\n]*(\/\*|\*\/|[{};])[^"'\n]*["']/.test(css)) {
    console.error('csp-loader: a string in the stylesheet holds a comment or a brace; shipping it as written');
    return null;
  }
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^[ \t]+/gm, '')
    .replace(/\s*\{\s*/g, '{')
    .replace(/;\s*\}/g, '}')
    .replace(/;\n/g, ';')
    .replace(/\}\n+/g, '}')
    .replace(/\n{2,}/g, '\n');
});

const inline = /<script type="module">([\s\S]*?)<\/script>/g;
// Registers the service worker (relative, so it works under a sub-path such as /waymark/). A new
// version waits until the person says so: the app shows "A new version is ready" when it hears
// `waymark-update-ready`, and calls `__waymarkUpdate()`; the page reloads once the new version
// has taken over. Everything entered is saved as it is typed, so nothing is lost.
// Once the worker runs, the page asks it to keep what this device uses beyond the family's build:
// the staff build, and the chosen language's catalogue.
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
  navigator.serviceWorker.ready.then((reg) => {
    const keep = ${build === 'staff' ? "['staff']" : '[]'};
    if (WORDS[code]) keep.push('./lang/' + code + '.json');
    // And how this device is used, which it reads before fetching a page (scripts/finish.mjs).
    let now = null;
    try { now = localStorage.getItem('waymark.mode'); } catch (e) { /* not kept: first screen */ }
    if (reg.active) reg.active.postMessage({ keep, mode: now });
  }).catch(() => {});
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (window.__waymarkUpdating) { window.__waymarkUpdating = false; location.reload(); }
  });
}
`;

// The loading screen's words (and, on a first visit, the first screen's) in the language chosen
// on this device: they come from the shipped catalogues (lang/*.json), and <html lang dir> is set
// as soon as the loader runs (it comes with the stylesheet, which the first paint waits for), so
// an Urdu reader sees Urdu, right to left, from the first paint or the next. English is what
// index.html says (a test checks it against the app's words). The words of the family's home
// and wheel, and of "could not finish loading", come from the catalogue itself, which the
// first screens fetch at once for someone who has chosen a language (scripts/first-visit.js).
const MSGS = ['HomeIntro', 'DataIntro', 'Loading', 'ChooseLanguage', 'HomeTitle', 'FirstUseIntro', 'ModeQuestion',
  'ModeFamily', 'ModeFamilyHint', 'ModeCaseload', 'ModeCaseloadHint'];
const words = {};
let langDir = [];
try { langDir = readdirSync(join(dir, 'lang')); } catch { /* no languages shipped */ }
for (const f of langDir.filter((f) => f.endsWith('.json'))) {
  const c = JSON.parse(readFileSync(join(dir, 'lang', f), 'utf8'));
  words[c.lang] = { dir: c.dir, ...Object.fromEntries(MSGS.map((m) => {
    if (typeof c.ui[m] !== 'string') {
      console.error(`csp-loader: lang/${f} has no ${m}`);
      process.exit(1);
    }
    return [m, c.ui[m]];
  })) };
}
// The first screen works before the app has arrived (family's build only): on a phone's network
// the wasm takes seconds, and a family can choose their language and how they use Waymark
// meanwhile. Choosing a language shows these words in it at once (the app, when it starts, loads
// that language); choosing "for my family" shows "Loading" until the family's home is drawn;
// choosing "for my work" opens staff.html. What is chosen is kept as the app keeps it.
if (build === 'staff') {
  // "Reload Waymark" after a crash reloads this page.
  if (!html.includes('<a href="./">Reload Waymark</a>')) {
    console.error('csp-loader: index.html has no "Reload Waymark" link to point at staff.html');
    process.exit(1);
  }
  html = html.replace('<a href="./">Reload Waymark</a>', '<a href="staff.html">Reload Waymark</a>');
  // A worker's page never shows the first screen: "Loading" until its app has drawn.
  html = returning(html);
  if (!html) {
    console.error('csp-loader: index.html\'s splash is not as scripts/splash.mjs expects');
    process.exit(1);
  }
  const before = html.length;
  html = html.replace(/\s*<!-- first-use -->[\s\S]*<!-- \/first-use -->/, '');
  if (html.length === before) {
    console.error('csp-loader: index.html has no first-use block to leave out of the staff build');
    process.exit(1);
  }
}
// The family's home and wheel before the app has arrived (family's build; scripts/first-visit.js),
// with the family wheel's English words (the chosen language's come from its catalogue).
let FIRST = '';
if (build !== 'staff') {
  const src = process.env.TRUNK_SOURCE_DIR || process.cwd();
  // The family wheel (English) as data in the page, read by the first screens and by the
  // family's app (src/domain/wheel/template.rs: its wasm does not carry a second copy).
  const wheel = JSON.stringify(JSON.parse(readFileSync(join(src, 'src/domain/wheel/builtin/family.json'), 'utf8')))
    .replace(/</g, '\\u003c');
  const at = html.indexOf('  <noscript>');
  if (at < 0) {
    console.error('csp-loader: index.html has no <noscript> to put the family wheel before');
    process.exit(1);
  }
  html = `${html.slice(0, at)}  <script type="application/json" id="waymark-wheel">${wheel}</script>\n${html.slice(at)}`;
  const code = readFileSync(join(src, 'scripts/first-visit.js'), 'utf8').replace(/^\s*\/\/.*\n/gm, '');
  FIRST = `const WHEEL = JSON.parse(document.getElementById('waymark-wheel').textContent);\n${code.trim()}`;
}
// Which page this device uses: a worker's device opens staff.html, a family's (or one not set up
// yet) index.html. Storage that refuses leaves the person where they are.
const OTHER = {
  family: `mode === 'caseload' ? 'staff.html' : null`,
  staff: `mode === 'family' ? './' : null`,
  '': 'null',
}[build];
const START = `
let code = null, mode = null;
try {
  code = new URLSearchParams(location.search).get('lang') || localStorage.getItem('waymark.lang');
  mode = localStorage.getItem('waymark.mode');
} catch (e) { /* storage refused: English, and this page */ }
const other = ${OTHER};
const WORDS = ${JSON.stringify(words)};
const LATE = {};
const splash = WORDS[code];
const screen = document.getElementById('splash');
const english = {};
if (screen) for (const el of screen.querySelectorAll('[data-msg]')) english[el.dataset.msg] = el.textContent;
const say = (c) => {
  const w = WORDS[c];
  document.documentElement.lang = w ? c : 'en-GB';
  document.documentElement.dir = w ? w.dir : 'ltr';
  if (!screen) return;
  const more = (w && LATE[c] && LATE[c].ui) || {};
  for (const el of screen.querySelectorAll('[data-msg]')) {
    const to = (w && (w[el.dataset.msg] || more[el.dataset.msg])) || english[el.dataset.msg];
    // New words in a new element: a browser counts an element's first paint only, so Urdu put
    // into an element first painted in English would leave the app's own (larger) paragraph to
    // count as the page's largest paint when it arrives. Words already shown stay as they are.
    if (el.textContent !== to) {
      const next = el.cloneNode(false);
      next.textContent = to;
      el.replaceWith(next);
    }
  }
  for (const b of screen.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === (w ? c : 'en')));
  const also = screen.querySelector('#first-language [lang=en]');
  if (also) also.hidden = !w;
};
if (splash) say(code);
const first = !other && !mode && screen && screen.querySelector('.splash-first');
if (screen && !first) {
  // Been here before (the service worker has usually served the page this way already):
  // "Loading", not the first screen.
  const wait = screen.querySelector('.splash-wait');
  const choose = screen.querySelector('.splash-first');
  if (wait) wait.hidden = false;
  if (choose) choose.hidden = true;
  screen.classList.remove('splash-choose');
}
${FIRST}
`;

// Whether a template literal in `js` runs over a line (strings and comments read past).
function multiLineTemplate(js) {
  let quote = null;
  for (let i = 0; i < js.length; i += 1) {
    const c = js[i];
    if (quote) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
      else if (c === '\n' && quote === '`') return true;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if (c === '/' && (js[i + 1] === '/' || js[i + 1] === '*')) {
      const end = js.indexOf(js[i + 1] === '/' ? '\n' : '*/', i + 2);
      if (end < 0) break;
      i = end;
    }
  }
  return false;
}

let count = 0;
html = html.replace(inline, (_, body) => {
  count += 1;
  // The glue is imported only once the page knows it is staying (a static import would run it
  // first); the modulepreload above has fetched it meanwhile.
  const imp = /import init, \* as bindings from '([^']+)';/;
  if (!imp.test(body) || !/const wasm = await init\(/.test(body)) {
    console.error('csp-loader: the loader no longer imports the glue and calls init() as expected');
    process.exit(1);
  }
  body = body.replace(imp, "const bindings = await import('$1');\nconst init = bindings.default;");
  {
    // No preload (above): someone who has been here before (a mode chosen) goes straight to the
    // app, so its wasm is asked for at once, before the glue is imported; a first visit asks for
    // it once the first screen (or "Loading") has been painted.
    const arg = /const wasm = await init\(\{ module_or_path: ('[^']+_bg\.wasm') \}\);/;
    if (!arg.test(body)) {
      console.error('csp-loader: the loader no longer passes the wasm path to init() as expected');
      process.exit(1);
    }
    const path = arg.exec(body)[1];
    body = body.replace(arg, `const wasm = await init({ module_or_path: early || ${path} });`);
    body = body.replace('const bindings = await import(', (m) => `const early = mode ? fetch(${path}) : null;\n${m}`);
  }
  // Let the page paint its loading screen before the app starts (on the worker's page the wasm is
  // preloaded meanwhile; on the family's it is asked for now):
  // on a slow phone the person sees Waymark at once rather than a blank page.
  body = body.replace(/const wasm = await init\(/, 'await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));\nconst wasm = await init(');
  body = `${START.trim()}
if (other) {
  // Before moving on: the service worker is told how this device is used (from now on it sends
  // the device to its own page before anything of this one is fetched), and this page's preload
  // finishes (cut by the move, Firefox logs an error); three seconds at most.
  const waits = [];
  const sw = navigator.serviceWorker && navigator.serviceWorker.controller;
  if (sw) {
    waits.push(new Promise((ok) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = ok;
      sw.postMessage({ mode }, [ch.port2]);
    }));
  }
  for (const l of document.querySelectorAll('link[rel=modulepreload]')) {
    if (!performance.getEntriesByName(l.href).length) waits.push(new Promise((ok) => { l.onload = l.onerror = ok; }));
  }
  await Promise.race([Promise.all(waits), new Promise((ok) => setTimeout(ok, 3000))]);
  location.replace(other + location.search + location.hash);
} else {
try {
${body.trim()}
} catch (e) {
  // The app could not be fetched or started (a first visit that lost its signal): what was
  // tapped is kept, and Waymark carries on once back online, when nobody is in the middle of
  // something (scripts/first-visit.js asks again when it next shows "Loading").
  const wait = screen && screen.querySelector('.splash-wait');
  const failed = screen && screen.querySelector('.splash-failed');
  if (failed) {
    failed.hidden = false;
    // In place of "Loading" and the words about Waymark: what happened, at the top.
    for (const p of wait.querySelectorAll('.splash-text, .splash-loading')) p.hidden = true;
    const online = () => { failed.querySelector('button').hidden = !navigator.onLine; };
    online();
    failed.addEventListener('click', (ev) => { if (ev.target.closest('button')) location.reload(); });
    window.__waymarkRetry = () => { if (navigator.onLine && !wait.hidden) location.reload(); };
    addEventListener('online', () => { online(); window.__waymarkRetry(); });
    addEventListener('offline', online);
  }
  console.error(e);
}
${REGISTER.trim()}
}
`;
  // The comments above, and the indentation, are for whoever reads this script, not for every
  // phone that loads it (unless a template literal runs over a line: its indentation is part of
  // it).
  body = body.replace(/^\s*\/\/.*\n/gm, '');
  if (!multiLineTemplate(body)) body = body.replace(/^[ \t]+/gm, '');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(dir, name), body);
  return `<script type="module" src="./${name}"></script>`;
});
if (count !== 1) {
  console.error(`csp-loader: expected one inline module script, found ${count}`);
  process.exit(1);
}
if (/<script(?![^>]*\s(src=|type="application\/json"))[^>]*>/.test(html)) {
  console.error('csp-loader: an inline script is left in index.html');
  process.exit(1);
}
// The page's comments and indentation are for whoever edits it (a newline does what it did).
html = html.replace(/\n[ \t]+/g, '\n').replace(/<!--[\s\S]*?-->\n?/g, '');
writeFileSync(file, html);
console.log(`csp-loader: loader moved to its own file${build ? ` (the ${build} build)` : ''}`);
