// A whole service on one device (issue 17), at a phone viewport: a service's file brought in with
// a summarised preview and progress, the families list drawn a page at a time with search and
// filters over every family, and the room shown on "Your data".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setup, open, axe, clearStorage, putRecord } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

test("a service's families: brought in with progress, listed 50 at a time, searched over all", async () => {
  const { file } = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--example', 'bench_caseload', String(Date.now()), '120', '1', '1', '2'], {
    cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024,
  }));
  const families = JSON.parse(file).data.families.filter((f) => !f.meta.deleted);
  const page = await env.context.newPage();
  await open(page, env.url, '#/data');
  await clearStorage(page);
  await page.reload();
  await page.locator('main h1').waitFor();
  // The room, in the browser's own figures.
  await page.getByText(/used of .* this browser lets Waymark use/).waitFor();
  await page.getByLabel('Choose a file').setInputFiles({ name: 'service.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  const preview = page.getByRole('region', { name: 'What this file will do' });
  await preview.getByText(/^Families: FAM-0001, FAM-0002, FAM-0003, FAM-0004, FAM-0005 and 115 more$/).waitFor();
  await preview.getByRole('button', { name: 'Bring these in' }).click();
  await page.locator('.panel', { hasText: /^Brought in: 120 families added/ }).waitFor();

  // All of them, open and closed: the first 50 drawn, the count of all said.
  await page.goto(env.url + '#/families');
  await page.getByLabel('All', { exact: true }).check();
  await page.getByText('Showing 50 of 120 families').waitFor();
  const items = page.locator('main .card-list > li');
  assert.equal(await items.count(), 50);
  // Search reaches a family on no drawn page.
  const last = [...families].sort((a, b) => a.reference.localeCompare(b.reference)).pop().reference;
  await page.getByLabel('Search by reference').fill(last);
  await page.getByRole('link', { name: last }).waitFor();
  await page.getByText('Showing 1 family').waitFor();
  await page.getByLabel('Search by reference').fill('');
  await page.getByText('Showing 50 of 120 families').waitFor();
  // The next page, by keyboard: focus goes to the first family it added.
  await page.getByRole('button', { name: 'Show 50 more' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Showing 100 of 120 families').waitFor();
  assert.equal(await items.count(), 100);
  await page.waitForFunction(() => document.activeElement === document.querySelector('main .card-list > li:nth-child(51) a'));
  await page.getByRole('button', { name: 'Show 20 more' }).click();
  await page.getByText('Showing 120 families').waitFor();
  assert.equal(await page.getByRole('button', { name: /^Show \d+ more$/ }).count(), 0);
  assert.deepEqual(await axe(page), []);
  // A new filter starts again from the first page.
  await page.getByLabel('Open', { exact: true }).check();
  await page.getByText(/^Showing 50 of \d+ families$/).waitFor();
  await page.close();
});

/** Makes this page's reading of every folder (IndexedDB's getAll) answer `ms` later, when the
 * tab's sessionStorage asks for it: a slow phone's start at a large service, made visible. */
async function slowFoldersWhenAsked(page) {
  await page.addInitScript(() => {
    const ms = Number(sessionStorage.getItem('test.slowFolders') || 0);
    if (!ms) return;
    const getAll = IDBObjectStore.prototype.getAll;
    const onsuccess = Object.getOwnPropertyDescriptor(IDBRequest.prototype, 'onsuccess');
    IDBObjectStore.prototype.getAll = function (...args) {
      const req = getAll.apply(this, args);
      Object.defineProperty(req, 'onsuccess', {
        configurable: true,
        get() { return onsuccess.get.call(this); },
        set(f) { onsuccess.set.call(this, f && ((e) => setTimeout(() => f.call(this, e), ms))); },
      });
      return req;
    };
  });
}

/** The stored families list's index, or null (read by its key: `storedRecords` reads every value
 * with `getAll`, which this tab may have made slow). */
const storedIndex = (page) => page.evaluate(() => new Promise((ok, fail) => {
  const r = indexedDB.open('waymark');
  r.onerror = () => fail(r.error);
  r.onsuccess = () => {
    const get = r.result.transaction('records').objectStore('records').get('waymark.index');
    get.onsuccess = () => { r.result.close(); ok(get.result ?? null); };
  };
}));

test('after a reload the families are listed from the index before any folder is read; the folders then have the last word', async () => {
  const { file } = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--example', 'bench_caseload', String(Date.now()), '30', '1', '1', '1'], {
    cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  }));
  const families = JSON.parse(file).data.families.filter((f) => !f.meta.deleted);
  const open_ = families.filter((f) => !f.closed);
  const page = await env.context.newPage();
  await slowFoldersWhenAsked(page);
  const errors = await open(page, env.url, '#/data');
  await clearStorage(page);
  await page.reload();
  await page.locator('main h1').waitFor();
  await page.getByLabel('Choose a file').setInputFiles({ name: 'service.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await page.getByRole('region', { name: 'What this file will do' }).getByRole('button', { name: 'Bring these in' }).click();
  await page.locator('.panel', { hasText: /^Brought in: 30 families added/ }).waitFor();

  // The index is kept a moment after the change, with every family in it.
  let index = null;
  for (let i = 0; i < 50 && !(index && families.every((f) => index.includes(JSON.stringify(f.reference)))); i++) {
    await page.waitForTimeout(200);
    index = await storedIndex(page);
  }
  assert.ok(index, 'an index is stored');
  for (const f of families) assert.ok(index.includes(JSON.stringify(f.reference)), f.reference);

  // A doctored index: the list after a reload says what it says until the folders are read.
  const [first, second, third] = [...open_].sort((a, b) => a.reference.localeCompare(b.reference));
  await putRecord(page, 'waymark.index', index.replace(JSON.stringify(first.reference), '"FROM-THE-INDEX"'));

  await page.evaluate(() => sessionStorage.setItem('test.slowFolders', '9000'));
  await page.goto(env.url + '#/families');
  await page.reload();
  // The first page at once, from the index alone.
  await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor({ timeout: 4000 });
  await page.getByText(`Showing ${open_.length} families`).waitFor({ timeout: 1000 });
  await page.getByRole('link', { name: 'FROM-THE-INDEX' }).waitFor({ timeout: 1000 });
  // A family's page opens that family's folder ahead of the others: drawn at once.
  await page.getByRole('link', { name: second.reference }).click();
  await page.getByRole('heading', { level: 1, name: second.reference }).waitFor({ timeout: 1500 });
  // So do its other pages (its wheels here).
  await page.evaluate((id) => { location.hash = `#/wheels/${id}`; }, second.meta.id);
  await page.getByRole('heading', { level: 1, name: `Wheels: ${second.reference}` }).waitFor({ timeout: 1500 });
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: second.reference }).waitFor({ timeout: 1000 });
  // A page that needs every folder says it is opening them.
  await page.evaluate(() => { location.hash = '#/reports'; });
  await page.getByRole('heading', { level: 1, name: 'Opening your families…' }).waitFor({ timeout: 1000 });
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: second.reference }).waitFor({ timeout: 1000 });
  // Meanwhile another tab renames a third family (heard while this one is still reading), and a
  // change is saved here on the family opened ahead of the others.
  const other = await env.context.newPage();
  await open(other, env.url, '#/families');
  await other.getByRole('link', { name: third.reference }).click();
  await other.getByRole('button', { name: 'Edit details' }).click();
  await other.getByLabel('Reference').fill('RENAMED-ELSEWHERE');
  await other.getByRole('button', { name: 'Save', exact: true }).click();
  await other.getByRole('status').getByText('Saved').waitFor();
  await other.close();
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Worker').fill('Worker while opening');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('status').getByText('Saved').waitFor();
  await page.evaluate(() => { location.hash = '#/reports'; });
  await page.getByRole('heading', { level: 1, name: 'Opening your families…' }).waitFor({ timeout: 1000 });
  // Once every folder is read: the report, the change saved here still on the screen, and the
  // other tab's change read in.
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor({ timeout: 20000 });
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: second.reference }).waitFor();
  await page.getByText('Worker while opening').waitFor();
  // The folders have the last word: the list says the true names, and the index is made again.
  await page.goBack();
  await page.getByRole('link', { name: first.reference }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'FROM-THE-INDEX' }).count(), 0);
  await page.getByRole('link', { name: 'RENAMED-ELSEWHERE' }).waitFor();
  assert.equal(await page.getByRole('link', { name: third.reference, exact: true }).count(), 0);
  await page.evaluate(() => sessionStorage.removeItem('test.slowFolders'));
  for (let i = 0; i < 50 && !(index.includes('RENAMED-ELSEWHERE') && index.includes(JSON.stringify(first.reference))); i++) {
    await page.waitForTimeout(200);
    index = await storedIndex(page);
  }
  assert.ok(!index.includes('FROM-THE-INDEX') && index.includes('RENAMED-ELSEWHERE') && index.includes(JSON.stringify(first.reference)), 'the index made again from the folders');
  // Stored, not only shown: after a reload, the change made while the folders were read.
  await page.getByRole('link', { name: second.reference }).click();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: second.reference }).waitFor();
  await page.getByText('Worker while opening').waitFor();
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});
