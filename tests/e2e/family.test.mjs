// A family's own phone (issues 8 and 15), walked as a parent would on a small Android phone
// (360x740, touch), in English and in Urdu: first use (the language and the two choices, nothing
// else), "do our wheel" in one tap, a tap on a stage that is a score at once, the radar with
// every area named, today's questions in the family's words with errors that clear when fixed,
// "how we are doing" in words before the radar, sharing, and no staff word on any of it.
// Also by keyboard alone, and read aloud.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, appReady, axe, smallTargets, unreachableByKeyboard, SMALL_PHONE, clearStorage } from './helpers.mjs';

const STAFF_WORDS = [
  'Scaling questions', 'Ask each question again this session', 'Save the picture (SVG)',
  'characters', ' GB', 'caseload', 'Worker', 'Who is scoring', 'How to score', 'Storage used',
];

const cat = (code) => JSON.parse(readFileSync(new URL(`../../public/lang/${code}.json`, import.meta.url), 'utf8'));
const UR = cat('ur');

let phone;
let page;
before(async () => {
  phone = await setup({ viewport: SMALL_PHONE, touch: true, mode: null });
  page = await phone.context.newPage();
  await open(page, phone.url, '#/');
  await clearStorage(page);
  await page.reload();
  await appReady(page);
});
after(async () => { await phone.close(); });

/** No word of the staff view on the page (the language chooser's own words aside). */
async function noStaffWords(p, where) {
  const text = await p.locator('main').innerText();
  for (const w of STAFF_WORDS) assert.ok(!text.includes(w), `"${w}" on ${where}`);
}

/** Presses Tab until `locator` has focus (keyboard only), then `key`. */
async function tabTo(p, locator, key = 'Enter') {
  for (let i = 0; i < 80; i++) {
    if (await locator.evaluate((el) => el === document.activeElement).catch(() => false)) {
      await p.keyboard.press(key);
      return;
    }
    await p.keyboard.press('Tab');
  }
  throw new Error(`never reached ${locator}`);
}

test('first use shows the language, each in its own words, and the two choices: nothing else', async () => {
  await page.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor();
  assert.equal(await page.getByRole('navigation').count(), 0, 'no staff navigation');
  assert.equal(await page.getByRole('combobox').count(), 0, 'the language is on the page, not two screens down');
  assert.equal(await page.getByText(/open famil/).count(), 0, 'no caseload counts');
  const buttons = await page.locator('main').getByRole('button').allInnerTexts();
  assert.deepEqual(buttons, ['English', 'اردو', 'Polski', 'For me and my family', 'For my work with families']);
  assert.equal(await page.locator('main').getByRole('link').count(), 0);
  // The language choice comes first on the page.
  const [lang, choice] = await Promise.all([
    page.getByRole('button', { name: 'اردو' }).boundingBox(),
    page.getByRole('button', { name: 'For me and my family' }).boundingBox(),
  ]);
  assert.ok(lang.y < choice.y);
  assert.deepEqual(await axe(page), [], 'axe on first use');
  assert.deepEqual(await smallTargets(page), []);
  await noStaffWords(page, 'first use');
  await page.getByRole('button', { name: 'For me and my family' }).tap();
  await page.getByRole('heading', { level: 1, name: 'Hello' }).waitFor();
  // Setting the phone up said nothing: nothing was saved by the person.
  assert.equal(await page.getByRole('status').filter({ hasText: 'Saved' }).count(), 0);
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['Home', 'Share', 'Settings']);
  assert.deepEqual(await axe(page), [], 'axe on the family home');
  assert.deepEqual(await smallTargets(page), []);
  // Caseload pages are not part of the family view, even by address.
  for (const hash of ['#/families', '#/reports', '#/milestones', '#/wheels', '#/families/new']) {
    await page.goto(phone.url + hash);
    await page.getByRole('heading', { level: 1, name: 'Hello' }).waitFor();
  }
});

