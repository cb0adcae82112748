// Waymark's storage journeys, the same in every engine: each gets a fresh browser (a fresh
// profile) and `app` (see app.mjs), and throws to fail. Behaviour is checked through the UI first
// (what a worker sees, after a reload too), what is stored second.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { waitFor } from './webdriver.mjs';
import { FAMILY_PREFIX } from './app.mjs';

/**
 * The old layout (before IndexedDB): what the localStorage build stored for one family,
 * "MIGRATE-1", added through the form (tests/engines/make-fixture.mjs made it).
 */
const OLD_STORE = JSON.parse(readFileSync(new URL('./fixtures/old-store.json', import.meta.url), 'utf8'));

/**
 * localStorage keys that belong to the device, not to its records: how Waymark is used here (the
 * test sets it before the app starts, as the Playwright tests' init script does) and the device's
 * id, which the app makes afresh at its next start. data.test.mjs asserts that, right after
 * "Delete everything", no `waymark.` key at all is left; here `waymark.mode` may stay then, and
 * after a reload both may be back.
 */
const KEPT_AFTER_DELETE = ['waymark.mode'];
const KEPT_AFTER_RELOAD = ['waymark.mode', 'waymark.device'];

export const JOURNEYS = [
  {
    name: 'save',
    title: 'a family added through the form is saved and listed',
    async run({ app }) {
      await app.prepare();
      await app.open('#/families', 'Families');
      await app.waitEmptyList();
      await app.addFamily('SAVE-1');
      await app.waitHeading('SAVE-1');
      await app.waitStatus('Saved');
      await app.open('#/families', 'Families');
      await app.waitListed(['SAVE-1']);
      const families = await app.storedFamilies();
      assert.equal(families.length, 1, `one family stored (${families})`);
    },
  },

  {
    name: 'reload',
    title: 'after a reload the family is still listed',
    async run({ app }) {
      await app.prepare();
      await app.addFamily('RELOAD-1');
      await app.waitHeading('RELOAD-1');
      await app.waitStatus('Saved');
      await app.open('#/families', 'Families');
      await app.waitListed(['RELOAD-1']);
      await app.reload('Families');
      await app.waitListed(['RELOAD-1']);
      // And its own page opens from the list, and again after a reload of that page.
      await app.click('a', 'RELOAD-1');
      await app.waitHeading('RELOAD-1');
      await app.reload('RELOAD-1');
      const families = await app.storedFamilies();
      assert.equal(families.length, 1, `one family stored (${families})`);
    },
  },

  {
    name: 'two-tabs',
    title: 'two tabs: a family added in one shows in the other, neither overwrites the other',
    async run({ app, session, engine }) {
      await app.prepare();
      await app.open('#/families', 'Families');
      const a = await session.windowHandle();
      const b = await session.newWindow(engine.newTabType || 'tab');
      await session.switchTo(b);
      await app.open('#/families', 'Families');
      await app.waitEmptyList();
      // Marks this document: if it were reloaded, the mark would be gone.
      const mark = () => app.s.execute(() => { window.__enginesMark = true; });
      const notReloaded = async (tab) => assert.equal(await app.s.execute(() => window.__enginesMark === true), true, `tab ${tab} was not reloaded`);
      await mark();

      await session.switchTo(a);
      await app.addFamily('TAB-A');
      await app.waitHeading('TAB-A');
      await app.waitStatus('Saved');
      await mark();

      // Tab B, never reloaded, shows it within a few seconds.
      await session.switchTo(b);
      await app.waitHeading('Families');
      await app.waitListed(['TAB-A'], 5000);
      await notReloaded('B');

      // A different family from B; A (not reloaded either) has both.
      await app.addFamily('TAB-B');
      await app.waitHeading('TAB-B');
      await app.waitStatus('Saved');
      await session.switchTo(a);
      await app.s.navigate(app.url + '#/families');
      await app.waitHeading('Families');
      await app.waitListed(['TAB-A', 'TAB-B'], 5000);
      await notReloaded('A');

      // Nothing was overwritten: both are there after a reload, in each tab.
      for (const tab of [a, b]) {
        await session.switchTo(tab);
        await app.s.navigate(app.url + '#/families');
        await app.reload('Families');
        await app.waitListed(['TAB-A', 'TAB-B']);
      }
      const families = await app.storedFamilies();
      assert.equal(families.length, 2, `two families stored (${families})`);
    },
  },

  {
    name: 'lock',
    title: 'the lock: every record sealed, locked and unlocked in two tabs together, opened after a reload',
    async run({ app, session, engine }) {
      const PASS = 'blue kettle on the stairs';
      const typeInto = async (id, text) => {
        const el = await waitFor(async () => (await app.s.findXPath(`//*[@id="${id}"]`))[0] || null, { what: `#${id}` });
        await app.s.clear(el);
        await app.s.type(el, text);
      };
      await app.prepare();
      await app.addFamily('LOCK-1', { notes: 'Zebedee Quartermaine by the shed' });
      await app.waitHeading('LOCK-1');
      await app.waitStatus('Saved');
      await app.open('#/data', 'Your data');
      await typeInto('lock-new', PASS);
      await typeInto('lock-new-again', PASS);
      await app.click('button', 'Turn on the lock');
      await app.waitStatus('The lock is on.', 30000);
      // Every record sealed with this engine's WebCrypto: nothing entered is readable.
      const st = await app.stored();
      const records = st.idb.keys.map((k, i) => [k, st.idb.values[i]]);
      assert.ok(records.some(([k]) => k === 'waymark.lock'), 'the lock record is stored');
      for (const [k, v] of records) {
        if (k !== 'waymark.lock') assert.match(v, /^sealed1:/, `${k} is sealed`);
        assert.ok(!v.includes('Zebedee') && !v.includes('LOCK-1'), `${k} holds nothing entered`);
      }

      // Locked, then a second tab: it starts locked (no tab open to hand the key over), and
      // unlocks with the passphrase.
      await app.click('button', 'Lock now');
      await app.waitHeading('Waymark is locked');
      const a = await session.windowHandle();
      const b = await session.newWindow(engine.newTabType || 'tab');
      await session.switchTo(b);
      await app.s.navigate(app.url + '#/families');
      await app.waitHeading('Waymark is locked', 20000);
      await typeInto('unlock-passphrase', PASS);
      await app.click('button', 'Unlock');
      await app.waitHeading('Families', 30000);
      await app.waitListed(['LOCK-1']);
      // Unlocked in one, open in the other (the key handed over between tabs).
      await session.switchTo(a);
      await app.waitHeading('Your data', 30000);
      // A reload while the other tab is unlocked opens unlocked (the key handed over again).
      await session.switchTo(b);
      await app.reload('Families');
      await app.waitListed(['LOCK-1']);
      // Locked in one tab, locked in the other.
      await app.click('button', 'Lock now');
      await app.waitHeading('Waymark is locked');
      await session.switchTo(a);
      await app.waitHeading('Waymark is locked', 10000);
      // After a reload with every tab locked it asks again, and opens.
      await app.s.navigate(app.url + '#/families');
      await app.reload('Waymark is locked');
      await typeInto('unlock-passphrase', PASS);
      await app.click('button', 'Unlock');
      await app.waitHeading('Families', 30000);
      await app.waitListed(['LOCK-1']);
    },
  },

  {
    name: 'migration',
    title: 'records in the old layout (localStorage) are there at the first start',
    async run({ app, note }) {
      await app.prepare(OLD_STORE.entries);
      const before = await app.stored();
      assert.equal(before.idb, null, 'no IndexedDB database before the app first starts');
      assert.deepEqual(before.local.filter((k) => k.startsWith(FAMILY_PREFIX)), Object.keys(OLD_STORE.entries).filter((k) => k.startsWith(FAMILY_PREFIX)));

      await app.open('#/families', 'Families');
      await app.waitListed(OLD_STORE.references);
      await app.click('a', OLD_STORE.references[0]);
      await app.waitHeading(OLD_STORE.references[0]);

      const oldKeys = Object.keys(OLD_STORE.entries).filter((k) => k.startsWith(FAMILY_PREFIX)).sort();
      // The move to IndexedDB finishes in the background: give it a moment to show.
      const st = await waitFor(async () => {
        const s = await app.stored();
        return s.idb && s.idb.keys.some((k) => k.startsWith(FAMILY_PREFIX)) ? s : null;
      }, { timeout: 3000, what: 'the records in IndexedDB' }).catch(() => app.stored());
      assert.ok(st.idb, 'the IndexedDB database "waymark" (store "records") exists');
      {
        assert.deepEqual(st.idb.keys.filter((k) => k.startsWith(FAMILY_PREFIX)).sort(), oldKeys, 'IndexedDB has the old records, under the same keys');
        assert.deepEqual(st.local.filter((k) => k.startsWith(FAMILY_PREFIX)), [], 'no waymark.family.* keys left in localStorage');
        for (const k of oldKeys) {
          const v = st.idb.values[st.idb.keys.indexOf(k)];
          assert.equal(typeof v, 'string', `${k} is stored as JSON text`);
          assert.equal(JSON.parse(v).data.families[0].reference, JSON.parse(OLD_STORE.entries[k]).data.families[0].reference);
        }
      }
      // Still there after a reload (from wherever it now lives).
      await app.open('#/families', 'Families');
      await app.reload('Families');
      await app.waitListed(OLD_STORE.references);
    },
  },

  {
    name: 'delete-all',
    title: '"Delete everything" on Your data leaves nothing behind, after a reload too',
    async run({ app }) {
      await app.prepare();
      await app.addFamily('DEL-1');
      await app.waitHeading('DEL-1');
      await app.addFamily('DEL-2');
      await app.waitHeading('DEL-2');
      await app.open('#/families', 'Families');
      await app.waitListed(['DEL-1', 'DEL-2']);

      await app.open('#/data', 'Your data');
      // Not without typing DELETE.
      await app.click('button', 'Delete everything');
      await waitFor(() => app.s.execute(() => document.body.textContent.includes('Type DELETE in the box first.')), { what: 'the message "Type DELETE in the box first."' });
      assert.equal((await app.storedFamilies()).length, 2, 'nothing deleted without typing DELETE');
      await app.fill('Type DELETE to confirm', 'DELETE');
      await app.click('button', 'Delete everything');
      await app.waitStatus('All Waymark data has been deleted');
      // The app starts afresh at its first screen, as on a new device, without stopping
      // (issue 28: "Sorry, Waymark stopped working").
      await app.waitHeading('Welcome to Waymark');
      await app.control('button', 'For me and my family');
      assert.equal(await app.crashed(), false, 'the app did not stop');

      const after = await app.stored();
      const left = after.local.filter((k) => !KEPT_AFTER_DELETE.includes(k));
      assert.deepEqual(left, [], `nothing of Waymark's left in localStorage but ${KEPT_AFTER_DELETE.join(', ')}`);
      assert.ok(after.idb, 'the IndexedDB database exists');
      assert.deepEqual(after.idb.keys, [], 'the IndexedDB store is empty');

      await app.open('#/families', 'Families');
      await app.waitEmptyList();
      await app.reload('Families');
      await app.waitEmptyList();
      const later = await app.stored();
      assert.deepEqual(later.local.filter((k) => !KEPT_AFTER_RELOAD.includes(k)), [], `still nothing after a reload but ${KEPT_AFTER_RELOAD.join(', ')}`);
      if (later.idb) assert.deepEqual(later.idb.keys, [], 'the IndexedDB store is still empty after a reload');
    },
  },

  {
    name: 'marks',
    title: 'deleting families gives back at least half of what they took, after a reload too',
    async run({ app, note }) {
      await app.prepare();
      const refs = ['MARK-1', 'MARK-2', 'MARK-3'];
      for (const ref of refs) {
        // A family with notes, as a worker keeps them.
        let words = `Notes for ${ref}.`;
        while (words.length < 1500) words += ` ${Math.random().toString(36).slice(2)}`;
        await app.addFamily(ref, { notes: words });
        await app.waitHeading(ref);
        await app.waitStatus('Saved');
      }
      const size = async () => (await app.stored()).idb.values.filter((v) => typeof v === 'string').reduce((n, v) => n + v.length, 0);
      const before = await size();
      for (const ref of refs) {
        await app.open('#/families', 'Families');
        await app.click('a', ref);
        await app.waitHeading(ref);
        await app.click('button', 'Delete this family');
        await app.click('button', 'Delete');
        await app.waitStatus('Deleted');
      }
      const after = await size();
      note(`3 families stored in ${before} characters, deleted in ${after}`);
      assert.ok(after * 2 <= before, `at least half given back (${before} -> ${after})`);
      const stored = (await app.stored()).idb.values.join('\n');
      for (const ref of refs) assert.ok(!stored.includes(ref), `${ref} is gone from what is stored`);
      await app.reload('Families');
      await app.waitEmptyList();
    },
  },

  {
    name: 'quota',
    title: 'a full device: the refused save says so, and everything said "Saved" is kept',
    needsQuota: true,
    async run({ app, note }) {
      await app.prepare();
      await app.addFamily('KEEP-ME');
      await app.waitHeading('KEEP-ME');
      await app.waitStatus('Saved');
      // The rest of the site's quota (small, in the profile) taken by other data, as on a phone
      // that is full: whichever storage the app uses, there is no room for much more.
      const fill = await app.fillQuota();
      assert.equal(fill.refusal, 'QuotaExceededError', `the browser refused more data at its quota (${JSON.stringify(fill)})`);
      note(`device filled: ${Math.round(fill.stored / 1024)} KB more${fill.estimate ? `, ${fill.estimate.usage} of ${fill.estimate.quota} bytes used` : ''}`);
      // Families with the longest note the form takes (4000 characters), until the device
      // refuses one (Firefox counts its storage in pages, so what is left is never exact).
      const saved = ['KEEP-ME'];
      let refused = null;
      for (let i = 1; i <= 12 && !refused; i++) {
        const ref = `NO-ROOM-${i}`;
        // Text that does not compress (Firefox compresses what IndexedDB stores: a repeated
        // sentence would take almost no room, and the device would never refuse it).
        let words = `Room to grow ${i}.`;
        while (words.length < 4000) words += ` ${Math.random().toString(36).slice(2)}`;
        await app.addFamily(ref, { notes: words.slice(0, 4000) });
        // Either it is stored, or the app says it could not be.
        const outcome = await waitFor(async () => {
          if ((await app.status()).includes("We couldn't save")) return 'refused';
          return (await app.storedFamilies()).length === saved.length + 1 ? 'stored' : null;
        }, { what: `${ref} stored, or "We couldn't save"` });
        if (outcome === 'refused') refused = ref; else saved.push(ref);
      }
      assert.ok(refused, 'the device refused a family within 12 tries');
      note(`refused at ${refused} after ${saved.length} saved`);
      await app.waitStatus('delete old closed families');
      // The form stays as it was typed, with the message at the top (issue 28).
      await app.waitHeading('Add a family');
      assert.equal(await app.value('Reference'), refused, 'what was typed is still in the form');
      await waitFor(() => app.s.execute(() => document.getElementById('error-summary')?.textContent.includes('This was not saved, so nothing has changed.')),
        { what: 'the summary "This was not saved" at the top' });
      assert.equal(await app.crashed(), false, 'the app did not stop');
      await app.open('#/families', 'Families');
      await app.waitListed(saved);
      await app.reload('Families');
      await app.waitListed(saved);
      assert.deepEqual((await app.storedFamilies()).length, saved.length, 'what was said "Saved" is stored, the refused one is not');
      // Room made again: still what was saved and nothing else, after a reload too.
      await app.emptyQuota();
      await app.reload('Families');
      await app.waitListed(saved);
    },
  },
];
