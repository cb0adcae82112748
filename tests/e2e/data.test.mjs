// Your data stays and travels (issue 3), end to end at a phone viewport: autosave and reload,
// bad input, export and import with preview, bad files, two tabs, a full store, a newer version,
// deleting a family with undo, and deleting everything.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { setup, open, axe } from './helpers.mjs';

const schema = JSON.parse(readFileSync(new URL('../../docs/schema/waymark-v1.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

/** A fresh page with empty storage. */
async function fresh(hash = '#/families') {
  const page = await env.context.newPage();
  await open(page, env.url, '#/');
  await page.evaluate(() => localStorage.clear());
  await page.goto(env.url + hash);
  await page.reload();
  await page.locator('main h1').waitFor();
  return page;
}

async function addFamily(page, reference, extra = {}) {
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: 'Add a family' }).click();
  await page.getByLabel('Reference').fill(reference);
  if (extra.worker) await page.getByLabel('Worker').fill(extra.worker);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
}

const status = (page) => page.getByRole('status');
const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('waymark.family.')));

test('a family is saved at once and the app reopens on the same page', async () => {
  const page = await fresh();
  await page.getByText('No families yet').waitFor();
  await addFamily(page, 'CASE-101', { worker: 'Priya' });
  await assert.doesNotReject(status(page).getByText('Saved').waitFor());
  // Add a child.
  await page.locator('summary', { hasText: 'Add a person' }).click();
  await page.getByLabel('Name or initials').fill('Amy');
  await page.getByLabel('Child').check();
  await page.getByLabel('Date of birth').fill('2024-05-06');
  await page.getByRole('button', { name: 'Add this person' }).click();
  await page.locator('.people').first().getByText('Amy').waitFor();
  const url = page.url();
  await page.reload();
  assert.equal(page.url(), url);
  await page.getByRole('heading', { level: 1, name: 'CASE-101' }).waitFor();
  await page.locator('.people').first().getByText('Amy').waitFor();
  await page.getByText('Priya').waitFor();
  assert.deepEqual(await axe(page), []);
  // A person's details can be changed.
  await page.getByRole('button', { name: 'Edit the details of Amy' }).click();
  assert.equal(await page.getByLabel('Name or initials').inputValue(), 'Amy');
  await page.getByLabel('Name or initials').fill('Amelia');
  await page.getByRole('button', { name: 'Save the changes' }).click();
  await page.locator('.people').first().getByText('Amelia').waitFor();
  assert.equal(await page.locator('.people').first().getByText('Amy', { exact: true }).count(), 0);
  assert.deepEqual(await axe(page), [], 'axe after editing a person');
  // A closed tab too: a new page in the same profile sees it.
  await page.close();
  const again = await env.context.newPage();
  await open(again, env.url, '#/families');
  await again.getByRole('link', { name: 'CASE-101' }).waitFor();
  await again.close();
});

