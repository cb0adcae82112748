// Display settings people use (issue 8): text at 200% loses nothing (no sideways scrolling,
// every control still there); forced colours and reduced motion work; axe finds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, axe } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const HASHES = ['#/', '#/families', '#/families/new', '#/reports', '#/data', '#/share'];

async function sideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test('text at 200% loses nothing, at a phone width', async () => {
  const page = await env.context.newPage();
  await open(page, env.url, '#/');
  for (const hash of HASHES) {
    await page.goto(env.url + hash);
    await page.locator('main h1').first().waitFor();
    const before = await page.evaluate(() => document.querySelectorAll('main a[href], main button, main input, main select, main textarea, nav a').length);
    // The browser's text size setting, as a person would set it.
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    assert.ok(await sideways(page) <= 1, `${hash}: no sideways scrolling at 200% text`);
    const after = await page.evaluate(() => [...document.querySelectorAll('main a[href], main button, main input, main select, main textarea, nav a')]
      .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length);
    assert.equal(after, before, `${hash}: every control is still there`);
    await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
  }
  await page.close();
});

test('forced colours and reduced motion: pages render, and axe finds nothing', async () => {
  const page = await env.context.newPage();
  await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
  await open(page, env.url, '#/');
  for (const hash of HASHES) {
    await page.goto(env.url + hash);
    await page.locator('main h1').first().waitFor();
    assert.deepEqual(await axe(page), [], `axe on ${hash} in forced colours`);
  }
  // Reduced motion: nothing animates.
  const transition = await page.evaluate(() => getComputedStyle(document.querySelector('.button')).transitionDuration);
  assert.match(transition, /^0s|^1e-05s|^0\.00001s/);
  await page.close();
});
