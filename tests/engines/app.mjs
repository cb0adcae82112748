// Waymark as a person uses it, through WebDriver: pages opened by their address, controls found
// the way the Playwright tests find them (by label, by role and visible text), real clicks and
// typing. Then what is stored, read in the page itself: IndexedDB (database `waymark`, store
// `records`) when the app has made it, else localStorage (the layout before it).
import { waitFor, Session } from './webdriver.mjs';

export const MODE_KEY = 'waymark.mode';
export const FAMILY_PREFIX = 'waymark.family.';

/** A string as an XPath literal (references are ours, but quotes are handled all the same). */
const lit = (s) => (s.includes("'") ? `concat('${s.split("'").join(`', "'", '`)}')` : `'${s}'`);

export class App {
  /** `session`: a webdriver Session; `origin`: http://127.0.0.1:PORT; `base`: '/'. */
  constructor(session, origin, base = '/') {
    this.s = session;
    this.origin = origin;
    this.url = `${origin}${base}staff.html`;
    // A page on the app's origin that is not the app (the server's "not found"): somewhere to
    // set storage up before the app's first start.
    this.blank = `${origin}${base}__engines-blank__`;
  }

  /**
   * Before the app's first start: makes this a worker's device (as the Playwright tests' init
   * script does), so staff.html opens the worker's home rather than asking, and puts `entries`
   * (key -> value) into localStorage.
   */
  async prepare(entries = {}) {
    await this.s.navigate(this.blank);
    await this.s.execute((mode, entries) => {
      localStorage.setItem('waymark.mode', mode);
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }, 'caseload', entries);
  }

  /** Opens a page of the app by its hash route and waits for the app to draw it. */
  async open(hash = '#/families', heading) {
    await this.s.navigate(this.url + hash);
    await this.ready(heading);
  }

  /** Reloads and waits for the app again. */
  async reload(heading) {
    await this.s.refresh();
    await this.ready(heading);
  }

  /** The app's loading screen gone and its heading drawn (and, if given, that heading's text). */
  async ready(heading) {
    await waitFor(() => this.s.execute(() => !document.getElementById('splash') && !!document.querySelector('main h1')),
      { timeout: 30000, what: 'the app to start (#splash gone, main h1 drawn)' });
    if (heading) await this.waitHeading(heading);
  }

  async waitHeading(text, timeout = 10000) {
    await waitFor(async () => (await this.s.execute(() => document.querySelector('main h1')?.textContent.trim())) === text,
      { timeout, what: `the heading "${text}" (it is "${await this.heading().catch(() => '?')}")` });
  }

  heading() { return this.s.execute(() => document.querySelector('main h1')?.textContent.trim() ?? null); }

  /** The form control whose <label> (or aria-label) reads `label`, as Playwright's getByLabel. */
  async byLabel(label) {
    return waitFor(async () => {
      const found = await this.s.execute((label) => {
        const norm = (s) => s.replace(/\s+/g, ' ').trim();
        for (const l of document.querySelectorAll('label')) {
          if (norm(l.textContent) === label && l.control) return l.control;
        }
        return document.querySelector(`[aria-label="${CSS.escape(label)}"]`);
      }, label);
      return found && Object.values(found)[0];
    }, { what: `a field labelled "${label}"` });
  }

  /** A visible button or link in the page whose text is exactly `name`. */
  async control(tag, name) {
    return waitFor(async () => {
      for (const el of await this.s.findXPath(`//${tag}[normalize-space(.)=${lit(name)}]`)) {
        if (await this.s.displayed(el)) return el;
      }
      return null;
    }, { what: `a ${tag === 'a' ? 'link' : tag} "${name}"` });
  }

  async click(tag, name) { await this.s.click(await this.control(tag, name)); }

  /** Types into the field labelled `label` (clearing it first). */
  async fill(label, text) {
    const el = await this.byLabel(label);
    await this.s.clear(el);
    await this.s.type(el, text);
  }

  /**
   * Puts a long text into a field at once (as a paste would), firing the input event the app
   * listens to: typing thousands of characters key by key would take a minute.
   */
  async paste(label, text) {
    const el = await this.byLabel(label);
    await this.s.execute((el, text) => {
      el.focus();
      el.value = text;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, Session.ref(el), text);
  }

  /** True when the app stopped with a panic ("Sorry, Waymark stopped working" is showing). */
  crashed() { return this.s.execute(() => { const c = document.getElementById('crash'); return !!c && !c.hidden; }); }

  /** The value of the field labelled `label`. */
  async value(label) { return this.s.execute((el) => el.value, Session.ref(await this.byLabel(label))); }

  /** The text of the live region ("Saved", errors). */
  status() { return this.s.execute(() => [...document.querySelectorAll('[role=status]')].map((e) => e.textContent.trim()).filter(Boolean).join(' | ')); }

  async waitStatus(pattern, timeout = 10000) {
    const test = typeof pattern === 'string' ? (t) => t.includes(pattern) : (t) => pattern.test(t);
    await waitFor(async () => test(await this.status()), { timeout, what: `the message "${pattern}" (it says "${await this.status().catch(() => '?')}")` });
  }

  /** Adds a family through the form, as a worker would; ends on the family's own page. */
  async addFamily(reference, { notes } = {}) {
    await this.open('#/families', 'Families');
    await this.click('a', 'Add a family');
    await this.waitHeading('Add a family');
    await this.fill('Reference', reference);
    if (notes) await this.paste('Notes', notes);
    await this.click('button', 'Save');
  }

  /** The references shown in the families list (the current page must be #/families). */
  listed() { return this.s.execute(() => [...document.querySelectorAll('main .card-list .card-link')].map((a) => a.textContent.trim())); }

  /** Waits until the families list shows exactly `refs` (in any order). */
  async waitListed(refs, timeout = 10000) {
    const want = [...refs].sort().join(', ');
    await waitFor(async () => [...(await this.listed())].sort().join(', ') === want,
      { timeout, what: `the families list to show [${want}] (it shows [${(await this.listed().catch(() => ['?'])).join(', ')}])` });
  }

  async waitEmptyList(timeout = 10000) {
    await waitFor(async () => (await this.s.execute(() => document.querySelector('main')?.textContent.includes('No families yet'))) && (await this.listed()).length === 0,
      { timeout, what: 'the families list to say "No families yet"' });
  }

  /** Makes the device (nearly) full: see fillQuota below. */
  fillQuota(smallest = 1024) { return this.s.executeAsync(fillQuota, 'engines-filler', smallest); }

  emptyQuota() { return this.s.executeAsync(emptyQuota, 'engines-filler'); }

  /** What is stored: see storedState below. */
  stored() { return this.s.executeAsync(storedState); }

  /** The stored families' keys: IndexedDB's if the app has made its database, else localStorage's. */
  storedFamilies() { return this.s.executeAsync(storedFamilies); }
}

/**
 * Runs in the page (executeAsyncScript): fills what is left of this site's storage quota with
 * data that does not compress, in an IndexedDB database of its own (`name`), in chunks that
 * halve at each refusal down to `smallest` bytes. Returns what it stored and the browser's
 * estimate. The quota is the browser's own (the test makes it small in the profile).
 */
export async function fillQuota(name, smallest) {
  const db = await new Promise((ok, fail) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('filler');
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error);
  });
  const noise = (n) => {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(n, i + 65536)));
    return bytes;
  };
  let size = 256 * 1024;
  let stored = 0;
  let refusal = null;
  for (let n = 0; size >= smallest && n < 10000; n++) {
    try {
      await new Promise((ok, fail) => {
        const tx = db.transaction('filler', 'readwrite');
        tx.objectStore('filler').put(noise(size), n);
        tx.oncomplete = ok;
        tx.onabort = () => fail(tx.error);
      });
      stored += size;
    } catch (e) {
      refusal = e && e.name;
      size = Math.floor(size / 2);
    }
  }
  db.close();
  const estimate = navigator.storage && navigator.storage.estimate ? await navigator.storage.estimate() : null;
  return { stored, refusal, estimate };
}

