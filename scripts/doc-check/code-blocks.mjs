/**
 * @module Every TypeScript and Python block of the READMEs is type-checked and run against a stub, as
 * the examples/ are: a reader copies these blocks first. One stub serves every block (its admin key
 * is `REGEN_API_KEY`, its URL `REGEN_BASE_URL`, the environment the READMEs tell readers to set);
 * the TypeScript blocks are one tsc program, the Python blocks one mypy run.
 * A block marked `<!-- doc-check: types-only: why -->` is type-checked only, `skip: why` neither
 * (scripts/support/markdown-blocks.mjs).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startStubProcess } from '../support/stub-process.mjs';
import { pythonVenv, runPythonBlock, typecheckPythonBlocks } from './python-blocks.mjs';
import { runBlock, typecheckBlocks } from './typescript-blocks.mjs';

const LANGS = { ts: 'TypeScript', python: 'Python' };

/**
 * Checks the code blocks of `blocks` (all languages given; only ts and python are taken) and reports
 * each with `report(ok | 'skip', where, label, detail, startedAt)`. Resolves to counts per language.
 */
export async function checkCodeBlocks(root, blocks, report) {
  const code = blocks.filter((b) => b.lang in LANGS);
  const counts = { ts: 0, python: 0 };
  if (code.length === 0) return counts;
  const cache = path.join(root, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  // Inside the repository, so `@regen/*` and `tsx` resolve as they do for a reader of the monorepo.
  const dir = mkdtempSync(path.join(cache, 'regen-doc-code-'));
  // Generous limits: a dozen programs share this one stub and its demo key.
  const stub = await startStubProcess({
    args: ['--rate-limits', 'standard=100000/1h,burst=10000/1m,write=100000/1h,auth=40/15m'],
  });
  const env = {
    ...process.env,
    REGEN_API_KEY: stub.key,
    REGEN_BASE_URL: stub.url,
    REGEN_LOG: 'warn',
    FORCE_COLOR: '0',
  };
  try {
    const ts = code.filter((b) => b.lang === 'ts');
    const py = code.filter((b) => b.lang === 'python');
    const t = performance.now();
    // tsc and mypy at once: each takes seconds, and neither needs the other.
    const [tsChecked, pyChecked] = await Promise.all([
      typecheck(ts, (list) => typecheckBlocks(root, dir, list)),
      typecheck(py, async (list) => {
        const bin = await pythonVenv(root);
        return { ...(await typecheckPythonBlocks(root, bin, dir, list)), bin };
      }),
    ]);
    await runAll(ts, tsChecked, t, report, (name) => runBlock(dir, name, env));
    await runAll(py, pyChecked, t, report, (name) => runPythonBlock(root, pyChecked.bin, dir, name, env));
    counts.ts = ts.length;
    counts.python = py.length;
  } finally {
    await stub.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return counts;
}

/** The type check of the blocks not marked `skip`; an error of its own counts against every block. */
async function typecheck(blocks, check) {
  const checked = blocks.filter((b) => b.marker?.mode !== 'skip');
  if (checked.length === 0) return { errors: new Map(), names: [] };
  try {
    const result = await check(checked);
    return { ...result, names: new Map(checked.map((b, i) => [b, result.names[i]])) };
  } catch (error) {
    return { errors: new Map(checked.map((b) => [b, [error.message]])), names: new Map() };
  }
}

/** Runs each type-checked block (sequentially: two shared cores) and reports it. */
async function runAll(blocks, checked, typecheckStarted, report, runOne) {
  for (const block of blocks) {
    const where = `${block.file}:${block.line}`;
    const label = `${LANGS[block.lang]} block`;
    if (block.marker?.mode === 'skip') {
      report('skip', where, label, block.marker.reason, performance.now());
      continue;
    }
    const errors = checked.errors.get(block) ?? [];
    if (errors.length > 0) {
      report(false, where, `${label} (type check)`, errors.join('\n'), typecheckStarted);
      continue;
    }
    if (block.marker?.mode === 'types-only') {
      report(true, where, `${label} (type-checked; not run: ${block.marker.reason})`, '', typecheckStarted);
      continue;
    }
    const t = performance.now();
    const out = await runOne(checked.names.get(block));
    const tail = out.output.trim().split('\n').slice(-12).join('\n');
    if (out.status === 0)
      report(true, where, `${label} (type-checked, ran)`, tail.split('\n').at(-1)?.slice(0, 160), t);
    else report(false, where, `${label} (run)`, `exit ${out.status}\n${tail}`, t);
  }
}
