// The lock on a shared device (issue 19), end to end at a phone viewport: turning it on (offered
// at first use), nothing readable at rest in any of the browser's stores, locking (now, when
// idle, in every tab together), wrong passphrases that wait longer each time (across a reload),
// changing the passphrase, turning it off, an interrupted turn-on, and "Forgot it?".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, axe, smallTargets, clearStorage, storedRecords, unreachableByKeyboard, cspViolations } from './helpers.mjs';

const PASS = 'blue kettle on the stairs';
const SECRETS = ['LOCK-REF-7731', 'Zebedee Quartermaine', 'the garden shed', 'Wilhelmina Afterlock', 'LOCK-AFTER-2', 'Ottoline Draftsworth'];

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

/** A fresh page with empty storage. */
async function fresh(e = env, hash = '#/families') {
  const page = await e.context.newPage();
  await open(page, e.url, '#/');
  await clearStorage(page);
  await page.goto(e.url + hash);
  await page.reload();
  await page.locator('#splash').waitFor({ state: 'detached' });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

async function addFamily(page, e, reference, { name = '', notes = '' } = {}) {
  await page.goto(e.url + '#/families/new');
  await page.getByLabel('Reference').fill(reference);
  if (name) await page.getByLabel('Full name (optional)').fill(name);
  if (notes) await page.getByLabel('Notes').fill(notes);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
}

async function turnOn(page, e, pass = PASS) {
  await page.goto(e.url + '#/data');
  await page.getByRole('heading', { name: 'Lock this device' }).waitFor();
  const form = page.locator('form[aria-labelledby="lock-title"]');
  await form.getByLabel('Choose a passphrase').fill(pass);
  await form.getByLabel('Type the passphrase again').fill(pass);
  await form.getByRole('button', { name: 'Turn on the lock' }).click();
  await page.getByRole('status').getByText('The lock is on.').waitFor({ timeout: 20000 });
}

async function unlock(page, pass = PASS) {
  await page.getByLabel('Passphrase', { exact: true }).fill(pass);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

const lockedHeading = (page) => page.getByRole('heading', { level: 1, name: 'Waymark is locked' });

/** Every value Waymark left in the browser's stores: IndexedDB, localStorage, sessionStorage and
 * the Cache Storage (the service worker's copy of the app). */
async function everythingStored(page) {
  const records = (await storedRecords(page)).map(([k, v]) => `${k}=${v}`);
  const rest = await page.evaluate(async () => {
    const out = [];
    for (const s of [localStorage, sessionStorage]) {
      for (let i = 0; i < s.length; i++) out.push(`${s.key(i)}=${s.getItem(s.key(i))}`);
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        const buf = new Uint8Array(await res.arrayBuffer());
        out.push(`${req.url}=${new TextDecoder('utf-8', { fatal: false }).decode(buf)}`);
      }
    }
    return out;
  });
  return [...records, ...rest];
}

function assertNoSecrets(values, what) {
  for (const v of values) {
    for (const s of SECRETS) assert.ok(!v.includes(s), `${what}: "${s}" found in ${v.slice(0, 120)}`);
  }
}

test('the lock is offered at first use; on, nothing anyone entered can be read from the device', async () => {
  const page = await fresh();
  // Offered on the caseload's first page, and put off or taken up.
  const offer = page.getByRole('region', { name: 'Is this device shared?' });
  await offer.waitFor();
  await offer.getByRole('link', { name: 'Set up a lock' }).click();
  await page.getByRole('heading', { name: 'Lock this device' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'lock-title');
  assert.equal(await page.getByRole('region', { name: 'Is this device shared?' }).count(), 0);

  await addFamily(page, env, 'LOCK-REF-7731', { name: 'Zebedee Quartermaine', notes: 'Worried about the garden shed' });
  // Something half typed in a form, kept for this tab (sessionStorage) before the lock.
  await page.goto(env.url + '#/families/new');
  await page.getByLabel('Full name (optional)').fill('Ottoline Draftsworth');
  await page.waitForFunction(() => Object.keys(sessionStorage).some((k) => sessionStorage.getItem(k).includes('Ottoline')));

  // Mistakes are said at the top and by the field, and cleared when put right.
  await page.goto(env.url + '#/data');
  const form = page.locator('form[aria-labelledby="lock-title"]');
  await page.getByText('If you forget the passphrase, nobody can open what is saved here').waitFor();
  await form.getByRole('button', { name: 'Turn on the lock' }).click();
  await page.getByRole('alert').getByText('Enter a passphrase of at least 8 letters or numbers').first().waitFor();
  await form.getByLabel('Choose a passphrase').fill(PASS);
  await page.getByText('Strong.').waitFor();
  assert.equal(await page.getByText('Enter a passphrase of at least 8 letters or numbers').count(), 0);
  await form.getByLabel('Type the passphrase again').fill('blue kettle');
  await form.getByRole('button', { name: 'Turn on the lock' }).click();
  await form.getByText('Type the same passphrase twice').first().waitFor();
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(await smallTargets(page), []);
  await form.getByLabel('Type the passphrase again').fill(PASS);
  assert.equal(await form.getByText('Type the same passphrase twice').count(), 0);
  await form.getByRole('button', { name: 'Turn on the lock' }).click();
  await page.getByRole('status').getByText('The lock is on.').waitFor({ timeout: 20000 });

  // With the lock on, more is entered.
  await addFamily(page, env, 'LOCK-AFTER-2', { name: 'Wilhelmina Afterlock', notes: 'Moved near the garden shed' });
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: /LOCK-REF-7731/ }).waitFor();

  // Nothing entered is in any of the browser's stores; every record is sealed.
  assertNoSecrets(await everythingStored(page), 'stored');
  const records = await storedRecords(page);
  assert.ok(records.some(([k]) => k === 'waymark.lock'));
  for (const [k, v] of records) if (k !== 'waymark.lock') assert.match(v, /^sealed1:/, k);
  assert.ok(records.filter(([k]) => k.startsWith('waymark.family.')).length >= 2);

  // Lock now: the page holds nothing but the unlock screen.
  await page.getByRole('button', { name: 'Lock now' }).first().click();
  await lockedHeading(page).waitFor();
  assertNoSecrets([await page.content(), await page.title()], 'the locked page');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(await smallTargets(page), []);
  assert.deepEqual(await unreachableByKeyboard(page), []);

  // Reopened, it asks again; a wrong passphrase is said plainly and changes nothing.
  await page.reload();
  await lockedHeading(page).waitFor();
  assertNoSecrets([await page.content()], 'the page after a reload');
  await unlock(page, 'not my passphrase');
  await page.getByRole('alert').getByText('That is not the passphrase').first().waitFor({ timeout: 20000 });
  await unlock(page);
  await page.getByRole('heading', { level: 1, name: 'Families' }).waitFor({ timeout: 20000 });
  await page.getByRole('link', { name: /LOCK-REF-7731/ }).waitFor();
  await page.getByRole('link', { name: /LOCK-AFTER-2/ }).click();
  await page.getByText('Wilhelmina Afterlock').waitFor();

  // Turning it off asks for the passphrase; then values are plain again and it opens freely.
  await page.goto(env.url + '#/data');
  await page.locator('summary', { hasText: 'Turn off the lock' }).click();
  await page.locator('#off-passphrase').fill('wrong one!');
  await page.getByRole('button', { name: 'Turn off the lock' }).click();
  await page.getByRole('alert').getByText('That is not the passphrase').first().waitFor({ timeout: 20000 });
  await page.locator('#off-passphrase').fill(PASS);
  await page.getByRole('button', { name: 'Turn off the lock' }).click();
  await page.getByRole('status').getByText('The lock is off.').waitFor({ timeout: 20000 });
  const plain = await storedRecords(page);
  assert.ok(!plain.some(([k]) => k === 'waymark.lock'));
  assert.ok(plain.some(([, v]) => v.includes('Wilhelmina Afterlock')));
  await page.reload();
  await page.getByRole('heading', { name: 'Lock this device' }).waitFor();
  // Nothing left the app's own origin, and the Content-Security-Policy was kept.
  assert.deepEqual(env.foreign, []);
  assert.deepEqual(await cspViolations(page), []);
  await page.close();
});

