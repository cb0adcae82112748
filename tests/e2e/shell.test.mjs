// The app shell at phone and desktop widths: every page loads, is reachable by keyboard, has no
// axe violations, makes no request off its origin and breaks no Content-Security-Policy rule.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, axe, cspViolations, unreachableByKeyboard, smallTargets, PAGES, PHONE, DESKTOP } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
  test(`every page works at ${label} width (${viewport.width}x${viewport.height})`, async () => {
    const page = await env.context.newPage();
    await page.setViewportSize(viewport);
    const errors = await open(page, env.url, '#/');
    for (const [hash, heading] of PAGES) {
      await page.goto(env.url + hash);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      assert.equal(await page.locator('main').count(), 1, `${hash}: one main landmark`);
      assert.deepEqual(await axe(page), [], `${hash}: axe violations`);
      assert.deepEqual(await unreachableByKeyboard(page), [], `${hash}: controls not reachable by Tab`);
      assert.deepEqual(await smallTargets(page), [], `${hash}: touch targets under 44px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${hash}: page scrolls sideways by ${overflow}px`);
    }
    assert.deepEqual(await cspViolations(page), [], 'CSP violations');
    assert.deepEqual(errors, [], 'console errors');
    assert.deepEqual(env.foreign, [], 'requests to other origins');
    await page.close();
  });
}

test('the skip link moves focus to the main content', async () => {
  const page = await env.context.newPage();
  await open(page, env.url, '#/families');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  assert.ok(await skip.evaluate((el) => el === document.activeElement));
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.close();
});

test('navigation works by keyboard and marks the current page', async () => {
  const page = await env.context.newPage();
  await open(page, env.url, '#/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Your data' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Your data' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Your data' }).getAttribute('aria-current'), 'page');
  // Focus moves to the new page's heading, for screen readers.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await page.close();
});

test('the page sets its language and never has inline scripts', async () => {
  const page = await env.context.newPage();
  await open(page, env.url, '#/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en-GB');
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src).length);
  assert.equal(inline, 0);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  for (const rule of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'"]) {
    assert.ok(csp.includes(rule), `CSP has ${rule}`);
  }
  await page.close();
});
