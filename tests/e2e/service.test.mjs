// A whole service on one device (issue 17), at a phone viewport: a service's file brought in with
// a summarised preview and progress, the families list drawn a page at a time with search and
// filters over every family, and the room shown on "Your data".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setup, open, axe, clearStorage } from './helpers.mjs';

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
