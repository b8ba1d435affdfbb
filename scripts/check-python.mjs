#!/usr/bin/env node
/**
 * @module The Python SDK's checks, in order: ruff check, ruff format --check, mypy --strict (the
 * package and the type tests), pytest against the real stub, then a wheel and sdist built and
 * installed into a fresh virtual environment in a temporary directory outside the repository, where
 * the README's quickstart runs against a stub (as scripts/check-packed.mjs does for npm).
 *
 * The pinned tools live in the ignored `.venv-python/` (packages/python-sdk/requirements-dev.txt);
 * when it is missing or stale it is created here, so `npm test` works from a clean clone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownBlocks } from './support/markdown-blocks.mjs';
import { startStubProcess } from './support/stub-process.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.join(root, 'packages/python-sdk');
const venv = path.join(root, '.venv-python');
const bin = (name) => path.join(venv, 'bin', name);
const requirements = path.join(pkg, 'requirements-dev.txt');
const stamp = path.join(venv, 'requirements-dev.txt');

function run(label, command, args, options = {}) {
  console.log(`\n· ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: pkg, ...options });
  if (result.status !== 0) {
    console.error(`✘ ${label} (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

/** Creates (or refreshes) .venv-python with the pinned tools; the copied requirements file marks it current. */
function ensureVenv() {
  const wanted = readFileSync(requirements, 'utf8');
  if (existsSync(bin('python')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  run('create .venv-python (pinned tools)', 'python3', ['-m', 'venv', venv]);
  run('install requirements-dev.txt', bin('pip'), [
    'install',
    '-q',
    '--disable-pip-version-check',
    '-r',
    requirements,
  ]);
  spawnSync('cp', [requirements, stamp]);
}

if (!existsSync(path.join(root, 'packages/stub/dist/cli.js'))) {
  console.error('The stub is not built: run `npx turbo run build --filter=@regen/stub` first.');
  process.exit(1);
}
ensureVenv();
// `--venv`: only make sure .venv-python exists (the README's Python lines run with it).
if (process.argv.includes('--venv')) process.exit(0);
run('ruff check', bin('ruff'), ['check', 'src', 'tests', 'examples']);
run('ruff format --check', bin('ruff'), ['format', '--check', 'src', 'tests', 'examples']);
run('mypy --strict (package)', bin('mypy'), ['--strict']);
run('mypy --strict (type tests)', bin('mypy'), ['--strict', 'tests/typing/good_calls.py']);
run('pytest (against the stub)', bin('pytest'), ['-q']);

// The built artefacts, installed where the repository cannot leak in.
const scratch = await mkdtemp(path.join(tmpdir(), 'regen-python-packed-'));
const stub = await startStubProcess();
try {
  const dist = path.join(scratch, 'dist');
  run('build wheel + sdist', bin('python'), ['-m', 'build', '--no-isolation', '--outdir', dist, pkg]);
  const built = await readdir(dist);
  const wheel = built.find((f) => f.endsWith('.whl'));
  const sdist = built.find((f) => f.endsWith('.tar.gz'));
  if (!wheel || !sdist) throw new Error(`expected a wheel and an sdist, got ${built.join(', ')}`);
  for (const [name, artefact] of [
    ['wheel', wheel],
    ['sdist', sdist],
  ]) {
    const env = path.join(scratch, `venv-${name}`);
    run(`fresh venv from the ${name}`, 'python3', ['-m', 'venv', env], { cwd: scratch });
    // Dependencies come from the index as a user's would; only the SDK comes from the artefact.
    run(
      `pip install ${artefact}`,
      path.join(env, 'bin/pip'),
      ['install', '-q', '--disable-pip-version-check', path.join(dist, artefact)],
      { cwd: scratch },
    );
    const quickstart = path.join(scratch, 'quickstart.py');
    await writeFile(quickstart, readmeQuickstart());
    run(`quickstart (${name})`, path.join(env, 'bin/python'), [quickstart], {
      cwd: scratch,
      env: { ...process.env, REGEN_API_KEY: stub.key, REGEN_BASE_URL: stub.url, PYTHONPATH: '' },
    });
    // The root README's Python example, as written.
    const rootExample = path.join(scratch, 'readme_example.py');
    await writeFile(rootExample, firstPythonBlock('README.md'));
    run(`README.md example (${name})`, path.join(env, 'bin/python'), [rootExample], {
      cwd: scratch,
      env: { ...process.env, REGEN_API_KEY: stub.key, REGEN_BASE_URL: stub.url, PYTHONPATH: '' },
    });
  }
} finally {
  await stub.close();
  await rm(scratch, { recursive: true, force: true });
}
console.log('\n✔ python SDK: lint, format, types, tests, wheel and sdist');

/** The README's Python quickstart (its first ```python block), which must be examples/quickstart.py as is. */
function readmeQuickstart() {
  const block = firstPythonBlock('packages/python-sdk/README.md');
  const file = readFileSync(path.join(pkg, 'examples/quickstart.py'), 'utf8');
  if (block !== file)
    throw new Error('the ```python block of packages/python-sdk/README.md is not examples/quickstart.py');
  return block;
}

/**
 * The first ```python block of a Markdown file (relative to the root), as the README check reads it;
 * that check (scripts/check-doc-commands.mjs) type-checks and runs every block from the sources, this
 * one from the installed wheel and sdist.
 */
function firstPythonBlock(file) {
  const block = markdownBlocks(root, file).find((b) => b.lang === 'python');
  if (!block) throw new Error(`${file} has no \`\`\`python block`);
  return block.code;
}
