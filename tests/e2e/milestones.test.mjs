// Milestones (issue 5): checks for one child at three stages, at phone and tablet widths; the
// timeline (in words and shapes, as a table) and the readiness summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, axe, smallTargets, clearStorage } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

async function answerAll(page, answer) {
  for (const group of await page.locator('fieldset.milestone').all()) {
    await group.getByRole('radio', { name: answer, exact: true }).check();
  }
}

test('checks at three stages make a timeline, with readiness for nursery', async () => {
  const page = await env.context.newPage();
  await open(page, env.url, '#/');
  await clearStorage(page);
  await page.reload();
  await page.goto(env.url + '#/milestones');
  await page.getByText('No children yet.').waitFor();
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Reference').fill('KIDS-1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'KIDS-1' }).waitFor();
  await page.locator('summary', { hasText: 'Add a person' }).click();
  await page.getByLabel('Name or initials').fill('Lily');
  await page.getByLabel('Child').check();
  // Born about 2 years and 10 months ago: the "starting nursery" stage.
  const born = new Date(Date.now() - 1050 * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('Date of birth').fill(born);
  await page.getByRole('button', { name: 'Add this person' }).click();
  await page.locator('.people').first().getByText('Lily', { exact: true }).waitFor();

  await page.goto(env.url + '#/milestones');
  await page.getByText('The Starting nursery check is due.').waitFor();
  await page.getByRole('link', { name: 'Lily · KIDS-1' }).click();
  await page.getByRole('heading', { level: 1, name: 'Milestones: Lily' }).waitFor();
  await page.getByText('No checks yet.').waitFor();

  // Stage 1 (chosen): 9 to 12 months, everything yes — a past check entered afterwards.
  await page.getByRole('link', { name: 'Record a check' }).click();
  await page.getByText('Suggested for their age: Starting nursery.').waitFor();
  await page.getByRole('button', { name: 'Save this check' }).click();
  await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
  await page.getByText('Answer at least one milestone first.').first().waitFor();
  await page.getByLabel('Which stage?').selectOption({ label: '9 to 12 months' });
  await answerAll(page, 'Yes');
  assert.equal(await page.getByText('Answer at least one milestone first.').count(), 0, 'cleared when fixed');
  assert.deepEqual(await axe(page), [], 'axe on the check form');
  // Each area's statements can be read aloud, with the answers to choose from.
  await page.evaluate(() => {
    window.__spoken = [];
    const v = Object.create(SpeechSynthesisVoice.prototype);
    Object.defineProperty(v, 'lang', { value: 'en-GB' });
    speechSynthesis.getVoices = () => [v];
    speechSynthesis.speak = (u) => { window.__spoken.push({ text: u.text, lang: u.lang }); setTimeout(() => u.onend && u.onend(new Event('end')), 50); };
    speechSynthesis.cancel = () => {};
  });
  const firstArea = await page.locator('main h2').first().innerText();
  const firstStatement = await page.locator('fieldset.milestone legend').first().innerText();
  await page.getByRole('button', { name: 'Read aloud' }).first().click();
  const [said] = await page.evaluate(() => window.__spoken);
  assert.equal(said.lang, 'en-GB');
  assert.ok(said.text.startsWith(`${firstArea}. ${firstStatement}.`), said.text);
  assert.ok(said.text.endsWith('Not yet, Sometimes, Yes'), said.text);
  assert.deepEqual(await smallTargets(page), [], 'answer buttons are big enough');
  const early = new Date(Date.now() - 800 * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('Date', { exact: true }).fill(early);
  await page.getByRole('button', { name: 'Save this check' }).click();
  await page.getByRole('heading', { level: 1, name: 'Milestones: Lily' }).waitFor();

  // Stage 2 at a tablet width: 18 to 24 months, speaking "not yet", the rest yes.
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.getByRole('link', { name: 'Record a check' }).click();
  await page.getByLabel('Which stage?').selectOption({ label: '18 to 24 months' });
  await answerAll(page, 'Yes');
  const speaking = page.locator('h2', { hasText: /^Speaking$/ });
  await speaking.waitFor();
  for (const group of await page.locator('h2:text-is("Speaking") ~ fieldset.milestone').all()) {
    const legendAreaStart = await group.evaluate((el) => {
      let h = el.previousElementSibling;
      while (h && h.tagName !== 'H2') h = h.previousElementSibling;
      return h?.textContent;
    });
    if (legendAreaStart === 'Speaking') await group.getByRole('radio', { name: 'Not yet', exact: true }).check();
  }
  await page.getByLabel('Date', { exact: true }).fill(new Date(Date.now() - 500 * 86400000).toISOString().slice(0, 10));
  // Speaking needs extra help: the form asks what was done.
  await page.getByText('This area needs extra help. What has been done?').waitFor();
  await page.getByLabel('What was done (for example, a referral)').fill('Referral');
  await page.getByLabel('Where to').fill('Speech and language therapy');
  // The worker changes the judgement for hands; a reason is needed.
  await page.locator('summary', { hasText: 'Change the judgement for Hands and fingers' }).click();
  await page.locator('#override-hands').selectOption({ label: 'Keep an eye' });
  await page.getByRole('button', { name: 'Save this check' }).click();
  await page.getByText('Say why you changed the judgement.').first().waitFor();
  await page.locator('#check-overrides-hands-reason').fill('Finds a spoon hard at home');
  await page.getByRole('button', { name: 'Save this check' }).click();
  await page.getByRole('heading', { level: 1, name: 'Milestones: Lily' }).waitFor();

  // Stage 3 (suggested): starting nursery, with the readiness checklist.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('link', { name: 'Record a check' }).click();
  await page.getByRole('heading', { level: 2, name: 'Ready for nursery' }).waitFor();
  await answerAll(page, 'Sometimes');
  await page.getByLabel('Notes about this check (optional)').fill('Settling in well at the stay and play.');
  await page.getByRole('button', { name: 'Save this check' }).click();
  await page.getByRole('heading', { level: 1, name: 'Milestones: Lily' }).waitFor();

  // The timeline: a table, judgements in words with shapes.
  const table = page.getByRole('table', { name: 'Progress at each stage' });
  const row = (area) => table.getByRole('row', { name: new RegExp(`^${area}`) });
  assert.match(await row('Speaking').innerText(), /On track.*Needs extra help.*Keep an eye/s);
  assert.match(await row('Listening').innerText(), /On track.*On track.*Keep an eye/s);
  assert.equal(await table.locator('td.j-extra-help').count(), 1);
  // The stages checked (and the one her age calls for), not all eight.
  assert.equal(await table.locator('thead th').count(), 1 + 3);
  assert.match(await row('Hands and fingers').innerText(), /Keep an eye\s*\(changed by the worker\)/);
  await page.getByText(/Speaking: Referral → Speech and language therapy/).waitFor();
  await page.getByText('The Starting nursery check is done.').waitFor();
  await page.getByText('0 of 8 met: not ready yet.').waitFor();
  await page.getByText('Settling in well at the stay and play.').waitFor();
  await page.getByText('Still to work on:').waitFor();
  assert.deepEqual(await axe(page), [], 'axe on the timeline');
  await page.close();
});

