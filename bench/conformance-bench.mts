/**
 * @module Benchmark of the conformance runner (not a test): the built `regen-conformance` CLI of
 * this checkout, and optionally of another (`--baseline DIR`), run side by side in one session
 * against the same servers, fresh for each run:
 *   - `full`: the reference stub at the README's limits, every check (the README's command);
 *   - `semantics`: `--suite semantics` against the stub with short durations (2 s grace, 1 s
 *     leeway), as the user, with the demo OAuth client and a webhook listener;
 *   - `partial`: the partial-server fixture (14 operations served, the rest 404), every check,
 *     `--operations` naming what it serves, as a server team's first milestone.
 * Reports wall time, testcases by status, requests and exit code per run; the median over
 * `--rounds` runs. Needs `npm run build` (here, and in the baseline's checkout).
 *
 * Usage: npx tsx bench/conformance-bench.mts [--rounds 1] [--baseline DIR] [--only full,partial]
 * (`git worktree add /tmp/old <ref> && cd /tmp/old && npm install && npm run build` makes a baseline.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  SEMANTICS_FIXTURE,
  startBrokenSemantics,
} from '../packages/conformance/test/support/broken-semantics.ts';
import { contract } from '../packages/conformance/test/support/contract.ts';
import { PARTIAL_OPERATIONS, servingOnly } from '../packages/conformance/test/support/partial-server.ts';
import { ADMIN_KEY, startTestStub } from '../test/support/stub-server.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
};
const ROUNDS = Number(option('--rounds') ?? '1');
const BASELINE = option('--baseline');
const ONLY = option('--only')?.split(',');
/** The README's "Checking your own server" limits. */
const README_LIMITS = 'standard=100000/1h,burst=10000/1m,write=100000/1h,auth=40/15m';
const SEED = '20261206';

interface Runner {
  readonly name: string;
  readonly cli: string;
  /** Whether it reads the flags that declare a server's session timings (newer runners). */
  readonly declaresTimings: boolean;
}

interface Server {
  readonly url: string;
  readonly user: { readonly email: string; readonly password: string };
  close(): Promise<void>;
}

interface Scenario {
  readonly name: string;
  start(): Promise<Server>;
  args(server: Server, runner: Runner): string[];
}

interface Outcome {
  readonly seconds: number;
  readonly exitCode: number;
  readonly summary: Record<string, number>;
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'full',
    async start() {
      const stub = await startTestStub({ rateLimits: README_LIMITS });
      return { url: stub.url, user: stub.demoUser, close: () => stub.close() };
    },
    args: () => ['--rate-limits', README_LIMITS],
  },
  {
    name: 'semantics',
    async start() {
      const s = await startBrokenSemantics();
      return { url: s.url, user: s.stub.demoUser, close: () => s.close() };
    },
    args: (server, runner) => [
      '--suite',
      'semantics',
      '--email',
      server.user.email,
      '--password',
      server.user.password,
      '--oauth-client',
      `${SEMANTICS_FIXTURE.oauthClient.id}:${SEMANTICS_FIXTURE.oauthClient.secret}`,
      '--rate-limits',
      SEMANTICS_FIXTURE.rateLimits,
      '--webhook-listen',
      '127.0.0.1:0',
      ...(runner.declaresTimings ? ['--refresh-reuse-leeway', SEMANTICS_FIXTURE.refreshReuseLeeway] : []),
    ],
  },
  {
    name: 'partial',
    async start() {
      const s = await startBrokenSemantics({ intercept: servingOnly(contract, PARTIAL_OPERATIONS) });
      return { url: s.url, user: s.stub.demoUser, close: () => s.close() };
    },
    args: (server, runner) => [
      '--operations',
      PARTIAL_OPERATIONS.join(','),
      '--email',
      server.user.email,
      '--password',
      server.user.password,
      '--rate-limits',
      SEMANTICS_FIXTURE.rateLimits,
      ...(runner.declaresTimings ? ['--refresh-reuse-leeway', SEMANTICS_FIXTURE.refreshReuseLeeway] : []),
    ],
  },
];

async function once(scenario: Scenario, runner: Runner): Promise<Outcome> {
  const server = await scenario.start();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'regen-conformance-bench-'));
  const reportFile = path.join(dir, 'report.json');
  const args = [
    runner.cli,
    '--base-url',
    server.url,
    '--seed',
    SEED,
    ...scenario.args(server, runner),
    '--report',
    'json',
    '--report-file',
    reportFile,
  ];
  const started = performance.now();
  let exitCode = 0;
  try {
    await run(process.execPath, args, { env: { ...process.env, REGEN_API_KEY: ADMIN_KEY } });
  } catch (error) {
    exitCode = (error as { code?: number }).code ?? -1;
  }
  const seconds = (performance.now() - started) / 1000;
  await server.close();
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { summary: Record<string, number> };
  rmSync(dir, { recursive: true, force: true });
  return { seconds, exitCode, summary: report.summary };
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const runners: Runner[] = [
  { name: 'this checkout', cli: path.join(root, 'packages/conformance/dist/cli.js'), declaresTimings: true },
  ...(BASELINE
    ? [
        {
          name: `baseline (${path.basename(BASELINE)})`,
          cli: path.join(path.resolve(BASELINE), 'packages/conformance/dist/cli.js'),
          declaresTimings: false,
        },
      ]
    : []),
];

const rows: string[] = [
  '| scenario | runner | wall s (median) | testcases | passed | failed | skipped | errors | requests | exit |',
  '|---|---|---|---|---|---|---|---|---|---|',
];
for (const scenario of SCENARIOS.filter((s) => !ONLY || ONLY.includes(s.name))) {
  const outcomes = new Map<string, Outcome[]>();
  // Alternating runners round by round, so a noisy moment of the machine hits both alike.
  for (let round = 0; round < ROUNDS; round++)
    for (const runner of runners)
      outcomes.set(runner.name, [...(outcomes.get(runner.name) ?? []), await once(scenario, runner)]);
  for (const runner of runners) {
    const all = outcomes.get(runner.name) ?? [];
    const last = all.at(-1);
    if (!last) continue;
    const s = last.summary;
    rows.push(
      `| ${scenario.name} | ${runner.name} | ${median(all.map((o) => o.seconds)).toFixed(1)} | ${s.total} | ${s.passed} | ${s.failed} | ${s.skipped} | ${s.errors} | ${s.requests} | ${last.exitCode} |`,
    );
  }
}
console.log(rows.join('\n'));
