// A real CouchDB-compatible server for the tests (issue 20, team sync): pouchdb-server (npm,
// a devDependency) in memory, on 127.0.0.1, set up as a council would set up its CouchDB:
// - an admin (admin / secret): the server is no longer an "admin party";
// - users in _users: amy and ben (role team-a), manager (roles team-a and team-b), carl (team-b);
// - databases team-a and team-b, each readable and writable by its role's members only
//   (_security: members.roles = [the team]); anyone else gets 401 (not signed in) or 403.
// The app reaches it through its own origin (<app base>/db/…, scripts/static-server.mjs proxies
// that path), as a council's reverse proxy would.
//
//   const couch = await startCouch();   // { url, port, admin, users, stop, allDocs, putDoc, reset }
//
// The server runs in a child process, in a temporary folder (its config.json and log.txt go
// there, not into the repository); it is killed by stop(), when this process exits, and (as the
// child watches its stdin) even when this process is killed outright.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules', 'pouchdb-server', 'bin', 'pouchdb-server');

export const ADMIN = { name: 'admin', password: 'secret' };

/** Each user's password. */
export const USERS = Object.freeze({
  amy: 'amy-password-1',
  ben: 'ben-password-1',
  manager: 'manager-password-1',
  carl: 'carl-password-1',
});

/** Each user's roles: a role is a team, and a team's database admits its role's members. */
export const ROLES = Object.freeze({
  amy: ['team-a'],
  ben: ['team-a'],
  manager: ['team-a', 'team-b'],
  carl: ['team-b'],
});

export const TEAMS = Object.freeze(['team-a', 'team-b']);

const security = (team) => ({ admins: { names: [], roles: [] }, members: { names: [], roles: [team] } });

// Runs pouchdb-server, and exits when the parent's end of stdin closes (the parent has gone, even
// if it was killed with SIGKILL and could not kill this child itself).
const WATCHDOG = `
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
const bin = process.argv[1];
process.argv = [process.argv[0], bin, ...process.argv.slice(2)];
require(bin);
`;

const running = new Set();
process.on('exit', () => { for (const child of running) child.kill('SIGKILL'); });

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Starts one server and waits until it answers `GET /`; rejects if the child exits first. */
async function launch(port, dir) {
  const child = spawn(process.execPath, ['-e', WATCHDOG, BIN,
    '--in-memory', '--port', String(port), '--host', '127.0.0.1',
    '--config', join(dir, 'config.json'), '--no-stdout-logs', '--no-color'], {
    cwd: dir,
    stdio: ['pipe', 'ignore', 'pipe'],
    env: { ...process.env, PORT: String(port) },
  });
  running.add(child);
  let stderr = '';
  child.stderr.on('data', (d) => { if (stderr.length < 20000) stderr += d; });
  let exited = null;
  const exit = new Promise((ok) => child.on('exit', (code, signal) => {
    running.delete(child);
    exited = { code, signal };
    ok(exited);
  }));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (exited) throw new Error(`pouchdb-server exited (${exited.code ?? exited.signal}): ${stderr.trim().slice(-2000)}`);
    try {
      const r = await fetch(url + '/');
      const body = await r.json();
      if (r.ok && body.version) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`pouchdb-server did not answer on ${url} within 30 s: ${stderr.trim().slice(-2000)}`);
    }
    await sleep(50);
  }
  return { child, exit, url };
}

/**
 * Starts pouchdb-server in memory on 127.0.0.1 (`port`: 0 for a free one) and sets it up as a
 * council would (see the top of this file). Returns
 * `{ url, port, admin, users, roles, teams, log, started, stop(), allDocs(db), putDoc(db, doc), reset() }`:
 * - `url`: http://127.0.0.1:PORT (no trailing slash); `admin`: the same with admin:secret@;
 * - `users`: { amy: 'amy-password-1', … } (USERS);
 * - `log`: the server's log file (its requests, one a line), kept until stop();
 * - `started`: how long starting and setting up took (ms);
 * - `allDocs(db)`: every document of the database (design documents too), read as the admin;
 * - `putDoc(db, doc)`: writes one document as the admin (PUT with its `_id`, else POST), as is
 *   (no checks: for planting a malformed one); returns its new `_rev`;
 * - `reset()`: deletes and recreates the team databases with their _security (users are kept);
 * - `stop()`: kills the server and removes its folder.
 */
