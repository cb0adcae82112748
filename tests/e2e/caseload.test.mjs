// Families, plans and caseload reports (issue 7) at a phone viewport: a small caseload built
// through the UI (consent, wheel readings, a closed case), the families list (search, filter,
// sort, reviews), a family plan from a wheel priority, the report's counts (and how the
// thresholds change them), both CSV files, and the printable summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, axe, smallTargets, unreachableByKeyboard, clearStorage } from './helpers.mjs';

let env;
let page;
before(async () => {
  env = await setup();
  page = await env.context.newPage();
  await open(page, env.url, '#/');
  await clearStorage(page);
  await page.reload();
});
after(async () => { await env.close(); });

const today = new Date().toISOString().slice(0, 10);
// The report's default period starts on 1 April of this financial year.
const now = new Date();
const fyStart = `${now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1}-04-01`;
/** The date `n` days before today. */
function daysAgo(n) {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}
// Every date below is counted back from today, so the test means the same on any day. The
// report covers the last 300 days.
const base = 240;
const inYear = (n) => daysAgo(base - n);
const from = daysAgo(300);

async function addFamily(reference, { worker = '', opened, consent = false } = {}) {
  await page.goto(env.url + '#/families/new');
  await page.getByRole('heading', { level: 1, name: 'Add a family' }).waitFor();
  await page.getByLabel('Reference').fill(reference);
  if (worker) await page.getByLabel('Worker').fill(worker);
  if (opened) await page.getByLabel('Date opened').fill(opened);
  if (consent) {
    await page.getByLabel('Keeping these records while we work together').check();
    await page.getByLabel('Counting their results, without names, in reports').check();
    await page.getByLabel('Date they agreed').fill(opened);
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  return new URL(page.url()).hash;
}

/** A family wheel scored on one screen: the first three areas at `score`, dated `date`. */
async function wheel(reference, date, score, { priority } = {}) {
  await page.goto(env.url + '#/wheels');
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { level: 1, name: `Wheels: ${reference}` }).waitFor();
  if (!(await page.getByRole('button', { name: 'Start' }).isVisible())) await page.locator('summary', { hasText: 'Score a wheel' }).click();
  await page.getByRole('radio', { name: /^Family wheel/ }).check();
  await page.getByLabel('Agreed together').check();
  await page.getByLabel('Date of the reading').fill(date);
  await page.getByLabel('The whole wheel on one screen').check();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { level: 1, name: 'Family wheel' }).waitFor();
  for (const area of ['1. Our health', '2. How I’m coping', '9. Home and bills']) {
    await page.getByLabel(area, { exact: true }).selectOption(String(score));
  }
  if (priority) {
    const more = page.locator('details', { has: page.locator('summary', { hasText: `Score for ${priority}` }) });
    await more.locator('summary').click();
    await more.getByLabel('This is one of our top 3 things to work on').check();
  }
  await page.getByRole('button', { name: 'Save this wheel' }).click();
  await page.getByRole('heading', { level: 1, name: `Wheels: ${reference}` }).waitFor();
}

async function closeCase(hash, reason, date) {
  await page.goto(env.url + hash);
  await page.locator('summary', { hasText: 'Close this case' }).click();
  await page.getByLabel('Why is it closing?').selectOption({ label: reason });
  await page.getByLabel('Date closed').fill(date);
  await page.getByRole('button', { name: 'Close this case' }).click();
  await page.getByRole('button', { name: 'Reopen' }).waitFor();
}

const hashes = {};

