// A small static file server for the built app (dist/), on 127.0.0.1 only.
// Usage: node scripts/static-server.mjs DIR PORT [BASE]   (BASE: a sub-path such as /waymark/)
//        WAYMARK_COUCH=http://127.0.0.1:5984 node scripts/static-server.mjs DIR PORT [BASE]
//   (with WAYMARK_COUCH, BASE + "db/…" is passed to that CouchDB, as a council's reverse proxy
//   would: for trying team sync by hand, e.g. with `node scripts/couch.mjs 5984`)
// Exported startServer(dir, port, base, { couch }) is used by the end-to-end tests and the
// benchmark.
//
// It serves files as a council's web server should (docs/hosting.md):
// - compressed (brotli or gzip), as the browser accepts;
// - a file whose name has a content hash (main-0123456789abcdef.css, boot-*.js, the wasm) may be
//   kept for a year without asking again ("immutable"): a new version has new names;
// - every other file (index.html, staff.html, sw.js, the catalogues, the icons) is checked with
//   the server each time (no-cache) and answered "not modified" (304, no body) when unchanged.
//
// With `couch` (a CouchDB's address, such as http://127.0.0.1:5984), it also stands in for the
// council's reverse proxy that puts the team's CouchDB on the app's own origin (so the app's CSP
// keeps connect-src 'self'): a request for BASE + "db/REST" goes to COUCH/REST (query kept,
// percent-encoding untouched), with its method, headers (Host set to the CouchDB's) and body, and
// its answer comes back as it is: status, headers, body, streamed both ways and never compressed
// (a longpoll's heartbeats pass at once; no time limit; the browser giving up ends the upstream
// request too). A cookie's Path (CouchDB's AuthSession has Path=/) is moved under BASE + "db/",
// as nginx's proxy_cookie_path would, so the session cookie goes with team requests only; a
// Location pointing into the CouchDB is moved likewise. `server.couchDown(true)` makes the
// CouchDB unreachable, as a stopped server or a lost network would look to the browser: every
// proxied request, and every one already open (a longpoll), has its connection destroyed (fetch
// rejects with a TypeError) until `server.couchDown(false)`. If the CouchDB itself cannot be
// reached, the answer is 502, as nginx's would be.
import { createServer, request as httpRequest, Agent } from 'node:http';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

// Compressed bodies, made once per file version (as a council's web server would serve them).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.webmanifest']);
const packed = new Map();
function compressed(file, mtime, body, encoding) {
  const key = `${file}:${mtime}:${encoding}`;
  if (!packed.has(key)) {
    packed.set(key, encoding === 'br'
      ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipSync(body, { level: 9 }));
  }
  return packed.get(key);
}

const HASHED = /-[0-9a-f]{12,}(_bg)?\.[a-z]+$/;

// Headers for one connection only, not passed on by a proxy (RFC 9110 7.6.1).
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate',
  'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

function passedOn(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP.has(name)) out[name] = value;
  return out;
}

/**
 * Passes requests for `${base}db/…` to the CouchDB at `couch` (see the top of this file).
 * Returns `{ handles(req), handle(req, res), down(flag), closeAll() }`.
 */