test('every tab locks and unlocks together, a tab opened while another is unlocked opens unlocked, and a change saved in one is seen in the other', async () => {
  const a = await fresh();
  await addFamily(a, env, 'TABS-1');
  await turnOn(a, env);
  // A new tab opened while this one is unlocked opens unlocked: the key is handed over, never
  // asked for again.
  const b = await env.context.newPage();
  const errors = [];
  b.on('pageerror', (e) => errors.push(String(e)));
  await b.goto(env.url + '#/families');
  await b.getByRole('link', { name: /TABS-1/ }).waitFor({ timeout: 20000 });
  assert.equal(await lockedHeading(b).count(), 0);
  // A change saved in one tab (sealed) is read in the other.
  await addFamily(b, env, 'TABS-2');
  await a.goto(env.url + '#/families');
  await a.getByRole('link', { name: /TABS-2/ }).waitFor();
  // Locked in one, locked in both.
  await a.getByRole('button', { name: 'Lock now' }).first().click();
  await lockedHeading(a).waitFor();
  await lockedHeading(b).waitFor();
  assert.equal(await b.getByText('TABS-2').count(), 0);
  // A tab opened while every tab is locked starts locked (nobody to hand a key over).
  const c = await env.context.newPage();
  await c.goto(env.url + '#/families');
  await lockedHeading(c).waitFor();
  await c.waitForTimeout(500);
  await lockedHeading(c).waitFor();
  // Unlocked in one: all open.
  await unlock(c);
  await c.getByRole('link', { name: /TABS-2/ }).waitFor({ timeout: 20000 });
  await a.getByRole('link', { name: /TABS-2/ }).waitFor({ timeout: 20000 });
  // (B was left on the family it added.)
  await b.getByRole('heading', { level: 1, name: 'TABS-2' }).waitFor({ timeout: 20000 });
  // (Locked while showing a family, the page went before its records did: nothing failed.)
  assert.deepEqual(errors, []);
  await c.close();
  await b.close();
  await a.close();
});

