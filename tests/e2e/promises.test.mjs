// Data promises kept (issue 28), end to end at a phone viewport: deleting gives room back,
// "Delete everything" ends on the empty app in every build and every tab (lock on or off), a
// worker's export of one family is never attached to another family while a family's own shared
// file is, a file that is not text is named for what it is, and no view turns data into markup.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setup, open, appReady, clearStorage, storedRecords, putRecord, cspViolations, axe, SMALL_PHONE } from './helpers.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const cargo = (...args) => execFileSync('cargo', ['run', '--quiet', '--example', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const status = (page) => page.getByRole('status');

/** A page of this device, its storage emptied, with the page's errors collected. */
async function fresh(e = env, hash = '#/families') {
  const page = await e.context.newPage();
  const errors = await open(page, e.url, '#/');
  await clearStorage(page);
  await page.goto(e.url + hash);
  await page.reload();
  await appReady(page);
  return { page, errors };
}

/** The app's crash message is showing (a panic), or the page logged an error. */
async function assertNoCrash(page, errors, what) {
  assert.deepEqual(errors, [], `no error on the page ${what}`);
  assert.equal(await page.locator('#crash').isVisible(), false, `no "Waymark stopped working" ${what}`);
}

/** Brings a file in through "Your data", as a worker would. */
async function bringIn(page, url, name, text) {
  await page.goto(url + '#/data');
  await page.getByLabel('Choose a file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByRole('region', { name: 'What this file will do' }).getByRole('button', { name: 'Bring these in' }).click();
  await status(page).getByText(/^Brought in/).first().waitFor({ timeout: 30000 });
}

async function deleteEverything(page, url) {
  await page.goto(url + '#/data');
  await page.getByLabel('Type DELETE to confirm').fill('DELETE');
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await status(page).getByText('All Waymark data has been deleted').waitFor();
}

test('a reload straight after a change, before its transaction has completed, loses nothing', async () => {
  const { page, errors } = await fresh(env, '#/families/new');
  // Another tab holds the records store in a long transaction, so this tab's save cannot
  // complete before the page goes (as on a slow phone, where a reload can come first).
  const other = await env.context.newPage();
  await other.goto(env.url + '#/families');
  await appReady(other);
  await other.evaluate(() => new Promise((started) => {
    const req = indexedDB.open('waymark');
    req.onsuccess = () => {
      const tx = req.result.transaction('records', 'readwrite');
      const store = tx.objectStore('records');
      const until = Date.now() + 2000;
      const spin = () => { if (Date.now() < until) store.get('nothing').onsuccess = spin; };
      spin();
      started();
    };
  }));
  await page.getByLabel('Reference').fill('RELOAD-1');
  const save = page.getByRole('button', { name: 'Save', exact: true });
  // The click and the reload in one go: the save is on its way, the page goes.
  await save.evaluate((button) => { button.click(); location.reload(); });
  await appReady(page);
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: /RELOAD-1/ }).waitFor({ timeout: 20000 });
  // Stored, and nothing left aside.
  assert.ok((await storedRecords(page)).some(([, v]) => v.includes('RELOAD-1')), 'the family is stored');
  const aside = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('waymark.aside.') || k.startsWith('waymark.family.')));
  assert.deepEqual(aside, []);
  // The form's draft is done with: "Add a family" starts empty, and nothing can be added twice.
  await page.goto(env.url + '#/families/new');
  assert.equal(await page.getByLabel('Reference').inputValue(), '');
  await page.goto(env.url + '#/families');
  assert.equal(await page.getByRole('link', { name: /RELOAD-1/ }).count(), 1);
  await assertNoCrash(page, errors, 'after the reload');
  await other.close();
  await page.close();
});

