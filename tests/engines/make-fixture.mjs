// Makes fixtures/old-store.json: what a localStorage build of Waymark (before IndexedDB) stores
// for one family added through the form. Run it against such a build:
//   node tests/engines/make-fixture.mjs DIST [firefox|webkit]
// Kept as made, so the migration journey always starts from a real old store.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInfra, startEngine } from './harness.mjs';

const [dist = '/work/main/dist', engineName = 'firefox'] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'waymark-fixture-'));
const infra = await startInfra({ dist, work });
try {
  const engine = await startEngine(infra, engineName);
  const { app, close } = await engine.newSession();
  await app.prepare();
  await app.addFamily('MIGRATE-1');
  await app.waitHeading('MIGRATE-1');
  await app.waitStatus('Saved');
  const st = await app.stored();
  if (st.idb) throw new Error('this build stores in IndexedDB: make the fixture with a localStorage build');
  const entries = await app.s.execute(() => Object.fromEntries(Object.keys(localStorage)
    .filter((k) => k.startsWith('waymark.') && k !== 'waymark.mode').sort().map((k) => [k, localStorage.getItem(k)])));
  await close();
  const fixture = {
    about: 'localStorage of a worker\'s device after adding the family MIGRATE-1 with the localStorage build (before IndexedDB); made by tests/engines/make-fixture.mjs',
    references: ['MIGRATE-1'],
    entries,
  };
  const out = new URL('./fixtures/old-store.json', import.meta.url);
  writeFileSync(out, JSON.stringify(fixture, null, 2) + '\n');
  console.log(`wrote ${out.pathname}: ${Object.keys(entries).join(', ')}`);
} finally {
  await infra.stop();
  rmSync(work, { recursive: true, force: true });
}
