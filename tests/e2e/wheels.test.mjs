// Outcome wheels (issue 4) at a phone viewport: a family wheel by touch and by keyboard alone,
// a reload half way, a second reading on the radar and in the table with the right changes,
// the whole wheel on one screen, and deleting a reading with undo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, axe, smallTargets, clearStorage } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const STAGES = ['Struggling right now', 'Open to support', 'Giving it a go', 'Getting there', 'Steady on our own'];

async function freshFamily(reference) {
  const page = await env.context.newPage();
  await open(page, env.url, '#/');
  await clearStorage(page);
  await page.reload();
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Reference').fill(reference);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  return page;
}

async function startWheel(page, reference, { date, whole = false } = {}) {
  await page.goto(env.url + '#/wheels');
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { level: 1, name: `Wheels: ${reference}` }).waitFor();
  const summary = page.locator('summary', { hasText: 'Score a wheel' });
  if (!(await page.getByRole('button', { name: 'Start' }).isVisible())) await summary.click();
  await page.getByRole('radio', { name: /^Family wheel/ }).check();
  await page.getByLabel('Agreed together').check();
  if (date) await page.getByLabel('Date of the reading').fill(date);
  if (whole) await page.getByLabel('The whole wheel on one screen').check();
  await page.getByRole('button', { name: 'Start' }).click();
}

/** Scores one area by touch: a stage card, then the point within it. */
async function tapScore(page, score) {
  const stage = STAGES[Math.floor((score - 1) / 2)];
  await page.getByRole('radio', { name: new RegExp(`^${stage}`) }).click();
  await page.getByRole('radio', { name: new RegExp(`^${score}:`) }).click();
  await page.getByRole('button', { name: 'Next' }).click();
}

const FIRST = [2, 5, 5, 7, 1, 3, 3, 6, 2, 4];
const SECOND = [5, 5, 3, 9, 2, 6, 5, 6, 5, 4];

test('a family completes a wheel by touch, with a reload half way', async () => {
  const page = await freshFamily('WHEEL-1');
  await startWheel(page, 'WHEEL-1', { date: '2026-06-01' });
  await page.getByText('Area 1 of 10').waitFor();
  await page.getByRole('heading', { level: 1, name: 'Our health' }).waitFor();
  assert.deepEqual(await axe(page), [], 'axe on an area screen');
  await page.getByRole('radio', { name: /^Giving it a go/ }).click();
  assert.deepEqual(await smallTargets(page), [], 'touch targets on an area screen');
  for (const s of FIRST.slice(0, 4)) await tapScore(page, s);
  // A note and a priority on area 5.
  await page.locator('summary', { hasText: 'More about this area' }).click();
  await page.getByLabel('What would one step up look like?').fill('Ask Nan to help on Tuesdays');
  await page.getByLabel('This is one of our top 3 things to work on').check();
  // Close the tab half way and come back: the wheel resumes where it stopped.
  await page.reload();
  await page.getByText('Area 5 of 10').waitFor();
  assert.equal(await page.getByLabel('What would one step up look like?').inputValue(), 'Ask Nan to help on Tuesdays');
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByText('Area 4 of 10').waitFor();
  assert.ok(await page.getByRole('radio', { name: '7: just at this step' }).isChecked(), 'earlier answers kept');
  await page.getByRole('button', { name: 'Next' }).click();
  for (const s of FIRST.slice(4)) await tapScore(page, s);
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  const rows = page.locator('table.scores tbody tr');
  assert.equal(await rows.count(), 10);
  assert.match(await rows.nth(8).innerText(), /Home and bills\s+2 · Struggling right now/);
  assert.match(await rows.nth(4).innerText(), /Top things to work on/);
  assert.deepEqual(await axe(page), [], 'axe on the review screen');
  await page.getByRole('button', { name: 'Save this wheel' }).click();
  await page.getByRole('heading', { level: 1, name: 'Wheels: WHEEL-1' }).waitFor();
  await page.getByText('This is the first reading.').waitFor();
  await page.getByRole('img', { name: /Family wheel for WHEEL-1/ }).waitFor();
  await page.close();
});

