// A small W3C WebDriver client (the classic HTTP protocol) on Node's own fetch: enough to drive
// Firefox (geckodriver) and WebKitGTK (WebKitWebDriver) through Waymark's storage journeys, with
// no npm dependency. Every command has a time limit, and errors say which command failed and why.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createWriteStream } from 'node:fs';

/** The key under which W3C WebDriver returns an element reference. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class WebDriverError extends Error {
  constructor(command, status, error, message) {
    super(`${command}: ${error || 'HTTP ' + status}${message ? ': ' + message.split('\n')[0] : ''}`);
    this.error = error;
    this.status = status;
  }
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort() {
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

/**
 * Polls `fn` until it returns a truthy value (which is returned) or `timeout` ms pass; then
 * throws `what` (with the last error `fn` threw, if any).
 */
export async function waitFor(fn, { timeout = 10000, interval = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = undefined;
    } catch (e) {
      // A stale element or a page in the middle of loading: try again.
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await sleep(interval);
  }
}

/**
 * Starts a WebDriver server (`command args`) on a free port and waits until it says it is ready.
 * Its output goes to `log` (a file). Returns { url, stop() }; stop() kills it (and is safe to call
 * twice).
 */
export async function startDriver({ name, command, args, env, log, readyTimeout = 20000, onSpawn = () => {}, onExit = () => {} }) {
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const out = createWriteStream(log, { flags: 'a' });
    const proc = spawn(command, args(port), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (proc.pid) onSpawn(proc.pid);
    proc.stdout.pipe(out);
    proc.stderr.pipe(out);
    let exited = null;
    proc.on('exit', (code, signal) => { exited = { code, signal }; });
    proc.on('error', (e) => { exited = { error: e }; });
    const url = `http://127.0.0.1:${port}`;
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      // The driver's own process group: the driver and whatever browser it started.
      const group = (sig) => { try { process.kill(-proc.pid, sig); return true; } catch { return false; } };
      if (group('SIGTERM')) {
        for (let i = 0; i < 30 && group(0); i++) await sleep(100);
        group('SIGKILL');
      }
      onExit(proc.pid);
    };
    try {
      await waitFor(async () => {
        if (exited) throw new Error(`${name} exited (${JSON.stringify(exited)}); see ${log}`);
        const r = await fetch(`${url}/status`, { signal: AbortSignal.timeout(2000) });
        const body = await r.json();
        return body.value && body.value.ready !== false;
      }, { timeout: readyTimeout, what: `${name} to listen on port ${port}` });
      return { url, stop, pid: proc.pid };
    } catch (e) {
      lastError = e;
      await stop();
      if (exited && exited.error) break; // not installed: no point trying again
    }
  }
  throw lastError;
}

/** One browser session. Methods mirror the W3C commands the journeys need. */
export class Session {
  constructor(driverUrl, id, capabilities, commandTimeout) {
    this.base = `${driverUrl}/session/${id}`;
    this.id = id;
    this.capabilities = capabilities;
    this.commandTimeout = commandTimeout;
  }

  static async create(driverUrl, alwaysMatch, { timeout = 60000, commandTimeout = 30000 } = {}) {
    const value = await call(`${driverUrl}/session`, 'POST', { capabilities: { alwaysMatch } }, timeout, 'new session');
    const s = new Session(driverUrl, value.sessionId, value.capabilities, commandTimeout);
    await s.cmd('POST', '/timeouts', { script: 20000, pageLoad: 30000, implicit: 0 });
    return s;
  }

  cmd(method, path, body) {
    return call(this.base + path, method, body, this.commandTimeout, `${method} ${path}`);
  }

  async delete() {
    try { await call(this.base, 'DELETE', undefined, 15000, 'delete session'); } catch { /* the driver is stopped next anyway */ }
  }

  navigate(url) { return this.cmd('POST', '/url', { url }); }
  currentUrl() { return this.cmd('GET', '/url'); }
  refresh() { return this.cmd('POST', '/refresh', {}); }
  title() { return this.cmd('GET', '/title'); }

  /** Runs `fn` (a function, or the body of one as a string) in the page with `args`. */
  execute(fn, ...args) {
    return this.cmd('POST', '/execute/sync', { script: body(fn), args });
  }

  /** Runs an async function in the page and returns what its promise resolves to. */
  executeAsync(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve((${fn.toString()})(...Array.prototype.slice.call(arguments, 0, -1)))
        .then((v) => done({ ok: v }), (e) => done({ error: String(e && e.stack || e) }));`;
    return this.cmd('POST', '/execute/async', { script, args }).then((r) => {
      if (r && 'error' in r) throw new Error(`script failed in the page: ${r.error}`);
      return r ? r.ok : r;
    });
  }

  async find(css) {
    const all = await this.findAll(css);
    return all[0] || null;
  }

  async findAll(css) {
    const els = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return els.map((e) => e[ELEMENT]);
  }

  async findXPath(xpath) {
    const els = await this.cmd('POST', '/elements', { using: 'xpath', value: xpath });
    return els.map((e) => e[ELEMENT]);
  }

  click(el) { return this.cmd('POST', `/element/${el}/click`, {}); }
  clear(el) { return this.cmd('POST', `/element/${el}/clear`, {}); }
  type(el, text) { return this.cmd('POST', `/element/${el}/value`, { text }); }
  text(el) { return this.cmd('GET', `/element/${el}/text`); }
  property(el, name) { return this.cmd('GET', `/element/${el}/property/${name}`); }
  displayed(el) { return this.cmd('GET', `/element/${el}/displayed`); }

  windowHandle() { return this.cmd('GET', '/window'); }
  windowHandles() { return this.cmd('GET', '/window/handles'); }
  async newWindow(type = 'tab') { return (await this.cmd('POST', '/window/new', { type })).handle; }
  switchTo(handle) { return this.cmd('POST', '/window', { handle }); }
  setWindowRect(rect) { return this.cmd('POST', '/window/rect', rect); }
  screenshot() { return this.cmd('GET', '/screenshot'); }

  /** An element as a script argument. */
  static ref(el) { return { [ELEMENT]: el }; }
}

function body(fn) {
  if (typeof fn === 'string') return fn;
  return `return (${fn.toString()}).apply(null, arguments);`;
}

async function call(url, method, payload, timeout, what) {
  let res;
  try {
    res = await fetch(url, {
      method,
      headers: payload === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
      signal: AbortSignal.timeout(timeout),
    });
  } catch (e) {
    const why = e.name === 'TimeoutError' ? `no answer in ${timeout / 1000} s` : (e.cause?.message || e.message);
    throw new WebDriverError(what, 0, 'driver unreachable', why);
  }
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { throw new WebDriverError(what, res.status, 'bad reply', text.slice(0, 200)); }
  const value = json.value;
  if (!res.ok || (value && typeof value === 'object' && 'error' in value && typeof value.error === 'string' && res.status >= 400)) {
    throw new WebDriverError(what, res.status, value?.error, value?.message);
  }
  return value;
}