test('locked in the middle of a save: the save stops, and nothing stored is lost', async () => {
  const page = await fresh();
  await addFamily(page, env, 'MID-SAVE', { notes: 'Kept through a lock' });
  await turnOn(page, env);
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: /MID-SAVE/ }).click();
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByLabel('Notes').fill('Changed just before the lock');
  // "Save" and "Lock now" in the same moment: the save is waiting for IndexedDB when the
  // workspace is dropped; it must not write from the emptied workspace.
  await page.evaluate(() => {
    const buttons = [...document.querySelectorAll('button')];
    buttons.find((b) => b.textContent === 'Save').click();
    buttons.find((b) => b.textContent.includes('Lock now')).click();
  });
  await lockedHeading(page).waitFor();
  await page.waitForTimeout(500);
  const families = (await storedRecords(page)).filter(([k]) => k.startsWith('waymark.family.'));
  assert.equal(families.length, 1, 'the family is still stored');
  assert.equal(await page.getByRole('status').count() && await page.getByRole('status').innerText(), '', 'nothing said on the unlock screen');
  await unlock(page);
  await page.goto(env.url + '#/families');
  await page.getByRole('link', { name: /MID-SAVE/ }).click();
  await page.getByRole('heading', { level: 1, name: 'MID-SAVE' }).waitFor({ timeout: 20000 });
  await page.getByText(/Kept through a lock|Changed just before the lock/).waitFor();
  await page.close();
});