test('"do our wheel" reaches area 1 in one tap; a tap on a stage is a score; Next with none says what to do', async () => {
  await page.goto(phone.url + '#/');
  await page.getByRole('button', { name: /^Do our wheel/ }).tap();
  await page.getByRole('heading', { level: 1, name: 'Our health' }).waitFor();
  await page.getByText('Area 1 of 10').waitFor();
  await noStaffWords(page, 'area 1');
  assert.deepEqual(await axe(page), [], 'axe on an area');
  assert.deepEqual(await smallTargets(page), []);
  // One tap on a card, then Next: that is a score (the stage's lower point).
  await page.getByText('Open to support').tap();
  assert.ok(await page.getByRole('radio', { name: '3: just at this step' }).isChecked());
  // The finer choice opens right under the chosen card.
  const [card, finer, next] = await Promise.all([
    page.locator('.stage-card', { hasText: 'Open to support' }).boundingBox(),
    page.getByRole('group', { name: 'Is it nearer the start or the end of this step?' }).boundingBox(),
    page.locator('.stage-card', { hasText: 'Giving it a go' }).boundingBox(),
  ]);
  assert.ok(finer.y > card.y && finer.y < next.y, 'between the chosen card and the next one');
  await page.getByRole('button', { name: 'Next', exact: true }).tap();
  // Area 2: Next with no card chosen says what to do, at the top and by the cards.
  await page.getByRole('heading', { level: 1, name: 'How I’m coping' }).waitFor();
  await page.getByRole('button', { name: 'Next', exact: true }).tap();
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await summary.waitFor();
  await summary.getByRole('link', { name: 'Choose the card that is most like things now, or skip this area.' }).waitFor();
  assert.equal(await page.getByText('Choose the card that is most like things now, or skip this area.').count(), 2);
  assert.deepEqual(await axe(page), [], 'axe with the error');
  // Fixed: the message goes.
  await page.getByText('Giving it a go').tap();
  assert.equal(await page.getByText('There is a problem').count(), 0);
  assert.equal(await page.getByText('Choose the card that is most like things now').count(), 0);
  await page.getByRole('radio', { name: '6: nearly at the next step' }).tap();
  await page.getByRole('button', { name: 'Next', exact: true }).tap();
  // Area 3: skipped, with the quieter link.
  await page.getByText('Area 3 of 10').waitFor();
  await page.getByRole('button', { name: 'Skip this area' }).tap();
  // The rest: a tap and Next each.
  for (let i = 4; i <= 10; i++) {
    await page.getByText(`Area ${i} of 10`).waitFor();
    await page.locator('.stage-card').nth(i % 5).tap();
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
  }
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  const rows = await page.locator('table.scores tbody tr').allInnerTexts();
  assert.match(rows[0], /Our health\s+3/);
  assert.match(rows[1], /How I’m coping\s+6/);
  assert.match(rows[2], /Not scored/);
  await page.getByRole('button', { name: 'Save this wheel' }).tap();
  await page.getByRole('heading', { level: 1, name: 'Our wheel' }).waitFor();
  await noStaffWords(page, 'our wheel');
  // The radar names every area on its spokes, as text; the one skipped is a gap with a word.
  const radar = page.getByRole('img', { name: /^Family wheel(\s|$)/ });
  const spokes = await radar.locator('text').allTextContents();
  for (const name of ['Health', 'Coping', 'Loved and listened to', 'Safe at home', 'People we count on', 'Play and school', 'Daily rhythm', 'Clear limits', 'Home and bills', 'Work']) {
    assert.ok(spokes.some((s) => s.replaceAll(/\s+/g, '').startsWith(name.replaceAll(' ', ''))), `${name} in ${spokes}`);
  }
  assert.ok(spokes.some((s) => s.includes('Loved and') && s.includes('not scored')), spokes.join('|'));
  assert.equal(await radar.locator('[data-series=latest] polygon[points^="0.0,0.0"]').count(), 0, 'nothing at the centre');
  // Every label is inside the drawing, at this width.
  const cut = await radar.evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].filter((t) => {
      const r = t.getBoundingClientRect();
      return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1;
    }).map((t) => t.textContent);
  });
  assert.deepEqual(cut, [], 'no label cut off');
  // The key sits with the radar: each reading, its line and its date.
  await page.locator('figure.radar figcaption').getByText(/^Latest · /).waitFor();
  assert.deepEqual(await axe(page), [], 'axe on our wheel');
});

