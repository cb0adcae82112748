// A family's own phone (issue 8): choosing "for my family" on first use, a home with no caseload
// features, a keyboard-only walk through a wheel, a question and sharing, and the worker taking
// the file in on their own device, attached to the right family without retyping.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, axe, smallTargets, unreachableByKeyboard } from './helpers.mjs';

let phone;
let page;
let sharedFile;
before(async () => {
  phone = await setup();
  page = await phone.context.newPage();
  await open(page, phone.url, '#/');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
});
after(async () => { await phone.close(); });

/** Presses Tab until `locator` has focus (keyboard only), then `key`. */
async function tabTo(locator, key = 'Enter') {
  for (let i = 0; i < 60; i++) {
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) {
      await page.keyboard.press(key);
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`never reached ${locator}`);
}

test('first use asks how Waymark is used; the family view shows no caseload features', async () => {
  await page.getByRole('heading', { name: 'How will you use Waymark on this device?' }).waitFor();
  assert.deepEqual(await axe(page), [], 'axe on the first-use choice');
  assert.deepEqual(await smallTargets(page), []);
  await tabTo(page.getByRole('button', { name: 'For my family' }));
  await page.getByRole('heading', { level: 1, name: 'Hello, Our family' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['Home', 'Share', 'Your data']);
  for (const tile of ['Do our wheel', "Today's questions", 'How we are doing', 'Our plan', 'Share with my worker']) {
    await page.getByRole('link', { name: new RegExp(`^${tile}`) }).waitFor();
  }
  assert.deepEqual(await axe(page), [], 'axe on the family home');
  assert.deepEqual(await smallTargets(page), [], 'touch targets on the family home');
  assert.deepEqual(await unreachableByKeyboard(page), []);
  // Caseload pages are not part of the family view, even by address.
  for (const hash of ['#/families', '#/reports', '#/milestones', '#/wheels', '#/families/new']) {
    await page.goto(phone.url + hash);
    await page.getByRole('heading', { level: 1, name: 'Hello, Our family' }).waitFor();
  }
  // The choice is remembered.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Hello, Our family' }).waitFor();
});

test('by keyboard alone: the family scores its wheel and answers a question', async () => {
  await page.goto(phone.url + '#/');
  await page.getByRole('heading', { level: 1, name: 'Hello, Our family' }).waitFor();
  await tabTo(page.getByRole('link', { name: /^Do our wheel/ }));
  await page.getByRole('heading', { level: 1, name: 'Wheels: Our family' }).waitFor();
  // The family is the one scoring on its own phone.
  assert.equal(await page.getByLabel('Family', { exact: true }).isChecked(), true);
  await tabTo(page.getByRole('button', { name: 'Start' }));
  for (let i = 0; i < 10; i++) {
    await page.getByText(`Area ${i + 1} of 10`).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown'); // the second stage
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // its lower point: 3
    await tabTo(page.getByRole('button', { name: 'Next' }));
  }
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  await tabTo(page.getByRole('button', { name: 'Save this wheel' }));
  await page.getByRole('heading', { level: 1, name: 'Wheels: Our family' }).waitFor();
  await page.getByRole('img', { name: /Family wheel for Our family/ }).waitFor();

  await tabTo(page.getByRole('navigation').getByRole('link', { name: 'Home' }));
  await page.getByRole('heading', { level: 1, name: 'Hello, Our family' }).waitFor();
  await tabTo(page.getByRole('link', { name: /^Today's questions/ }));
  await page.getByRole('heading', { level: 1, name: 'Questions: Our family' }).waitFor();
  await tabTo(page.getByRole('link', { name: 'How confident do you feel as a parent right now?' }));
  await page.getByRole('heading', { level: 1, name: 'How confident do you feel as a parent right now?' }).waitFor();
  await tabTo(page.getByRole('radio', { name: '0', exact: true }), 'ArrowRight');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  assert.ok(await page.getByRole('radio', { name: '6', exact: true }).isChecked());
  await tabTo(page.getByRole('button', { name: 'Save this answer' }));
  await page.getByRole('heading', { level: 1, name: 'Questions: Our family' }).waitFor();
  await page.getByText(/^Family 6 \(/).waitFor();
});

test('by keyboard alone: the family shares its answers (share sheet where offered, else a download)', async () => {
  // A phone with a share sheet: the file is offered to it.
  await page.evaluate(() => {
    window.__shared = [];
    navigator.canShare = (d) => Array.isArray(d.files) && d.files.length === 1;
    navigator.share = async (d) => { window.__shared.push({ name: d.files[0].name, type: d.files[0].type, text: await d.files[0].text() }); };
  });
  await page.goto(phone.url + '#/');
  await tabTo(page.getByRole('link', { name: /^Share with my worker/ }));
  await page.getByRole('heading', { level: 1, name: 'Share with my worker' }).waitFor();
  assert.deepEqual(await axe(page), [], 'axe on the share page');
  await tabTo(page.getByRole('button', { name: 'Share our answers' }));
  await page.getByRole('status').getByText('Shared. Thank you.').waitFor();
  const shared = await page.evaluate(() => window.__shared);
  assert.equal(shared.length, 1);
  assert.match(shared[0].name, /^waymark-for-my-worker-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(shared[0].type, 'application/json');
  const doc = JSON.parse(shared[0].text);
  assert.equal(doc.scope, 'family');
  assert.equal(doc.data.families.length, 1);
  assert.equal(doc.data.wheel_readings.length, 1);
  // Without one (this desktop browser): a download.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Share with my worker' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    tabTo(page.getByRole('button', { name: 'Share our answers' })),
  ]);
  sharedFile = readFileSync(await download.path());
  await page.getByRole('status').getByText(/Saved to your downloads/).waitFor();
});

test("the worker attaches the family's file to the right family, seeing first what it adds", async () => {
  const worker = await setup();
  try {
    const w = await worker.context.newPage();
    await open(w, worker.url, '#/');
    await w.getByRole('button', { name: 'For my caseload' }).click();
    await w.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor();
    assert.equal(await w.getByRole('heading', { name: 'How will you use Waymark on this device?' }).count(), 0);
    for (const ref of ['CASE-9', 'CASE-10']) {
      await w.goto(worker.url + '#/families/new');
      await w.getByLabel('Reference').fill(ref);
      await w.getByRole('button', { name: 'Save', exact: true }).click();
      await w.getByRole('heading', { level: 1, name: ref }).waitFor();
    }
    await w.goto(worker.url + '#/share');
    await w.getByText(/When a family sends you the file from their phone/).waitFor();
    await w.goto(worker.url + '#/data');
    await w.getByLabel('Choose a file').setInputFiles({ name: 'from-family.json', mimeType: 'application/json', buffer: sharedFile });
    const preview = w.getByRole('region', { name: 'What this file will do' });
    await preview.waitFor();
    // By default it would come in as a family of its own...
    await preview.getByText('Add 1 families and 2 readings').waitFor();
    // ...but the worker picks CASE-9: nothing is retyped, no new family.
    await preview.getByLabel('Whose answers are these?').selectOption({ label: 'CASE-9' });
    await preview.getByText('Add 0 families and 2 readings').waitFor();
    assert.deepEqual(await axe(w), [], 'axe on the attach preview');
    await preview.getByRole('button', { name: 'Bring these in' }).click();
    await w.goto(worker.url + '#/families');
    await w.getByRole('radio', { name: 'All' }).check();
    assert.deepEqual(await w.locator('.card-list .card-link').allInnerTexts(), ['CASE-10', 'CASE-9']);
    await w.getByRole('link', { name: 'CASE-9' }).click();
    await w.getByText(/^Family wheel: one reading so far/).waitFor();
    await w.getByText('1 questions answered so far.').waitFor();
    await w.goto(worker.url + '#/families');
    await w.getByRole('link', { name: 'CASE-10' }).click();
    await w.getByText('No wheel readings yet.').waitFor();
  } finally {
    await worker.close();
  }
});

test('the choice can be changed on "Your data"', async () => {
  await page.goto(phone.url + '#/data');
  await page.getByText('For my family: a simple home for one family.').waitFor();
  await page.getByRole('button', { name: 'Use it for my caseload' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Families' }).waitFor();
  await page.goto(phone.url + '#/families');
  await page.getByRole('link', { name: 'Our family' }).waitFor();
});

test('questions and descriptors are read aloud in the page language, or the app says there is no voice', async () => {
  const p = await phone.context.newPage();
  await p.addInitScript(() => {
    window.__spoken = [];
    const french = Object.create(SpeechSynthesisVoice.prototype);
    Object.defineProperty(french, 'lang', { value: 'fr-FR' });
    window.__voices = [french];
    speechSynthesis.getVoices = () => window.__voices;
    speechSynthesis.speak = (u) => {
      window.__spoken.push({ text: u.text, lang: u.lang });
      setTimeout(() => u.onend && u.onend(new Event('end')), 300);
    };
    speechSynthesis.cancel = () => {};
  });
  await open(p, phone.url, '#/');
  await p.goto(phone.url + '#/data');
  await p.getByRole('button', { name: 'Use it for my family' }).click();
  await p.goto(phone.url + '#/');
  await p.getByRole('link', { name: /^Do our wheel/ }).click();
  await p.getByRole('heading', { level: 1, name: 'Wheels: Our family' }).waitFor();
  if (!(await p.getByRole('button', { name: 'Start' }).isVisible())) await p.locator('summary', { hasText: 'Score a wheel' }).click();
  await p.getByRole('button', { name: 'Start' }).click();
  await p.getByRole('heading', { level: 1, name: 'Our health' }).waitFor();
  // No voice on this device for English: said plainly, with what to do.
  await p.getByRole('button', { name: 'Read aloud' }).click();
  await p.getByText(/This device has no voice for English/).waitFor();
  assert.deepEqual(await axe(p), [], 'axe with the no-voice message');
  // With an English voice: the area, what it covers and every stage are read, in en-GB.
  await p.evaluate(() => {
    const v = Object.create(SpeechSynthesisVoice.prototype);
    Object.defineProperty(v, 'lang', { value: 'en-GB' });
    window.__voices = [v];
  });
  const button = p.getByRole('button', { name: 'Read aloud' });
  await button.click();
  await p.getByRole('button', { name: 'Stop reading' }).waitFor();
  const spoken = await p.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1);
  assert.equal(spoken[0].lang, 'en-GB');
  assert.match(spoken[0].text, /^Our health\. /);
  assert.match(spoken[0].text, /1: Struggling right now\./);
  assert.match(spoken[0].text, /5: Steady on our own\./);
  await p.getByRole('button', { name: 'Read aloud' }).waitFor();
  assert.equal(await p.getByText(/This device has no voice/).count(), 0);
  // A scaling question: the question and both named ends.
  await p.goto(phone.url + '#/');
  await p.getByRole('link', { name: /^Today's questions/ }).click();
  await p.getByRole('link', { name: 'How safe do things feel at home for the children right now?' }).click();
  await p.getByRole('button', { name: 'Read aloud' }).click();
  const last = (await p.evaluate(() => window.__spoken)).at(-1);
  assert.match(last.text, /^How safe do things feel at home for the children right now\? 0 means: .+\. 10 means: .+\.$/);
  // The plan: what it is for, then each goal in the family's own words with where it has got to.
  await p.goto(phone.url + '#/');
  await p.getByRole('link', { name: /^Our plan/ }).click();
  await p.getByLabel('The goal, in your own words').fill('Mornings without shouting');
  await p.getByRole('button', { name: 'Save the goal' }).click();
  await p.getByRole('heading', { name: 'Mornings without shouting' }).waitFor();
  await p.getByRole('button', { name: 'Read aloud' }).click();
  const plan = (await p.evaluate(() => window.__spoken)).at(-1);
  assert.match(plan.text, /^Goals in your own words, with small steps.* Mornings without shouting\. Not started\.$/);
  await p.close();
});
