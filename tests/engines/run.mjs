// Runs Waymark's storage journeys (journeys.mjs) in Firefox ESR and WebKitGTK through W3C
// WebDriver, each journey in a fresh browser and profile, and prints one PASS/FAIL/SKIP line per
// journey per engine. Exits 1 if anything failed (or a browser sent a request off 127.0.0.1).
//
//   node tests/engines/run.mjs [DIST] [--engine firefox|webkit]... [--journey NAME]...
//
// DIST: the built app (default: dist/ beside this repository). On a failure a screenshot and the
// page's address are kept in the work folder it names; drivers' logs are there too.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startInfra, startEngine } from './harness.mjs';
import { JOURNEYS } from './journeys.mjs';
import { ENGINES } from './browsers.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const JOURNEY_TIMEOUT = 75000;

/**
 * Firefox's quota in the profile for the quota journey, in KB. The whole best-effort storage of
 * the profile is 4 MB, and Firefox lets one site use all of it below 10 MB (a site's limit is
 * min(limit, max(limit / 5, 10 MB))): IndexedDB, the Cache API and localStorage count against it,
 * and the journey fills what is left. localStorage's own limit for a site is 4 KB: room for the
 * device's keys and a small family, not for one with a note of 4000 characters. 4 MB since the
 * lock (issue 19): with 2 MB the app's own files in the Cache API left no room for the journey
 * to open its filler database at all.
 */
const QUOTA = { fixedLimitKB: 4096, localStorageKB: 4 };

function parseArgs(argv) {
  const opts = { dist: join(ROOT, 'dist'), engines: [], journeys: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--engine') opts.engines.push(argv[++i]);
    else if (a === '--journey') opts.journeys.push(argv[++i]);
    else if (a === '-h' || a === '--help') { console.log('usage: node tests/engines/run.mjs [DIST] [--engine firefox|webkit]... [--journey NAME]...'); process.exit(0); }
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else opts.dist = a;
  }
  if (!opts.engines.length) opts.engines = Object.keys(ENGINES);
  for (const e of opts.engines) if (!ENGINES[e]) throw new Error(`unknown engine ${e} (${Object.keys(ENGINES).join(', ')})`);
  for (const j of opts.journeys) if (!JOURNEYS.some((x) => x.name === j)) throw new Error(`unknown journey ${j} (${JOURNEYS.map((x) => x.name).join(', ')})`);
  return opts;
}