test("a service loads its own milestones; a malformed file is refused clearly", async () => {
  const { readFileSync } = await import('node:fs');
  const page = await env.context.newPage();
  await open(page, env.url, '#/milestones');
  await page.getByText('Milestones from: Steps to nursery and school (version 1).').waitFor();
  const base = JSON.parse(readFileSync(new URL('../../src/domain/milestone/builtin/framework.json', import.meta.url), 'utf8'));
  const bad = structuredClone(base);
  bad.id = 'our_steps';
  bad.stages[1].milestones[0].area = 'dancing';
  await page.getByLabel('Choose a file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.locator('#load-framework-errors').getByText('stages, record 2, milestones, record 1, area: "dancing" is not one of the allowed choices').waitFor();
  const own = structuredClone(base);
  own.id = 'our_steps';
  own.name = { en: 'Our centre steps' };
  own.stages = own.stages.slice(0, 3);
  await page.getByLabel('Choose a file').setInputFiles({ name: 'own.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(own)) });
  const preview = page.getByRole('region', { name: 'Our centre steps' });
  await preview.getByText('3 stages, 7 areas, version 1.').waitFor();
  await preview.getByRole('button', { name: 'Use these milestones' }).click();
  await page.getByText('Milestones from: Our centre steps (version 1).').waitFor();
  // Stored once the message says so (the change shows at once; the reload comes after "You can now use").
  await page.getByRole('status').getByText(/Our centre steps/).waitFor();
  await page.reload();
  await page.getByText('Milestones from: Our centre steps (version 1).').waitFor();
  assert.deepEqual(await axe(page), []);
  await page.close();
});