/** Runs in the page: deletes the database fillQuota made. */
export async function emptyQuota(name) {
  await new Promise((ok, fail) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = ok;
    req.onerror = () => fail(req.error);
    req.onblocked = ok;
  });
}

/**
 * Runs in the page (executeAsyncScript). Returns { local: [localStorage keys starting
 * "waymark."], idb: null | { keys, values } } with idb null when the database `waymark` with the
 * store `records` does not exist. It never leaves a database behind: it asks
 * indexedDB.databases() first, and where that is missing it aborts the open's upgrade.
 */
export async function storedState() {
  const local = Object.keys(localStorage).filter((k) => k.startsWith('waymark.')).sort();
  if (typeof indexedDB === 'undefined') return { local, idb: null };
  if (indexedDB.databases) {
    const dbs = await indexedDB.databases();
    if (!dbs.some((d) => d.name === 'waymark')) return { local, idb: null };
  }
  const db = await new Promise((ok, fail) => {
    const req = indexedDB.open('waymark');
    req.onupgradeneeded = () => { req.transaction.abort(); };
    req.onsuccess = () => ok(req.result);
    // An upgrade means there was no database: WebKit may still list an empty one, so delete it.
    req.onerror = () => {
      if (!req.error || req.error.name !== 'AbortError') { fail(req.error); return; }
      const del = indexedDB.deleteDatabase('waymark');
      del.onsuccess = del.onerror = del.onblocked = () => ok(null);
    };
    req.onblocked = () => fail(new Error('opening the waymark database was blocked'));
  });
  if (!db) return { local, idb: null };
  try {
    if (!db.objectStoreNames.contains('records')) return { local, idb: null, stores: [...db.objectStoreNames] };
    const store = db.transaction('records', 'readonly').objectStore('records');
    const get = (req) => new Promise((ok, fail) => { req.onsuccess = () => ok(req.result); req.onerror = () => fail(req.error); });
    const [keys, values] = await Promise.all([get(store.getAllKeys()), get(store.getAll())]);
    return { local, idb: { keys: keys.map(String), values } };
  } finally {
    db.close();
  }
}

/**
 * Runs in the page: the keys of the stored families, from IndexedDB (database `waymark`, store
 * `records`) if the app has made it, else from localStorage (keys starting `waymark.family.`).
 */
// eslint-disable-next-line no-new-func
export const storedFamilies = new Function(`return (${storedState.toString()})()
  .then((st) => (st.idb ? st.idb.keys : st.local).filter((k) => k.startsWith('waymark.family.')).sort());`);
