// A small static file server for the built app (dist/), on 127.0.0.1 only.
// Usage: node scripts/static-server.mjs DIR PORT [BASE]   (BASE: a sub-path such as /waymark/)
// Exported startServer() is used by the end-to-end tests and the benchmark.
//
// It serves files as a council's web server should (docs/hosting.md):
// - compressed (brotli or gzip), as the browser accepts;
// - a file whose name has a content hash (main-0123456789abcdef.css, boot-*.js, the wasm) may be
//   kept for a year without asking again ("immutable"): a new version has new names;
// - every other file (index.html, staff.html, sw.js, the catalogues, the icons) is checked with
//   the server each time (no-cache) and answered "not modified" (304, no body) when unchanged.
import { createServer } from 'node:http';
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

/** The server has `bytesSent()`: every byte written to its connections so far (headers too). */
export function startServer(dir, port = 0, base = '/') {
  const root = resolve(dir);
  const sockets = new Set();
  const server = createServer(async (req, res) => {
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
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir = 'dist', port = '8080', base = '/'] = process.argv.slice(2);
  const server = await startServer(dir, Number(port), base);
  console.log(`Serving ${dir} at http://127.0.0.1:${server.address().port}${base}`);
}
