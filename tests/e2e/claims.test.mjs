// Evidence a council claims on (issue 33), at tablet size, as a worker would: a family brought in
// with its wheel; two needs added from the wheel's suggestions (a date left out first: the
// GOV.UK error, cleared when fixed); their outcomes met; the clock moved on six months; each
// checked as lasted; the family ready to claim; its claim pack printed (one or two A4 pages);
// marked claimed; the quarter's claims CSV and figures; a malformed outcome plan refused and a
// council's own plan loaded and used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, axe, smallTargets, clearStorage, TABLET } from './helpers.mjs';

let env;
let page;
const errors = [];
before(async () => {
  env = await setup({ viewport: TABLET });
  // 20 January 2026, a working morning; moved on later.
  await env.context.clock.install({ time: new Date('2026-01-20T09:30:00') });
  page = await env.context.newPage();
  errors.push(...(await open(page, env.url, '#/data')));
  await clearStorage(page);
  await page.reload();
  await page.locator('main h1').waitFor();
});
after(async () => { await env.close(); });

const T = 1767000000000;
const meta = (id) => ({ id, created: T, updated: T, device: 'devA' });
const file = JSON.stringify({
  format: 'waymark', schema_version: 5, saved_at: T, scope: 'all',
  data: {
    families: [{ meta: meta('famC1'), reference: 'C-101', worker: 'Sam', opened: '2025-11-03' }],
    members: [{ meta: meta('kidC1'), family: 'famC1', role: 'child', name: 'Ayaan', born: '2021-03-04' }],
    wheel_readings: [{
      meta: meta('rC1'), family: 'famC1', template: 'family', template_version: 1, date: '2025-11-10', by: 'agreed',
      scores: [['health', 3], ['coping', 6], ['safe', 7], ['home_bills', 2], ['work', 6]].map(([area, score]) => ({ area, score })),
    }],
    goals: [{ meta: meta('gC1'), family: 'famC1', text: 'Keep the flat', set: '2025-11-10', status: 'under_way' }],
  },
});

