// What every engine's run needs: the built app served on 127.0.0.1 (scripts/static-server.mjs), a
// trap for any request that would leave 127.0.0.1, a virtual display for WebKitGTK (Xvfb), the
// engine's WebDriver server, and a fresh browser session per journey. `stop()` ends everything
// this started, by process id.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, rmSync, appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../scripts/static-server.mjs';
import { startDriver, Session, sleep } from './webdriver.mjs';
import { ENGINES } from './browsers.mjs';
import { App } from './app.mjs';

/**
 * Writes down a process group this run started, in the file $ENGINES_PIDFILE if it is set, so
 * scripts/engines.sh can end it even if this process is killed before it can.
 */
function track(pid) {
  if (process.env.ENGINES_PIDFILE) appendFileSync(process.env.ENGINES_PIDFILE, `${pid}\n`);
}

/** Crosses it off again once it has been ended (so nothing else is ever sent a signal). */
function untrack(pid) {
  const file = process.env.ENGINES_PIDFILE;
  if (!file || !existsSync(file)) return;
  writeFileSync(file, readFileSync(file, 'utf8').split('\n').filter((l) => l && l !== String(pid)).map((l) => `${l}\n`).join(''));
}

export async function startInfra({ dist, work }) {
  dist = resolve(dist);
  if (!existsSync(join(dist, 'staff.html'))) throw new Error(`${dist}/staff.html is missing: build the app first (scripts/build.sh)`);
  const stops = [];
  const infra = { dist, work, leaks: [], stops, afterStop: [] };

  // The app.
  const server = await startServer(dist, 0, '/');
  stops.push(() => new Promise((ok) => server.close(() => ok())));
  infra.origin = `http://127.0.0.1:${server.address().port}`;

  // Anything else the browsers ask for comes here (they are told to use it as their proxy for
  // every host but 127.0.0.1 and localhost), is refused and written down.
  const trap = createServer((req, res) => { infra.leaks.push(`${req.method} ${req.url}`); res.writeHead(403).end(); });
  trap.on('connect', (req, socket) => { infra.leaks.push(`CONNECT ${req.url}`); socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'); });
  trap.on('error', () => {});
  await new Promise((ok) => trap.listen(0, '127.0.0.1', ok));
  stops.push(() => new Promise((ok) => { trap.closeAllConnections?.(); trap.close(() => ok()); }));
  infra.trapPort = trap.address().port;

  // The server compresses each file once, on its first request (brotli at its best takes
  // seconds for the wasm): do that now for the worker's page, not in the first journey.
  // One file at a time, each tried three times: once, all at once on a busy machine, one
  // connection was dropped ("fetch failed") and the whole run stopped before any journey.
  for (const f of staffFiles(dist)) {
    for (const enc of ['br', 'gzip']) {
      for (let attempt = 1; ; attempt++) {
        try {
          const r = await fetch(`${infra.origin}/${f}`, { headers: { 'accept-encoding': enc } });
          await r.arrayBuffer();
          break;
        } catch (e) {
          if (attempt === 3) throw new Error(`could not fetch ${f} (${enc}) from the test server: ${e.cause?.message || e.message}`);
        }
      }
    }
  }

  // Ends everything (processes first, then their files); every call waits for the same end.
  let stopping = null;
  infra.stop = () => {
    infra.stopping = true;
    stopping ||= (async () => {
      for (const s of [...stops.reverse(), ...infra.afterStop]) { try { await s(); } catch { /* keep stopping the rest */ } }
    })();
    return stopping;
  };
  return infra;
}

/** staff.html and the files it loads (its scripts, style sheet and wasm). */
function staffFiles(dist) {
  const html = readFileSync(join(dist, 'staff.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?([\w.-]+\.(?:js|css))"/g)].map((m) => m[1]);
  const wasm = refs.filter((f) => /^waymark-[0-9a-f]+\.js$/.test(f)).map((f) => f.replace(/\.js$/, '_bg.wasm'));
  return ['staff.html', ...refs, ...wasm].filter((f) => existsSync(join(dist, f)));
}

/** A virtual X display (for WebKitGTK); its number is chosen by Xvfb itself. */
export async function startXvfb(infra) {
  const proc = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x1024x24'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe'], detached: true });
  if (proc.pid) track(proc.pid);
  const display = await new Promise((ok, fail) => {
    const t = setTimeout(() => fail(new Error('Xvfb did not start in 10 s')), 10000);
    proc.stdio[3].on('data', (d) => { clearTimeout(t); ok(`:${String(d).trim()}`); });
    proc.on('error', (e) => { clearTimeout(t); fail(e); });
    proc.on('exit', (c) => { clearTimeout(t); fail(new Error(`Xvfb exited (${c})`)); });
  });
  infra.stops.push(async () => {
    try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ }
    await sleep(100);
    untrack(proc.pid);
  });
  return display;
}

/** Starts `name`'s WebDriver server. Returns { engine, newSession(opts), stop() }. */
export async function startEngine(infra, name) {
  if (infra.stopping) throw new Error('stopping');
  const engine = ENGINES[name];
  const missing = engine.missing();
  if (missing.length) throw new Error(`missing: ${missing.join(', ')} (run scripts/setup.sh --engines)`);
  const home = mkdtempSync(join(tmpdir(), `waymark-engines-${name}-`));
  infra.stops.push(() => rmSync(home, { recursive: true, force: true }));
  const env = engine.driverEnv(home);
  if (engine.needsDisplay) env.DISPLAY = infra.display || (infra.display = await startXvfb(infra));
  const driver = await startDriver({
    name: `${name} driver`, command: engine.driverCommand(), args: engine.driverArgs, env, log: join(infra.work, `${name}-driver.log`), onSpawn: track, onExit: untrack,
  });
  infra.stops.push(driver.stop);

  return {
    engine,
    stop: driver.stop,
    /** A fresh browser with a fresh profile: { session, app, close() }. */
    async newSession({ quota } = {}) {
      if (infra.stopping) throw new Error('stopping');
      const made = engine.session({ trapPort: infra.trapPort, quota });
      const { caps } = made;
      // The profile goes when the session closes, or at the end (after the browsers) if it never does.
      let cleaned = false;
      const cleanup = () => { if (!cleaned) { cleaned = true; made.cleanup(); } };
      infra.afterStop.push(cleanup);
      let session;
      try {
        session = await Session.create(driver.url, caps);
      } catch (e) {
        cleanup();
        throw e;
      }
      // A phone-sized window, as the Playwright tests use (390 x 844).
      await session.setWindowRect({ width: 390, height: 844 }).catch(() => {});
      return {
        session,
        app: new App(session, infra.origin),
        async close() { await session.delete(); cleanup(); },
      };
    },
  };
}