test('deleting 20 families through their pages gives back at least half of what they took', async () => {
  const { page, errors } = await fresh();
  // A service's families (each 2-3 people, 3 wheel readings with notes, 2 checks, 6 answers),
  // as the app stores them.
  const { shards } = JSON.parse(cargo('bench_caseload', String(Date.now()), '300', '3', '2', '6'));
  for (const [k, v] of Object.entries(shards)) await putRecord(page, k, v);
  await page.reload();
  await appReady(page);
  const keys = Object.keys(shards).slice(0, 20);
  const size = async () => (await storedRecords(page)).filter(([k]) => keys.includes(k)).reduce((n, [, v]) => n + v.length, 0);
  const before = await size();
  for (const k of keys) {
    const id = k.slice('waymark.family.'.length);
    await page.goto(env.url + `#/families/${id}`);
    await page.getByRole('button', { name: 'Delete this family' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await status(page).getByText('Deleted').waitFor();
  }
  // Every deletion stored (said "Deleted" once its transaction completed).
  const after = await size();
  assert.ok(after * 2 <= before, `20 families stored in ${before} characters, deleted in ${after}`);
  // The marks keep nothing a person wrote: no reference or name of a deleted family is stored.
  const refs = Object.entries(shards).filter(([k]) => keys.includes(k)).map(([, v]) => JSON.parse(v).data.families[0].reference);
  const stored = (await storedRecords(page)).filter(([k]) => keys.includes(k)).map(([, v]) => v).join('\n');
  for (const r of refs) assert.ok(!stored.includes(`"${r}"`), `${r} is gone from what is stored`);
  // And they stay deleted after a reload, the other 280 still there.
  await page.reload();
  await appReady(page);
  await page.goto(env.url + '#/families');
  await page.getByRole('radio', { name: 'All' }).check();
  await page.getByText('Showing 50 of 280 families').waitFor();
  await assertNoCrash(page, errors, 'after deleting 20 families');
  await clearStorage(page);
  await page.close();
});

test('"Delete everything" ends on the empty app, in this tab and another, with no error', async () => {
  const { page, errors } = await fresh();
  // Families made long ago, brought in from a file (issue 28 saw the app stop after this).
  await bringIn(page, env.url, 'service.json', cargo('export_sample'));
  // Another tab on a family's page.
  const other = await env.context.newPage();
  const otherErrors = await open(other, env.url, '#/families');
  await other.locator('main .card-list .card-link').first().click();
  await other.getByRole('button', { name: 'Delete this family' }).waitFor();
  await deleteEverything(page, env.url);
  for (const [p, errs, which] of [[page, errors, 'this tab'], [other, otherErrors, 'the other tab']]) {
    // The app starts afresh, at its first screen, as on a new device.
    await p.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor();
    await p.getByRole('button', { name: 'For me and my family' }).waitFor();
    await assertNoCrash(p, errs, `in ${which}`);
  }
  assert.deepEqual(await storedRecords(page), []);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('waymark.'))), []);
  assert.deepEqual(await axe(page), [], 'axe on the first screen after deleting');
  // A reload stays there.
  await page.reload();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor();
  await other.close();
  await page.close();
});

test('"Delete everything" with the lock on, and "Forgot it?" on the unlock screen: no error', async () => {
  const { page, errors } = await fresh();
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Reference').fill('LOCKED-1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'LOCKED-1' }).waitFor();
  const turnOn = async () => {
    await page.goto(env.url + '#/data');
    const form = page.locator('form[aria-labelledby="lock-title"]');
    await form.getByLabel('Choose a passphrase').fill('green apples at noon');
    await form.getByLabel('Type the passphrase again').fill('green apples at noon');
    await form.getByRole('button', { name: 'Turn on the lock' }).click();
    await status(page).getByText('The lock is on.').waitFor({ timeout: 20000 });
  };
  await turnOn();
  await deleteEverything(page, env.url);
  await page.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor();
  await assertNoCrash(page, errors, 'after deleting with the lock on');
  assert.deepEqual(await storedRecords(page), [], 'the lock record went too');
  // Locked, the passphrase forgotten: erasing from the unlock screen.
  await page.getByRole('button', { name: 'For my work with families' }).click();
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Reference').fill('LOCKED-2');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'LOCKED-2' }).waitFor();
  await turnOn();
  await page.getByRole('button', { name: 'Lock now' }).first().click();
  await page.locator('summary', { hasText: 'Forgot the passphrase?' }).click();
  await page.getByRole('button', { name: 'Erase everything on this device' }).click();
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor();
  assert.deepEqual(await storedRecords(page), []);
  await assertNoCrash(page, errors, 'after erasing from the unlock screen');
  await page.close();
});

