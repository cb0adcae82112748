// Trunk post-build hook: move Trunk's inline module loader into a file of its own, so the
// Content-Security-Policy can forbid every inline script. Also drops the build-time nonces Trunk
// adds (a nonce fixed at build time protects nothing). Runs in TRUNK_STAGING_DIR.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp-loader: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
html = html.replace(/\snonce="[^"]*"/g, '');

const inline = /<script type="module">([\s\S]*?)<\/script>/g;
let count = 0;
html = html.replace(inline, (_, body) => {
  count += 1;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(dir, name), body.trim() + '\n');
  return `<script type="module" src="./${name}"></script>`;
});
if (count !== 1) {
  console.error(`csp-loader: expected one inline module script, found ${count}`);
  process.exit(1);
}
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) {
  console.error('csp-loader: an inline script is left in index.html');
  process.exit(1);
}
writeFileSync(file, html);
console.log(`csp-loader: loader moved to its own file`);
