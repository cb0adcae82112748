// The family's phone, second pass (issue 30), at 360x640 (a small Android phone with its
// browser bars), by touch, in English and in Urdu: the first screen shows both choices; a whole
// wheel needs at most 2 taps on controls below the screen; every save opens its page at a
// confirmation that is focused and read out, and goes when the person moves on; the help panel
// comes at once, with lines that dial, for the lowest stage of the safety area, a low answer to
// the safety question, the saddest face and a worry in the houses; "Need help now?" is on every
// family page; no staff words; axe clean, 44 px targets; and the area step by keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setup, open, appReady, axe, smallTargets, clearStorage } from './helpers.mjs';

const SCREEN = { width: 360, height: 640 };
const cat = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const WORDS = {
  en: cat('../../docs/translations/en.json').ui,
  ur: cat('../../public/lang/ur.json').ui,
};
const fill = (s, vars) => s.replace(/\{(\w+)(:[^}]*)?\}/g, (_, k) => String(vars[k]));

// Worker's words that must never reach a family's page (issue 30, point 6, and earlier ones).
const STAFF_WORDS = {
  en: ['Next review', 'reading', 'distance travelled', 'All readings', 'Not asked yet', 'Back to the family',
    'Your data', 'Our family', 'Worker', 'caseload', 'Scaling questions', 'Storage used'],
  ur: ['ریڈنگ', 'ہمارا خاندان', 'اگلا جائزہ'],
};

let phone;
before(async () => { phone = await setup({ viewport: SCREEN, touch: true, mode: null }); });
after(async () => { await phone.close(); });

/** A fresh phone in `lang`, at the family home. */
async function family(lang) {
  const page = await phone.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await open(page, phone.url, '#/');
  await clearStorage(page);
  await page.reload();
  await appReady(page);
  const W = WORDS[lang];
  if (lang !== 'en') {
    await page.getByRole('button', { name: 'اردو' }).tap();
    await page.locator('html[lang="ur"]').waitFor();
    // A new language reloads the page: the first screen before the app, then the app's own.
    await appReady(page);
  }
  // Both choices on the first screen, whole.
  for (const name of [W.ModeFamily, W.ModeCaseload]) {
    const box = await page.getByRole('button', { name }).boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= SCREEN.height, `${lang}: "${name}" is on the first screen (${JSON.stringify(box)})`);
  }
  await page.getByRole('button', { name: W.ModeFamily }).tap();
  await page.getByRole('heading', { level: 1, name: W.FamilyHomeTitle }).waitFor();
  return { page, W, errors };
}

/** The page as a family sees it: no staff words, "Need help now?" in reach, axe, 44 px targets. */
async function looksRight(page, lang, where) {
  const text = await page.locator('main').innerText();
  for (const w of STAFF_WORDS[lang]) assert.ok(!text.includes(w), `${lang}: "${w}" on ${where}`);
  const help = page.getByRole('banner').getByRole('link', { name: WORDS[lang].NeedHelpNow });
  assert.equal(await help.getAttribute('href'), '#/help', `${lang}: "Need help now?" on ${where}`);
  // axe judges a target partly under the sticky "Next" bar as too small: it is checked where
  // the bar rests in the page's flow (the end), then the page goes back where it was.
  const y = await page.evaluate(() => { const y = window.scrollY; window.scrollTo(0, document.documentElement.scrollHeight); return y; });
  assert.deepEqual(await axe(page), [], `${lang}: axe on ${where}`);
  assert.deepEqual(await smallTargets(page), [], `${lang}: small targets on ${where}`);
  await page.evaluate((y) => window.scrollTo(0, y), y);
}

/** Whether a control is wholly on the screen as it stands. */
async function onScreen(locator) {
  const box = await locator.boundingBox();
  return !!box && box.y >= 0 && box.y + box.height <= SCREEN.height;
}

/** A confirmation at the top of the page, on screen, focused, read out. */
async function confirmed(page, title, where) {
  const panel = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: title }) });
  await panel.waitFor();
  assert.ok(await onScreen(panel.getByRole('heading', { name: title })), `the confirmation is on screen on ${where}`);
  assert.ok(await panel.evaluate((el) => el.contains(document.activeElement)), `focus is on the confirmation on ${where}`);
  return panel;
}

/** The help panel with its lines: each a tel: link with the number written out. */
async function helpPanel(page, W, lines) {
  const panel = page.getByRole('region', { name: W.NeedHelpNow });
  await panel.waitFor();
  for (const [name, dial, shown] of lines) {
    const link = panel.getByRole('link', { name: new RegExp(W[name]) });
    assert.equal(await link.getAttribute('href'), `tel:${dial}`);
    assert.ok((await link.innerText()).includes(shown), `${name} shows ${shown}`);
  }
  return panel;
}

