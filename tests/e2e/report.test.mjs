// The figures a council reports (issue 18), at a phone viewport: two workers' files brought in
// together (one preview, one import, one Undo; a bad file among them changes nothing), the report
// per family and per child, closing reasons on both bases, closed-case and re-referral figures,
// bar charts with their tables, this year against the last (on the page and in the figures CSV),
// the team filter, and a case opened again through the family's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, axe, smallTargets, clearStorage } from './helpers.mjs';

let env;
let page;
before(async () => {
  env = await setup();
  page = await env.context.newPage();
  await open(page, env.url, '#/data');
  await clearStorage(page);
  await page.reload();
  await page.locator('main h1').waitFor();
});
after(async () => { await env.close(); });

const T = 1790000000000;
let n = 0;
const meta = (id, device) => ({ id, created: T + n, updated: T + n++, device });
const reading = (id, family, date, score, device) => ({
  meta: meta(id, device), family, template: 'family', template_version: 1, date, by: 'agreed',
  scores: ['health', 'coping', 'safe'].map((area) => ({ area, score })),
});
const child = (id, family, device) => ({ meta: meta(id, device), family, role: 'child', name: 'Child', born: '2022-01-01' });
const file = (data) => JSON.stringify({ format: 'waymark', schema_version: 2, saved_at: T, scope: 'all', data });

// Sam, team North. S1: two children, 4 -> 6 (positive), closed with outcomes met. S2: one child,
// no change, open. S3: closed after advice in June 2024, referred again in March 2025 (within 12
// months), open, no readings since.
const sam = file({
  families: [
    { meta: meta('famS1', 'devS'), reference: 'S1', worker: 'Sam', team: 'North', opened: '2025-04-10', closed: { date: '2026-01-15', reason: 'outcomes_met' } },
    { meta: meta('famS2', 'devS'), reference: 'S2', worker: 'Sam', team: 'North', opened: '2025-05-01' },
    { meta: meta('famS3', 'devS'), reference: 'S3', worker: 'Sam', team: 'North', opened: '2025-03-01',
      earlier: [{ opened: '2024-01-10', closed: { date: '2024-06-01', reason: 'information_and_advice' }, worker: 'Sam' }] },
  ],
  members: [child('kidS1a', 'famS1', 'devS'), child('kidS1b', 'famS1', 'devS'), child('kidS2', 'famS2', 'devS'), child('kidS3', 'famS3', 'devS')],
  wheel_readings: [
    reading('rS1a', 'famS1', '2025-05-01', 4, 'devS'), reading('rS1b', 'famS1', '2025-10-01', 6, 'devS'),
    reading('rS2a', 'famS2', '2025-05-10', 5, 'devS'), reading('rS2b', 'famS2', '2025-10-10', 5, 'devS'),
    reading('rS3a', 'famS3', '2024-02-01', 3, 'devS'),
  ],
});
// Priya, team South. P1: closed (escalated) September 2024, never back. P2: no children, 6 -> 4
// (deterioration), closed after advice. P3: last year, 4 -> 6, closed March 2025.
const priya = file({
  families: [
    { meta: meta('famP1', 'devP'), reference: 'P1', worker: 'Priya', team: 'South', opened: '2024-05-01', closed: { date: '2024-09-01', reason: 'stepped_up' } },
    { meta: meta('famP2', 'devP'), reference: 'P2', worker: 'Priya', team: 'South', opened: '2025-06-01', closed: { date: '2026-02-01', reason: 'information_and_advice' } },
    { meta: meta('famP3', 'devP'), reference: 'P3', worker: 'Priya', team: 'South', opened: '2024-06-01', closed: { date: '2025-03-15', reason: 'outcomes_met' } },
  ],
  members: [child('kidP1', 'famP1', 'devP'), child('kidP3', 'famP3', 'devP')],
  wheel_readings: [
    reading('rP2a', 'famP2', '2025-06-10', 6, 'devP'), reading('rP2b', 'famP2', '2025-11-10', 4, 'devP'),
    reading('rP3a', 'famP3', '2024-07-01', 4, 'devP'), reading('rP3b', 'famP3', '2024-12-01', 6, 'devP'),
  ],
});
const json = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

