// Languages (issue 8): the chooser on every page, Urdu right to left with the layout mirrored,
// Polish, the choice remembered, a reading made in one language shown in another, axe on every
// page in every language at phone and desktop widths, offline in another language, and a
// catalogue that cannot be loaded. Words are found through the shipped catalogues, as a person
// reading that language would find them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { setup, open, axe, smallTargets, clearStorage, PAGES, PHONE, DESKTOP } from './helpers.mjs';

const cat = (code) => JSON.parse(readFileSync(new URL(`../../public/lang/${code}.json`, import.meta.url), 'utf8'));
const UR = cat('ur');
const PL = cat('pl');
const fill = (s, args) => s.replace(/\{(\w+)\}/g, (_, k) => args[k]);
const exact = (s) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

/** Chooses a language in the footer, as a person would, and waits for the page to come back in it. */
async function choose(page, code, tag) {
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('combobox', { name: /Language/ }).selectOption(code),
  ]);
  await shown(page, tag);
}

/** Waits until the app (not only the loading screen) is showing, in the language `tag`. */
async function shown(page, tag) {
  await page.waitForFunction((t) => document.documentElement.lang === t && !document.getElementById('splash') && document.querySelector('main h1'), tag);
}

/** A new page on an empty device set up for a caseload, in language `code` (none: English). */
async function caseloadPage(code) {
  const page = await env.context.newPage();
  await open(page, env.url, '#/');
  await clearStorage(page);
  await page.evaluate((c) => {
    localStorage.clear();
    localStorage.setItem('waymark.mode', 'caseload');
    if (c) localStorage.setItem('waymark.lang', c);
  }, code);
  return page;
}

/** Adds a family through the form, in the language of catalogue `C`; returns its id. */
async function addFamily(page, C, ref) {
  await page.goto(env.url + '#/families/new');
  await page.getByLabel(C.ui.Reference, { exact: true }).fill(ref);
  await page.getByRole('button', { name: C.ui.Save, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: ref }).waitFor();
  return page.evaluate(() => location.hash.split('/')[2]);
}

