#!/usr/bin/env node
/**
 * @module Bundle-size check of the partner portal (`@regen/portal`): gzips (level 9) every JS and CSS
 * file the built `index.html` loads and fails when their sum is over the budget (80 kB). Like
 * scripts/check-client-size.mjs, it measures what a browser downloads, not what is on disk.
 *
 * Usage: node scripts/check-portal-size.mjs [--json]   (after `npx turbo run build --filter=@regen/portal`)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'packages/portal/dist');
const BUDGET = 80_000;

if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(
    'FAIL: packages/portal/dist/index.html is missing: run `npx turbo run build --filter=@regen/portal` first',
  );
  process.exit(1);
}
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
// Every script and stylesheet the page loads (Vite writes them as /portal/assets/<name>-<hash>.<ext>).
const names = [...html.matchAll(/(?:src|href)="\/portal\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
if (names.length === 0) {
  console.error('FAIL: index.html loads no script or stylesheet from /portal/assets/');
  process.exit(1);
}
if (/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/.test(html)) {
  console.error('FAIL: index.html has inline script or style (the CSP allows neither)');
  process.exit(1);
}
const files = names.map((name) => {
  const bytes = readFileSync(path.join(dist, name));
  return { name, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const total = files.reduce((sum, f) => sum + f.gzip, 0);
const kb = (n) => `${(n / 1000).toFixed(2)} kB`;
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ budget: BUDGET, total, files }));
} else {
  for (const f of files) console.log(`  ${f.name.padEnd(34)} ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
  console.log(`@regen/portal JS + CSS: ${kb(total)} gzip (budget ${kb(BUDGET)})`);
}
if (total > BUDGET) {
  console.error(`FAIL: ${kb(total)} gzip is over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