test('changing the passphrase: the old one no longer opens, the new one does', async () => {
  const page = await fresh();
  await addFamily(page, env, 'CHANGE-1');
  await turnOn(page, env);
  const before = (await storedRecords(page)).find(([k]) => k.startsWith('waymark.family.'));
  await page.locator('summary', { hasText: 'Change the passphrase' }).click();
  await page.getByLabel('Your passphrase now').fill('not it at all');
  await page.getByLabel('New passphrase').fill('green door by the river');
  await page.locator('#change-new-again').fill('green door by the river');
  await page.getByRole('button', { name: 'Change the passphrase' }).click();
  await page.getByRole('alert').getByText('That is not the passphrase').first().waitFor({ timeout: 20000 });
  await page.getByLabel('Your passphrase now').fill(PASS);
  await page.getByRole('button', { name: 'Change the passphrase' }).click();
  await page.getByRole('status').getByText('The passphrase is changed.').waitFor({ timeout: 20000 });
  // Only the key's wrapping changed: the records are as they were.
  const after = (await storedRecords(page)).find(([k]) => k === before[0]);
  assert.equal(after[1], before[1]);
  await page.reload();
  await lockedHeading(page).waitFor();
  await unlock(page);
  await page.getByRole('alert').getByText('That is not the passphrase').first().waitFor({ timeout: 20000 });
  await unlock(page, 'green door by the river');
  await page.getByRole('heading', { name: 'Lock this device' }).waitFor({ timeout: 20000 });
  await page.close();
});

test('turning the lock on, interrupted at any moment, leaves all plain or all sealed, and nothing lost', async () => {
  const page = await fresh();
  for (const r of ['CUT-1', 'CUT-2', 'CUT-3']) await addFamily(page, env, r, { notes: `Notes of ${r}` });
  const outcomes = new Set();
  for (const wait of [0, 150, 300, 450, 600, 900, 1500]) {
    await page.goto(env.url + '#/data');
    const form = page.locator('form[aria-labelledby="lock-title"]');
    await form.getByLabel('Choose a passphrase').fill(PASS);
    await form.getByLabel('Type the passphrase again').fill(PASS);
    await form.getByRole('button', { name: 'Turn on the lock' }).click();
    await page.waitForTimeout(wait);
    await page.reload();
    await page.locator('main h1').waitFor();
    const records = await storedRecords(page);
    const lock = records.some(([k]) => k === 'waymark.lock');
    const families = records.filter(([k]) => k.startsWith('waymark.family.'));
    assert.equal(families.length, 3, `after ${wait} ms`);
    for (const [k, v] of families) {
      if (lock) assert.match(v, /^sealed1:/, `${k} after ${wait} ms`);
      else assert.match(v, /CUT-\d/, `${k} after ${wait} ms`);
    }
    outcomes.add(lock);
    if (lock) {
      await unlock(page);
      await page.getByRole('heading', { name: 'Lock this device' }).waitFor({ timeout: 20000 });
      for (const r of ['CUT-1', 'CUT-2', 'CUT-3']) {
        await page.goto(env.url + '#/families');
        await page.getByRole('link', { name: new RegExp(r) }).waitFor();
      }
      await page.goto(env.url + '#/data');
      await page.locator('summary', { hasText: 'Turn off the lock' }).click();
      await page.locator('#off-passphrase').fill(PASS);
      await page.getByRole('button', { name: 'Turn off the lock' }).click();
      await page.getByRole('status').getByText('The lock is off.').waitFor({ timeout: 20000 });
    } else {
      await page.goto(env.url + '#/families');
      for (const r of ['CUT-1', 'CUT-2', 'CUT-3']) await page.getByRole('link', { name: new RegExp(r) }).waitFor();
    }
  }
  // The cuts fell both before and after the moment it was written.
  assert.deepEqual([...outcomes].sort(), [false, true]);
  await page.close();
});