async function sideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('a family chooses Urdu: right to left, mirrored, every word and built-in text in Urdu, remembered', async () => {
  const page = await env.context.newPage();
  const errors = await open(page, env.url, '#/');
  // First use: nothing chosen on this device yet.
  await page.evaluate(() => { localStorage.clear(); localStorage.setItem('waymark.mode', 'unset'); });
  await page.reload();
  await page.getByRole('heading', { name: 'How will you use Waymark on this device?' }).waitFor();
  // Each language is listed first, in its own words, so anyone can find theirs.
  const options = await page.locator('.language-buttons button').allInnerTexts();
  assert.deepEqual(options, ['English', 'اردو', 'Polski']);
  await Promise.all([
    page.waitForEvent('load'),
    page.getByRole('button', { name: 'اردو' }).click(),
  ]);
  await shown(page, 'ur');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  await page.getByRole('heading', { name: UR.ui.ModeQuestion }).waitFor();
  // "Language" stays findable in English too.
  await page.getByRole('heading', { name: `${UR.ui.ChooseLanguage} · Language` }).waitFor();

  // Mirrored: the app's name sits at the right, and text starts from the right.
  const brand = await page.locator('.brand').boundingBox();
  assert.ok(brand.x + brand.width > PHONE.width - 40, `brand at the right (${JSON.stringify(brand)})`);
  assert.equal(await page.locator('main h1').evaluate((h) => getComputedStyle(h).direction), 'rtl');
  assert.ok(await sideways(page) <= 1, 'nothing scrolls sideways');

  await page.getByRole('button', { name: UR.ui.ModeFamily }).click();
  const ref = UR.ui.OurFamily;
  await page.getByRole('heading', { level: 1, name: UR.ui.FamilyHomeTitle }).waitFor();
  const nav = page.getByRole('navigation', { name: UR.ui.MainNav });
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(), [UR.ui.NavOurHome, UR.ui.NavShare, UR.ui.NavSettings]);
  assert.deepEqual(await axe(page), [], 'axe on the Urdu family home');
  assert.deepEqual(await smallTargets(page), []);

  // The family scores its wheel in Urdu: the areas and stage descriptions are in Urdu.
  // One tap: straight to the first area.
  await page.getByRole('button', { name: new RegExp(`^${UR.ui.TileWheel}`) }).click();
  await page.getByRole('heading', { level: 1, name: UR.content['wheel.family.health.name'] }).waitFor();
  // The cards carry the stage names; the chosen one opens to its description, in Urdu.
  await page.getByRole('radio', { name: UR.content['wheel.family.stage.3'], exact: true }).check();
  await page.getByText(UR.content['wheel.family.health.stage.3']).waitFor();
  await page.getByRole('radio', { name: fill(UR.ui.PointHigh, { n: 8 }) }).check();
  assert.deepEqual(await axe(page), [], 'axe on an Urdu wheel step');
  // Read aloud speaks in the page's language; a device with no Urdu voice is told so, in Urdu.
  await page.evaluate(() => {
    window.__spoken = [];
    const voice = (lang) => {
      const v = Object.create(SpeechSynthesisVoice.prototype);
      Object.defineProperty(v, 'lang', { value: lang });
      return v;
    };
    window.__voices = [voice('en-GB')];
    window.__urdu = () => { window.__voices = [voice('en-GB'), voice('ur-PK')]; };
    speechSynthesis.getVoices = () => window.__voices;
    speechSynthesis.speak = (u) => {
      window.__spoken.push({ text: u.text, lang: u.lang });
      setTimeout(() => u.onend && u.onend(new Event('end')), 300);
    };
    speechSynthesis.cancel = () => {};
  });
  await page.getByRole('button', { name: UR.ui.ReadAloud }).first().click();
  await page.getByText(UR.ui.NoVoice.slice(0, 30)).waitFor();
  assert.deepEqual(await axe(page), [], 'axe with the Urdu no-voice message');
  await page.evaluate(() => window.__urdu());
  await page.getByRole('button', { name: UR.ui.ReadAloud }).first().click();
  const spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1);
  assert.equal(spoken[0].lang, 'ur');
  assert.ok(spoken[0].text.startsWith(UR.content['wheel.family.health.name']), spoken[0].text);
  await page.getByRole('button', { name: UR.ui.Next, exact: true }).click();
  for (let i = 1; i < 10; i++) {
    await page.getByText(fill(UR.ui.AreaOf, { n: i + 1, total: 10 })).waitFor();
    await page.getByRole('button', { name: UR.ui.Skip, exact: true }).click();
  }
  await page.getByRole('heading', { level: 1, name: UR.ui.ReviewTitle }).waitFor();
  await page.getByRole('button', { name: UR.ui.FinishSave }).click();
  // On the family's own phone the radar is named by its wheel alone (issue 30: "{ref}'s {wheel}"
  // read "our family's family wheel").
  await page.getByRole('img', { name: new RegExp(`^${UR.content['wheel.family.name']}`) }).waitFor();
  assert.equal(await page.getByRole('img', { name: new RegExp(ref) }).count(), 0);
  assert.deepEqual(await axe(page), [], 'axe on the Urdu radar and its table');
  await page.getByRole('navigation', { name: UR.ui.MainNav }).getByRole('link', { name: UR.ui.NavShare }).click();
  await page.getByRole('heading', { level: 1, name: UR.ui.ShareTitle }).waitFor();
  assert.deepEqual(await axe(page), [], 'axe on the Urdu share page');
  assert.ok(await sideways(page) <= 1);
  await page.goBack();

  // Remembered after a reload.
  await page.reload();
  await page.getByRole('img', { name: new RegExp(UR.content['wheel.family.name']) }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');

  // The same reading, in English and in Polish: the words change, the reading does not.
  await choose(page, 'en', 'en-GB');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  await page.getByRole('img', { name: /^Family wheel(\s|$)/ }).waitFor();
  const row = page.getByRole('row', { name: /Our health/ }).first();
  assert.match(await row.innerText(), /\b8\b/);
  await choose(page, 'pl', 'pl');
  await page.getByRole('img', { name: new RegExp(PL.content['wheel.family.name']) }).waitFor();
  assert.match(await page.getByRole('row', { name: new RegExp(PL.content['wheel.family.health.name']) }).first().innerText(), /\b8\b/);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [code, tag, C] of [['ur', 'ur', UR], ['pl', 'pl', PL]]) {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    test(`${code} at ${label} width: every page is in ${code}, axe finds nothing, nothing scrolls sideways`, async () => {
      const page = await caseloadPage(code);
      await page.setViewportSize(viewport);
      await page.reload();
      await shown(page, tag);
      const nav = page.getByRole('navigation', { name: C.ui.MainNav });
      assert.deepEqual(await nav.getByRole('link').allInnerTexts(),
        [C.ui.NavFamilies, C.ui.NavWheels, C.ui.NavMilestones, C.ui.NavScales, C.ui.NavReports, C.ui.NavData]);
      for (const [hash, english] of PAGES) {
        await page.goto(env.url + hash);
        const h1 = page.locator('main h1').first();
        await h1.waitFor();
        await page.waitForTimeout(100);
        assert.notEqual(await h1.innerText(), english, `${hash} is translated`);
        assert.deepEqual(await axe(page), [], `axe on ${hash} in ${code} at ${label} width`);
        assert.ok(await sideways(page) <= 1, `${hash}: nothing scrolls sideways`);
      }
      // A page with built-in content: the milestone framework and the question library.
      await page.goto(env.url + '#/scales');
      await page.getByText(C.content['question.feeling_today.question']).first().waitFor().catch(async () => {
        // The library is shown per family; with no family, its heading is enough.
        await page.locator('main h1').first().waitFor();
      });
      await page.close();
    });
  }
}