test('a worker builds a small caseload: consent, readings, a closed case', async () => {
  // Consent needs a date when anything is agreed.
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Reference').fill('CASE-X');
  await page.getByLabel('Counting their results, without names, in reports').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#family-consent-date-error').getByText('Enter the date the family agreed.').waitFor();
  await page.getByRole('alert').getByRole('link', { name: 'Enter the date the family agreed.' }).click();
  assert.equal(await page.getByLabel('Date they agreed').evaluate((e) => e === document.activeElement), true, 'the summary leads to the field');
  assert.deepEqual(await axe(page), [], 'axe on the family form with an error');

  hashes.A = await addFamily('CASE-A', { worker: 'Sam', opened: inYear(10), consent: true });
  await page.getByText(/^Consent given/).waitFor();
  await page.getByText('Counting their results, without names, in reports').waitFor();
  hashes.B = await addFamily('CASE-B', { worker: 'Priya', opened: inYear(20) });
  hashes.C = await addFamily('CASE-C', { worker: 'sam', opened: inYear(30) });
  hashes.D = await addFamily('CASE-D', { worker: 'Sam', opened: '2024-01-08' });

  // A: up 2 points per area over 15 weeks. B: down 2. C: no reading yet.
  await wheel('CASE-A', inYear(11), 3);
  await wheel('CASE-A', inYear(11 + 105), 5);
  await wheel('CASE-B', inYear(21), 6);
  await wheel('CASE-B', inYear(21 + 100), 4, { priority: 'Home and bills' });

  await closeCase(hashes.A, 'Outcomes met', today);
  await closeCase(hashes.D, 'Moved away', '2025-01-10');

  // The family page brings it together.
  await page.goto(env.url + hashes.A);
  await page.getByRole('heading', { level: 2, name: 'How things are going' }).waitFor();
  await page.getByText('Positive outcome').waitFor();
  await page.getByText('Wheel: +2.0 points per area, first to latest.').waitFor();
  await page.getByText(/^Family wheel: 2 readings, \+2\.0 points per area since the first\.$/).waitFor();
  assert.deepEqual(await axe(page), [], 'axe on the family page');
  await page.goto(env.url + hashes.B);
  await page.getByText('Deterioration', { exact: true }).waitFor();
  await page.goto(env.url + hashes.C);
  await page.getByText('Too early to measure').waitFor();
  await page.getByText('There are no wheel readings or answers to questions yet.').waitFor();
});

test('the families list searches, filters and sorts, showing reviews due', async () => {
  await page.goto(env.url + '#/families');
  await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor();
  const cards = page.locator('.card-list .card-link');
  // Open families by reference.
  assert.deepEqual(await cards.allInnerTexts(), ['CASE-B', 'CASE-C']);
  // C has had no wheel: its first was due two weeks after opening. B's review was due 12 weeks
  // after its latest reading.
  await page.locator('.card', { hasText: 'CASE-C' }).getByText(/^Review overdue since/).waitFor();
  await page.locator('.card', { hasText: 'CASE-B' }).getByText(/^Review overdue since/).waitFor();
  await page.getByLabel('Search by reference').fill('case-b');
  assert.deepEqual(await cards.allInnerTexts(), ['CASE-B']);
  await page.getByRole('status').getByText('Showing 1 family').waitFor();
  await page.getByLabel('Search by reference').fill('');
  await page.getByRole('radio', { name: 'Closed' }).check();
  assert.deepEqual(await cards.allInnerTexts(), ['CASE-A', 'CASE-D']);
  await page.getByRole('radio', { name: 'All' }).check();
  await page.getByLabel('Sort by').selectOption({ label: 'Next review (soonest first)' });
  assert.deepEqual(await cards.allInnerTexts(), ['CASE-C', 'CASE-B', 'CASE-A', 'CASE-D']);
  // The choice survives a reload.
  await page.reload();
  await page.locator('.card-link').first().waitFor();
  assert.deepEqual(await page.locator('.card-list .card-link').allInnerTexts(), ['CASE-C', 'CASE-B', 'CASE-A', 'CASE-D']);
  await page.getByLabel('Search by reference').fill('nothing like it');
  await page.getByText('No families match.', { exact: false }).waitFor();
  assert.deepEqual(await axe(page), [], 'axe on the families list');
  assert.deepEqual(await smallTargets(page), [], 'touch targets on the families list');
  await page.getByLabel('Search by reference').fill('');
  await page.getByRole('radio', { name: 'Open' }).check();
  await page.getByLabel('Sort by').selectOption({ label: 'Reference (A to Z)' });
});