test("today's questions in the family's words; an error clears as soon as it is fixed", async () => {
  await page.goto(phone.url + '#/');
  await page.getByRole('link', { name: /^Today's questions/ }).tap();
  await page.getByRole('heading', { level: 1, name: "Today's questions" }).waitFor();
  await noStaffWords(page, "today's questions");
  await page.getByRole('link', { name: 'How safe do things feel at home for the children right now?' }).tap();
  await page.getByRole('heading', { level: 1, name: 'How safe do things feel at home for the children right now?' }).waitFor();
  const who = page.getByRole('group', { name: 'Who is answering?' });
  assert.deepEqual(await who.getByRole('radio').evaluateAll((rs) => rs.map((r) => r.labels[0].innerText.trim())), ['Me', 'My child (with faces)']);
  assert.equal(await page.getByLabel('Date').count(), 0, 'answered for today');
  await noStaffWords(page, 'a question');
  // 0 to 10 in order: two even rows (0-5, 6-10) on this phone.
  const tops = await page.locator('.scale-point').evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top)));
  assert.equal(new Set(tops.slice(0, 6)).size, 1);
  assert.equal(new Set(tops.slice(6)).size, 1);
  assert.ok(tops[6] > tops[0]);
  await page.getByRole('button', { name: 'Save this answer' }).tap();
  await page.getByRole('alert').filter({ hasText: 'There is a problem' }).waitFor();
  await page.getByText('Choose a number (or a face) first.').first().waitFor();
  await page.locator('.scale-point', { hasText: /^6$/ }).tap();
  assert.equal(await page.getByText('Choose a number (or a face) first.').count(), 0, 'cleared when fixed');
  assert.equal(await page.getByText('There is a problem').count(), 0);
  await page.getByRole('button', { name: 'Save this answer' }).tap();
  // The next question opens at "Your answer is saved" (issue 30); the list has the answer.
  await page.getByRole('alert').filter({ hasText: 'Your answer is saved' }).waitFor();
  await page.getByText(/^Question 2 of \d+$/).waitFor();
  await page.getByRole('link', { name: /^Back to today/ }).tap();
  await page.getByRole('heading', { level: 1, name: "Today's questions" }).waitFor();
  await page.getByText(/^Your last answer: 6 \(/).waitFor();
});

test('"how we are doing" says what has changed in words first, then the radar; printing is lower down', async () => {
  // A second reading a little later, so there is a change to tell.
  await page.goto(phone.url + '#/');
  await page.getByRole('button', { name: /^Do our wheel/ }).tap();
  for (let i = 1; i <= 10; i++) {
    await page.getByText(`Area ${i} of 10`).waitFor();
    await page.locator('.stage-card').nth(i === 1 ? 3 : 2).tap();
    await page.getByRole('button', { name: 'Next', exact: true }).tap();
  }
  await page.getByRole('button', { name: 'Save this wheel' }).tap();
  await page.getByRole('heading', { level: 1, name: 'Our wheel' }).waitFor();
  await page.goto(phone.url + '#/');
  await page.getByRole('link', { name: /^How we are doing/ }).tap();
  await page.getByRole('heading', { level: 1, name: 'How we are doing' }).waitFor();
  await noStaffWords(page, 'how we are doing');
  const changed = await page.locator('ul.progress').first().locator('li').allInnerTexts();
  assert.match(changed[0], /^Our health: from 3 to 7 since \d+ \w+ \d{4}$/);
  assert.match(changed.find((l) => l.startsWith('How I’m coping')), /from 6 to 5/);
  const order = await page.evaluate(() => {
    const y = (el) => el.getBoundingClientRect().top + window.scrollY;
    return {
      changes: y(document.querySelector('ul.progress')),
      radar: y(document.querySelector('.radar-svg')),
      print: y([...document.querySelectorAll('button')].find((b) => b.textContent.includes('Print'))),
    };
  });
  assert.ok(order.changes < order.radar && order.radar < order.print, JSON.stringify(order));
  assert.deepEqual(await axe(page), [], 'axe on how we are doing');
});

test('sharing with the worker: what to do next stays on the page; no staff word on any page', async () => {
  await page.goto(phone.url + '#/share');
  await page.getByRole('heading', { level: 1, name: 'Share with my worker' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Share our answers' }).tap(),
  ]);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(doc.scope, 'shared', "a family's own answers: the one kind of file a worker attaches");
  assert.equal(doc.data.wheel_readings.length, 2);
  await page.locator('.share-outcome').getByText(/Saved to your downloads/).waitFor();
  await page.waitForTimeout(7000);
  await page.locator('.share-outcome').getByText(/Saved to your downloads/).waitFor();
  for (const hash of ['#/', '#/share', '#/settings', '#/data']) {
    await page.goto(phone.url + hash);
    await page.locator('main h1').waitFor();
    await noStaffWords(page, hash);
    assert.deepEqual(await axe(page), [], `axe on ${hash}`);
  }
  // The switch to the staff view is tucked into Settings.
  await page.goto(phone.url + '#/settings');
  await page.getByRole('button', { name: 'Use it for my work with families' }).waitFor();
});

