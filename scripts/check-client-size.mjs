#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath } from 'node:url';
/**
 * @module Bundle-size check of `@regen/client`: esbuild (minified, ESM, browser) bundles a tiny app
 * that does `import { RegenClient }`, builds a client with an API key and makes one call, then
 * gzips it. Fails over the budget (10 kB) or if an opt-in entry point (OAuth/PKCE, webhooks,
 * zod validation, the Node transport and its undici) leaks into that bundle. Also prints each opt-in entry's own cost.
 *
 * Usage: node scripts/check-client-size.mjs [--json]
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET = 10_000;

async function measure(name, source) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, sourcefile: `${name}.mjs`, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    conditions: ['@regen/source'],
    logLevel: 'silent',
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  return {
    name,
    inputs: Object.keys(result.metafile.inputs),
    code: Buffer.from(code).toString('utf8'),
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
  };
}

const core = await measure(
  'core',
  `import { RegenClient } from '@regen/client';
   const client = new RegenClient({ apiKey: 'rg_live_example', dangerouslyAllowBrowser: true });
   client.orders.retrieve('ord_1').then((o) => console.log(o));`,
);
const extras = [
  await measure(
    'core+oauth',
    `import { RegenClient } from '@regen/client'; import { createAuthorizationRequest, exchangeCode } from '@regen/client/oauth'; console.log(RegenClient, createAuthorizationRequest, exchangeCode);`,
  ),
  await measure(
    'core+webhooks',
    `import { RegenClient } from '@regen/client'; import { constructEvent } from '@regen/client/webhooks'; console.log(RegenClient, constructEvent);`,
  ),
  await measure(
    'core+validation',
    `import { RegenClient } from '@regen/client'; import { contractValidator } from '@regen/client/validation'; console.log(RegenClient, contractValidator);`,
  ),
];

// Markers of the opt-in entry points: none may appear in the core bundle. `@regen/client/node`
// (undici, `node:` modules) cannot be bundled for a browser at all, so it is checked by the
// bundle's input files, not measured.
const leaks = ['code_verifier', 'Regen-Signature', 'safeParse', 'ResponseValidationError', 'undici'].filter(
  (m) => core.code.includes(m),
);
for (const input of core.inputs) {
  if (input.includes('undici') || input.includes('src/node') || input.startsWith('node:')) leaks.push(input);
}

const kb = (n) => `${(n / 1000).toFixed(2)} kB`;
if (process.argv.includes('--json')) {
  console.log(
    JSON.stringify({
      budget: BUDGET,
      core: { min: core.min, gzip: core.gzip },
      extras: extras.map(({ name, min, gzip }) => ({ name, min, gzip })),
      leaks,
    }),
  );
} else {
  console.log(
    `@regen/client core (RegenClient + API key + one call): ${kb(core.min)} minified, ${kb(core.gzip)} gzip (budget ${kb(BUDGET)})`,
  );
  for (const e of extras)
    console.log(
      `  ${e.name.padEnd(16)} ${kb(e.min)} minified, ${kb(e.gzip)} gzip (+${kb(e.gzip - core.gzip)})`,
    );
}
if (leaks.length) {
  console.error(`FAIL: opt-in code leaked into the core bundle: ${leaks.join(', ')}`);
  process.exit(1);
}
if (core.gzip > BUDGET) {
  console.error(`FAIL: ${kb(core.gzip)} gzip is over the ${kb(BUDGET)} budget`);
  process.exit(1);
}
