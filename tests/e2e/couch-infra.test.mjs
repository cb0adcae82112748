// The test run's team server itself (issue 20): pouchdb-server in memory (scripts/couch.mjs),
// reached from the page at the app's own ./db/ through the static server's proxy, as a council's
// reverse proxy would put it. Signing in (a cookie the page's script cannot read), a member
// reading and writing its team's database, a non-member and a wrong password refused, a longpoll
// answered when the admin writes, the server made unreachable and back, and no request leaving
// the origin, no CSP violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, open, cspViolations } from './helpers.mjs';

let env;
before(async () => { env = await setup({ couch: true }); });
after(async () => { await env?.close(); });

/** One fetch from the page, same origin: { status, json } or { error } (the rejection's name). */
function call(page, path, init = {}) {
  return page.evaluate(async ([p, i]) => {
    try {
      const r = await fetch(p, { credentials: 'same-origin', ...i });
      const text = await r.text();
      let json = null;
      try { json = JSON.parse(text); } catch { /* not JSON */ }
      return { status: r.status, json, text };
    } catch (e) {
      return { error: e.name, message: e.message };
    }
  }, [path, init]);
}

const JSON_POST = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });

test('a member signs in through ./db/, reads and writes the team database; others are refused', async () => {
  assert.ok(env.couch.started < 20000, `the server started in ${env.couch.started} ms`);
  const page = await env.context.newPage();
  await open(page, env.url);

  // A wrong password: 401, and no cookie.
  const wrong = await call(page, './db/_session', JSON_POST({ name: 'amy', password: 'not-her-password' }));
  assert.equal(wrong.status, 401);
  assert.equal(wrong.json.error, 'unauthorized');
  assert.deepEqual(await env.context.cookies(), []);
  // Not signed in: 401.
  assert.equal((await call(page, './db/team-a')).status, 401);

  const signIn = await call(page, './db/_session', JSON_POST({ name: 'amy', password: env.couch.users.amy }));
  assert.equal(signIn.status, 200);
  assert.deepEqual(signIn.json, { ok: true, name: 'amy', roles: ['team-a'] });
  // The session cookie is for the team's path only, and the page's script cannot read it.
  const cookies = await env.context.cookies();
  assert.equal(cookies.length, 1);
  assert.equal(cookies[0].name, 'AuthSession');
  assert.equal(cookies[0].path, '/db/');
  assert.equal(cookies[0].httpOnly, true);
  assert.equal(await page.evaluate(() => document.cookie), '');
  const session = await call(page, './db/_session');
  assert.equal(session.json.userCtx.name, 'amy');

  const info = await call(page, './db/team-a');
  assert.equal(info.status, 200);
  assert.equal(info.json.db_name, 'team-a');
  // Not a member of team-b. CouchDB says 403 (forbidden); pouchdb-server 4.2 says 401
  // (unauthorized) even to a signed-in user. Either way the session itself still holds.
  const other = await call(page, './db/team-b');
  assert.ok([401, 403].includes(other.status), `team-b: ${other.status}`);
  assert.equal((await call(page, './db/_session')).json.userCtx.name, 'amy');

  // Writing with _bulk_docs, reading back through _changes.
  const bulk = await call(page, './db/team-a/_bulk_docs', JSON_POST({ docs: [{ _id: 'infra.one', n: 1 }, { _id: 'infra.two', n: 2 }] }));
  assert.equal(bulk.status, 201);
  assert.deepEqual(bulk.json.map((r) => [r.id, r.ok]), [['infra.one', true], ['infra.two', true]]);
  const changes = await call(page, './db/team-a/_changes?include_docs=true&since=0', { headers: { accept: 'application/json' } });
  assert.equal(changes.status, 200);
  const ids = changes.json.results.map((r) => r.id);
  assert.ok(ids.includes('infra.one') && ids.includes('infra.two'), ids.join());
  assert.equal(changes.json.results.find((r) => r.id === 'infra.two').doc.n, 2);
  const admin = await env.couch.allDocs('team-a');
  assert.deepEqual(admin.map((d) => d._id).sort(), ['infra.one', 'infra.two']);

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(env.foreign, []);
  await page.close();
});

test('a longpoll is answered when the admin writes; an unreachable server fails fetch and comes back', async () => {
  const page = await env.context.newPage();
  await open(page, env.url);
  await call(page, './db/_session', JSON_POST({ name: 'amy', password: env.couch.users.amy }));
  const since = (await call(page, './db/team-a/_changes?since=0')).json.last_seq;

  await page.evaluate((s) => {
    window.__longpoll = fetch(`./db/team-a/_changes?feed=longpoll&timeout=20000&include_docs=true&since=${encodeURIComponent(s)}`, { credentials: 'same-origin' })
      .then((r) => r.json());
  }, String(since));
  await new Promise((ok) => setTimeout(ok, 500));
  const t0 = Date.now();
  await env.couch.putDoc('team-a', { _id: 'infra.from-admin', by: 'admin' });
  const got = await page.evaluate(() => window.__longpoll);
  assert.ok(Date.now() - t0 < 5000, 'answered at once');
  assert.deepEqual(got.results.map((r) => r.id), ['infra.from-admin']);
  assert.equal(got.results[0].doc.by, 'admin');

  // A longpoll open when the server goes: it fails at once, as does every request after.
  await page.evaluate(() => {
    window.__waiting = fetch('./db/team-a/_changes?feed=longpoll&timeout=20000&since=now', { credentials: 'same-origin' })
      .then((r) => r.text()).then(() => 'answered', (e) => e.name);
  });
  await new Promise((ok) => setTimeout(ok, 500));
  env.server.couchDown(true);
  assert.equal(await page.evaluate(() => window.__waiting), 'TypeError');
  const down = await call(page, './db/team-a');
  assert.equal(down.error, 'TypeError', JSON.stringify(down));
  // The app's own files are still served.
  assert.equal((await call(page, './manifest.webmanifest')).status, 200);
  env.server.couchDown(false);
  const back = await call(page, './db/team-a');
  assert.equal(back.status, 200, 'back, and still signed in');

  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(env.foreign, []);
  await page.close();
});

test('a second device of the same team, under a sub-path; reset() empties the team databases', async () => {
  const other = await setup({ couch: env.couch, base: '/waymark/' });
  try {
    const page = await other.context.newPage();
    await open(page, other.url);
    const signIn = await call(page, './db/_session', JSON_POST({ name: 'carl', password: env.couch.users.carl }));
    assert.equal(signIn.status, 200);
    assert.equal((await other.context.cookies())[0].path, '/waymark/db/');
    assert.equal((await call(page, './db/team-b')).status, 200);
    assert.ok([401, 403].includes((await call(page, './db/team-a')).status));
    // Sees what the first device's server holds: the same server.
    await env.couch.putDoc('team-b', { _id: 'infra.b' });
    const all = await call(page, './db/team-b/_all_docs');
    assert.deepEqual(all.json.rows.map((r) => r.id), ['infra.b']);

    await env.couch.reset();
    assert.deepEqual(await env.couch.allDocs('team-a'), []);
    assert.deepEqual((await call(page, './db/team-b/_all_docs')).json.rows, []);
    assert.ok([401, 403].includes((await call(page, './db/team-a')).status), 'the security kept');
    assert.deepEqual(await cspViolations(page), []);
    assert.deepEqual(other.foreign, []);
    await page.close();
  } finally {
    await other.close();
  }
  // The shared server is still there for the first device.
  assert.equal((await fetch(env.couch.url + '/')).status, 200);
});
