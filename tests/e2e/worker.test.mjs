// The worker's side of the family journeys (issue 15), on a centre's tablet (820x1180): bringing
// in a family's file (the worker chooses whose it is, sees what it holds, and the result stays
// on the page, in the right plural), a baby born early (born at how many weeks, and the corrected
// age wherever the age is shown), the milestone timeline (checked stages and the current one,
// the area names in view), the 0-10 scale and its history, and a printed summary that is short.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setup, open, appReady, axe, smallTargets, TABLET, SMALL_PHONE, clearStorage } from './helpers.mjs';

let env;
let page;
const days = (n) => new Date(Date.now() - n * 86400000).toISOString().slice(0, 10);

before(async () => {
  env = await setup({ viewport: TABLET, mode: null });
  page = await env.context.newPage();
  await open(page, env.url, '#/');
  await clearStorage(page);
  await page.reload();
  await appReady(page);
  await page.getByRole('button', { name: 'For my work with families' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
});
after(async () => { await env.close(); });

async function addFamily(ref) {
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Reference').fill(ref);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: ref }).waitFor();
}

test("a family's file: the worker chooses whose it is, sees what it holds, and the result stays", async () => {
  await addFamily('CASE-9');
  await addFamily('CASE-10');
  const text = execFileSync('cargo', ['run', '--quiet', '--example', 'export_sample', 'shared'], {
    cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  await page.goto(env.url + '#/data');
  await page.getByLabel('Choose a file').setInputFiles({ name: 'from-family.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const preview = page.getByRole('region', { name: 'What this file will do' });
  await preview.waitFor();
  // Nothing is chosen for the worker.
  const select = preview.getByLabel('Whose answers are these?');
  assert.equal(await select.inputValue(), '');
  assert.equal(await select.locator('option:checked').innerText(), 'Choose a family');
  // What the file holds, in words.
  await preview.getByText('What the file holds').waitFor();
  await preview.getByText(/^People: /).waitFor();
  const holds = preview.getByText(/^4 wheel readings, 7 answers to questions, 2 milestone checks, 1 goal/);
  await holds.waitFor();
  // Every kind counted, so that what it holds adds up to what it adds (issue 30).
  const held = (await holds.innerText()).match(/\d+/g).map(Number).reduce((a, b) => a + b, 0);
  // Bringing it in without choosing says what to do, and changes nothing.
  await preview.getByRole('button', { name: 'Bring these in' }).click();
  await page.getByRole('alert').filter({ hasText: 'There is a problem' }).getByRole('link', { name: /Choose whose answers these are/ }).waitFor();
  assert.deepEqual(await axe(page), [], 'axe on the attach error');
  // A family of its own: one family, in the right plural.
  await select.selectOption('new');
  assert.equal(await page.getByText('There is a problem').count(), 0, 'cleared when chosen');
  await preview.getByText(`Add 1 family and ${held} records`, { exact: true }).waitFor();
  // The right family here: nothing retyped, no new family.
  await select.selectOption({ label: 'CASE-9' });
  await preview.getByText(/^Add 0 families and \d+ records$/).waitFor();
  await preview.getByRole('button', { name: 'Bring these in' }).click();
  // The result stays on the page (it is not a message that fades).
  const result = page.locator('.panel', { hasText: /^Brought in: 0 families added, \d+ readings added/ });
  await result.waitFor();
  await page.waitForTimeout(7000);
  await result.waitFor();
  await page.goto(env.url + '#/families');
  await page.getByRole('radio', { name: 'All' }).check();
  assert.deepEqual(await page.locator('.card-list .card-link').allInnerTexts(), ['CASE-10', 'CASE-9']);
  // The wheel page says who scored each reading drawn: a family's own reading from their phone
  // is never taken for the worker's (issue 30).
  await page.getByRole('link', { name: 'CASE-9' }).click();
  await page.locator('main a[href^="#/wheels/"]').first().click();
  const key = await page.locator('figure.radar .legend li').first().waitFor().then(() => page.locator('figure.radar .legend li').allInnerTexts());
  assert.ok(key.length >= 2, key.join(' | '));
  for (const k of key) assert.match(k.trim(), / · (Family|Worker|Child|Agreed together)$/);
  const heads = await page.locator('table.scores thead th .meta').allInnerTexts();
  for (const h of heads) assert.match(h.trim(), / · (Family|Worker|Child|Agreed together)$/);
});

test('a baby born early: "born at how many weeks", and the corrected age beside the age', async () => {
  await addFamily('EARLY-1');
  await page.locator('summary', { hasText: 'Add a person' }).click();
  await page.getByLabel('Name or initials').fill('Noor');
  await page.getByLabel('Child').check();
  await page.getByLabel('Date of birth').fill(days(200));
  // A number that cannot be a birth: said, by the field and at the top.
  await page.getByLabel('Born at how many weeks of pregnancy?').fill('12');
  await page.getByRole('button', { name: 'Add this person' }).click();
  await page.getByText('Enter a number from 23 to 42.').first().waitFor();
  await page.getByLabel('Born at how many weeks of pregnancy?').fill('34');
  assert.equal(await page.getByText('Enter a number from 23 to 42.').count(), 0, 'cleared when changed');
  await page.getByRole('button', { name: 'Add this person' }).click();
  // 200 days old, born 6 weeks early: the age and, beside it, the corrected age.
  const line = page.locator('.people li', { hasText: 'Noor' });
  await line.getByText(/6 months and \d weeks? \(corrected age 5 months and \d weeks?\)/).waitFor();
  await page.goto(env.url + '#/milestones');
  await page.locator('.card', { hasText: 'Noor' }).getByText(/\(corrected age 5 months/).waitFor();
  await page.getByRole('link', { name: 'Noor · EARLY-1' }).click();
  await page.locator('main .lead').getByText(/\(corrected age 5 months/).waitFor();
  // Changing the person shows the weeks they were born at, not weeks early.
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: 'EARLY-1' }).click();
  await page.getByRole('button', { name: 'Edit the details of Noor' }).click();
  assert.equal(await page.getByLabel('Born at how many weeks of pregnancy?').inputValue(), '34');
});

test('the timeline shows the stages checked and the current one, with the area names in view', async () => {
  await page.goto(env.url + '#/milestones');
  await page.getByRole('link', { name: 'Noor · EARLY-1' }).click();
  await page.getByRole('link', { name: 'Record a check' }).click();
  for (const group of await page.locator('fieldset.milestone').all()) {
    await group.getByRole('radio', { name: 'Yes', exact: true }).check();
  }
  await page.getByRole('button', { name: 'Save this check' }).click();
  const table = page.getByRole('table', { name: 'Progress at each stage' });
  await table.waitFor();
  assert.equal(await table.locator('thead th').count(), 2, 'the area column and the one stage checked');
  const fits = await page.locator('.timeline').evaluate((t) => t.getBoundingClientRect().width <= t.parentElement.getBoundingClientRect().width + 1);
  assert.ok(fits, 'the timeline fits the tablet');
  assert.equal(await table.locator('tbody th').first().evaluate((th) => getComputedStyle(th).position), 'sticky');
  assert.deepEqual(await axe(page), [], 'axe on the timeline');
  // The family's page counts it in the right plural (issue 30: "1 milestone checks").
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: 'EARLY-1' }).click();
  await page.getByText('0 wheel readings, 1 milestone check, 0 scaling answers', { exact: true }).waitFor();
});

test('0 to 10 in order, and the history: a key with swatches, dated marks, two answers on a day', async () => {
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: 'CASE-10' }).click();
  await page.getByRole('heading', { level: 1, name: 'CASE-10' }).waitFor();
  await page.goto(page.url().replace('#/families/', '#/scales/'));
  await page.locator('.card-link').first().waitFor();
  const question = await page.locator('.card-link').first().innerText();
  for (const [by, v] of [['Family', 3], ['Family', 5], ['Worker', 4]]) {
    await page.locator('.card-link', { hasText: question }).click();
    await page.getByRole('heading', { level: 1, name: question }).waitFor();
    await page.getByLabel(by, { exact: true }).check();
    await page.getByRole('radio', { name: String(v), exact: true }).check();
    await page.getByRole('button', { name: 'Save this answer' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasNotText: question }).waitFor();
  }
  await page.locator('.card-link', { hasText: question }).click();
  // At this width: 0 to 10 in one row, in order.
  const tops = await page.locator('.scale-point').evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, 'one row');
  const xs = await page.locator('.scale-point').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().left));
  assert.deepEqual([...xs].sort((a, b) => a - b), xs, 'in order');
  // The history: a key with a swatch for each person, dated marks, and the two answers the
  // family gave today both drawn, side by side.
  const legend = page.locator('.legend').last();
  assert.equal(await legend.locator('li svg').count(), 2);
  const chart = page.locator('.chart-svg');
  const today = await page.evaluate(() => new Date().getDate());
  await chart.locator('text', { hasText: new RegExp(`^${today} `) }).waitFor();
  const family = await chart.locator('[data-line=Family] circle').evaluateAll((cs) => cs.map((c) => c.getAttribute('cx')));
  assert.equal(family.length, 2);
  assert.notEqual(family[0], family[1], 'side by side, not on top of each other');
  // Column headings never break inside a word.
  const broken = await page.locator('table.scores thead th').evaluateAll((ths) => ths.filter((th) => getComputedStyle(th).overflowWrap === 'anywhere').length);
  assert.equal(broken, 0);
  // On a phone: two even rows, 0-5 and 6-10.
  await page.setViewportSize(SMALL_PHONE);
  const rows = await page.locator('.scale-point').evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top)));
  assert.equal(new Set(rows.slice(0, 6)).size, 1);
  assert.equal(new Set(rows.slice(6)).size, 1);
  await page.setViewportSize(TABLET);
});