test("a family's plan: a goal from a wheel priority, a step done, a look back, kept after a reload", async () => {
  await page.goto(env.url + hashes.B);
  await page.getByRole('link', { name: 'The plan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Plan for CASE-B' }).waitFor();
  await page.getByText('No goals yet.', { exact: false }).waitFor();
  assert.deepEqual(await axe(page), [], 'axe on an empty plan');
  // Words are needed.
  await page.getByRole('button', { name: 'Save the goal' }).click();
  await page.locator('#goal-text-error').getByText('Write the goal, in the family’s own words.').waitFor();
  await page.getByRole('radio', { name: 'From the wheel: Home and bills' }).check();
  await page.getByLabel('The goal, in your own words').fill('Get on top of the rent');
  await page.getByLabel('A first small step (optional)').fill('Ring the housing officer');
  await page.getByLabel('Who will do it').fill('Mum');
  await page.getByLabel('By when').fill(today);
  await page.getByRole('button', { name: 'Save the goal' }).click();
  const goal = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Get on top of the rent' }) });
  await goal.getByText('From the wheel: Home and bills', { exact: false }).waitFor();
  await goal.locator('.tag', { hasText: 'Not started' }).waitFor();
  // Tick the step.
  await goal.getByRole('checkbox', { name: /Ring the housing officer · Mum/ }).check();
  await page.getByRole('status').getByText('Saved').waitFor();
  // Look back at it.
  await goal.locator('summary', { hasText: 'Look back at this goal' }).click();
  await goal.getByLabel('How is it going?').selectOption({ label: 'Under way' });
  await goal.getByLabel('What has happened (optional)').fill('Meeting booked for Tuesday');
  await goal.getByRole('button', { name: 'Save', exact: true }).click();
  await goal.getByText('Meeting booked for Tuesday', { exact: false }).waitFor();
  await page.reload();
  const kept = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Get on top of the rent' }) });
  await kept.locator('.tag', { hasText: 'Under way' }).waitFor();
  assert.equal(await kept.getByRole('checkbox', { name: /Ring the housing officer/ }).isChecked(), true);
  assert.deepEqual(await axe(page), [], 'axe on a plan with a goal');
  assert.deepEqual(await smallTargets(page), [], 'touch targets on the plan');
  assert.deepEqual(await unreachableByKeyboard(page), [], 'every control of the plan by keyboard');
  // Delete, then undo.
  await kept.getByRole('button', { name: 'Delete the goal: Get on top of the rent' }).click();
  await page.getByText('No goals yet.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('heading', { name: 'Get on top of the rent' }).waitFor();
  // The words can be changed later.
  const back = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Get on top of the rent' }) });
  await back.locator('summary', { hasText: 'Change the words' }).click();
  await back.getByLabel('The goal, in your own words').fill('Get on top of the rent and bills');
  await back.getByRole('button', { name: 'Save the new words' }).click();
  await page.getByRole('heading', { name: 'Get on top of the rent and bills' }).waitFor();
  await page.goto(env.url + hashes.B);
  await page.getByText('1 goal: 0 achieved, 1 under way.').waitFor();
});

/** The number in a row of the report's families table. */
async function figure(name) {
  return Number(await page.locator(`[data-figure="${name}"]`).innerText());
}
async function row(tableHeading, name) {
  const table = page.locator('h2', { hasText: tableHeading }).locator('xpath=following-sibling::div[1]//table');
  return table.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell').first().innerText();
}

test('the caseload report counts families, closures and outcomes, for everyone and one worker', async () => {
  await page.goto(env.url + '#/reports');
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  assert.equal(await page.getByLabel('From').inputValue(), fyStart);
  assert.equal(await page.getByLabel('To').inputValue(), today);
  await page.getByLabel('From').fill(from);
  // A, B and C were worked with this year; D closed in 2025.
  assert.equal(await figure('active'), 3);
  assert.equal(await figure('opened'), 3);
  assert.equal(await figure('closed'), 1);
  assert.equal(await figure('open'), 2);
  assert.equal(await figure('overdue'), 2);
  assert.equal(await row('Outcomes', 'Positive outcome'), '1 (33%)');
  assert.equal(await row('Outcomes', 'No change'), '0 (0%)');
  assert.equal(await row('Outcomes', 'Deterioration'), '1 (33%)');
  assert.equal(await row('Outcomes', 'Too early to measure'), '1 (33%)');
  assert.equal(await row('Why cases closed', 'Outcomes met'), '1 (100%)');
  assert.equal(await row('Why cases closed', 'Moved away'), '0 (0%)');
  // The wheel: a radar with a table of the same averages.
  await page.getByRole('img', { name: 'Family wheel: average first and latest scores' }).waitFor();
  await page.getByText('2 families with a reading; 2 with two or more. Average distance travelled: 0.0 points per area.').waitFor();
  const health = page.getByRole('table', { name: 'Family wheel: average first and latest scores' }).getByRole('row', { name: /^1\. Our health/ });
  assert.deepEqual(await health.getByRole('cell').allInnerTexts(), ['4.5', '4.5', '0.0', '2']);
  assert.deepEqual(await axe(page), [], 'axe on the report');
  assert.deepEqual(await smallTargets(page), [], 'touch targets on the report');

  // One worker (named "Sam" and "sam"): A and C.
  await page.getByLabel('Worker', { exact: true }).selectOption('Sam');
  await page.getByText(/, Sam$/).waitFor();
  assert.equal(await figure('active'), 2);
  assert.equal(await row('Outcomes', 'Positive outcome'), '1 (50%)');
  assert.equal(await row('Outcomes', 'Too early to measure'), '1 (50%)');
  // A period with nobody in it.
  await page.getByLabel('Worker', { exact: true }).selectOption('');
  await page.getByLabel('From').fill('2025-01-01');
  await page.getByLabel('To').fill('2025-03-31');
  assert.equal(await figure('active'), 1);
  assert.equal(await figure('closed'), 1);
  assert.equal(await row('Why cases closed', 'Moved away'), '1 (100%)');
  // An end before the start is refused in words, and the last good report stays away.
  await page.getByLabel('To').fill('2024-12-31');
  await page.getByText('The end must be on or after the start').waitFor();
  assert.equal(await page.locator('[data-figure]').count(), 0);
  await page.getByLabel('From').fill(from);
  await page.getByLabel('To').fill(today);
  assert.equal(await figure('active'), 3);
});

test('the thresholds are settings: raising the wheel line changes the outcomes, and can be put back', async () => {
  await page.locator('summary', { hasText: 'Change the thresholds' }).click();
  await page.getByLabel('Wheel: points per area').fill('nonsense');
  await page.getByRole('button', { name: 'Save the thresholds' }).click();
  await page.locator('#outcomes-wheel_tenths-error').waitFor();
  await page.getByLabel('Wheel: points per area').fill('2.5');
  await page.getByRole('button', { name: 'Save the thresholds' }).click();
  await page.getByText(/at least 2\.5 points/).waitFor();
  assert.equal(await row('Outcomes', 'No change'), '2 (66%)');
  // Kept after a reload (and in the family's page).
  await page.reload();
  await page.getByText(/at least 2\.5 points/).waitFor();
  await page.getByLabel('From').fill(from);
  await page.locator('summary', { hasText: 'Change the thresholds' }).click();
  await page.getByRole('button', { name: 'Use the usual thresholds' }).click();
  await page.getByText(/at least 1\.0 points/).waitFor();
  assert.equal(await row('Outcomes', 'Positive outcome'), '1 (33%)');
});

test('both CSV files open in Excel: BOM, header, ISO dates, one row per score and per family', async () => {
  await page.goto(env.url + '#/reports');
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  await page.getByLabel('From').fill(from);
  const [readings] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download readings (CSV)' }).click(),
  ]);
  assert.equal(readings.suggestedFilename(), `waymark-readings-${from}-to-${today}.csv`);
  const r = readFileSync(await readings.path(), 'utf8');
  assert.ok(r.startsWith('\uFEFF"family_reference","worker","date","instrument"'), r.slice(0, 80));
  const lines = r.trimEnd().split('\r\n');
  // Two readings of three areas for A and for B.
  assert.equal(lines.length, 1 + 12);
  assert.ok(lines.some((l) => l.startsWith(`"CASE-A","Sam",${inYear(11)},"wheel","family","health","Our health","agreed",,3,2,`)), lines.join('\n'));

  const [outcomes] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download family outcomes (CSV)' }).click(),
  ]);
  const o = readFileSync(await outcomes.path(), 'utf8').trimEnd().split('\r\n');
  assert.equal(o.length, 1 + 3);
  // Then the team, earlier episodes, and the children by their own outcome.
  assert.equal(o[1], `"CASE-A","Sam",${inYear(10)},${today},"outcomes_met","positive",,2.0,,${inYear(11)},${inYear(116)},0,0,0,"",0,0,0,0,0`);
  assert.ok(o[2].startsWith('"CASE-B","Priya",') && o[2].includes('"deterioration",,-2.0,'));
  assert.ok(o[3].includes('"too_early","no_readings"'));
});

