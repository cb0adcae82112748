// Shared set-up for the end-to-end tests: the built app (dist/) served on 127.0.0.1, Debian's
// Chromium driven by playwright-core, and checks every test wants (axe, CSP, network).
import { chromium } from 'playwright-core';
import { readFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startServer } from '../../scripts/static-server.mjs';
import { startCouch } from '../../scripts/couch.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const PHONE = { width: 390, height: 844 };
/** A small Android phone, held in one hand. */
export const SMALL_PHONE = { width: 360, height: 740 };
/** A tablet on the centre's desk. */
export const TABLET = { width: 820, height: 1180 };
export const DESKTOP = { width: 1280, height: 800 };

export const PAGES = [
  ['#/', 'Welcome to Waymark'],
  ['#/families', 'Families'],
  ['#/families/new', 'Add a family'],
  ['#/wheels', 'Outcome wheels'],
  ['#/milestones', 'Milestones'],
  ['#/scales', 'Scaling questions'],
  ['#/reports', 'Reports'],
  ['#/data', 'Your data'],
  ['#/nowhere', "We can't find that page"],
];

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/**
 * Starts the server and a browser. Waymark is set up as a worker's device (`mode`) unless a test
 * asks for first use (`mode: null`): most tests are about the staff view, not the first choice.
 * `url` is the page that device opens: staff.html for a worker's (index.html would send it
 * there), the app's folder otherwise.
 *
 * `couch: true` starts a team's CouchDB (pouchdb-server in memory, scripts/couch.mjs), reached
 * at the app's `./db/` through the server (`server.couchDown(flag)` makes it unreachable), and
 * stops it in close(); `couch: <another setup's couch>` uses that one (a second device of the
 * same team) and leaves it running. The result has `server` and `couch` (null without).
 */
export async function setup({ base = '/', dist = join(ROOT, 'dist'), viewport = PHONE, touch = false, mode = 'caseload', couch = false } = {}) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is missing: run trunk build --release first');
  const ownCouch = couch === true ? await startCouch() : null;
  const team = ownCouch || couch || null;
  const server = await startServer(dist, 0, base, team ? { couch: team.url } : {});
  const origin = `http://127.0.0.1:${server.address().port}`;
  const userDataDir = mkdtempSync(join(tmpdir(), 'waymark-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    hasTouch: touch,
    isMobile: touch,
    acceptDownloads: true,
  });
  // Watch for any request that leaves the app's origin, and for CSP violations.
  const foreign = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await context.addInitScript({ content: AXE_SOURCE });
  if (mode) {
    await context.addInitScript((m) => {
      try { if (!localStorage.getItem('waymark.mode')) localStorage.setItem('waymark.mode', m); } catch { /* storage off */ }
    }, mode);
  }
  const url = `${origin}${base}${mode === 'caseload' ? 'staff.html' : ''}`;
  return {
    context, url, origin, foreign, server, couch: team,
    async close() {
      await context.close();
      await new Promise((ok) => server.close(ok));
      await ownCouch?.stop();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page of the app and waits for the app to show its heading (on a first visit, the first
 * screen in index.html works before the app has arrived; this waits for the app itself).
 */
export async function open(page, url, hash = '#/') {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url + hash);
  await appReady(page);
  return errors;
}

/** Waits until the app has drawn its page (its loading screen, or the static first screen, gone). */
export async function appReady(page) {
  await page.locator('#splash').waitFor({ state: 'detached', timeout: 20000 });
  await page.locator('main h1').first().waitFor();
}

/** axe-core violations on the current page (WCAG 2.0-2.2 A and AA, best practices). */
export async function axe(page) {
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')})`);
  });
  return result;
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__csp);
}