test("a family's phone: \"Delete everything\" ends on its first screen with no error", async () => {
  const phone = await setup({ viewport: SMALL_PHONE, touch: true, mode: 'family' });
  try {
    const { page, errors } = await fresh(phone, '#/');
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
    await page.goto(phone.url + '#/data');
    await page.getByLabel('Type DELETE to confirm').fill('DELETE');
    await page.getByRole('button', { name: 'Delete everything' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor();
    await assertNoCrash(page, errors, "on the family's phone");
    assert.deepEqual((await storedRecords(page)).filter(([k]) => k.startsWith('waymark.family.')), []);
  } finally {
    await phone.close();
  }
});

test("a worker's export of one family is brought in as that family; only a family's own file is attached", async () => {
  const { page } = await fresh();
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Reference').fill('CASE-B');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'CASE-B' }).waitFor();
  await page.goto(env.url + '#/data');
  const pick = (name, body, mimeType = 'application/json') => page.getByLabel('Choose a file').setInputFiles({ name, mimeType, buffer: Buffer.from(body) });
  const preview = page.getByRole('region', { name: 'What this file will do' });
  // A worker's export of a family (scope "family"): no question of whose it is.
  const exported = cargo('export_sample', 'family');
  assert.equal(JSON.parse(exported).scope, 'family');
  await pick('family-a.json', exported);
  await preview.getByText(/^Add 1 family and \d+ records$/).waitFor();
  assert.equal(await preview.getByLabel('Whose answers are these?').count(), 0, 'not offered to attach to another family');
  await preview.getByRole('button', { name: 'Cancel' }).click();
  // A family's own answers, shared from its phone (scope "shared"): the worker says whose.
  const shared = cargo('export_sample', 'shared');
  assert.equal(JSON.parse(shared).scope, 'shared');
  await pick('from-family.json', shared);
  await preview.getByLabel('Whose answers are these?').waitFor();
  await preview.getByRole('button', { name: 'Cancel' }).click();
  // A picture chosen by mistake is named as one; an archive, a PDF, likewise.
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  await page.getByLabel('Choose a file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
  const errors = page.locator('#import-errors');
  await errors.getByText('This file is a picture, not a Waymark file. Choose the file Waymark saved: its name ends in .json.').waitFor();
  await page.getByLabel('Choose a file').setInputFiles({ name: 'files.zip', mimeType: 'application/zip', buffer: Buffer.from('504b0304140000000800', 'hex') });
  await errors.getByText(/^This file is a compressed folder or an office document, not a Waymark file\./).waitFor();
  await page.getByLabel('Choose a file').setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1') });
  await errors.getByText(/^This file is a PDF document, not a Waymark file\./).waitFor();
  assert.equal((await storedRecords(page)).filter(([k]) => k.startsWith('waymark.family.')).length, 1, 'nothing brought in');
  await page.close();
});

// Markup in every text a person can type (and every text of a service's own wheel), in several
// forms: none of it may become an element, and the page's security policy must never have to
// block anything.
const MARKUP = [
  '<img src=x onerror="window.__pwned=1" data-injected>',
  '<svg onload="window.__pwned=2" data-injected></svg>',
  '<b data-injected>bold</b> & <i>it</i>',
  '"><script data-injected>window.__pwned=3</script>',
  '<a href="javascript:window.__pwned=4" data-injected>x</a>',
  "</title><style data-injected>*{}</style>'",
];
/** The fields of each kind of record a person types, by path (`*` any key, `[]` each item). */
const TEXT_FIELDS = {
  families: ['reference', 'full_name', 'worker', 'team', 'notes', 'closed.note', 'consent.note', 'earlier[].worker', 'earlier[].closed.note'],
  members: ['name'],
  wheel_readings: ['notes', 'scores[].note', 'scores[].step'],
  milestone_checks: ['notes', 'overrides.*.reason', 'actions[].what', 'actions[].to'],
  scale_answers: ['notes', 'keeps', 'higher', 'notice'],
  questions: ['question', 'low', 'high'],
  three_houses: ['worries', 'good', 'wishes'],
  goals: ['text', 'steps[].what', 'steps[].who', 'reviews[].note'],
};

/** Sets every text at `path` in `record` (present and not empty) to `make()`. */
function setText(record, path, make) {
  const [head, ...rest] = path.split('.');
  const each = head.endsWith('[]');
  const key = each ? head.slice(0, -2) : head;
  const targets = key === '*' ? Object.keys(record) : [key];
  for (const k of targets) {
    const v = record[k];
    if (v === undefined || v === null) continue;
    if (each) { for (const item of v) setText(item, rest.join('.'), make); continue; }
    if (rest.length) setText(v, rest.join('.'), make);
    else if (typeof v === 'string' && v !== '') record[k] = make();
  }
}

/** The sample service with every free text replaced by markup, and a loaded wheel whose every text is markup. */
function markupFile() {
  const file = JSON.parse(cargo('export_sample'));
  let n = 0;
  const next = () => MARKUP[n++ % MARKUP.length];
  for (const [kind, paths] of Object.entries(TEXT_FIELDS)) {
    for (const r of file.data[kind] ?? []) for (const p of paths) setText(r, p, next);
  }
  // The service's own help lines: who answers and what for (a number must stay a number).
  for (const l of file.data.settings?.help_lines ?? []) { l.name = next(); l.what = next(); }
  // A service's own wheel, every text markup (names, stages, what areas cover), used by a reading.
  const wheel = JSON.parse(execFileSync('cat', ['src/domain/wheel/builtin/child.json'], { cwd: ROOT, encoding: 'utf8' }));
  let short = false;
  const texts = (v, key) => {
    short = key === 'short' || key === 'stages';
    if (Array.isArray(v)) return v.map((x) => texts(x, key));
    if (v && typeof v === 'object') {
      if (typeof v.en === 'string') return { en: short ? '<b data-injected>b</b>' : next() };
      for (const k of Object.keys(v)) if (k !== 'id' && k !== 'version') v[k] = texts(v[k], k);
    }
    return v;
  };
  texts(wheel);
  wheel.id = 'markup-wheel';
  const now = 1790000000000;
  file.data.wheel_templates = [{ meta: { id: 'markup-wheel-v1', created: now, updated: now, device: 'markupdevice' }, template: wheel }];
  const live = file.data.families.find((f) => !f.meta.deleted);
  live.wheel = 'markup-wheel';
  const reading = file.data.wheel_readings.find((r) => !r.meta.deleted && r.family === live.meta.id);
  reading.template = 'markup-wheel';
  reading.template_version = 1;
  reading.child = undefined;
  reading.scores = wheel.areas.map((a, i) => ({ area: a.id, score: 1 + (i % 10), note: next(), step: next(), priority: i === 0 }));
  return JSON.stringify(file);
}

async function noMarkupMadeIt(page, where) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned ?? null,
    injected: document.querySelectorAll('[data-injected], img[src="x"], [onerror], [onload]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__pwned')).length,
  }));
  assert.deepEqual(found, { pwned: null, injected: 0, scripts: 0 }, `no element made from data on ${where}`);
  assert.deepEqual(await cspViolations(page), [], `no CSP violation on ${where}`);
}