test("a manager brings two workers' files in together: one preview, one import, one Undo", async () => {
  // A bad file among them: named, and nothing changes.
  await page.getByLabel('Choose a file').setInputFiles([json('sam.json', sam), json('broken.json', '{"format":"waymark"')]);
  await page.locator('#import-errors').getByText(/^broken\.json: /).waitFor();
  await page.locator('#import-errors').getByText('Nothing has been changed.').waitFor();

  await page.getByLabel('Choose a file').setInputFiles([json('sam.json', sam), json('priya.json', priya)]);
  const preview = page.getByRole('region', { name: 'What this file will do' });
  await preview.getByText('From 2 files, brought in together:').waitFor();
  await preview.getByText('sam.json: 3 families').waitFor();
  await preview.getByText('priya.json: 3 families').waitFor();
  await preview.getByText(/^Families: P1, P2, P3, S1, S2 and 1 more$/).waitFor();
  assert.deepEqual(await axe(page), [], 'axe on the preview of two files');
  await preview.getByRole('button', { name: 'Bring these in' }).click();
  await page.locator('.panel', { hasText: /^Brought in: 6 families added/ }).waitFor();
  // One Undo takes both files out.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Undone').first().waitFor();
  await page.goto(env.url + '#/families');
  await page.getByText('No families yet. Add your first family to get started.').waitFor();
  // Brought in again, in the other order: the same six.
  await page.goto(env.url + '#/data');
  await page.getByLabel('Choose a file').setInputFiles([json('priya.json', priya), json('sam.json', sam)]);
  await preview.getByRole('button', { name: 'Bring these in' }).click();
  await page.locator('.panel', { hasText: /^Brought in: 6 families added/ }).waitFor();
});

async function figure(name) {
  return page.locator(`[data-figure="${name}"]`).first().innerText();
}
/** The cells of a row of the table named `table`. */
async function cells(table, row) {
  const t = page.getByRole('table', { name: table, exact: true }).first();
  return t.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell').allInnerTexts();
}

test('the report per family and per child, closing reasons on both bases, closed cases and re-referrals', async () => {
  await page.goto(env.url + '#/reports');
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  await page.getByLabel('From').fill('2025-04-01');
  await page.getByLabel('To').fill('2026-03-31');
  await page.getByText('From 1 Apr 2025 to 31 Mar 2026, All workers').waitFor();
  await page.getByText(/^Counting families\./).waitFor();
  // S1, S2, S3 and P2 were worked with; P1 and P3 closed before.
  assert.equal(await figure('active'), '4');
  assert.equal(await figure('opened'), '3');
  assert.equal(await figure('closed'), '2');
  assert.equal(await figure('open'), '2');
  assert.deepEqual(await cells('Outcomes', 'Positive outcome'), ['1 (25%)']);
  assert.deepEqual(await cells('Outcomes', 'Deterioration'), ['1 (25%)']);
  await page.getByText('Percentages are whole numbers, rounded down, so they may add up to less than 100.').waitFor();
  // The same split as a picture, and the closing reasons too.
  await page.getByRole('img', { name: 'Outcomes: families in each' }).waitFor();
  await page.getByRole('img', { name: 'Why cases closed: families for each reason' }).waitFor();
  // Closing reasons as a share of those closed, and of everyone worked with.
  assert.deepEqual(await cells('As a share of cases closed in this period', 'Resolved by information and advice'), ['1 (50%)']);
  assert.deepEqual(await cells('As a share of everyone worked with', 'Resolved by information and advice'), ['1 (25%)']);
  // Closed with a positive outcome (S1) and with outcomes met (S1), of 2 closed; of the 3 closed
  // a year before (S3's first time, P1, P3), 2 were not referred again within 12 months.
  assert.equal(await figure('closed-positive'), '1 (50%)');
  assert.equal(await figure('closed-met'), '1 (50%)');
  assert.equal(await figure('not-rereferred'), '2 (66%)');
  assert.deepEqual(await axe(page), [], 'axe on the report');
  assert.deepEqual(await smallTargets(page), [], 'touch targets on the report');

  // Per child: S1's two children are positive, S2's no change, S3's too early; P2 has none.
  await page.getByRole('radio', { name: 'Children' }).check();
  await page.getByText('Counting children: 4 children in 4 families.', { exact: false }).waitFor();
  await page.getByText('1 family has no child recorded and is not in these figures.', { exact: false }).waitFor();
  assert.deepEqual(await cells('Outcomes', 'Positive outcome'), ['2 (50%)']);
  assert.deepEqual(await cells('Outcomes', 'Too early to measure'), ['1 (25%)']);
  assert.equal(await page.getByRole('table', { name: 'Outcomes', exact: true }).getByRole('columnheader').nth(1).innerText(), 'Children');
  await page.getByRole('img', { name: 'Outcomes: children in each' }).waitFor();
  assert.equal(await figure('closed-positive'), '2 (100%)');
  await page.getByRole('radio', { name: 'Families' }).check();
  await page.getByText(/^Counting families\./).waitFor();
});