test('the printed summary of a typical family is one or two A4 pages, with referrals and prematurity', async () => {
  // The sample family: wheel readings, checks with a referral, answers, a plan; a child born early.
  const text = execFileSync('cargo', ['run', '--quiet', '--example', 'export_sample', 'family'], {
    cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const doc = JSON.parse(text);
  const fam = doc.data.families[0];
  const p = await env.context.newPage();
  await open(p, env.url, '#/');
  await clearStorage(p);
  await p.reload();
  await p.getByRole('button', { name: 'For my work with families' }).click();
  await p.goto(env.url + '#/data');
  await p.getByLabel('Choose a file').setInputFiles({ name: 's.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await p.getByRole('region', { name: 'What this file will do' }).getByRole('button', { name: 'Bring these in' }).click();
  await p.locator('.panel', { hasText: /^Brought in/ }).waitFor();
  await p.goto(env.url + `#/families/${fam.meta.id}/print`);
  await p.getByRole('heading', { level: 1, name: `Summary: ${fam.reference}` }).waitFor();
  const printed = await p.locator('main').innerText();
  assert.match(printed, /born at \d+ weeks/, 'prematurity');
  const referral = doc.data.milestone_checks.flatMap((c) => c.actions ?? [])[0];
  assert.ok(printed.includes(referral.what), 'the referral');
  // Checked stages only.
  for (const t of await p.locator('table.timeline').all()) {
    assert.ok(await t.locator('thead th').count() <= 1 + doc.data.milestone_checks.length);
  }
  await p.emulateMedia({ media: 'print' });
  const pdf = await p.pdf({ preferCSSPageSize: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
  await p.close();
});

test("the service's own help line: set in Settings, refused until it is a number, then shown to a family after 999", async () => {
  await page.goto(env.url + '#/settings');
  const form = page.getByRole('form', { name: "Your service's help lines" });
  await form.getByLabel('Who answers').first().fill('Children’s services front door');
  await form.getByLabel('Phone number').first().fill('the council');
  await form.getByRole('button', { name: 'Save the help lines' }).click();
  // Said at the top and by the field; nothing saved.
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.getByRole('link', { name: 'Enter a phone number in digits, such as 0121 303 1888.' }).waitFor();
  await page.locator('#service-help_lines-0-number-error').getByText('Enter a phone number in digits').waitFor();
  assert.deepEqual(await axe(page), [], 'axe with the error');
  assert.deepEqual(await smallTargets(page), [], 'every field a full-size target');
  await form.getByLabel('Phone number').first().fill('0121 303 1888');
  assert.equal(await page.locator('#service-help_lines-0-number-error').count(), 0, 'cleared when changed');
  await form.getByRole('button', { name: 'Save the help lines' }).click();
  await page.getByRole('status').getByText('The help lines are saved.').waitFor();
  // A family using this tablet sees it on the help page, after 999, as a link that dials.
  await page.getByRole('button', { name: 'Use it for me and my family' }).click();
  await page.goto(env.url + '#/help');
  await page.getByRole('heading', { level: 1, name: 'Need help now?' }).waitFor();
  const hrefs = await page.locator('main a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs.slice(0, 3), ['tel:999', 'tel:01213031888', 'tel:08082000247']);
  await page.getByRole('link', { name: /Children’s services front door\s*0121 303 1888/ }).waitFor();
  // And back to the worker's view for the tests after this one.
  await page.goto(env.url + '#/settings');
  await page.getByRole('button', { name: 'Use it for my work with families' }).click();
});