async function bringIn(name, text) {
  await page.goto(env.url + '#/data');
  await page.getByLabel('Choose a file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByRole('region', { name: 'What this file will do' }).getByRole('button', { name: 'Bring these in' }).click();
  await page.locator('.panel', { hasText: /^Brought in/ }).waitFor();
}

const state = () => page.locator('[data-claim-state]').first();

/** Opens "Add a need" (open already while a family has no needs). */
async function addNeedForm() {
  const details = page.locator('details', { has: page.locator('summary', { hasText: 'Add a need' }) });
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
}

test('needs from the wheel, outcomes met and lasted, ready to claim, the pack, claimed, the CSV', async () => {
  await bringIn('c101.json', file);
  // From the family's page.
  await page.goto(env.url + '#/families/famC1');
  await page.getByRole('heading', { level: 2, name: 'Needs and outcomes' }).waitFor();
  assert.equal(await state().innerText(), 'No needs recorded yet');
  await page.getByRole('link', { name: 'See needs and outcomes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Needs and outcomes for C-101' }).waitFor();
  assert.deepEqual(await axe(page), [], 'axe, no needs');
  assert.deepEqual(await smallTargets(page), []);

  // The wheel suggests the two low areas with a headline each (not the ones scored 6 or 7).
  const suggest = page.getByRole('region', { name: "Suggested by the family's wheel" });
  await suggest.getByText('Home and bills: 2 out of 10').waitFor();
  await suggest.getByText('Our health: 3 out of 10').waitFor();
  assert.equal(await suggest.getByRole('listitem').count(), 2);
  await suggest.getByRole('button', { name: 'Add as a need: Home and bills (Secure housing)' }).click();
  await page.getByRole('heading', { level: 3, name: 'Secure housing' }).waitFor();
  // One headline is not enough for the national plan.
  await page.getByText('Find needs under at least 2 headlines (now 1).').waitFor();

  // The form, quickest path, with the date left out first.
  await addNeedForm();
  await page.getByLabel('Headline', { exact: true }).selectOption({ label: 'Improved mental and physical health' });
  await page.getByLabel('Who it is about').selectOption({ label: 'Ayaan' });
  await page.getByLabel('Date the need was found').fill('');
  await page.getByRole('button', { name: 'Save the need' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByRole('link', { name: 'Enter the date.' }).waitFor();
  await page.locator('#need-identified-error').getByText('Enter the date.').waitFor();
  assert.deepEqual(await axe(page), [], 'axe with the error');
  await page.getByLabel('Date the need was found').fill('2026-01-19');
  assert.equal(await page.locator('#need-identified-error').count(), 0, 'cleared when changed');
  await page.getByRole('button', { name: 'Save the need' }).click();
  await page.getByRole('heading', { level: 3, name: 'Improved mental and physical health' }).waitFor();
  // The health need is there now: the wheel no longer suggests it.
  assert.equal(await page.getByText('Our health: 3 out of 10').count(), 0);
  assert.equal(await state().innerText(), '2 needs have no lasting outcome yet');

  // Each outcome met today.
  for (const name of ['Secure housing', 'Improved mental and physical health']) {
    const card = page.locator('li.need', { has: page.getByRole('heading', { level: 3, name }) });
    await card.getByText('Record the outcome').click();
    await card.getByLabel('What shows it').selectOption({ label: 'A fact, such as school attendance' });
    await card.getByLabel('The evidence in words').fill('Rent paid for three months; GP says sleeping better.');
    await card.getByRole('button', { name: 'Save the outcome' }).click();
    await page.locator('li.need', { has: page.getByRole('heading', { level: 3, name }) })
      .getByText('Outcome met: it must last until 20 Jul 2026').waitFor();
  }
  assert.equal(await state().innerText(), 'Outcomes met: they must last until 20 Jul 2026');
  // Kept across a reload.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Needs and outcomes for C-101' }).waitFor();
  assert.equal(await state().innerText(), 'Outcomes met: they must last until 20 Jul 2026');

  // Six months on: both checks due, listed on the claims page.
  await page.clock.setSystemTime(new Date('2026-07-22T10:00:00'));
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Needs and outcomes for C-101' }).waitFor();
  assert.equal(await state().innerText(), '2 checks are due');
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await page.getByRole('link', { name: /^Claims: needs, outcomes/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Claims' }).waitFor();
  const due = page.locator('main h2:has-text("Checks due") + div');
  await due.getByText('Secure housing: it had to last until 20 Jul 2026').waitFor();
  assert.deepEqual(await axe(page), [], 'axe, claims page');
  await due.getByRole('link', { name: 'C-101' }).first().click();

  for (const name of ['Secure housing', 'Improved mental and physical health']) {
    const card = page.locator('li.need', { has: page.getByRole('heading', { level: 3, name }) });
    await card.getByText('Record a check').click();
    await card.getByLabel('Yes, it has lasted').check();
    await card.getByRole('button', { name: 'Save the check' }).click();
    await page.locator('li.need', { has: page.getByRole('heading', { level: 3, name }) })
      .getByText('Outcome lasted (checked on 22 Jul 2026)').waitFor();
  }
  assert.equal(await state().innerText(), 'Ready to claim');
  assert.deepEqual(await axe(page), [], 'axe, ready');
  assert.deepEqual(await smallTargets(page), [], 'every control a full-size target');

  // The claim pack, as an auditor reads it: one or two A4 pages.
  await page.getByRole('link', { name: 'Claim pack' }).click();
  await page.getByRole('heading', { level: 1, name: 'Claim pack: C-101' }).waitFor();
  const pack = await page.locator('main').innerText();
  for (const words of ['Sam', 'Wheel on 10 Nov 2025', 'the first set on 10 Nov 2025', 'Secure housing',
    'Must last until 20 Jul 2026', 'Rent paid for three months', 'Ready to claim']) {
    assert.ok(pack.includes(words), words);
  }
  assert.deepEqual(await axe(page), [], 'axe, claim pack');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download as a file' }).click(),
  ]);
  const packed = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(packed.format, 'waymark-claim-pack');
  assert.equal(packed.state, 'ready');
  assert.deepEqual(packed.needs.map((n) => n.headline).sort(), ['health', 'housing']);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
  await page.emulateMedia({ media: 'screen' });

  // Marked claimed (a date before the family was ready first: said by the date); a second claim
  // is not offered.
  await page.getByRole('link', { name: 'Needs and outcomes' }).click();
  await page.getByLabel('Date of the claim').fill('2026-06-01');
  await page.getByRole('button', { name: 'Mark as claimed' }).click();
  const notReady = 'The family is not ready to claim on that date. Choose the day it was ready, or later.';
  await page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link', { name: notReady }).waitFor();
  await page.locator('#claim-date-error').getByText(notReady).waitFor();
  assert.equal(await state().innerText(), 'Ready to claim', 'nothing changed');
  await page.getByLabel('Date of the claim').fill('2026-07-22');
  await page.getByRole('button', { name: 'Mark as claimed' }).click();
  await page.getByRole('status').getByText('Marked as claimed').waitFor();
  assert.equal(await state().innerText(), 'Claimed on 22 Jul 2026');
  assert.equal(await page.getByRole('button', { name: 'Mark as claimed' }).count(), 0);
  // Marked by mistake: taken back (ready again), then marked again.
  await page.getByRole('button', { name: 'Take the claim back' }).click();
  await page.getByRole('button', { name: 'Undo' }).waitFor();
  assert.equal(await state().innerText(), 'Ready to claim');
  await page.getByRole('button', { name: 'Mark as claimed' }).click();
  await page.getByRole('status').getByText('Marked as claimed').waitFor();
  assert.equal(await state().innerText(), 'Claimed on 22 Jul 2026');

  // The quarter's claims: the list, the CSV and the programme's figures.
  await page.getByRole('link', { name: 'Reports', exact: true }).click();
  await page.getByRole('link', { name: /^Claims: needs, outcomes/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Claims' }).waitFor();
  await page.getByLabel('Show').selectOption({ label: 'Claimed' });
  await page.locator('.claims-list').getByRole('link', { name: 'C-101' }).waitFor();
  await page.getByLabel('Show').selectOption({ label: 'Ready to claim' });
  await page.getByText('No families match. Try showing every family.').waitFor();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: "Download the quarter's claims (CSV)" }).click(),
  ]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.match(text, /^\uFEFF"claimed_on","family_reference"/);
  assert.ok(text.includes('2026-07-22,"C-101","Sam","","health housing",2,"national-v1"'), text);
  const claimed = page.locator('table.claim-figures tr', { hasText: 'Families claimed' });
  assert.equal(await claimed.locator('td').first().innerText(), '1');
  const housing = page.locator('table.claim-headlines tr', { hasText: 'Secure housing' });
  assert.equal(await housing.locator('td').nth(2).innerText(), '1 (0)');
  assert.deepEqual(await axe(page), [], 'axe, claims page with figures');
});

test("a council's outcome plan: a malformed one refused, its own loaded and used, then stopped", async () => {
  await page.goto(env.url + '#/claims');
  await page.getByRole('heading', { level: 1, name: 'Claims' }).waitFor();
  await page.getByText('In use: Supporting Families Outcome Framework, version 1').waitFor();
  const bad = { format: 'waymark-outcome-plan', id: 'northshire', version: 1, name: { en: 'Northshire' },
    sustain_months: 12, rule: { headlines: 3, lead: true, assessment: true, plan: true },
    headlines: [{ headline: 'housing' }, { headline: 'health' }] };
  await page.getByLabel('Choose a file').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.getByRole('heading', { level: 3, name: "We couldn't use this outcome plan file." }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Keep this outcome plan' }).count(), 0);
  const good = { ...bad, rule: { headlines: 1, lead: true, assessment: false, plan: false },
    headlines: [{ headline: 'housing', sustain_months: 3,
      descriptors: [{ id: 'rent-arrears', text: { en: 'Rent arrears putting the tenancy at risk' } }] }, { headline: 'health' }] };
  await page.getByLabel('Choose a file').setInputFiles({ name: 'plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await page.getByRole('heading', { level: 3, name: 'Northshire' }).waitFor();
  await page.getByText('2 headlines, version 1.').waitFor();
  await page.getByRole('button', { name: 'Keep this outcome plan' }).click();
  await page.getByText('In use: Northshire, version 1').waitFor();
  await page.getByText('Outcomes must last 12 months; needs under at least 1 headlines.').waitFor();
  // Its descriptors are offered for its headline.
  await page.goto(env.url + '#/families/famC1/needs');
  await addNeedForm();
  await page.getByLabel('Headline', { exact: true }).selectOption({ label: 'Secure housing' });
  await page.getByLabel('Descriptor').selectOption({ label: 'Rent arrears putting the tenancy at risk' });
  await page.getByRole('button', { name: 'Save the need' }).click();
  await page.locator('li.need').getByText('Rent arrears putting the tenancy at risk', { exact: true }).waitFor();
  // Stopped: the national plan again.
  await page.goto(env.url + '#/claims');
  await page.getByRole('button', { name: 'Stop using this plan' }).click();
  await page.getByText('In use: Supporting Families Outcome Framework, version 1').waitFor();
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
});