test('bad input gets a clear message and changes nothing', async () => {
  const page = await fresh('#/families/new');
  await page.getByLabel('Reference').fill('   ');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#family-reference-error').getByText('Enter a name or reference for the family.').waitFor();
  assert.equal(await page.getByLabel('Reference').getAttribute('aria-invalid'), 'true');
  // The summary at the top takes focus; its link leads to the field to fix.
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  await page.getByRole('alert').getByRole('link', { name: 'Enter a name or reference for the family.' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'family-reference');
  await page.getByLabel('Reference').fill('OK-1');
  // Fixed: the message goes, by the field and at the top.
  assert.equal(await page.getByText('Enter a name or reference for the family.').count(), 0);
  await page.getByLabel('Date opened').fill('2099-01-01');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Enter a date that is today or earlier.').first().waitFor();
  assert.deepEqual(await storedKeys(page), []);
  await page.close();
});

test('export, delete everything, then import with a preview', async () => {
  const page = await fresh();
  await addFamily(page, 'EXP-1');
  await addFamily(page, 'EXP-2');
  await page.goto(env.url + '#/data');
  await page.getByText('Not saved as a file yet.').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save everything as a file' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^waymark-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await (await download.createReadStream()).toArray().then((c) => Buffer.concat(c).toString('utf8'));
  const file = JSON.parse(text);
  assert.equal(file.format, 'waymark');
  assert.equal(file.schema_version, 1);
  assert.equal(file.data.families.length, 2);
  assert.ok(validate(file), `the export matches the published schema: ${ajv.errorsText(validate.errors)}`);
  await page.getByText(/Last saved as a file: /).waitFor();

  // Delete all, behind a typed confirmation.
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await page.getByText('Type DELETE in the box first.').first().waitFor();
  assert.equal((await storedKeys(page)).length, 2, 'nothing deleted without typing DELETE');
  await page.getByLabel('Type DELETE to confirm').fill('DELETE');
  assert.equal(await page.getByText('Type DELETE in the box first.').count(), 0, 'cleared when fixed');
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await status(page).getByText('All Waymark data has been deleted').waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('waymark.'))), []);

  // Import: preview first, nothing changes until confirmed.
  await page.getByLabel('Choose a file').setInputFiles({ name: 'back.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const preview = page.getByRole('region', { name: 'What this file will do' });
  await preview.getByText('Add 2 families and 0 readings').waitFor();
  await preview.getByText('EXP-1, EXP-2').waitFor();
  assert.deepEqual(await storedKeys(page), [], 'nothing stored before confirming');
  await preview.getByRole('button', { name: 'Bring these in' }).click();
  await status(page).getByText('Brought in: 2 families added').waitFor();
  assert.equal((await storedKeys(page)).length, 2);

  // The same file again changes nothing.
  await page.getByLabel('Choose a file').setInputFiles({ name: 'back.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByText('Everything in this file is already here. Nothing will change.').waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.goto(env.url + '#/families');
  assert.equal(await page.locator('main .card-list > li').count(), 2);
  await page.close();
});

test('bad files are refused with a plain message that says where', async () => {
  const page = await fresh('#/data');
  const pick = (name, body) => page.getByLabel('Choose a file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
  const errors = page.locator('#import-errors');

  await pick('notes.txt', 'hello there');
  await errors.getByText("This isn't a Waymark file: it can't be read (line 1, column 1).").waitFor();
  await pick('other.json', '{"name": "a different app"}');
  await errors.getByText("This file isn't a Waymark file.").waitFor();
  const base = {
    format: 'waymark', schema_version: 1, saved_at: 1790000000000, scope: 'all',
    data: {
      families: [{ meta: { id: 'fam1', created: 1790000000000, updated: 1790000000000, device: 'dev1' }, reference: '<b>Bold</b>', opened: '2026-01-05' }],
      scale_answers: [{ meta: { id: 'ans1', created: 1790000000000, updated: 1790000000000, device: 'dev1' }, family: 'fam1', question: 'safe_home', date: '2026-02-01', by: 'family', value: 11 }],
    },
  };
  await pick('score.json', JSON.stringify(base));
  await errors.getByText('scale answers, record 1, value: this must be from 0 to 10').waitFor();
  await pick('newer.json', JSON.stringify({ ...base, schema_version: 7 }));
  await errors.getByText('This file was made by a newer version of Waymark (format 7). Please update Waymark first.').waitFor();
  const extra = structuredClone(base);
  extra.data.families[0].colour = 'red';
  await pick('extra.json', JSON.stringify(extra));
  await errors.getByText('families, record 1: "colour" is not part of the Waymark format').waitFor();
  const deep = '['.repeat(200) + ']'.repeat(200);
  await pick('deep.json', deep);
  await errors.getByText('This file is nested too deeply to be a Waymark file.').waitFor();
  await pick('big.json', ' '.repeat(5 * 1024 * 1024 + 10));
  await errors.getByText(/The file is too big \(5\.0 MB\)/).waitFor();
  assert.deepEqual(await storedKeys(page), [], 'nothing changed');

  // Markup in a file is shown as text, never run as markup.
  base.data.scale_answers[0].value = 4;
  await pick('ok.json', JSON.stringify(base));
  await page.getByRole('button', { name: 'Bring these in' }).click();
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: '<b>Bold</b>' }).waitFor();
  assert.equal(await page.locator('main b').count(), 0);
  await page.close();
});

test('deleting a family can be undone', async () => {
  const page = await fresh();
  await addFamily(page, 'UNDO-1');
  await page.getByRole('button', { name: 'Delete this family' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor();
  await page.getByText('No families yet').waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('link', { name: 'UNDO-1' }).waitFor();
  await page.reload();
  await page.getByRole('link', { name: 'UNDO-1' }).waitFor();
  await page.close();
});

test('two tabs: changes appear in both and neither overwrites the other', async () => {
  const a = await fresh();
  await addFamily(a, 'SHARED');
  const familyUrl = a.url();
  const b = await env.context.newPage();
  await open(b, familyUrl.replace(env.url, env.url), '');
  await b.goto(familyUrl);
  await b.getByRole('heading', { level: 1, name: 'SHARED' }).waitFor();

  // A new family made in A shows up in B without a reload.
  const c = await env.context.newPage();
  await open(c, env.url, '#/families');
  await addFamily(a, 'FROM-A');
  await c.getByRole('link', { name: 'FROM-A' }).waitFor();

  // A race on the same family: A edits the details while B adds a person, B never reloading.
  await a.goto(familyUrl);
  await a.getByRole('heading', { level: 1, name: 'SHARED' }).waitFor();
  await a.getByRole('button', { name: 'Edit details' }).click();
  await a.getByLabel('Worker').fill('Jo');
  await b.locator('summary', { hasText: 'Add a person' }).click();
  await b.getByLabel('Name or initials').fill('Sam');
  await a.getByRole('button', { name: 'Save', exact: true }).click();
  await b.getByRole('button', { name: 'Add this person' }).click();
  await b.getByText('Sam').waitFor();
  for (const p of [a, b]) {
    await p.reload();
    await p.getByRole('heading', { level: 1, name: 'SHARED' }).waitFor();
    await p.getByText('Jo', { exact: true }).waitFor();
    await p.getByText('Sam').waitFor();
  }
  await Promise.all([a.close(), b.close(), c.close()]);
});

test('a full store: the failed save says what to do and nothing stored is lost', async () => {
  const page = await fresh();
  await addFamily(page, 'KEEP-ME');
  // Fill localStorage to the brim.
  await page.evaluate(() => {
    let size = 1 << 20; let n = 0;
    while (size >= 1) {
      try { localStorage.setItem('filler' + n, 'x'.repeat(size)); n += 1; } catch { size = Math.floor(size / 2); }
    }
  });
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Reference').fill('NO-ROOM');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await status(page).getByText(/We couldn't save that change/).waitFor();
  await status(page).getByText(/delete old closed families/).waitFor();
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: 'KEEP-ME' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'NO-ROOM' }).count(), 0);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler')).forEach((k) => localStorage.removeItem(k)));
  await page.reload();
  await page.getByRole('link', { name: 'KEEP-ME' }).waitFor();
  await page.close();
});

