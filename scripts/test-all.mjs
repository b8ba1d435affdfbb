#!/usr/bin/env node
/**
 * @module The whole test suite, in the order a failure is cheapest to find: contract lint,
 * drift check, code lint, import cycles, build, typecheck, package lint, unit/behaviour/type tests of every
 * package, the contract suite against Prism and the stub, and the client's bundle size.
 * Every step runs even after a failure, so one run reports everything; the exit code fails
 * if any step failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  ['contract lint (redocly, spectral, examples)', 'node', ['scripts/lint-contract.mjs']],
  ['generated code matches openapi/', 'node', ['scripts/check-generated.mjs']],
  ['biome lint + format', 'npx', ['biome', 'check', '.']],
  [
    'no import cycles (files, and folders of the stub and the runner)',
    'node',
    ['scripts/check-import-cycles.mjs'],
  ],
  ['build (tsup)', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']],
  ['typecheck (tsc, strict)', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']],
  ['package lint (publint, attw)', 'npx', ['turbo', 'run', 'lint:package', '--output-logs=errors-only']],
  ['client reference (typedoc, warnings are errors)', 'npx', ['typedoc', '--logLevel', 'Warn']],
  ...(existsSync('scripts/api-report.mjs')
    ? [['public API reports match (api-extractor; `npm run api:report`)', 'node', ['scripts/api-report.mjs']]]
    : []),
  [
    'release gate: the pending changesets declare the bump the changes since the last release require',
    'node',
    ['scripts/release-check.mjs'],
  ],
  [
    'package tests (vitest, incl. type tests)',
    'npx',
    ['turbo', 'run', 'test', '--concurrency=1', '--continue=dependencies-successful'],
  ],
  ...extraSteps(),
];

function extraSteps() {
  const extra = [];
  const has = (file) => existsSync(file);
  if (has('test/vitest.config.ts'))
    extra.push([
      'contract tests (Prism + stub)',
      'npx',
      ['vitest', 'run', '--config', 'test/vitest.config.ts'],
    ]);
  if (has('scripts/check-python.mjs'))
    extra.push([
      'Python SDK (ruff, mypy --strict, pytest vs the stub, wheel + sdist quickstart)',
      'node',
      ['scripts/check-python.mjs'],
    ]);
  if (has('scripts/check-packed.mjs'))
    extra.push([
      'packages installed from their tarballs (ESM, CJS, tsc, bins)',
      'node',
      ['scripts/check-packed.mjs'],
    ]);
  if (has('scripts/check-doc-commands.mjs'))
    extra.push([
      'README commands run as written; TypeScript and Python blocks type-checked and run',
      'node',
      ['scripts/check-doc-commands.mjs'],
    ]);
  if (has('scripts/check-client-size.mjs'))
    extra.push(['client bundle size', 'node', ['scripts/check-client-size.mjs']]);
  if (has('scripts/check-portal-size.mjs'))
    extra.push(['portal bundle size (JS + CSS gzip ≤ 80 kB)', 'node', ['scripts/check-portal-size.mjs']]);
  return extra;
}

let passed = 0;
let failed = 0;
for (const [name, command, args] of steps) {
  const started = performance.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 0) {
    passed += 1;
    console.log(`✔ ${name} (${seconds}s)`);
  } else {
    failed += 1;
    console.log(`✘ ${name} (${seconds}s, exit ${result.status ?? result.signal})`);
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