test('with a caseload brought in (in Urdu), every page with data passes axe in Urdu and Polish, at phone and desktop widths', async () => {
  // The sample export: one family with wheel readings, milestone checks, answers and a plan.
  const text = execFileSync('cargo', ['run', '--quiet', '--example', 'export_sample', 'family'], {
    cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const doc = JSON.parse(text);
  const fam = doc.data.families[0].meta.id;
  const child = doc.data.members.find((m) => m.role === 'child' && m.family === fam)?.meta.id;
  const page = await caseloadPage('ur');
  await page.reload();
  await shown(page, 'ur');
  await page.goto(env.url + '#/data');
  await page.getByLabel(UR.ui.ChooseFile, { exact: true }).setInputFiles({ name: 'sample.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByRole('region', { name: UR.ui.ImportPreviewTitle }).getByRole('button', { name: UR.ui.ImportConfirm }).click();
  await page.getByRole('status').getByText(UR.ui.ImportDone.slice(0, 8)).waitFor();
  const hashes = [`#/families/${fam}`, `#/families/${fam}/plan`, `#/families/${fam}/print`, `#/wheels/${fam}`,
    `#/scales/${fam}`, `#/scales/${fam}/houses`, `#/families`, `#/reports`];
  if (child) hashes.push(`#/milestones/${child}`, `#/milestones/${child}/check`);
  for (const [code, tag] of [['ur', 'ur'], ['pl', 'pl']]) {
    if (code !== 'ur') await choose(page, code, tag);
    for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
      await page.setViewportSize(viewport);
      for (const hash of hashes) {
        await page.goto(env.url + hash);
        await page.locator('main h1').first().waitFor();
        await page.waitForTimeout(100);
        assert.deepEqual(await axe(page), [], `axe on ${hash} in ${code} at ${label} width`);
        assert.ok(await sideways(page) <= 1, `${hash} in ${code} at ${label}: nothing scrolls sideways`);
      }
    }
  }
  await page.setViewportSize(PHONE);
  await choose(page, 'en', 'en-GB');
  await page.close();
});

test('a family question library and milestones show in the chosen language', async () => {
  const page = await caseloadPage('pl');
  await page.reload();
  await shown(page, 'pl');
  const id = await addFamily(page, PL, 'PL-1');
  await page.goto(`${env.url}#/scales/${id}`);
  await page.getByRole('link', { name: PL.content['question.confident_parent.question'] }).click();
  await page.getByRole('heading', { level: 1, name: PL.content['question.confident_parent.question'] }).waitFor();
  await page.getByText(PL.content['question.confident_parent.low']).first().waitFor();
  assert.deepEqual(await axe(page), [], 'axe on a Polish scaling question');
  await page.close();
});

test("a service's own wheel carries its own translations, shown in the chosen language", async () => {
  const page = await caseloadPage('ur');
  await page.reload();
  await shown(page, 'ur');
  await addFamily(page, UR, 'UR-1');
  const own = JSON.parse(readFileSync(new URL('../../src/domain/wheel/builtin/family.json', import.meta.url), 'utf8'));
  own.id = 'our_centre';
  own.name = { en: "Our centre's wheel", ur: 'ہمارے مرکز کا پہیہ' };
  own.areas = own.areas.slice(0, 3);
  own.areas[0].name = { en: 'Our home', ur: 'ہمارا گھر' };
  await page.goto(env.url + '#/wheels');
  await page.getByLabel(UR.ui.ChooseFile, { exact: true }).setInputFiles({ name: 'own.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  const preview = page.getByRole('region', { name: 'ہمارے مرکز کا پہیہ' });
  await preview.getByRole('button').first().click();
  await page.getByRole('link', { name: 'UR-1' }).click();
  await page.getByRole('radio', { name: /^ہمارے مرکز کا پہیہ/ }).check();
  await page.getByRole('button', { name: UR.ui.Start, exact: true }).click();
  // Translated where the file has the words; English where it does not.
  await page.getByRole('heading', { level: 1, name: 'ہمارا گھر' }).waitFor();
  await page.getByRole('button', { name: UR.ui.Skip, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: own.areas[1].name.en }).waitFor();
  await page.close();
});

test('offline, the chosen language still loads (the service worker keeps its catalogue)', async () => {
  const page = await caseloadPage();
  await page.reload();
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller);
  // Wait until the precache holds the catalogues.
  await page.waitForFunction(async () => {
    for (const k of await caches.keys()) {
      const c = await caches.open(k);
      if (await c.match(new URL('lang/ur.json', location.href).href)) return true;
    }
    return false;
  });
  await env.context.setOffline(true);
  try {
    await choose(page, 'ur', 'ur');
    await page.getByRole('navigation', { name: UR.ui.MainNav }).getByRole('link', { name: UR.ui.NavFamilies }).waitFor();
  } finally {
    await env.context.setOffline(false);
  }
  await choose(page, 'en', 'en-GB');
  await page.close();
});

test('a catalogue that cannot be loaded: Waymark opens in English and says why', async () => {
  const page = await caseloadPage('pl');
  // Bypass the service worker so the broken answer reaches the page.
  await page.route('**/lang/pl.json', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"format":"waymark-language","version":1,"lang":"ur","dir":"rtl","ui":{}}' }));
  await page.evaluate(async () => { for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister(); });
  await page.reload();
  await page.getByRole('alert').getByText(/We couldn't load Polski just now, so Waymark is in English/).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-GB');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Families' }).waitFor();
  assert.deepEqual(await axe(page), []);
  // The chooser still shows the choice; choosing English clears it.
  assert.equal(await page.getByRole('combobox', { name: /Language/ }).inputValue(), 'pl');
  await choose(page, 'en', 'en-GB');
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('waymark.lang')), null);
  await page.unroute('**/lang/pl.json');
  await page.close();
});

test("a centre's link with ?lang=ur opens Waymark in Urdu, and a later choice is not overruled", async () => {
  const page = await caseloadPage();
  await page.goto(env.url + '?lang=ur#/families');
  await shown(page, 'ur');
  await page.getByRole('heading', { level: 1, name: UR.ui.FamiliesTitle }).waitFor();
  // The address no longer carries it; the device remembers it.
  assert.equal(new URL(page.url()).search, '');
  assert.equal(new URL(page.url()).hash, '#/families');
  assert.equal(await page.evaluate(() => localStorage.getItem('waymark.lang')), 'ur');
  await choose(page, 'pl', 'pl');
  await page.getByRole('heading', { level: 1, name: PL.ui.FamiliesTitle }).waitFor();
  await choose(page, 'en', 'en-GB');
  await page.close();
});

test('the loading screen is in the chosen language, right to left, before the app has started', async () => {
  const page = await env.context.newPage();
  await open(page, env.url, '#/');
  await page.evaluate(async () => {
    localStorage.setItem('waymark.lang', 'ur');
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
  });
  // The app never starts, so the loading screen stays.
  await page.route('**/*_bg.wasm', (r) => r.abort());
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ur');
  assert.equal((await page.locator('#splash .splash-loading').textContent()).trim(), UR.ui.Loading);
  assert.equal((await page.locator('#splash [data-msg=HomeIntro]').textContent()).trim(), UR.ui.HomeIntro);
  assert.equal((await page.locator('#splash [data-msg=DataIntro]').textContent()).trim(), UR.ui.DataIntro);
  await page.unroute('**/*_bg.wasm');
  await page.evaluate(() => localStorage.removeItem('waymark.lang'));
  await page.close();
});