test('data from a newer version is never overwritten', async () => {
  const page = await fresh();
  await addFamily(page, 'NEWER');
  const before = await page.evaluate(() => {
    const k = Object.keys(localStorage).find((x) => x.startsWith('waymark.family.'));
    const v = localStorage.getItem(k).replace('"schema_version":1', '"schema_version":2');
    localStorage.setItem(k, v);
    return [k, v];
  });
  await page.reload();
  await page.getByRole('alert').getByText(/made by a newer version of Waymark/).waitFor();
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Reference').fill('TRY');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await status(page).getByText(/can only look, not change/).waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), before[0]), before[1]);
  assert.equal((await storedKeys(page)).length, 1);
  await page.evaluate(() => localStorage.clear());
  await page.close();
});

test('a reload in the middle of typing loses nothing', async () => {
  const page = await fresh('#/families/new');
  await page.getByLabel('Reference').fill('HALF-TYPED');
  await page.getByLabel('Worker').fill('Aisha');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Add a family' }).waitFor();
  assert.equal(await page.getByLabel('Reference').inputValue(), 'HALF-TYPED');
  assert.equal(await page.getByLabel('Worker').inputValue(), 'Aisha');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'HALF-TYPED' }).waitFor();
  // Editing: the edit form comes back with what was typed.
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Notes').fill('Met at the stay and play');
  await page.reload();
  assert.equal(await page.getByLabel('Notes').inputValue(), 'Met at the stay and play');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Edit details' }).waitFor();
  // A saved form leaves no draft behind: a new form starts empty.
  await page.goto(env.url + '#/families/new');
  assert.equal(await page.getByLabel('Reference').inputValue(), '');
  await page.close();
});

test('a file dropped on the import area gets the same preview', async () => {
  const page = await fresh();
  await addFamily(page, 'DROP-1');
  const text = await page.evaluate(() => {
    const k = Object.keys(localStorage).find((x) => x.startsWith('waymark.family.'));
    // A family's stored value is in the same format as an export file (scope "shard").
    return localStorage.getItem(k).replace('"scope":"shard"', '"scope":"family"');
  });
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.goto(env.url + '#/data');
  await page.locator('main h1').waitFor();
  await page.evaluate((body) => {
    const dt = new DataTransfer();
    dt.items.add(new File([body], 'dropped.json', { type: 'application/json' }));
    const zone = document.querySelector('.dropzone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  const preview = page.getByRole('region', { name: 'What this file will do' });
  await preview.getByText('Add 1 family and 0 readings').waitFor();
  await preview.getByRole('button', { name: 'Bring these in' }).click();
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: 'DROP-1' }).waitFor();
  await page.close();
});