function couchProxy(couch, base) {
  const target = new URL(couch);
  const targetPath = target.pathname.replace(/\/+$/, '');
  const prefix = `${base}db/`;
  const targetOrigin = `${target.protocol}//${target.host}${targetPath}/`;
  // A connection per request (no keep-alive): when the browser gives up on a longpoll, the
  // CouchDB sees its connection close and stops waiting too.
  const agent = new Agent({ keepAlive: false });
  const open = new Set(); // [req, upstream] of the requests under way
  let isDown = false;

  const cookie = (c) => c.replace(/;\s*path=([^;]*)/i, (_, path) => `; Path=${base}db${path.trim().startsWith('/') ? path.trim() : '/' + path.trim()}`);

  function kill(req, upstream) {
    upstream?.destroy();
    req.socket.destroy();
  }

  return {
    handles: (req) => req.url.startsWith(prefix),
    down(flag) {
      isDown = Boolean(flag);
      if (isDown) for (const [req, upstream] of open) kill(req, upstream);
    },
    closeAll() {
      for (const [req, upstream] of open) kill(req, upstream);
    },
    handle(req, res) {
      if (isDown) { req.socket.destroy(); return; }
      const headers = passedOn(req.headers);
      headers.host = target.host;
      headers['accept-encoding'] = 'identity';
      const upstream = httpRequest({
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: targetPath + '/' + req.url.slice(prefix.length),
        headers,
        agent,
      });
      const entry = [req, upstream];
      open.add(entry);
      const done = () => open.delete(entry);
      upstream.on('response', (up) => {
        const out = passedOn(up.headers);
        if (out['set-cookie']) out['set-cookie'] = out['set-cookie'].map(cookie);
        if (typeof out.location === 'string' && out.location.startsWith(targetOrigin)) {
          out.location = prefix + out.location.slice(targetOrigin.length);
        }
        res.writeHead(up.statusCode, up.statusMessage, out);
        up.pipe(res);
        up.on('error', () => { done(); res.destroy(); });
        up.on('end', done);
      });
      upstream.on('error', (e) => {
        done();
        if (res.headersSent || res.destroyed) { res.destroy(); return; }
        res.writeHead(502, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'bad_gateway', reason: String(e.message || e) }));
      });
      // The browser gave up (or its connection broke) before the whole answer was sent.
      res.on('close', () => {
        done();
        if (!res.writableFinished) upstream.destroy();
      });
      req.pipe(upstream);
    },
  };
}

/**
 * The server has `bytesSent()`: every byte written to its connections so far (headers too,
 * and, with `couch`, the proxied answers as well: they go out on the same connections).
 * With `couch` (the CouchDB's address), `${base}db/…` is proxied to it (see the top of this
 * file), and the server has `couchDown(flag)`.
 */
export function startServer(dir, port = 0, base = '/', { couch } = {}) {
  const root = resolve(dir);
  const sockets = new Set();
  const proxy = couch ? couchProxy(couch, base) : null;
  const server = createServer(async (req, res) => {
    if (proxy?.handles(req)) { proxy.handle(req, res); return; }
    try {
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!path.startsWith(base)) { res.writeHead(404).end('not found'); return; }
      path = path.slice(base.length - 1);
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(root, path));
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      const s = await stat(file).catch(() => null);
      if (!s || !s.isFile()) { res.writeHead(404).end('not found'); return; }
      const headers = {
        'content-type': TYPES[extname(file)] || 'application/octet-stream',
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
      };
      const accepts = String(req.headers['accept-encoding'] || '');
      const enc = !COMPRESSIBLE.has(extname(file)) ? null
        : /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
      headers.etag = `"${s.size.toString(36)}-${Math.round(s.mtimeMs).toString(36)}${enc ? '-' + enc : ''}"`;
      if (req.headers['if-none-match'] === headers.etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      let body = await readFile(file);
      if (enc) {
        body = compressed(file, s.mtimeMs, body, enc);
        headers['content-encoding'] = enc;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  server.on('connection', (socket) => sockets.add(socket));
  server.bytesSent = () => [...sockets].reduce((n, socket) => n + socket.bytesWritten, 0);
  if (proxy) {
    server.couchDown = (flag) => proxy.down(flag);
    // Closing does not wait for a longpoll still open.
    const close = server.close.bind(server);
    server.close = (cb) => { proxy.closeAll(); return close(cb); };
  }
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080', base = '/'] = process.argv.slice(2);
  const couch = process.env.WAYMARK_COUCH || undefined;
  const server = await startServer(dir, Number(port), base, { couch });
  console.log(`Serving ${dir} at http://127.0.0.1:${server.address().port}${base}`);
  if (couch) console.log(`with ${base}db/ passed to ${couch}`);
}