test('a second reading by keyboard alone shows both on the radar, with the right changes', async () => {
  const page = await env.context.newPage();
  await open(page, env.url, '#/wheels');
  await startWheel(page, 'WHEEL-1');
  await page.getByText('Area 1 of 10').waitFor();
  for (const [i, score] of SECOND.entries()) {
    const stage = Math.floor((score - 1) / 2);
    // Each new area puts focus on its heading; from there Tab reaches the first stage card,
    // and the arrow keys move and choose.
    await page.getByText(`Area ${i + 1} of 10`).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    for (let k = 0; k < stage; k++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press(score % 2 === 1 ? 'Space' : 'ArrowDown');
    // On to Next: past the note disclosure and Back.
    const next = page.getByRole('button', { name: 'Next' });
    for (let k = 0; k < 5 && !(await next.evaluate((b) => b === document.activeElement)); k++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
  }
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  const save = page.getByRole('button', { name: 'Save this wheel' });
  await save.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Wheels: WHEEL-1' }).waitFor();
  const radar = page.getByRole('img', { name: /Family wheel for WHEEL-1/ });
  await radar.waitFor();
  assert.equal(await page.locator('[data-series=first]').count(), 1);
  assert.equal(await page.locator('[data-series=latest]').count(), 1);
  const table = page.getByRole('table');
  const row = (name) => table.getByRole('row', { name: new RegExp(name) });
  assert.match(await row('Our health').innerText(), /2\s+5\s+\+3/);
  assert.match(await row('Feeling loved and listened to').innerText(), /5\s+3\s+-2/);
  assert.match(await row('Calm, clear limits').innerText(), /6\s+6\s+0/);
  await page.getByText('Home and bills: up 3, from Struggling right now to Giving it a go').waitFor();
  await page.getByText('6 areas up, 3 the same, 1 down. Average change since the first reading: +1.2.').waitFor();
  assert.deepEqual(await axe(page), [], 'axe on the results');
  assert.deepEqual(await smallTargets(page), [], 'touch targets on the results');
  await page.close();
});

test('a worker scores the whole wheel on one screen; a reading can be deleted and undone', async () => {
  const page = await freshFamily('WHOLE-1');
  await startWheel(page, 'WHOLE-1', { whole: true });
  await page.getByRole('heading', { level: 1, name: 'Family wheel' }).waitFor();
  await page.getByLabel('1. Our health').selectOption('4');
  await page.getByLabel('9. Home and bills').selectOption('7');
  // Two scores: two markers, and gaps (no shape through the centre) for the areas not scored.
  assert.equal(await page.locator('#radar-live [data-series=latest] polygon').count(), 2, 'the live radar shows two scores');
  assert.equal(await page.locator('#radar-live text', { hasText: 'not scored' }).count(), 8);
  assert.deepEqual(await axe(page), []);
  await page.getByRole('button', { name: 'Save this wheel' }).click();
  await page.getByRole('heading', { level: 1, name: 'Wheels: WHOLE-1' }).waitFor();
  await page.getByRole('button', { name: /^Delete the wheel of/ }).click();
  await page.getByText('No wheel readings yet.').count();
  assert.equal(await page.getByRole('img', { name: /Family wheel for/ }).count(), 0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('img', { name: /Family wheel for WHOLE-1/ }).waitFor();
  await page.close();
});

test('a service loads its own wheel; a malformed one is refused clearly', async () => {
  const page = await freshFamily('OWN-1');
  await page.goto(env.url + '#/wheels');
  await page.getByRole('heading', { level: 1, name: 'Outcome wheels' }).waitFor();
  const family = JSON.parse(readFileSync(new URL('../../src/domain/wheel/builtin/family.json', import.meta.url), 'utf8'));
  const bad = structuredClone(family);
  bad.id = 'our_centre';
  bad.areas[3].stages.pop();
  bad.areas[5].name = { en: '' };
  await page.getByLabel('Choose a file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  const errors = page.locator('#load-wheel-errors');
  await errors.getByText('areas, record 4, stages: this must be from 5 to 5').waitFor();
  await errors.getByText('areas, record 6, name: this is needed').waitFor();
  await page.getByLabel('Choose a file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{nope') });
  await errors.getByText(/can't be read \(line 1, column 2\)/).waitFor();

  const own = structuredClone(family);
  own.id = 'our_centre';
  own.name = { en: "Our centre's wheel" };
  own.areas = own.areas.slice(0, 5);
  await page.getByLabel('Choose a file').setInputFiles({ name: 'own.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  const preview = page.getByRole('region', { name: "Our centre's wheel" });
  await preview.getByText('5 areas, version 1.').waitFor();
  await preview.getByRole('button', { name: 'Keep this wheel' }).click();
  await page.getByRole('status').getByText("You can now use Our centre's wheel.").waitFor();

  // It is offered for a new reading, and survives a reload.
  await page.reload();
  await page.getByRole('link', { name: 'OWN-1' }).click();
  await page.getByRole('radio', { name: /^Our centre's wheel/ }).check();
  await page.getByLabel('The whole wheel on one screen').check();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { level: 1, name: "Our centre's wheel" }).waitFor();
  assert.equal(await page.locator('select[id^=score-]').count(), 5);
  await page.close();
});
