/** The built package: ESM and CJS builds interoperate (`instanceof` across them), publint is clean, entries stay separate. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { expect, test } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

type Sdk = typeof import('../src/index.ts');

test('an error from the CJS build is instanceof the ESM classes, and the reverse', async () => {
  const esm = (await import(/* @vite-ignore */ `${pkgDir}dist/index.js`)) as Sdk;
  const cjs = require(`${pkgDir}dist/index.cjs`) as Sdk;
  expect(cjs.NotFoundError).not.toBe(esm.NotFoundError);
  const fromCjs = new cjs.RateLimitError({ status: 429, message: 'x', retryAfterMs: 5 });
  expect(fromCjs).toBeInstanceOf(esm.RateLimitError);
  expect(fromCjs).toBeInstanceOf(esm.APIError);
  expect(fromCjs).toBeInstanceOf(esm.RegenError);
  expect(fromCjs).not.toBeInstanceOf(esm.NotFoundError);
  const fromEsm = new esm.PermissionDeniedError({ status: 403, message: 'x', scope: 'write:orders' });
  expect(fromEsm).toBeInstanceOf(cjs.PermissionDeniedError);
  expect(fromEsm).toBeInstanceOf(cjs.APIError);
  expect(fromEsm).toBeInstanceOf(Error);
});

test('publint reports nothing', async () => {
  const { messages } = await publint({ pkgDir, strict: true, level: 'suggestion' });
  expect(messages).toEqual([]);
});

test('the core entry does not pull in the opt-in entries', () => {
  // Code only: the generated JSDoc quotes the contract, which names these things in prose.
  const core = readFileSync(`${pkgDir}dist/index.js`, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const marker of [
    'code_verifier',
    'Regen-Signature',
    'safeParse',
    '@regen/contract/zod',
    'undici',
    'node:',
  ]) {
    expect(core).not.toContain(marker);
  }
  const pkg = JSON.parse(readFileSync(`${pkgDir}package.json`, 'utf8')) as {
    sideEffects: boolean;
    exports: Record<string, unknown>;
  };
  expect(pkg.sideEffects).toBe(false);
  expect(Object.keys(pkg.exports)).toEqual([
    '.',
    './oauth',
    './webhooks',
    './validation',
    './node',
    './package.json',
  ]);
});

test.each([
  ['a browser-typed node16 consumer (no Node types)', 'tsconfig.json'],
  ['a Node consumer of @regen/client/node (Node types)', 'tsconfig.node.json'],
])(
  '%s type-checks against the published d.ts (skipLibCheck off)',
  (_name, config) => {
    const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
    const result = spawnSync(process.execPath, [tsc, '-p', `${pkgDir}test/fixtures/consumer/${config}`], {
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  },
  60_000,
);

test('the core entry, bundled for a browser, contains no undici and no node: import', async () => {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: {
      contents: "import { RegenClient } from '@regen/client'; console.log(new RegenClient('rg_test_x'));",
      resolveDir: pkgDir,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.some((i) => i.includes('undici') || i.startsWith('node:'))).toBe(false);
  expect(inputs.some((i) => i.includes('dist/index.js'))).toBe(true);
});
