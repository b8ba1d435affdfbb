#!/usr/bin/env node
/**
 * @module `npm run bench`: the three hot-path benchmarks — the stub's list and item paths
 * (stub-bench.mjs), writes on PostgreSQL + Redis (storage-bench.mjs) and the client's per-call cost
 * (client-bench.mjs) — one after the other, each measuring its targets side by side with its
 * baselines in the same run, then one Markdown table of their ratios with the machine they ran on:
 * `bench/results/latest.md`, and the README's "Latest figures" section (between its markers).
 *
 * The storage benchmark needs REGEN_BENCH_DATABASE_URL / REGEN_BENCH_REDIS_URL (or the REGEN_TEST_
 * ones .ci/run exports); without them its rows say so. Needs `npm run build`.
 *
 * Usage: npm run bench [-- --duration 5] [--baseline DIR] [--no-readme]
 *   --baseline DIR  a built checkout of the previous code (`git worktree add /tmp/old REV`, then
 *                   `npm install && npm run build` there): its stub runs beside this one
 *   REGEN_BENCH_SMOKE=1: a short run, nothing written
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { flag, root, SMOKE, value } from './support.mjs';

const duration = value('--duration', undefined);
// Another checkout, built: the stub and storage benchmarks add its stub beside this one ("before").
const baseline = value('--baseline', undefined);
const BENCHES = [
  {
    file: 'stub-bench.mjs',
    extra: ['--no-prism', ...(baseline ? ['--baseline', baseline] : [])],
    timed: true,
  },
  {
    file: 'storage-bench.mjs',
    extra: baseline ? ['--baseline-cli', path.resolve(baseline, 'packages/stub/dist/cli.js')] : [],
    timed: true,
    needs: async () => {
      const database = process.env.REGEN_BENCH_DATABASE_URL ?? process.env.REGEN_TEST_DATABASE_URL;
      const redis = process.env.REGEN_BENCH_REDIS_URL ?? process.env.REGEN_TEST_REDIS_URL;
      if (!database || !redis)
        return 'no PostgreSQL/Redis: set REGEN_BENCH_DATABASE_URL and REGEN_BENCH_REDIS_URL';
      for (const url of [database, redis]) {
        if (!(await answers(url))) return `${new URL(url).host} does not answer`;
      }
      return null;
    },
  },
  { file: 'client-bench.mjs', extra: [], timed: false },
];

const scratch = mkdtempSync(path.join(os.tmpdir(), 'regen-bench-'));
const sections = [];
let failed = false;
try {
  for (const bench of BENCHES) {
    const missing = (await bench.needs?.()) ?? null;
    if (missing) {
      sections.push({
        title: bench.file,
        command: `node bench/${bench.file}`,
        rows: [],
        note: `not run: ${missing}`,
      });
      continue;
    }
    const out = path.join(scratch, `${bench.file}.json`);
    const benchArgs = [
      ...bench.extra,
      '--json',
      out,
      ...(bench.timed && duration ? ['--duration', duration] : []),
    ];
    console.log(
      `\n▶ node bench/${bench.file} ${benchArgs.filter((a) => a !== out && a !== '--json').join(' ')}`,
    );
    const run = spawnSync('node', [path.join(root, 'bench', bench.file), ...benchArgs], {
      cwd: root,
      stdio: 'inherit',
      env: process.env,
    });
    if (run.status !== 0) {
      failed = true;
      sections.push({
        title: bench.file,
        command: `node bench/${bench.file}`,
        rows: [],
        note: `failed (exit ${run.status ?? run.signal})`,
      });
      continue;
    }
    const { summary } = JSON.parse(readFileSync(out, 'utf8'));
    sections.push(summary);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const markdown = render(sections);
console.log(`\n${markdown}`);
// A smoke run (REGEN_BENCH_SMOKE=1, the README command check) proves the command works; its
// one-second figures are not worth keeping.
if (!SMOKE) {
  writeFileSync(path.join(root, 'bench/results/latest.md'), markdown);
  if (!flag('--no-readme')) updateReadme(markdown);
}
process.exit(failed ? 1 : 0);

/** Whether something listens at the URL's host and port (within a second). */
function answers(url) {
  const { hostname, port, protocol } = new URL(url);
  const fallback = protocol.startsWith('redis') ? 6379 : 5432;
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || fallback), timeout: 1000 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

function render(parts) {
  const cpu = os.cpus();
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()} (\`npm run bench\`). Each ratio is measured side by side with what it is against, in the same run.`,
    '',
    '| benchmark | case | ratio | against | target | met | detail |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const part of parts) {
    if (part.rows.length === 0) {
      lines.push(`| ${part.title} | — | — | — | — | — | ${part.note ?? 'no rows'} |`);
      continue;
    }
    for (const row of part.rows) {
      const met = row.met === null || row.met === undefined ? '—' : row.met ? 'yes' : '**no**';
      lines.push(
        `| ${part.title} | ${row.case} | ${row.ratio.toFixed(2)}× | ${row.against} | ${row.target ?? '—'} | ${met} | ${row.detail} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function updateReadme(table) {
  const readme = path.join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:latest:start -->';
  const end = '<!-- bench:latest:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) return;
  writeFileSync(readme, `${text.slice(0, from + start.length)}\n${table}${text.slice(to)}`);
  console.log('README.md: "Latest figures" updated');
}
