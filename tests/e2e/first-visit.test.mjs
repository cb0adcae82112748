// A first visit on a phone's network (issue 16): the first screen works before the app has
// arrived; a family's phone gets the family's build only (index.html), a worker's device the full
// one (staff.html), each sent to its own page; the service worker keeps what the device uses and
// no more, and works offline for both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, appReady, axe, smallTargets, SMALL_PHONE, TABLET } from './helpers.mjs';

const DIST = new URL('../../dist', import.meta.url).pathname;
const UR = JSON.parse(readFileSync(join(DIST, 'lang', 'ur.json'), 'utf8'));
/** The wasm each page loads (its name has a content hash), as its loader names it. */
const wasmOf = (html) => {
  const boot = /<script type="module" src="\.\/(boot-[0-9a-f]+\.js)">/.exec(readFileSync(join(DIST, html), 'utf8'))[1];
  return /'\.\/([^']+_bg\.wasm)'/.exec(readFileSync(join(DIST, boot), 'utf8'))[1];
};
const FAMILY_WASM = wasmOf('index.html');
const STAFF_WASM = wasmOf('staff.html');
/** The family build's glue (index.html's modulepreload), by its hashed name. */
const FAMILY_GLUE = FAMILY_WASM.replace('_bg.wasm', '.js');

/** Holds the family's wasm until `release()`: a phone's network, at its slowest. */
async function holdWasm(page) {
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(`**/${FAMILY_WASM}`, async (route) => { await held; await route.continue(); });
  return release;
}

/** Every address the page asked the server for. */
function requests(env) {
  const seen = [];
  env.context.on('request', (r) => { if (r.url().startsWith(env.origin)) seen.push(new URL(r.url()).pathname); });
  return seen;
}

/** What the service worker keeps, as file names. */
async function kept(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const out = [];
    for (const k of await caches.keys()) {
      for (const r of await (await caches.open(k)).keys()) out.push(new URL(r.url).pathname.replace(/^.*\//, '') || 'index.html');
    }
    return out.sort();
  });
}

async function controlled(page) {
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && !!navigator.serviceWorker.controller, null, { timeout: 20000 });
}

test('the first screen works before the app arrives: a family chooses Urdu and "for my family"', async () => {
  const env = await setup({ viewport: SMALL_PHONE, touch: true, mode: null });
  const asked = requests(env);
  try {
    const page = await env.context.newPage();
    const release = await holdWasm(page);
    await page.goto(env.url + '#/');
    // The app has not arrived, and the first screen is here, whole, and accessible.
    const heading = page.getByRole('heading', { level: 1, name: 'Welcome to Waymark' });
    await heading.waitFor();
    assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'the app has not started');
    const buttons = await page.locator('#splash main').getByRole('button').allInnerTexts();
    assert.deepEqual(buttons, ['English', 'اردو', 'Polski', 'For me and my family', 'For my work with families']);
    assert.deepEqual(await axe(page), [], 'axe on the first screen before the app');
    assert.deepEqual(await smallTargets(page), []);
    // Urdu, at once, right to left, and kept.
    await page.getByRole('button', { name: 'اردو' }).tap();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await page.getByRole('heading', { level: 1, name: UR.ui.HomeTitle }).waitFor();
    await page.getByRole('heading', { name: `${UR.ui.ChooseLanguage} · Language` }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'اردو' }).getAttribute('aria-pressed'), 'true');
    assert.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'false');
    assert.deepEqual(await axe(page), [], 'axe on the first screen in Urdu');
    // "For me and my family": the family's home, in Urdu, before the app has arrived.
    await page.getByRole('button', { name: UR.ui.ModeFamily }).tap();
    await page.getByRole('heading', { level: 1, name: UR.ui.FamilyHomeTitle }).waitFor();
    assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'the app has not started');
    assert.deepEqual(await axe(page), [], 'axe on the home in Urdu before the app');
    release();
    await appReady(page);
    await page.getByRole('heading', { level: 1, name: UR.ui.FamilyHomeTitle }).waitFor();
    assert.deepEqual(await page.evaluate(() => [localStorage.getItem('waymark.lang'), localStorage.getItem('waymark.mode')]), ['ur', 'family']);
    assert.equal(await page.getByRole('navigation').count(), 1, 'the family view (home, share, settings)');
    assert.deepEqual(await axe(page), []);
    // A family's phone never fetched the staff build, nor a language it did not choose.
    await controlled(page);
    assert.ok(asked.includes(`/${FAMILY_WASM}`));
    assert.ok(!asked.some((p) => p.endsWith('staff.html') || p.endsWith(STAFF_WASM) || p.endsWith('pl.json')), asked.join(' '));
    assert.deepEqual(env.foreign, []);
  } finally {
    await env.close();
  }
});