export async function startCouch({ port = 0 } = {}) {
  if (!existsSync(BIN)) throw new Error('pouchdb-server is missing: run npm ci');
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'waymark-couch-'));
  let launched;
  // A free port can be taken between finding it and the server binding it: try again then.
  for (let attempt = 0; ; attempt++) {
    const p = port || await freePort();
    try {
      launched = await launch(p, dir);
      launched.port = p;
      break;
    } catch (e) {
      if (port || attempt >= 2) { rmSync(dir, { recursive: true, force: true }); throw e; }
    }
  }
  const { child, exit, url } = launched;
  const adminUrl = url.replace('http://', `http://${ADMIN.name}:${ADMIN.password}@`);
  const auth = 'Basic ' + Buffer.from(`${ADMIN.name}:${ADMIN.password}`).toString('base64');

  /** One request as the admin; throws unless the status is one of `okStatus`. */
  async function admin(method, path, body, okStatus = [200, 201, 202]) {
    const r = await fetch(url + path, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!okStatus.includes(r.status)) throw new Error(`${method} ${path}: ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  async function createTeams() {
    for (const team of TEAMS) {
      await admin('PUT', `/${team}`);
      await admin('PUT', `/${team}/_security`, security(team));
    }
  }

  let stopped = null;
  const couch = {
    url,
    port: launched.port,
    admin: adminUrl,
    users: USERS,
    roles: ROLES,
    teams: TEAMS,
    log: join(dir, 'log.txt'),
    started: 0,
    async allDocs(db) {
      const r = await admin('GET', `/${encodeURIComponent(db)}/_all_docs?include_docs=true`);
      return r.rows.map((row) => row.doc);
    },
    async putDoc(db, doc) {
      const r = doc._id
        ? await admin('PUT', `/${encodeURIComponent(db)}/${encodeURIComponent(doc._id)}`, doc)
        : await admin('POST', `/${encodeURIComponent(db)}`, doc);
      return r.rev;
    },
    async reset() {
      for (const team of TEAMS) await admin('DELETE', `/${team}`, undefined, [200, 202, 404]);
      await createTeams();
    },
    stop() {
      if (!stopped) {
        stopped = (async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
            await exit;
            clearTimeout(timer);
          }
          rmSync(dir, { recursive: true, force: true });
        })();
      }
      return stopped;
    },
  };

  try {
    // The first admin ends the "admin party": from here on, only the admin may change things.
    // (pouchdb-server answers with the previous value, "".)
    const r = await fetch(`${url}/_config/admins/${ADMIN.name}`, { method: 'PUT', body: JSON.stringify(ADMIN.password) });
    if (!r.ok) throw new Error(`PUT /_config/admins/${ADMIN.name}: ${r.status} ${await r.text()}`);
    for (const [name, password] of Object.entries(USERS)) {
      await admin('PUT', `/_users/${encodeURIComponent('org.couchdb.user:' + name)}`,
        { _id: `org.couchdb.user:${name}`, name, password, roles: ROLES[name], type: 'user' });
    }
    await createTeams();
  } catch (e) {
    await couch.stop();
    throw e;
  }
  couch.started = Date.now() - t0;
  return couch;
}

// `node scripts/couch.mjs`: a server for trying the app by hand (with WAYMARK_COUCH for the
// static server); stops on Ctrl+C.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] || 0);
  const couch = await startCouch({ port });
  console.log(`pouchdb-server (in memory) at ${couch.url}, admin ${couch.admin}, started in ${couch.started} ms`);
  console.log('users:', Object.entries(USERS).map(([n, p]) => `${n}/${p} (${ROLES[n].join(', ')})`).join('; '));
  const quit = async () => { await couch.stop(); process.exit(0); };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}