test('a printable family summary: this family only, A4, with its radar, questions and plan', async () => {
  await page.goto(env.url + hashes.B);
  await page.getByRole('link', { name: 'Print a summary' }).click();
  await page.getByRole('heading', { level: 1, name: 'Family summary: CASE-B' }).waitFor();
  await page.getByText(/^Printed /).waitFor();
  await page.getByRole('img', { name: /Family wheel for CASE-B/ }).waitFor();
  await page.getByRole('heading', { name: 'Get on top of the rent' }).waitFor();
  const text = await page.locator('main').innerText();
  for (const other of ['CASE-A', 'CASE-C', 'CASE-D']) assert.ok(!text.includes(other), `the summary mentions ${other}`);
  assert.deepEqual(await axe(page), [], 'axe on the summary');
  // The print button opens the browser's print window.
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  // In print, the app's own header, navigation and buttons are left out.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible(), false);
  assert.equal(await page.getByRole('heading', { level: 1, name: 'Family summary: CASE-B' }).isVisible(), true);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
  // Every page is A4: 595 x 842 points.
  const boxes = [...pdf.toString('latin1').matchAll(/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
  assert.ok(boxes.length >= 1);
  for (const [, w, h] of boxes) assert.deepEqual([Math.round(w), Math.round(h)], [595, 842]);
  await page.emulateMedia({ media: 'screen' });
});
