// Screenshots for looking at (not a test): node tests/e2e/_shots.mjs
import { setup, open, clearStorage, SMALL_PHONE } from './helpers.mjs';
import { readFileSync } from 'node:fs';
const T = 1790000000000; let n = 0;
const meta = (id, device) => ({ id, created: T + n, updated: T + n++, device });
const reading = (id, family, date, score, device) => ({ meta: meta(id, device), family, template: 'family', template_version: 1, date, by: 'agreed', scores: ['health', 'coping', 'safe'].map((area) => ({ area, score })) });
const child = (id, family, device) => ({ meta: meta(id, device), family, role: 'child', name: 'Child', born: '2022-01-01' });
const file = (data) => JSON.stringify({ format: 'waymark', schema_version: 2, saved_at: T, scope: 'all', data });
const sam = file({ families: [
  { meta: meta('famS1', 'devS'), reference: 'S1', worker: 'Sam', team: 'North', opened: '2025-04-10', closed: { date: '2026-01-15', reason: 'outcomes_met' } },
  { meta: meta('famS2', 'devS'), reference: 'S2', worker: 'Sam', team: 'North', opened: '2025-05-01' },
  { meta: meta('famS3', 'devS'), reference: 'S3', worker: 'Sam', team: 'North', opened: '2025-03-01', earlier: [{ opened: '2024-01-10', closed: { date: '2024-06-01', reason: 'information_and_advice' }, worker: 'Sam' }] }],
  members: [child('kidS1a', 'famS1', 'devS'), child('kidS1b', 'famS1', 'devS'), child('kidS2', 'famS2', 'devS'), child('kidS3', 'famS3', 'devS')],
  wheel_readings: [reading('rS1a', 'famS1', '2025-05-01', 4, 'devS'), reading('rS1b', 'famS1', '2025-10-01', 6, 'devS'), reading('rS2a', 'famS2', '2025-05-10', 5, 'devS'), reading('rS2b', 'famS2', '2025-10-10', 5, 'devS')] });
const priya = file({ families: [
  { meta: meta('famP1', 'devP'), reference: 'P1', worker: 'Priya', team: 'South', opened: '2024-05-01', closed: { date: '2024-09-01', reason: 'stepped_up' } },
  { meta: meta('famP2', 'devP'), reference: 'P2', worker: 'Priya', team: 'South', opened: '2025-06-01', closed: { date: '2026-02-01', reason: 'information_and_advice' } },
  { meta: meta('famP3', 'devP'), reference: 'P3', worker: 'Priya', team: 'South', opened: '2024-06-01', closed: { date: '2025-03-15', reason: 'outcomes_met' } }],
  members: [child('kidP1', 'famP1', 'devP'), child('kidP3', 'famP3', 'devP')],
  wheel_readings: [reading('rP2a', 'famP2', '2025-06-10', 6, 'devP'), reading('rP2b', 'famP2', '2025-11-10', 4, 'devP'), reading('rP3a', 'famP3', '2024-07-01', 4, 'devP'), reading('rP3b', 'famP3', '2024-12-01', 6, 'devP')] });
const json = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
const env = await setup({ viewport: SMALL_PHONE });
const page = await env.context.newPage();
for (const lang of ['en', 'ur']) {
  const q = lang === 'ur' ? '?lang=ur' : '';
  await open(page, env.url, '#/data');
  await clearStorage(page);
  await page.goto(env.url + 'staff.html' + q + '#/data');
  await page.reload();
  await page.locator('main h1').waitFor();
  await page.locator('#import-file').setInputFiles([json('sam.json', sam), json('priya.json', priya)]);
  await page.locator('#preview-title').waitFor();
  await page.locator('#preview-title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/shots/${lang}-import.png`, fullPage: true });
  await page.locator('.card .button-primary').click();
  await page.waitForTimeout(800);
  await page.goto(env.url + 'staff.html' + q + '#/reports');
  await page.locator('#report-from').fill('2025-04-01');
  await page.locator('#report-to').fill('2026-03-31');
  await page.locator('#report-compare').selectOption('1');
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shots/${lang}-report.png`, fullPage: true });
  await page.locator('input[name=report-base]').nth(1).check();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/${lang}-report-children.png`, fullPage: true });
  await page.goto(env.url + 'staff.html' + q + '#/families/famP2');
  await page.locator('main h1').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/${lang}-reopen.png`, fullPage: true });
  await page.goto(env.url + 'staff.html' + q + '#/families/famS3');
  await page.locator('main h1').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `/tmp/shots/${lang}-episodes.png`, fullPage: true });
}
await env.close();