const COLOUR = process.stdout.isTTY;
const paint = (code, s) => (COLOUR ? `\x1b[${code}m${s}\x1b[0m` : s);
const PASS = paint('32', 'PASS');
const FAIL = paint('31;1', 'FAIL');
const SKIP = paint('33', 'SKIP');
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, fail) => { t = setTimeout(() => fail(new Error(`${what} took more than ${ms / 1000} s`)), ms); }),
  ]).finally(() => clearTimeout(t));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'waymark-engines-'));
  const started = Date.now();
  const results = [];
  let infra;
  let interrupted = null;
  const stopAll = async () => { if (infra) await infra.stop(); };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, async () => {
      if (interrupted) return;
      interrupted = sig;
      console.error(`\n${sig}: stopping the browsers`);
      await stopAll();
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  }

  try {
    try {
      infra = await startInfra({ dist: opts.dist, work });
    } catch (e) {
      rmSync(work, { recursive: true, force: true });
      throw e;
    }
    console.log(`serving ${infra.dist} at ${infra.origin}`);
    for (const name of opts.engines) {
      if (infra.stopping) break;
      const eng = ENGINES[name];
      const label = eng.label.padEnd(11);
      const journeys = JOURNEYS.filter((j) => !opts.journeys.length || opts.journeys.includes(j.name));
      let engine;
      try {
        engine = await startEngine(infra, name);
      } catch (e) {
        for (const j of journeys) {
          results.push({ engine: name, journey: j.name, status: 'fail', error: `could not start ${eng.label}: ${e.message}` });
          console.log(`${FAIL} ${label} ${j.name.padEnd(10)} could not start ${eng.label}: ${e.message}`);
        }
        continue;
      }
      const leaksBefore = infra.leaks.length;
      for (const j of journeys) {
        if (infra.stopping) break;
        if (j.needsQuota && !eng.canSetQuota) {
          const why = `no way to set a small storage quota in ${eng.label} (see browsers.mjs)`;
          results.push({ engine: name, journey: j.name, status: 'skip', error: why });
          console.log(`${SKIP} ${label} ${j.name.padEnd(10)} ${why}`);
          continue;
        }
        // A driver that stops answering (seen now and then with WebKitWebDriver) is the test
        // rig failing, not the app: the journey runs once more with a fresh driver, and says so.
        // A journey that fails its checks fails at once.
        for (let attempt = 1; ; attempt += 1) {
          const t0 = Date.now();
          const notes = [];
          let browser;
          let again = false;
          try {
            await withTimeout((async () => {
              browser = await engine.newSession(j.needsQuota ? { quota: QUOTA } : {});
              await j.run({ app: browser.app, session: browser.session, engine: eng, note: (n) => notes.push(n) });
            })(), JOURNEY_TIMEOUT, `the journey "${j.name}"`);
            results.push({ engine: name, journey: j.name, status: 'pass' });
            console.log(`${PASS} ${label} ${j.name.padEnd(10)} ${secs(Date.now() - t0)}  ${j.title}`);
          } catch (e) {
            if (infra.stopping) break;
            if (attempt === 1 && /driver unreachable/.test(e.message)) {
              again = true;
              console.log(`       note: ${label} ${j.name}: the driver stopped answering (${e.message.split('\n')[0]}); running it again with a fresh driver`);
            } else {
              const where = browser ? await evidence(browser, work, `${name}-${j.name}`) : '';
              results.push({ engine: name, journey: j.name, status: 'fail', error: e.message });
              console.log(`${FAIL} ${label} ${j.name.padEnd(10)} ${secs(Date.now() - t0)}  ${j.title}\n       ${e.message.split('\n').join('\n       ')}${where}`);
            }
          } finally {
            for (const n of notes) console.log(`       note: ${n}`);
            if (again) {
              await engine.stop();
              engine = await startEngine(infra, name);
            } else if (browser) {
              await withTimeout(browser.close(), 20000, 'closing the browser').catch(async () => {
                // A browser that will not close: restart the driver (which kills it) for the next journey.
                await engine.stop();
                engine = await startEngine(infra, name);
              });
            }
          }
          if (!again) break;
        }
      }
      if (infra.stopping) break;
      await engine.stop();
      const leaks = infra.leaks.slice(leaksBefore);
      if (leaks.length) {
        results.push({ engine: name, journey: 'network', status: 'fail', error: leaks.join(', ') });
        console.log(`${FAIL} ${label} ${'network'.padEnd(10)} requests that would have left 127.0.0.1 (refused): ${[...new Set(leaks)].join(', ')}`);
      } else {
        console.log(`${PASS} ${label} ${'network'.padEnd(10)} no request left 127.0.0.1`);
        results.push({ engine: name, journey: 'network', status: 'pass' });
      }
    }
  } finally {
    await stopAll();
  }
  if (interrupted) {
    // The signal's handler removes the work folder and exits.
    await new Promise(() => {});
  }

  const count = (s) => results.filter((r) => r.status === s).length;
  const failed = count('fail');
  console.log(`\nengines: ${count('pass')} passed, ${failed} failed, ${count('skip')} skipped in ${secs(Date.now() - started)}`);
  if (failed) console.log(`logs and screenshots: ${work}`);
  else rmSync(work, { recursive: true, force: true });
  return failed ? 1 : 0;
}

/** A screenshot and the address of the page, kept for a failed journey. */
async function evidence(browser, work, name) {
  browser.session.commandTimeout = 10000;
  try {
    const [url, png, h1] = await Promise.all([
      browser.session.currentUrl(), browser.session.screenshot(), browser.app.heading().catch(() => null),
    ]);
    const file = join(work, `${name}.png`);
    writeFileSync(file, Buffer.from(png, 'base64'));
    return `\n       at ${url} (heading: ${JSON.stringify(h1)}); screenshot ${file}`;
  } catch (e) {
    return `\n       (no screenshot: ${e.message})`;
  }
}

main().then((code) => process.exit(code), (e) => { console.error(`engines: ${process.env.DEBUG ? e.stack : e.message}`); process.exit(2); });