test('this year against the last: beside every figure, with the change in points, and in the CSV', async () => {
  await page.getByLabel('Compare with', { exact: true }).selectOption({ label: 'The period before, of the same length' });
  await page.getByText('Compared with 1 Apr 2024 to 31 Mar 2025.', { exact: false }).waitFor();
  // Last year: S3 (its second time), P1 and P3 worked with; P3 positive.
  assert.deepEqual(await cells('Outcomes', 'Positive outcome'), ['1 (25%)', '1 (33%)', '−8']);
  assert.deepEqual(await page.getByRole('table', { name: 'Outcomes', exact: true }).getByRole('columnheader').allInnerTexts(),
    ['Outcome', 'Families', 'Before', 'Change (points)']);
  assert.deepEqual(await cells('Families', 'Worked with in this period'), ['4', '3', '+1']);
  assert.deepEqual(await axe(page), [], 'axe on the report with a comparison');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download the figures (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'waymark-figures-2025-04-01-to-2026-03-31.csv');
  const lines = readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
  assert.equal(lines[0], '\uFEFF"figure","counting","count","of","percent","before_from","before_count","before_of","before_percent","change"');
  assert.ok(lines.includes('"outcome_positive","families",1,4,25,2024-04-01,1,3,33,-8'), lines.join('\n'));
  assert.ok(lines.includes('"not_referred_again_within_12_months","families",2,3,66,2024-04-01,0,0,,'), lines.join('\n'));
  // A chosen earlier period of the same length (365 days): nothing compared until its start is
  // given.
  await page.getByLabel('Compare with', { exact: true }).selectOption({ label: 'A period I choose' });
  await page.getByText('Compared with', { exact: false }).waitFor({ state: 'detached' });
  assert.equal(await figure('active'), '4');
  await page.getByLabel('Compare with the period starting').fill('2023-04-01');
  await page.getByText('Compared with 1 Apr 2023 to 30 Mar 2024.', { exact: false }).waitFor();
  await page.getByLabel('Compare with', { exact: true }).selectOption({ label: 'Nothing' });
  await page.getByText('Compared with', { exact: false }).waitFor({ state: 'detached' });
});

test('the report for one team, and a case opened again through its page', async () => {
  await page.getByLabel('Team', { exact: true }).selectOption('South');
  await page.getByText('From 1 Apr 2025 to 31 Mar 2026, All workers, team South').waitFor();
  assert.equal(await figure('active'), '1');
  await page.getByLabel('Team', { exact: true }).selectOption('');

  // P2 is referred again in March 2026: its closed time is kept.
  await page.goto(env.url + '#/families');
  await page.getByLabel('All', { exact: true }).check();
  await page.getByRole('link', { name: 'P2' }).click();
  await page.getByRole('heading', { level: 1, name: 'P2' }).waitFor();
  await page.getByRole('heading', { name: 'Reopen' }).waitFor();
  // Before it closed: refused in words, nothing changes.
  await page.getByLabel('Date referred again').fill('2026-01-01');
  await page.getByRole('button', { name: 'Reopen' }).click();
  await page.getByRole('alert').getByText('There is a problem').waitFor();
  await page.getByLabel('Date referred again').fill('2026-03-20');
  await page.getByRole('button', { name: 'Reopen' }).click();
  await page.locator('summary', { hasText: 'Close this case' }).waitFor();
  await page.getByText('Earlier work with this family').waitFor();
  await page.getByText('1 Jun 2025 to 1 Feb 2026 · Resolved by information and advice · Priya').waitFor();
  await page.reload();
  await page.getByText('1 Jun 2025 to 1 Feb 2026 · Resolved by information and advice · Priya').waitFor();
  // Closed by mistake, taken back: no earlier time is added.
  await page.locator('summary', { hasText: 'Close this case' }).click();
  await page.getByRole('button', { name: 'Close this case' }).click();
  await page.getByRole('radio', { name: /closed by mistake/ }).check();
  await page.getByRole('button', { name: 'Reopen' }).click();
  await page.locator('summary', { hasText: 'Close this case' }).waitFor();
  assert.equal(await page.locator('.details ul.plain li').count(), 1);

  await page.goto(env.url + '#/reports');
  await page.getByLabel('From').fill('2025-04-01');
  await page.getByLabel('To').fill('2026-03-31');
  await page.getByText('From 1 Apr 2025 to 31 Mar 2026, All workers').waitFor();
  // P2's second time opened in the period; its first still closed in it.
  assert.equal(await figure('opened'), '4');
  assert.equal(await figure('closed'), '2');
  assert.equal(await figure('open'), '3');
});