/** Tabs through the page and returns how many of its visible controls were never focused. */
export async function unreachableByKeyboard(page) {
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  await page.evaluate(() => {
    window.__reached = new Set();
    document.addEventListener('focusin', (e) => window.__reached.add(e.target), true);
  });
  const total = await page.evaluate(() => document.querySelectorAll('a[href],button,input,select,textarea,summary').length);
  for (let i = 0; i < total + 10; i++) await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const visible = (el) => {
      if (el.closest('[hidden]') || el.closest('details:not([open]) > :not(summary)')) return false;
      const r = el.getBoundingClientRect();
      return (r.width > 0 && r.height > 0) || el.classList.contains('visually-hidden');
    };
    return [...document.querySelectorAll('a[href],button,input,select,textarea,summary')]
      .filter(visible)
      .filter((el) => !window.__reached.has(el))
      // A group of radio buttons is one stop for Tab (the arrow keys move within it): a radio
      // counts as reached when one of its group was.
      .filter((el) => !(el.type === 'radio' && el.name && [...window.__reached].some((r) => r.type === 'radio' && r.name === el.name && r.form === el.form)))
      .map((el) => el.outerHTML.slice(0, 80));
  });
}

/** Controls smaller than 44x44 CSS pixels (links inside running text excepted). */
export async function smallTargets(page) {
  return page.evaluate(() => [...document.querySelectorAll('a[href],button,input,select,textarea,summary')]
    .filter((el) => !el.closest('p, li:not(.card), dd') || el.classList.contains('button') || el.closest('nav'))
    .filter((el) => !el.classList.contains('visually-hidden') && !el.closest('[hidden]'))
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
    // A radio or checkbox is tapped through its label: measure that.
    .map((el) => ((el.type === 'radio' || el.type === 'checkbox') && el.closest('label')) || el)
    .filter((el) => { const r = el.getBoundingClientRect(); return r.height < 43.5 || r.width < 43.5; })
    .map((el) => `${el.outerHTML.slice(0, 60)} ${Math.round(el.getBoundingClientRect().width)}x${Math.round(el.getBoundingClientRect().height)}`));
}

/**
 * Empties what Waymark keeps on this device: its records (IndexedDB `waymark`, store `records`)
 * and its device values (localStorage). The page's app keeps what it holds in memory until the
 * page is reloaded.
 */
export async function clearStorage(page) {
  await page.evaluate(async () => {
    localStorage.clear();
    sessionStorage.clear();
    await new Promise((ok, fail) => {
      const r = indexedDB.open('waymark');
      r.onupgradeneeded = () => r.result.createObjectStore('records');
      r.onerror = () => fail(r.error);
      r.onsuccess = () => {
        const db = r.result;
        const tx = db.transaction('records', 'readwrite');
        tx.objectStore('records').clear();
        tx.oncomplete = () => { db.close(); ok(); };
        tx.onerror = () => fail(tx.error);
      };
    });
  });
}

/** Every record value Waymark stored (IndexedDB), as [key, text] pairs sorted by key. */
export async function storedRecords(page) {
  return page.evaluate(() => new Promise((ok, fail) => {
    const r = indexedDB.open('waymark');
    r.onupgradeneeded = () => r.result.createObjectStore('records');
    r.onerror = () => fail(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const store = db.transaction('records').objectStore('records');
      const keys = store.getAllKeys();
      const values = store.getAll();
      values.onsuccess = () => { db.close(); ok(keys.result.map((k, i) => [k, values.result[i]])); };
      values.onerror = () => fail(values.error);
    };
  }));
}

/** Writes one record value straight into Waymark's IndexedDB (as another version might). */
export async function putRecord(page, key, value) {
  await page.evaluate(([k, v]) => new Promise((ok, fail) => {
    const r = indexedDB.open('waymark');
    r.onupgradeneeded = () => r.result.createObjectStore('records');
    r.onerror = () => fail(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const tx = db.transaction('records', 'readwrite');
      tx.objectStore('records').put(v, k);
      tx.oncomplete = () => { db.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
  }), [key, value]);
}