test('no view renders data as markup: every page and the print views, with markup in every field', async () => {
  const { page, errors } = await fresh();
  const text = markupFile();
  await page.goto(env.url + '#/data');
  await page.getByLabel('Choose a file').setInputFiles({ name: 'markup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByRole('region', { name: 'What this file will do' }).waitFor();
  await noMarkupMadeIt(page, 'the import preview');
  await page.getByRole('button', { name: 'Bring these in' }).click();
  await status(page).getByText(/^Brought in/).first().waitFor();
  const data = JSON.parse(text).data;
  const families = data.families.filter((f) => !f.meta.deleted).map((f) => f.meta.id);
  const children = data.members.filter((m) => !m.meta.deleted && m.role === 'child').map((m) => m.meta.id);
  const question = data.questions[0];
  const pages = ['#/', '#/families', '#/wheels', '#/milestones', '#/scales', '#/reports', '#/data', '#/settings', '#/help'];
  for (const f of families) {
    pages.push(`#/families/${f}`, `#/families/${f}/plan`, `#/families/${f}/print`, `#/wheels/${f}`, `#/wheels/${f}/score`, `#/scales/${f}`, `#/scales/${f}/houses`);
  }
  pages.push(`#/scales/${question.family}/ask/${question.meta.id}`);
  for (const c of children) pages.push(`#/milestones/${c}`, `#/milestones/${c}/check`);
  for (const hash of pages) {
    if (process.env.DEBUG_PAGES) console.log(new Date().toISOString(), hash);
    await page.goto(env.url + hash);
    await page.locator('main h1').first().waitFor();
    // Disclosures opened, so what they hold is drawn too.
    await page.evaluate(() => { for (const d of document.querySelectorAll('main details')) d.open = true; });
    await page.waitForTimeout(50);
    await noMarkupMadeIt(page, hash);
  }
  // The report counting children, beside the period before, for one team.
  await page.goto(env.url + '#/reports');
  await page.getByLabel('From').fill('2020-01-01');
  await page.getByRole('radio', { name: 'Children' }).check();
  await page.getByLabel('Compare with', { exact: true }).selectOption({ label: 'The period before, of the same length' });
  await page.waitForTimeout(300);
  await noMarkupMadeIt(page, 'the report, children, compared');
  const teams = await page.getByLabel('Team', { exact: true }).locator('option').count();
  if (teams > 1) {
    await page.getByLabel('Team', { exact: true }).selectOption({ index: 1 });
    await noMarkupMadeIt(page, 'the report for a team');
  }
  // The family list searched for markup.
  await page.goto(env.url + '#/families');
  await page.getByLabel('Search by reference').fill('<b');
  await noMarkupMadeIt(page, 'the families list searched');
  // The markup is shown as the text it is.
  await page.goto(env.url + `#/families/${families[0]}`);
  assert.ok((await page.locator('main').innerText()).includes('<'), 'the text is shown, angle brackets and all');
  await assertNoCrash(page, errors, 'with markup in every field');
  // A family's own shared file of the same: its preview names its people and what it holds.
  const one = JSON.parse(text);
  const fid = families[0];
  const mine = (r) => (r.family ?? r.meta.id) === fid;
  const shared = { ...one, scope: 'shared', data: Object.fromEntries(Object.entries(one.data).filter(([k]) => !['settings', 'gone'].includes(k)).map(([k, v]) => [k, k === 'wheel_templates' ? v : v.filter(mine)])) };
  await page.goto(env.url + '#/data');
  await page.getByLabel('Choose a file').setInputFiles({ name: 'shared.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(shared)) });
  const preview = page.getByRole('region', { name: 'What this file will do' });
  await preview.getByText('What the file holds').waitFor();
  await preview.getByLabel('Whose answers are these?').selectOption({ index: 1 });
  await noMarkupMadeIt(page, "the preview of a family's own file");
  await preview.getByRole('button', { name: 'Cancel' }).click();
  await clearStorage(page);
  await page.close();

  // The same family on its own phone (the family's build), stored as the app stores it.
  const phone = await setup({ viewport: SMALL_PHONE, touch: true, mode: 'family' });
  try {
    const own = await fresh(phone, '#/');
    const shard = { format: 'waymark', schema_version: 4, saved_at: 1790000000000, scope: 'shard', data: Object.fromEntries(Object.entries(shared.data).filter(([k]) => k !== 'wheel_templates')) };
    await putRecord(own.page, `waymark.family.${fid}`, JSON.stringify(shard));
    await putRecord(own.page, 'waymark.settings', JSON.stringify({ format: 'waymark', schema_version: 4, saved_at: 1790000000000, scope: 'shard', data: { wheel_templates: one.data.wheel_templates } }));
    await own.page.reload();
    await appReady(own.page);
    for (const hash of ['#/', '#/share', '#/settings', '#/data', `#/wheels/${fid}`, `#/wheels/${fid}/score`, `#/scales/${fid}`, `#/families/${fid}/plan`]) {
      await own.page.goto(phone.url + hash);
      await own.page.locator('main h1').first().waitFor();
      await own.page.evaluate(() => { for (const d of document.querySelectorAll('main details')) d.open = true; });
      await noMarkupMadeIt(own.page, `the family's phone, ${hash}`);
    }
    await assertNoCrash(own.page, own.errors, "on the family's phone with markup in every field");
  } finally {
    await phone.close();
  }
});