test('by keyboard alone: the family does its wheel and answers a question', async () => {
  await page.goto(phone.url + '#/');
  await page.getByRole('heading', { level: 1, name: 'Hello' }).waitFor();
  assert.deepEqual(await unreachableByKeyboard(page), []);
  await tabTo(page, page.getByRole('button', { name: /^Do our wheel/ }));
  for (let i = 0; i < 10; i++) {
    await page.getByText(`Area ${i + 1} of 10`).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await tabTo(page, page.locator('.stage-card input').first(), 'ArrowDown'); // the second stage
    await tabTo(page, page.getByRole('button', { name: 'Next', exact: true }));
  }
  await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
  await tabTo(page, page.getByRole('button', { name: 'Save this wheel' }));
  await page.getByRole('heading', { level: 1, name: 'Our wheel' }).waitFor();
  await tabTo(page, page.getByRole('navigation').getByRole('link', { name: 'Home' }));
  await tabTo(page, page.getByRole('link', { name: /^Today's questions/ }));
  await page.getByRole('heading', { level: 1, name: "Today's questions" }).waitFor();
  await tabTo(page, page.getByRole('link', { name: 'How confident do you feel as a parent right now?' }));
  await tabTo(page, page.getByRole('radio', { name: '0', exact: true }), 'ArrowRight');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  assert.ok(await page.getByRole('radio', { name: '5', exact: true }).isChecked());
  await tabTo(page, page.getByRole('button', { name: 'Save this answer' }));
  // Saved, and the next question, with focus on the confirmation.
  await page.getByRole('alert').filter({ hasText: 'Your answer is saved' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'saved-panel');
});

test('in Urdu: first use, the wheel in one tap, a tap is a score, the radar names each area, errors clear', async () => {
  const ur = await setup({ viewport: SMALL_PHONE, touch: true, mode: null });
  try {
    const p = await ur.context.newPage();
    await open(p, ur.url, '#/');
    // The language first, in its own words.
    await p.getByRole('button', { name: 'اردو' }).tap();
    await p.waitForFunction(() => document.documentElement.dir === 'rtl');
    // A new language reloads the page: its static first screen shows until the app takes over.
    await appReady(p);
    await p.getByRole('heading', { level: 1, name: UR.ui.HomeTitle }).waitFor();
    assert.equal(await p.getByRole('navigation').count(), 0);
    assert.deepEqual(await axe(p), [], 'axe on first use in Urdu');
    await p.getByRole('button', { name: UR.ui.ModeFamily }).tap();
    await p.getByRole('button', { name: new RegExp(UR.ui.TileWheel) }).tap();
    await p.getByRole('heading', { level: 1, name: UR.content['wheel.family.health.name'] }).waitFor();
    await p.getByText(UR.content['wheel.family.stage.1'], { exact: true }).tap();
    assert.ok(await p.getByRole('radio', { name: UR.ui.PointLow.replace('{n}', '3') }).isChecked());
    await p.getByRole('button', { name: UR.ui.Next, exact: true }).tap();
    await p.getByRole('button', { name: UR.ui.Next, exact: true }).tap();
    await p.getByText(UR.ui.ChooseACard).first().waitFor();
    await p.getByText(UR.content['wheel.family.stage.2'], { exact: true }).tap();
    assert.equal(await p.getByText(UR.ui.ChooseACard).count(), 0, 'cleared when fixed');
    assert.deepEqual(await axe(p), [], 'axe on an area in Urdu');
    for (let i = 3; i <= 10; i++) {
      await p.getByRole('button', { name: UR.ui.Next, exact: true }).tap();
      await p.locator(`progress[value="${i - 1}"]`).waitFor();
      await p.locator('.stage-card').nth(4).tap();
    }
    await p.getByRole('button', { name: UR.ui.Next, exact: true }).tap();
    await p.getByRole('button', { name: UR.ui.FinishSave }).tap();
    await p.getByRole('heading', { level: 1, name: UR.ui.OurWheelTitle }).waitFor();
    const spokes = (await p.locator('.radar-svg text').allTextContents()).join('|');
    for (const area of ['health', 'coping', 'work', 'home_bills']) {
      // The short name where the wheel has one, else the area's name (the same words).
      const label = UR.content[`wheel.family.${area}.short`] ?? UR.content[`wheel.family.${area}.name`];
      assert.ok(spokes.replaceAll(/\s+/g, '').includes(label.replaceAll(' ', '')), `${area} in ${spokes}`);
    }
    assert.deepEqual(await axe(p), [], 'axe on our wheel in Urdu');
    const wide = await p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(wide, false, 'nothing scrolls sideways');
  } finally {
    await ur.close();
  }
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
  await p.getByRole('button', { name: /^Do our wheel/ }).click();
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
  await p.getByRole('button', { name: 'Read aloud' }).click();
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
