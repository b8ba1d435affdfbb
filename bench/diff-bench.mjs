#!/usr/bin/env node
/**
 * @module Benchmark of `regen-diff` (not a test): the time a whole run takes, process start included,
 * on two real versions of our contract, beside oasdiff's on the same pair when oasdiff is installed
 * (`go install github.com/oasdiff/oasdiff@v1.39.0`; looked up on PATH and in ~/go/bin).
 *
 * The pair: the multi-file contract at a revision before the webhook target policy (`--old`,
 * default c326e4d~1) and at HEAD, each read from git and bundled on the fly (what `npx regen-diff
 * REV:openapi/openapi.yaml ...` costs), then the same two versions as bundled JSON files (what
 * oasdiff reads). Median of `--runs` runs (default 5). The issue's budget: ≤ 2 s.
 *
 * Needs `npm run build`. Usage: node bench/diff-bench.mjs [--runs 5] [--old REV]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { root, SMOKE, value } from './support.mjs';

const RUNS = Number(value('--runs', SMOKE ? '1' : '5'));
const OLD = value('--old', 'c326e4d~1');
const BIN = path.join(root, 'packages/diff/bin/regen-diff.js');
const BUDGET_MS = 2000;

if (!existsSync(path.join(root, 'packages/diff/dist/cli.js'))) {
  console.error('packages/diff/dist/cli.js is missing: run `npm run build` first.');
  process.exit(1);
}

/** Median wall time of `runs` runs of a command, and the last run's result. */
function time(command, args) {
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    last = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - started);
    if (last.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${last.stderr}`);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], last };
}

const dir = mkdtempSync(path.join(tmpdir(), 'regen-diff-bench-'));
/** The bundled contract committed at `revision` (the generated `packages/contract/openapi.json`), as a file. */
const bundled = (revision) => {
  const file = path.join(dir, `${revision.replaceAll(/[^A-Za-z0-9]/g, '_')}.json`);
  const show = spawnSync('git', ['show', `${revision}:packages/contract/openapi.json`], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  writeFileSync(file, show.stdout);
  return file;
};

const rows = [];
const git = time(process.execPath, [
  BIN,
  `${OLD}:openapi/openapi.yaml`,
  'HEAD:openapi/openapi.yaml',
  '--format',
  'json',
]);
const counts = JSON.parse(git.last.stdout).counts;
rows.push(['regen-diff, git revisions bundled on the fly', git.ms]);
const oldFile = bundled(OLD);
const newFile = bundled('HEAD');
rows.push(['regen-diff, bundled JSON files', time(process.execPath, [BIN, oldFile, newFile]).ms]);
const oasdiff = [process.env.REGEN_OASDIFF, path.join(homedir(), 'go/bin/oasdiff')]
  .concat((process.env.PATH ?? '').split(path.delimiter).map((p) => path.join(p, 'oasdiff')))
  .find((candidate) => candidate && existsSync(candidate));
if (oasdiff)
  rows.push([
    'oasdiff changelog, bundled JSON files',
    time(oasdiff, ['changelog', oldFile, newFile, '--format', 'json']).ms,
  ]);
else
  rows.push(['oasdiff changelog (not installed: go install github.com/oasdiff/oasdiff@v1.39.0)', Number.NaN]);

console.log(
  `${OLD} → HEAD: ${counts.breaking} breaking, ${counts.warning} warnings, ${counts['non-breaking']} non-breaking changes`,
);
console.log(`median of ${RUNS} run(s), whole process:`);
for (const [name, ms] of rows)
  console.log(`  ${Number.isNaN(ms) ? '   —   ' : `${ms.toFixed(0).padStart(5)} ms`}  ${name}`);
const ours = Math.max(rows[0][1], rows[1][1]);
console.log(ours <= BUDGET_MS ? `✔ within the ${BUDGET_MS} ms budget` : `✘ over the ${BUDGET_MS} ms budget`);
process.exit(ours <= BUDGET_MS ? 0 : 1);