for (const lang of ['en', 'ur']) {
  test(`${lang}: a whole wheel on a 360x640 screen, the help panel on the safety area, and "saved" where the eyes are`, async () => {
    const { page, W, errors } = await family(lang);
    await looksRight(page, lang, 'the family home');
    let below = 0;
    let taps = 0;
    const tap = async (locator, what) => {
      if (!(await onScreen(locator))) { below += 1; console.log(`${lang}: below the screen: ${what}`); }
      taps += 1;
      await locator.tap();
    };
    await tap(page.getByRole('button', { name: new RegExp(W.TileWheel) }), 'Do our wheel');
    const stages = page.getByRole('group', { name: W.WhichStage });
    for (let i = 0; i < 10; i++) {
      await page.getByText(fill(W.AreaOf, { n: i + 1, total: 10 })).waitFor();
      // The area's name, its five stage names and "Next" are all on screen when it opens.
      const cards = stages.getByRole('radio');
      assert.equal(await cards.count(), 5);
      for (let k = 0; k < 5; k++) {
        assert.ok(await onScreen(cards.nth(k).locator('xpath=ancestor::label')), `${lang}: stage ${k + 1} of area ${i + 1} on screen`);
      }
      assert.ok(await onScreen(page.getByRole('heading', { level: 1 })), `${lang}: area ${i + 1}'s name on screen`);
      const safety = i === 3; // "Safe at home and out"
      await tap(cards.nth(safety ? 0 : 2).locator('xpath=ancestor::label'), `a stage of area ${i + 1}`);
      if (safety) {
        // The lowest stage of the safety area: help at once, beside the answer, which is kept.
        const panel = await helpPanel(page, W, [['HelpEmergency', '999', '999'], ['HelpDomesticAbuse', '08082000247', '0808 2000 247']]);
        assert.ok(await cards.nth(0).isChecked(), 'the answer is kept');
        await panel.getByRole('link', { name: W.HelpMore }).waitFor();
        await looksRight(page, lang, 'the safety area with its help panel');
      }
      if (i === 0) await looksRight(page, lang, 'an area of the wheel');
      await tap(page.getByRole('button', { name: W.Next, exact: true }), `Next on area ${i + 1}`);
    }
    await page.getByRole('heading', { level: 1, name: W.ReviewTitle }).waitFor();
    await looksRight(page, lang, 'checking the wheel');
    await tap(page.getByRole('button', { name: W.FinishSave }), 'Save this wheel');
    console.log(`${lang}: ${below} of ${taps} taps on controls below the screen`);
    assert.ok(below <= 2, `${lang}: ${below} of ${taps} taps below the screen`);
    // Saved, said at the top of the wheel's page, with what next.
    const panel = await confirmed(page, W.SavedWheel, 'the wheel page');
    await panel.getByText(W.SavedWheelFirst).waitFor();
    await panel.getByRole('link', { name: W.TileShare }).waitFor();
    await looksRight(page, lang, 'the wheel page after saving');
    // It goes when the person moves on, and is not on the next page.
    await page.getByRole('navigation', { name: W.MainNav }).getByRole('link', { name: W.NavHome }).tap();
    await page.getByRole('heading', { level: 1, name: W.FamilyHomeTitle }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'no confirmation on the home page');
    assert.equal(await page.getByText(W.SavedWheel).count(), 0);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: W.OurWheelTitle }).waitFor();
    assert.equal(await page.getByText(W.SavedWheel).count(), 0, 'the confirmation went with the move');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${lang}: questions one after another, the help panel on a low safety answer and the saddest face, houses and a goal confirmed at the top`, async () => {
    const { page, W, errors } = await family(lang);
    await page.getByRole('link', { name: new RegExp(W.TileQuestions) }).tap();
    await page.getByRole('heading', { level: 1, name: W.TileQuestions }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'no "saved" before anything is saved');
    await looksRight(page, lang, "today's questions");
    // Without a goal there is no question about "the goal your family chose".
    const questions = page.locator('main .card-link');
    const n = await questions.count();
    assert.equal(n, 7, 'seven questions before there is a goal');
    await questions.first().tap();
    await page.getByText(fill(W.QuestionOf, { n: 1, total: n })).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'no "saved" under "Save this answer" before saving');
    // The safety question answered 1: help at once.
    await page.getByRole('group', { name: W.WhereNow }).getByRole('radio', { name: '1', exact: true }).locator('xpath=ancestor::label').tap();
    await helpPanel(page, W, [['HelpEmergency', '999', '999']]);
    await looksRight(page, lang, 'a low answer to the safety question');
    assert.ok(await onScreen(page.getByRole('button', { name: W.SaveAnswer })), '"Save this answer" stays on screen');
    await page.getByRole('button', { name: W.SaveAnswer }).tap();
    // The next question opens at "Your answer is saved".
    await page.getByText(fill(W.QuestionOf, { n: 2, total: n })).waitFor();
    await confirmed(page, W.SavedAnswer, 'the next question');
    await looksRight(page, lang, 'the next question after saving');
    // A child's answer: the saddest face shows the lines for children.
    await page.getByRole('radio', { name: W.AnsweringMyChild }).locator('xpath=ancestor::label').tap();
    await page.getByRole('radio', { name: W.Face1 }).locator('xpath=ancestor::label').tap();
    // The chosen face keeps its eyes and mouth (they were drawn in the disc's own colour).
    const [ink, disc] = await page.locator('.face:has(input:checked) svg').evaluate((svg) => [getComputedStyle(svg).color, getComputedStyle(svg.querySelector('circle')).fill]);
    assert.notEqual(ink, disc, `the chosen face is drawn (${ink} on ${disc})`);
    await helpPanel(page, W, [['HelpChildline', '08001111', '0800 1111'], ['HelpEmergency', '999', '999']]);
    await looksRight(page, lang, 'the saddest face');
    // "Next question" moves on without saving, and the confirmation does not follow.
    await page.getByRole('link', { name: W.NextQuestion }).tap();
    await page.getByText(fill(W.QuestionOf, { n: 3, total: n })).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'the confirmation stays with its page');

    // The three houses: a worry shows where to get help; keeping them is confirmed at the top.
    await page.goto(phone.url + '#/');
    await page.getByRole('link', { name: new RegExp(W.TileQuestions) }).tap();
    await page.getByRole('link', { name: W.HousesOpen }).tap();
    await page.getByRole('heading', { level: 1, name: W.HousesTitle }).waitFor();
    await page.getByLabel(W.HouseWorries).fill(lang === 'en' ? 'Dad shouts at night' : 'ابو رات کو چیختے ہیں');
    await helpPanel(page, W, [['HelpChildline', '08001111', '0800 1111']]);
    await looksRight(page, lang, 'a worry in the houses');
    await page.getByRole('button', { name: W.HousesSave }).tap();
    await confirmed(page, W.SavedHouses, 'the houses');

    // A goal: confirmed at the top of the plan.
    await page.goto(phone.url + '#/');
    await page.getByRole('link', { name: new RegExp(W.TilePlan) }).tap();
    await page.getByRole('heading', { level: 1, name: W.TilePlan }).waitFor();
    await looksRight(page, lang, 'the plan');
    const goal = lang === 'en' ? 'Mornings without shouting' : 'صبح بغیر چیخے';
    await page.getByLabel(W.GoalText).fill(goal);
    await page.getByRole('button', { name: W.SaveGoal }).tap();
    // The goal in the family's words, said back at the top (the form below is empty again).
    const saved = await confirmed(page, W.SavedGoal, 'the plan');
    await saved.getByText(goal, { exact: false }).waitFor();
    // Share and Settings, straight after a save: no "saved" that belongs to another page.
    for (const [name, title] of [[W.NavShare, W.ShareTitle], [W.NavSettings, W.SettingsTitle]]) {
      await page.getByRole('navigation', { name: W.MainNav }).getByRole('link', { name }).tap();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      assert.equal(await page.getByRole('alert').count(), 0, `no confirmation on ${title}`);
      for (const w of [W.SavedGoal, W.SavedAnswer, W.SavedHouses, W.Saved]) {
        assert.equal(await page.getByText(w, { exact: true }).count(), 0, `"${w}" on ${title}`);
      }
      await looksRight(page, lang, title);
    }
    // Now there is a goal, the question about it is asked.
    await page.goto(phone.url + '#/');
    await page.getByRole('link', { name: new RegExp(W.TileQuestions) }).tap();
    await page.getByRole('heading', { level: 1, name: W.TileQuestions }).waitFor();
    assert.equal(await page.locator('main .card-link').count(), 8);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the help page: every line, 999 first, each a link that dials, and back home in one tap', async () => {
  const { page, W } = await family('en');
  await page.getByRole('banner').getByRole('link', { name: W.NeedHelpNow }).tap();
  await page.getByRole('heading', { level: 1, name: W.NeedHelpNow }).waitFor();
  const hrefs = await page.locator('main a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(hrefs, ['tel:999', 'tel:08082000247', 'tel:08001111', 'tel:08088005000', 'tel:08088002222', 'tel:116123', 'tel:101']);
  await looksRight(page, 'en', 'the help page');
  await page.close();
});

test('an area by keyboard alone: the cards are radios, "Next" is reached and pressed', async () => {
  const { page, W } = await family('en');
  await page.getByRole('button', { name: new RegExp(W.TileWheel) }).press('Enter');
  await page.getByText(fill(W.AreaOf, { n: 1, total: 10 })).waitFor();
  const group = page.getByRole('group', { name: W.WhichStage });
  for (let i = 0; i < 30 && !(await group.getByRole('radio').first().evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  assert.ok(await group.getByRole('radio').nth(1).isChecked(), 'arrow keys move between stages');
  const next = page.getByRole('button', { name: W.Next, exact: true });
  for (let i = 0; i < 30 && !(await next.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.getByText(fill(W.AreaOf, { n: 2, total: 10 })).waitFor();
  await page.close();
});
