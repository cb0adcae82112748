// Offline and install (issue 8, first part): after one visit the service worker has the whole
// release build, so Waymark opens and works with the network off, from / and from a sub-path; it
// is installable; and a new version waits for the person's word, losing nothing being typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, open, axe, PAGES } from './helpers.mjs';

/** Waits until the service worker controls the page (it claims the page on first install). */
async function controlled(page) {
  await page.evaluate(async () => {
    const control = (async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      }
    })();
    const late = new Promise((_, no) => setTimeout(() => no(new Error('the service worker never took control')), 20000));
    await Promise.race([control, late]);
  });
}

async function offlineRoundTrip(base) {
  const env = await setup({ base });
  try {
    const page = await env.context.newPage();
    await open(page, env.url, '#/families/new');
    await controlled(page);
    await page.getByLabel('Reference').fill('ONLINE-1');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'ONLINE-1' }).waitFor();

    await env.context.setOffline(true);
    // A reload with no network: the app comes from the service worker's cache.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'ONLINE-1' }).waitFor();
    for (const [hash, heading] of PAGES) {
      await page.goto(env.url + hash);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    }
    // Work goes on: a family added offline is saved and shown.
    await page.goto(env.url + '#/families/new');
    await page.getByLabel('Reference').fill('OFFLINE-1');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'OFFLINE-1' }).waitFor();
    await page.goto(env.url + '#/families');
    await page.getByRole('radio', { name: 'All' }).check();
    await page.getByRole('link', { name: 'OFFLINE-1' }).waitFor();
    await page.getByRole('link', { name: 'ONLINE-1' }).waitFor();
    // A new tab, still offline, opens too.
    const again = await env.context.newPage();
    await again.goto(env.url + '#/reports');
    await again.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await env.context.setOffline(false);
    assert.deepEqual(env.foreign, [], 'no request left the origin');
  } finally {
    await env.context.setOffline(false).catch(() => {});
    await env.close();
  }
}

test('after one visit Waymark opens and works with the network off', async () => {
  await offlineRoundTrip('/');
});

test('the same from a sub-path (a council serving it under /waymark/)', async () => {
  await offlineRoundTrip('/waymark/');
});

test('it is installable: a manifest with icons, and a service worker', async () => {
  const env = await setup();
  try {
    const page = await env.context.newPage();
    await open(page, env.url, '#/');
    await controlled(page);
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel=manifest]').href;
      return (await fetch(href)).json();
    });
    assert.equal(manifest.name, 'Waymark');
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.start_url, './');
    for (const icon of manifest.icons) {
      const ok = await page.evaluate(async (src) => (await fetch(src)).ok, icon.src);
      assert.ok(ok, `${icon.src} is served`);
    }
    assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.purpose === 'maskable'));
    const cdp = await env.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, [], 'Chromium sees nothing stopping an install');
    // "Your data" says why installing matters.
    await page.goto(env.url + '#/data');
    await page.getByRole('heading', { name: 'Keep Waymark on this device' }).waitFor();
    await page.getByText(/delete a website's saved information after a week without use/).waitFor();
    assert.deepEqual(await axe(page), []);
  } finally {
    await env.close();
  }
});

test('a new version waits for the person, and what is being typed survives the update', async () => {
  // A copy of the build, so that a "new version" can be deployed into it.
  const dist = mkdtempSync(join(tmpdir(), 'waymark-dist-'));
  cpSync(new URL('../../dist', import.meta.url).pathname, dist, { recursive: true });
  const env = await setup({ dist });
  try {
    const page = await env.context.newPage();
    await open(page, env.url, '#/families/new');
    await controlled(page);
    await page.getByLabel('Reference').fill('HALF-TYPED');
    // Deploy: a new service worker (a new cache), then the browser checks for it.
    const sw = join(dist, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/waymark-[0-9a-f]{16}/, 'waymark-0000000000000001'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Waymark is ready' });
    await banner.waitFor();
    // Nothing changes until the person says so.
    assert.equal(await page.getByLabel('Reference').inputValue(), 'HALF-TYPED');
    assert.deepEqual(await axe(page), [], 'axe with the update banner');
    await Promise.all([
      page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Update now' }).click(),
    ]);
    await page.getByRole('heading', { level: 1, name: 'Add a family' }).waitFor();
    assert.equal(await page.getByLabel('Reference').inputValue(), 'HALF-TYPED', 'the half-typed form is kept');
    const keys = await page.evaluate(() => caches.keys());
    const scope = new URL('./', env.url).href;
    assert.deepEqual(keys.filter((k) => k.startsWith('waymark-')), [`waymark-0000000000000001:${scope}`], 'the old version is gone');
    // How the device is used is kept across versions, beside them.
    assert.deepEqual(keys.filter((k) => !k.startsWith('waymark-')), [`waymark.mode:${scope}`]);
    assert.equal(await page.getByText('A new version of Waymark is ready').count(), 0);
  } finally {
    await env.close();
    rmSync(dist, { recursive: true, force: true });
  }
});