test('forgot the passphrase: the only way on is to erase this device, after a plain warning', async () => {
  const page = await fresh();
  await addFamily(page, env, 'FORGOT-1');
  await turnOn(page, env);
  await page.reload();
  await lockedHeading(page).waitFor();
  await page.locator('summary', { hasText: 'Forgot the passphrase?' }).click();
  await page.getByText('The only way on is to erase Waymark on this device').waitFor();
  assert.deepEqual(await axe(page), []);
  await page.getByRole('button', { name: 'Erase everything on this device' }).click();
  // A fresh start, as on a new device (set up again as a worker's by the test), nothing stored.
  await page.getByRole('heading', { level: 1, name: 'Welcome to Waymark' }).waitFor({ timeout: 20000 });
  await page.getByText('You have 0 open families and 0 closed.').waitFor();
  assert.deepEqual(await storedRecords(page), []);
  assert.equal(await page.evaluate(() => localStorage.getItem('waymark.unlock-wait')), null);
  await page.close();
});

test('the family build has the lock too, on "Your data"', async () => {
  const fam = await setup({ mode: 'family' });
  try {
    const page = await fresh(fam, '#/');
    await page.goto(fam.url + '#/data');
    await page.getByRole('heading', { name: 'Lock this device' }).waitFor();
    // No offer on a family's phone: it is theirs to choose.
    assert.equal(await page.getByRole('region', { name: 'Is this device shared?' }).count(), 0);
    await turnOn(page, fam);
    await page.reload();
    await lockedHeading(page).waitFor();
    await unlock(page);
    await page.getByRole('heading', { name: 'Lock this device' }).waitFor({ timeout: 20000 });
    await page.close();
  } finally {
    await fam.close();
  }
});

test('with a clock: locks itself when idle, and wrong passphrases wait longer each time, across a reload', async () => {
  const timed = await setup();
  try {
    await timed.context.clock.install();
    const page = await fresh(timed);
    await addFamily(page, timed, 'IDLE-1');
    await turnOn(page, timed);
    await page.getByLabel('Lock after this long without use').selectOption({ label: '1 minute' });
    // In use, it stays open.
    await page.clock.fastForward(45_000);
    await page.keyboard.press('Tab');
    await page.clock.fastForward(45_000);
    assert.equal(await lockedHeading(page).count(), 0);
    // A minute without use: locked, nothing of the family in the page.
    await page.clock.fastForward(30_000);
    await lockedHeading(page).waitFor();
    assert.ok(!(await page.content()).includes('IDLE-1'));

    // Three wrong tries are free; the fourth makes the next wait 10 seconds, the fifth 20.
    for (let i = 0; i < 3; i++) {
      await unlock(page, `wrong guess ${i}`);
      await page.getByRole('alert').getByText('That is not the passphrase').first().waitFor({ timeout: 20000 });
      await page.getByLabel('Passphrase', { exact: true }).fill('');
    }
    await unlock(page, 'wrong guess 3');
    await page.getByRole('alert').getByText('Wait 10 seconds').first().waitFor({ timeout: 20000 });
    // Even the right one waits, after a reload too.
    await page.reload();
    await lockedHeading(page).waitFor();
    await unlock(page);
    await page.getByRole('alert').getByText(/Too many tries\. Wait \d+ seconds?/).first().waitFor();
    await page.clock.fastForward(11_000);
    await unlock(page, 'wrong guess 4');
    await page.getByRole('alert').getByText('Wait 20 seconds').first().waitFor({ timeout: 20000 });
    await page.clock.fastForward(21_000);
    await unlock(page);
    await page.getByRole('heading', { name: 'Lock this device' }).waitFor({ timeout: 20000 });
    // A success starts the count again.
    const wait = await page.evaluate(() => localStorage.getItem('waymark.unlock-wait'));
    assert.equal(wait, null);
    await page.close();
  } finally {
    await timed.close();
  }
});
