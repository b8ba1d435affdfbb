#!/usr/bin/env node
/**
 * @module The Python SDK's benchmark (not a test), side by side in one run against the stub
 * (raised rate limits): per-call time of `client.orders.list(limit=20)` against bare `httpx` on the
 * same page and against a client that openapi-python-client 0.29.1 generates from the same bundled
 * contract, and the import time of `import regen`. The measuring is bench/python_sdk_bench.py; this
 * file makes the ignored venv `.venv-bench-python/` (bench/python-bench-requirements.txt), generates
 * the third-party client into a temporary directory (never committed), starts the stub and runs it.
 *
 * Usage: npx turbo run build --filter=@regen/stub && node bench/python-sdk-bench.mjs [limit=20] [calls=300] [rounds=7] [import-runs=15]
 * `node bench/python-sdk-bench.mjs --venv` only makes the venv (the README check runs it before the
 * benchmark's own command, outside the network namespace that command runs in).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ADMIN_KEY, args, requireBuild, root, SMOKE, startStubProcess, stop } from './support.mjs';

const venv = path.join(root, '.venv-bench-python');
const bin = (name) => path.join(venv, 'bin', name);
const requirements = path.join(root, 'bench/python-bench-requirements.txt');
const stamp = path.join(venv, 'python-bench-requirements.txt');

/** Runs a command to its end; with `stdio: 'pipe'` its output is shown only when it fails. */
function run(command, argv, options = {}) {
  const result = spawnSync(command, argv, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    if (result.stdout || result.stderr) console.error(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`${command} ${argv.join(' ')} exited ${result.status ?? result.signal}`);
  }
}

/** The pinned venv, made (or refreshed) when missing or stale, as scripts/check-python.mjs does. */
function ensureVenv() {
  const wanted = readFileSync(requirements, 'utf8');
  if (existsSync(bin('python')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  run('python3', ['-m', 'venv', venv]);
  run(bin('pip'), ['install', '-q', '--disable-pip-version-check', '-r', requirements]);
  run('cp', [requirements, stamp]);
}

if (process.argv.includes('--venv')) {
  ensureVenv();
  process.exit(0);
}
requireBuild();
ensureVenv();
const scratch = await mkdtemp(path.join(tmpdir(), 'regen-python-bench-'));
const { child, url } = await startStubProcess();
try {
  // literal_enums: the contract's scope enum has two spellings per scope (`read:orders`,
  // `orders:read`), which the default Enum classes cannot name apart.
  const config = path.join(scratch, 'openapi-python-client.yaml');
  await writeFile(config, 'literal_enums: true\n');
  run(
    bin('openapi-python-client'),
    [
      'generate',
      '--path',
      path.join(root, 'packages/contract/openapi.json'),
      '--output-path',
      path.join(scratch, 'regen_openapi_client'),
      '--meta',
      'none',
      '--config',
      config,
    ],
    { stdio: 'pipe', encoding: 'utf8' },
  );
  const numbers = SMOKE ? ['20', '20', '1', '2'] : args.slice(0, 4);
  run(
    bin('python'),
    [path.join(root, 'bench/python_sdk_bench.py'), url, ADMIN_KEY, 'regen_openapi_client', ...numbers],
    {
      env: {
        ...process.env,
        PYTHONPATH: [path.join(root, 'packages/python-sdk/src'), scratch].join(path.delimiter),
        PYTHONDONTWRITEBYTECODE: '',
      },
    },
  );
} finally {
  await stop(child);
  await rm(scratch, { recursive: true, force: true });
}