test('a worker chooses before the app arrives: staff.html opens, and later visits go straight there, nothing of the family\'s page fetched', async () => {
  const env = await setup({ viewport: TABLET, mode: null });
  try {
    const page = await env.context.newPage();
    const release = await holdWasm(page);
    await page.goto(env.url + '#/');
    await page.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor();
    await page.getByRole('button', { name: 'For my work with families' }).click();
    await page.waitForURL(/\/staff\.html#\/$/);
    await appReady(page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Families' }).waitFor();
    release();
    // The service worker has heard how this device is used (the loader says so on each visit).
    await controlled(page);
    await page.waitForFunction(async () => {
      const c = await caches.open('waymark.mode:' + (await navigator.serviceWorker.ready).scope);
      const r = await c.match('./mode');
      return r && (await r.text()) === 'caseload';
    });
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    // The app's address (a bookmark, the installed icon) on this device opens staff.html, with
    // nothing of the family's build asked for (in Firefox a preload cut by the move logged an
    // error).
    await page.goto(env.url + '#/families');
    await page.waitForURL(/\/staff\.html#\/families$/);
    await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor();
    assert.ok(!fetched.some((p) => p.endsWith(FAMILY_GLUE) || p.endsWith(FAMILY_WASM)), fetched.join(' '));
    // The same device set up for a family: staff.html sends it to the family's page, telling
    // the service worker first, so the family's page is not sent back; and the app's address
    // stays the family's from then on.
    await page.evaluate(() => localStorage.setItem('waymark.mode', 'family'));
    await page.goto('about:blank');
    await page.goto(env.url + 'staff.html#/');
    await page.waitForURL((u) => !u.pathname.endsWith('staff.html'));
    await appReady(page);
    await page.getByRole('heading', { level: 1, name: 'Hello' }).waitFor();
    await page.goto('about:blank');
    await page.goto(env.url + '#/');
    await appReady(page);
    assert.ok(!page.url().includes('staff.html'));
  } finally {
    await env.close();
  }
});

test('a worker on a family\'s first screen after the app has started: the staff view opens too', async () => {
  const env = await setup({ viewport: TABLET, mode: null });
  try {
    const page = await env.context.newPage();
    await page.goto(env.url + '#/');
    await appReady(page);
    await page.getByRole('button', { name: 'For my work with families' }).click();
    await page.waitForURL(/\/staff\.html#\/$/);
    await appReady(page);
    await page.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).waitFor();
    // A staff page's address in the family's build (a link from a colleague) opens in staff.html.
    await page.evaluate(() => localStorage.removeItem('waymark.mode'));
    await page.goto(env.url + '#/reports');
    await page.waitForURL(/\/staff\.html#\/reports$/);
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  } finally {
    await env.close();
  }
});

test('the service worker keeps the family\'s build, a language once chosen, the staff build once used; both work offline', async () => {
  const env = await setup({ viewport: SMALL_PHONE, touch: true, mode: null });
  try {
    const page = await env.context.newPage();
    await page.goto(env.url + '#/');
    await appReady(page);
    await page.getByRole('button', { name: 'For me and my family' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Hello' }).waitFor();
    await controlled(page);
    let files = await kept(page);
    assert.ok(files.includes('index.html') && files.includes(FAMILY_WASM), files.join(' '));
    assert.ok(!files.some((f) => f === 'staff.html' || f === STAFF_WASM || f.endsWith('.json')), `nothing else: ${files.join(' ')}`);
    // Urdu chosen in Settings: its catalogue is kept from then on.
    await page.goto(env.url + '#/settings');
    await page.getByRole('button', { name: 'اردو' }).tap();
    await page.getByRole('heading', { level: 1, name: UR.ui.SettingsTitle }).waitFor();
    await page.waitForFunction(async () => (await caches.match('lang/ur.json')) !== undefined, null, { timeout: 10000 });
    files = await kept(page);
    assert.ok(files.includes('ur.json') && !files.includes('pl.json'), files.join(' '));
    await env.context.setOffline(true);
    await page.reload();
    await appReady(page);
    await page.getByRole('heading', { level: 1, name: UR.ui.SettingsTitle }).waitFor();
    await env.context.setOffline(false);
    // The same device used by a worker (online): staff.html's files are kept too, and open offline.
    await page.evaluate(() => localStorage.setItem('waymark.mode', 'caseload'));
    await page.goto(env.url + 'staff.html#/families');
    await appReady(page);
    await page.waitForFunction(async (w) => (await caches.keys()).length === 1 && (await caches.match(w)) !== undefined, STAFF_WASM, { timeout: 10000 });
    await env.context.setOffline(true);
    await page.reload();
    await appReady(page);
    await page.getByRole('heading', { level: 1, name: UR.ui.FamiliesTitle }).waitFor();
    assert.deepEqual(env.foreign, []);
  } finally {
    await env.context.setOffline(false).catch(() => {});
    await env.close();
  }
});

test('a family does its wheel before the app arrives, and the app carries on where they are', async () => {
  const env = await setup({ viewport: SMALL_PHONE, touch: true, mode: null });
  try {
    const page = await env.context.newPage();
    const release = await holdWasm(page);
    await page.goto(env.url + '#/');
    await page.getByRole('button', { name: 'For me and my family' }).tap();
    // The family's home, before the app: the same ways in as the app's.
    await page.getByRole('heading', { level: 1, name: 'Hello' }).waitFor();
    assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined', 'the app has not started');
    assert.deepEqual(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts(), ['Home', 'Share', 'Settings']);
    await page.getByRole('link', { name: 'Need help now?' }).waitFor();
    assert.deepEqual(await axe(page), [], 'axe on the home before the app');
    assert.deepEqual(await smallTargets(page), []);
    await page.getByRole('button', { name: /^Do our wheel/ }).tap();
    await page.getByRole('heading', { level: 1, name: 'Our health' }).waitFor();
    await page.getByText('Area 1 of 10').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Our health', 'focus on the area');
    assert.equal(await page.getByRole('button', { name: 'Back' }).isVisible(), false, 'nothing to go back to');
    // Next with no card says what to do, at the top and by the cards.
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    assert.equal(await page.getByText('Choose the card that is most like things now, or skip this area.').count(), 2);
    assert.deepEqual(await axe(page), [], 'axe with the error, before the app');
    // A card is a score; its words and the finer choice open under it; the error goes.
    await page.getByText('Open to support').tap();
    assert.equal(await summary.count(), 0);
    await page.getByText('We know some of our health needs aren’t being met', { exact: false }).waitFor();
    assert.ok(await page.getByRole('radio', { name: '3: just at this step' }).isChecked());
    await page.getByRole('radio', { name: '4: nearly at the next step' }).tap();
    // (Scrolled to its end, as a person reading it would be: the sticky bar covers a card
    // below it until then.)
    await page.evaluate(() => { const s = document.getElementById('splash'); s.scrollTop = s.scrollHeight; });
    assert.deepEqual(await axe(page), [], 'axe on an area, before the app');
    assert.deepEqual(await smallTargets(page), []);
    // Next is on screen without scrolling (a sticky bar), as in the app.
    const next = await page.getByRole('button', { name: 'Next', exact: true }).boundingBox();
    assert.ok(next.y + next.height <= SMALL_PHONE.height, 'Next on screen');
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
    await page.getByText('Area 2 of 10').waitFor();
    await page.getByText('Giving it a go').tap();
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
    await page.getByRole('button', { name: 'Skip this area' }).tap();
    // Safe at home, at its lowest: help at once, beside the answer.
    await page.getByText('Area 4 of 10').waitFor();
    await page.getByText('Struggling right now').tap();
    const help = page.getByRole('region', { name: 'Need help now?' });
    await help.waitFor();
    assert.equal(await help.getByRole('link', { name: /Emergency\s*999/ }).getAttribute('href'), 'tel:999');
    assert.ok(await page.getByRole('radio', { name: '1: just at this step' }).isChecked(), 'the answer is kept');
    await page.evaluate(() => { const s = document.getElementById('splash'); s.scrollTop = s.scrollHeight; });
    assert.deepEqual(await axe(page), [], 'axe with help, before the app');
    // Back shows what was chosen.
    await page.getByRole('button', { name: 'Back' }).tap();
    await page.getByText('Area 3 of 10').waitFor();
    await page.getByRole('button', { name: 'Back' }).tap();
    assert.ok(await page.getByRole('radio', { name: 'Giving it a go' }).isChecked());
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
    await page.getByRole('button', { name: 'Skip this area' }).tap();
    await page.getByText('Area 4 of 10').waitFor();
    // The app arrives: the same area, the same card, and help still beside it.
    release();
    await appReady(page);
    await page.getByText('Area 4 of 10').waitFor({ timeout: 5000 }).catch(async (e) => {
      await page.screenshot({ path: '/tmp/fail.png' });
      throw new Error(`after the app: ${await page.locator('main').innerText()} ${page.url()}`);
    });
    await page.getByRole('heading', { level: 1, name: 'Safe at home' }).waitFor();
    assert.ok(await page.getByRole('radio', { name: 'Struggling right now' }).isChecked());
    await page.getByRole('region', { name: 'Need help now?' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Safe at home and out', 'focus on the area');
    assert.equal(await page.evaluate(() => localStorage.getItem('waymark.first')), null, 'taken once');
    // Back leads through the areas, kept, and the browser's Back goes home.
    await page.getByRole('button', { name: 'Back' }).tap();
    await page.getByRole('button', { name: 'Back' }).tap();
    await page.getByText('Area 2 of 10').waitFor();
    assert.ok(await page.getByRole('radio', { name: 'Giving it a go' }).isChecked());
    // The rest in the app, and saved: every score given before the app is in the reading.
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
    await page.getByText('Area 3 of 10').waitFor();
    await page.getByRole('button', { name: 'Skip this area' }).tap();
    await page.getByText('Area 4 of 10').waitFor();
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
    await page.getByText('Area 5 of 10').waitFor();
    for (let i = 5; i <= 10; i++) {
      await page.getByText(`Area ${i} of 10`).waitFor();
      await page.getByRole('button', { name: 'Skip this area' }).tap();
    }
    await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
    const rows = await page.locator('table.scores tbody tr').allInnerTexts();
    assert.match(rows[0], /Our health\s+4/);
    assert.match(rows[1], /How I’m coping\s+5/);
    assert.match(rows[2], /Not scored/);
    assert.match(rows[3], /Safe at home and out\s+1/);
    await page.getByRole('button', { name: 'Save this wheel' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Our wheel' }).waitFor();
    await page.goBack();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Hello' }).waitFor();
    assert.deepEqual(env.foreign, []);
  } finally {
    await env.close();
  }
});

test('in Urdu before the app: the wheel in Urdu, its words downloaded once, and a tile opens its page when the app arrives', async () => {
  const env = await setup({ viewport: SMALL_PHONE, touch: true, mode: null });
  try {
    const page = await env.context.newPage();
    const fromPage = [];
    page.on('request', (r) => fromPage.push(new URL(r.url()).pathname));
    const release = await holdWasm(page);
    await page.goto(env.url + '?lang=ur#/');
    await page.getByRole('button', { name: UR.ui.ModeFamily }).tap();
    await page.getByRole('heading', { level: 1, name: UR.ui.FamilyHomeTitle }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await page.getByRole('button', { name: new RegExp(`^${UR.ui.TileWheel}`) }).tap();
    await page.getByRole('heading', { level: 1, name: UR.content['wheel.family.health.name'] }).waitFor();
    await page.getByText(UR.content['wheel.family.stage.1']).tap();
    await page.getByText(UR.content['wheel.family.health.stage.1']).waitFor();
    await page.evaluate(() => { const s = document.getElementById('splash'); s.scrollTop = s.scrollHeight; });
    assert.deepEqual(await axe(page), [], 'axe on an area in Urdu, before the app');
    // "Not now" goes home, where the family asks for today's questions: "Loading" until the app.
    await page.getByRole('link', { name: UR.ui.NotNowLeave }).tap();
    await page.getByRole('heading', { level: 1, name: UR.ui.FamilyHomeTitle }).waitFor();
    await page.getByRole('link', { name: new RegExp(`^${UR.ui.TileQuestions}`) }).tap();
    assert.equal((await page.locator('#splash .splash-loading').innerText()).trim(), UR.ui.Loading);
    release();
    await appReady(page);
    await page.getByRole('heading', { level: 1, name: UR.ui.TileQuestions }).waitFor().catch(async () => {
      throw new Error(`the questions page: ${await page.locator('main h1').innerText()}`);
    });
    // The wheel begun before the app is kept for later: "Do our wheel" carries on from it.
    await page.getByRole('navigation').getByRole('link', { name: UR.ui.NavOurHome }).tap();
    await page.getByRole('button', { name: new RegExp(`^${UR.ui.TileWheel}`) }).tap();
    await page.getByRole('heading', { level: 1, name: UR.content['wheel.family.health.name'] }).waitFor();
    assert.ok(await page.getByRole('radio', { name: UR.content['wheel.family.stage.1'] }).isChecked());
    // (The service worker keeps its own copy for offline use; the page asked once.)
    assert.equal(fromPage.filter((p) => p.endsWith('/lang/ur.json')).length, 1, `one download of the Urdu words: ${fromPage.join(' ')}`);
    assert.deepEqual(env.foreign, []);
  } finally {
    await env.close();
  }
});


test('the first screen shows before any script has run; a phone set up before sees "Loading", never the first screen', async () => {
  const env = await setup({ viewport: SMALL_PHONE, touch: true, mode: null });
  try {
    const page = await env.context.newPage();
    // The loader held back: the page as the network brought it.
    await page.route('**/boot-*.js', (r) => r.abort());
    await page.goto(env.url + '#/', { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor();
    assert.ok(await page.getByRole('button', { name: 'For me and my family' }).isVisible());
    assert.equal(await page.locator('#splash .splash-loading').isVisible(), false, 'no loading layer first');
    await page.unroute('**/boot-*.js');
    // Set up for a family, with the service worker in charge: the page comes saying "Loading".
    await page.reload();
    await page.getByRole('button', { name: 'For me and my family' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Hello' }).waitFor();
    await appReady(page);
    await controlled(page);
    await page.reload();
    await appReady(page);
    await page.route('**/boot-*.js', (r) => r.abort());
    await page.goto('about:blank');
    await page.goto(env.url + '#/', { waitUntil: 'domcontentloaded' });
    await page.locator('#splash .splash-loading').waitFor();
    assert.equal(await page.locator('#splash .splash-first').isVisible(), false, 'not the first screen');
    await page.unroute('**/boot-*.js');
    await page.goto('about:blank');
    await page.goto(env.url + '#/');
    await appReady(page);
    await page.getByRole('heading', { level: 1, name: 'Hello' }).waitFor();
  } finally {
    await env.close();
  }
});

test('a first visit that loses its signal before the app arrives keeps what was tapped, and carries on once back online', async () => {
  const env = await setup({ viewport: SMALL_PHONE, touch: true, mode: null });
  try {
    const page = await env.context.newPage();
    let cut;
    const held = new Promise((ok) => { cut = ok; });
    await page.route(`**/${FAMILY_WASM}`, async (r) => { await held; await r.abort('internetdisconnected'); });
    await page.goto(env.url + '#/');
    await page.getByRole('button', { name: 'For me and my family' }).tap();
    await page.getByRole('button', { name: /^Do our wheel/ }).tap();
    await page.getByText('Open to support').tap();
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
    await page.getByText('Area 2 of 10').waitFor();
    // The signal goes, and the app with it: the family carries on with the wheel meanwhile.
    await env.context.setOffline(true);
    cut();
    await page.waitForFunction(() => typeof window.__waymarkRetry === 'function');
    await page.getByText('Getting there').tap();
    assert.equal(await page.getByRole('alert').count(), 0, 'nobody is interrupted');
    // Home, then "Our plan": the app is needed, and says what is happening, in place of "Loading".
    await page.getByRole('link', { name: 'Not now (we\'ll keep your place)' }).tap();
    await page.getByRole('link', { name: /^Our plan/ }).tap();
    const said = page.getByRole('alert').filter({ hasText: 'Waymark could not finish loading. Your answers are kept on this phone.' });
    await said.waitFor();
    assert.equal(await page.getByRole('button', { name: 'Try again' }).isVisible(), false, 'nothing to try while offline');
    assert.deepEqual(await axe(page), [], 'axe on the message');
    // Back online: Waymark carries on by itself, at the page asked for, with the wheel kept.
    await page.unroute(`**/${FAMILY_WASM}`);
    await env.context.setOffline(false);
    await appReady(page);
    await page.getByRole('heading', { level: 1, name: /plan/i }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Home' }).tap();
    await page.getByRole('button', { name: /^Do our wheel/ }).tap();
    await page.getByText('Area 2 of 10').waitFor();
    assert.ok(await page.getByRole('radio', { name: 'Getting there' }).isChecked());
    await page.getByRole('button', { name: 'Back' }).tap();
    assert.ok(await page.getByRole('radio', { name: 'Open to support' }).isChecked());
  } finally {
    await env.close();
  }
});
