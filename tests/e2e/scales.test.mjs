// Scaling questions (issue 6) at a phone viewport: answers by touch and by keyboard, family and
// worker side by side, a child with faces and three houses, a family's own question over two
// sessions, and the history's figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, axe, smallTargets, clearStorage } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

let page;
let familyHash;

async function ask(question) {
  await page.goto(env.url + familyHash);
  await page.getByRole('link', { name: question }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

test('set up a family', async () => {
  page = await env.context.newPage();
  await open(page, env.url, '#/');
  await clearStorage(page);
  await page.reload();
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Reference').fill('SCALE-1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'SCALE-1' }).waitFor();
  await page.locator('summary', { hasText: 'Add a person' }).click();
  await page.getByLabel('Name or initials').fill('Mo');
  await page.getByLabel('Child').check();
  await page.getByLabel('Date of birth').fill('2018-04-02');
  await page.getByRole('button', { name: 'Add this person' }).click();
  await page.locator('.people').first().getByText('Mo', { exact: true }).waitFor();
  await page.goto(env.url + '#/scales');
  await page.getByRole('link', { name: 'SCALE-1' }).click();
  await page.getByRole('heading', { level: 1, name: 'Questions: SCALE-1' }).waitFor();
  familyHash = new URL(page.url()).hash;
  // Eight in the library; the one about "the goal your family chose" waits for a goal.
  assert.equal(await page.getByText('Not asked yet').count(), 7);
  assert.deepEqual(await axe(page), []);
});

test('the family answers three questions by touch', async () => {
  for (const [q, v] of [['How safe do things feel at home for the children right now?', '6'], ['How confident do you feel as a parent right now?', '4'], ['How are you feeling today?', '7']]) {
    await ask(q);
    await page.getByRole('radio', { name: v, exact: true }).click();
    assert.equal(await page.locator('.big-number').innerText(), v);
    await page.locator('summary', { hasText: 'Talk about it' }).click();
    await page.getByLabel('What keeps it at this number, and not lower?').fill('Grandma helps');
    await page.getByRole('button', { name: 'Save this answer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Questions: SCALE-1' }).waitFor();
  }
  await page.getByText(/^Family 6 \(/).waitFor();
  await page.getByText(/^Family 4 \(/).waitFor();
  await page.getByText(/^Family 7 \(/).waitFor();
});

test('the worker answers by keyboard alone, and both answers are kept side by side', async () => {
  await ask('How safe do things feel at home for the children right now?');
  assert.deepEqual(await axe(page), [], 'axe on the answer screen');
  assert.deepEqual(await smallTargets(page), [], 'touch targets');
  await page.getByRole('radio', { name: 'Family' }).focus();
  await page.keyboard.press('ArrowDown'); // Worker
  assert.ok(await page.getByRole('radio', { name: 'Worker' }).isChecked());
  await page.keyboard.press('Tab'); // into the 0-10 group (on 0)
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  assert.ok(await page.getByRole('radio', { name: '4', exact: true }).isChecked());
  const save = page.getByRole('button', { name: 'Save this answer' });
  for (let i = 0; i < 12 && !(await save.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Questions: SCALE-1' }).waitFor();
  await page.getByText(/^Family 6 \(.*\) · Worker 4 \(/).waitFor();
  // The history says who sees it how.
  await ask('How safe do things feel at home for the children right now?');
  await page.getByText("The family's latest answer is 2 higher than the worker's.").waitFor();
  await page.getByRole('img', { name: 'How safe do things feel at home for the children right now?' }).waitFor();
});

test('a child answers with faces, and fills the three houses', async () => {
  await ask('How are you feeling today?');
  await page.getByRole('radio', { name: 'Child' }).check();
  await page.getByRole('heading', { level: 1, name: 'How are you feeling today?' }).waitFor();
  await page.getByRole('radio', { name: 'Happy', exact: true }).check();
  assert.deepEqual(await axe(page), [], 'axe in child mode');
  assert.deepEqual(await smallTargets(page), [], 'faces are big enough');
  await page.getByRole('button', { name: 'Save this answer' }).click();
  await page.getByText(/Child 7 \(/).waitFor();
  await ask('How are you feeling today?');
  await page.getByRole('cell', { name: 'face 4 of 5 (counted as 7)' }).waitFor();

  await page.goto(env.url + familyHash);
  await page.getByRole('link', { name: 'Open the three houses' }).click();
  await page.getByRole('heading', { level: 1, name: 'Three houses: SCALE-1' }).waitFor();
  await page.getByRole('button', { name: 'Keep these houses' }).click();
  await page.getByText('Write something in at least one house first.').first().waitFor();
  await page.getByLabel('House of worries').fill('When the dog barks at night');
  assert.equal(await page.getByText('Write something in at least one house first.').count(), 0, 'cleared when fixed');
  await page.getByLabel('House of good things').fill('Football with my brother');
  await page.getByLabel('House of wishes').fill('A bike');
  await page.getByRole('button', { name: 'Keep these houses' }).click();
  const kept = page.locator('article.card');
  await kept.getByText('Football with my brother').waitFor();
  await kept.getByText(/Mo/).first().waitFor();
  await kept.getByText('Typed by the child').waitFor();
  assert.deepEqual(await axe(page), []);
  await page.reload();
  await page.locator('article.card').getByText('A bike').waitFor();
});

test("a family's own question, answered over two sessions, shows the change", async () => {
  await page.goto(env.url + familyHash);
  await page.locator('summary', { hasText: 'Write a question in your own words' }).click();
  await page.getByRole('button', { name: 'Add this question' }).click();
  await page.getByText('Write the question, in the family’s words.').first().waitFor();
  await page.getByLabel('The question').fill('How are school mornings going?');
  await page.getByLabel('0 means', { exact: true }).fill('Every morning is a fight');
  await page.getByLabel('10 means').fill('The children go to school every day without a fight');
  await page.getByRole('button', { name: 'Add this question' }).click();
  await page.getByRole('link', { name: 'How are school mornings going?' }).waitFor();
  for (const [date, v] of [['2026-09-01', '2'], ['2026-10-13', '6']]) {
    await ask('How are school mornings going?');
    await page.getByText('10: The children go to school every day without a fight').waitFor();
    await page.getByRole('radio', { name: v, exact: true }).click();
    await page.getByLabel('Date', { exact: true }).fill(date);
    await page.getByRole('button', { name: 'Save this answer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Questions: SCALE-1' }).waitFor();
  }
  await ask('How are school mornings going?');
  await page.getByText('Family: +4 since the first answer (2 to 6)').waitFor();
  const rows = page.locator('table.scores tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.first().innerText(), /13 Oct 2026\s+Family\s+6/);
  // An answer entered by mistake can be deleted, and the delete undone.
  await page.getByRole('button', { name: 'Delete the Family answer of 13 Oct 2026' }).click();
  await page.getByText('Family: +4 since the first answer (2 to 6)').waitFor({ state: 'detached' });
  assert.equal(await rows.count(), 1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Family: +4 since the first answer (2 to 6)').waitFor();
  // Stop asking it: it leaves the session screen, its answers stay.
  await page.getByRole('button', { name: 'Stop asking this question' }).click();
  await page.getByRole('heading', { level: 1, name: 'Questions: SCALE-1' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'How are school mornings going?' }).count(), 0);
  await page.close();
});
