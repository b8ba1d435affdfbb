/**
 * @module The peer, side by side: runs regen-conformance and Schemathesis against
 * every broken-server fixture (each started on 127.0.0.1, a fresh one per tool), and writes
 * which fixtures each tool catches, the requests each sent (counted by the fixture) and the
 * wall time, as a Markdown table (`side-by-side.md`, beside this file) and JSON (`.tmp/peer-side-by-side.json`). The README's table ("The peer, side by side") is copied from it.
 *
 *   npx tsx --conditions=@regen/source packages/conformance/test/peer/side-by-side.ts [fault …]
 *
 * A tool "catches" a fixture when it reports a failure (check × operation) it does not report
 * against the same server without the fault (the `clean` row). Needs `.venv-peer/` (see
 * `.ci/run`). Not a test: it takes minutes; run it after changing a check or a fixture.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Report, runConformance, SUITES } from '../../src/index.ts';
import { SECURITY_FIXTURE } from '../support/broken-security.ts';
import { DEFAULT_FAULT_OPERATION, type Fault, startBrokenServer } from '../support/broken-server.ts';
import { contract, TEST_KEY } from '../support/contract.ts';
import { runSchemathesis, SCHEMATHESIS_VERSION, schemathesisMissing } from './schemathesis.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SEED = 20261204;
/** Every run's raw results (ignored: .tmp/), written as the rows come in. */
const JSON_OUT = path.join(HERE, '../../../../.tmp/peer-side-by-side.json');
/** 'rate-limited' is not a fault to catch (a runner must wait it out), so it is not a row. */
const FAULTS = (Object.keys(DEFAULT_FAULT_OPERATION) as Fault[]).filter((f) => f !== 'rate-limited');

interface ToolResult {
  readonly failures: readonly string[];
  readonly requests: number;
  readonly seconds: number;
  readonly note?: string;
}

interface Row {
  readonly fault: string;
  readonly operation: string;
  readonly runner: ToolResult;
  readonly peer: ToolResult;
}

/** Schemathesis labels (`GET /api/v1/orders`) → operationId, for one vocabulary in the table. */
const OPERATION_IDS = new Map(
  contract.operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op.operationId]),
);

/**
 * Requests each in-process server received, by port: the fixtures (and the stub behind the
 * semantic proxy) run in this process, so counting `request` events counts what each tool sent.
 */
const received = new Map<number, number>();
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function countingEmit(this: http.Server, event: string, ...args: unknown[]) {
  const address = this.address();
  if (event === 'request' && address && typeof address === 'object')
    received.set(address.port, (received.get(address.port) ?? 0) + 1);
  return Reflect.apply(emit, this, [event, ...args]) as boolean;
} as typeof emit;

/** A fixture: where to point a tool, and the runner options it needs. */
interface Fixture {
  readonly url: string;
  readonly runnerOptions: Omit<Parameters<typeof runConformance>[0], 'baseUrl'>;
  readonly apiKey: string;
  close(): Promise<void>;
}

type StartFixture = () => Promise<Fixture>;

function brokenServer(fault: Fault | undefined): StartFixture {
  return async () => {
    const server = await startBrokenServer({ spec: contract, apiKey: TEST_KEY, ...(fault ? { fault } : {}) });
    return {
      url: server.url,
      apiKey: TEST_KEY,
      // The schema and security sets: the semantic set has its own fixtures (below).
      runnerOptions: {
        apiKey: TEST_KEY,
        oauthClient: SECURITY_FIXTURE.oauthClient,
        jwtSecret: SECURITY_FIXTURE.jwtSecret,
        seed: SEED,
        checks: [...SUITES.schema, ...SUITES.security],
      },
      close: () => server.close(),
    };
  };
}

/** test/support/broken-semantics.ts (the semantic fixtures), loaded when it exists. */
interface SemanticsModule {
  readonly SEMANTIC_FAULTS: Readonly<Record<string, { readonly check: string; readonly breaks: string }>>;
  readonly SEMANTICS_FIXTURE: {
    readonly apiKey: string;
    readonly oauthClient: { readonly id: string; readonly secret: string };
    readonly rateLimits: string;
  };
  startBrokenSemantics(options: { readonly fault?: string }): Promise<{
    readonly url: string;
    readonly stub: { readonly demoUser: { readonly email: string; readonly password: string } };
    close(): Promise<void>;
  }>;
}

const SEMANTICS_FILE = path.join(HERE, '../support/broken-semantics.ts');

async function loadSemantics(): Promise<SemanticsModule | undefined> {
  if (!existsSync(SEMANTICS_FILE)) return undefined;
  return (await import(pathToFileURL(SEMANTICS_FILE).href)) as SemanticsModule;
}

function brokenSemantics(module: SemanticsModule, fault: string | undefined): StartFixture {
  return async () => {
    const server = await module.startBrokenSemantics(fault ? { fault } : {});
    const fixture = module.SEMANTICS_FIXTURE;
    return {
      url: server.url,
      apiKey: fixture.apiKey,
      runnerOptions: {
        apiKey: fixture.apiKey,
        email: server.stub.demoUser.email,
        password: server.stub.demoUser.password,
        oauthClient: fixture.oauthClient,
        rateLimits: fixture.rateLimits,
        webhookListen: '127.0.0.1:0',
        seed: SEED,
        suite: 'semantics',
      },
      close: () => server.close(),
    };
  };
}

async function measure<T>(start: StartFixture, use: (fixture: Fixture) => Promise<T>) {
  const started = performance.now();
  const fixture = await start();
  const port = Number(new URL(fixture.url).port);
  received.set(port, 0);
  try {
    const value = await use(fixture);
    return { value, requests: received.get(port) ?? 0, seconds: (performance.now() - started) / 1000 };
  } finally {
    await fixture.close();
  }
}

function runnerFailures(report: Report): string[] {
  return report.results
    .filter((r) => r.status === 'failed' || r.status === 'error')
    .map((r) => `${r.check} × ${r.operationId}`)
    .sort();
}

async function runRunner(start: StartFixture): Promise<ToolResult> {
  const {
    value: report,
    requests,
    seconds,
  } = await measure(start, (fixture) => runConformance({ ...fixture.runnerOptions, baseUrl: fixture.url }));
  return {
    failures: runnerFailures(report),
    requests,
    seconds,
    ...(report.fatal ? { note: `fatal: ${String(report.fatal)}` } : {}),
  };
}

async function runPeer(start: StartFixture): Promise<ToolResult> {
  const {
    value: run,
    requests,
    seconds,
  } = await measure(start, (fixture) =>
    runSchemathesis({ baseUrl: fixture.url, apiKey: fixture.apiKey, timeoutMs: 300_000 }),
  );
  const failures = [
    ...new Set(
      run.failures.map(
        (f) => `${f.check} × ${OPERATION_IDS.get(f.operation) ?? f.operation} (${f.code} ${f.title})`,
      ),
    ),
  ].sort();
  const note = run.timedOut
    ? 'timed out'
    : run.exitCode === null || run.exitCode > 1
      ? `exit ${run.exitCode}`
      : undefined;
  return { failures, requests, seconds, ...(note ? { note } : {}) };
}

/** What a tool reported on the faulty server beyond what it reported on the clean one. */
function caught(result: ToolResult, clean: ToolResult): string[] {
  const baseline = new Set(clean.failures);
  return result.failures.filter((f) => !baseline.has(f));
}

interface Group {
  readonly title: string;
  readonly fixtures: readonly {
    readonly fault: string | undefined;
    readonly operation: string;
    readonly start: StartFixture;
  }[];
}

async function groups(only: readonly string[]): Promise<Group[]> {
  const pick = <T extends string>(faults: readonly T[]) =>
    only.length ? faults.filter((f) => only.includes(f)) : faults;
  const result: Group[] = [
    {
      title: 'broken-server.ts, broken-security.ts (schema and security checks)',
      fixtures: [undefined, ...pick(FAULTS)].map((fault) => ({
        fault,
        operation: fault ? DEFAULT_FAULT_OPERATION[fault] : '—',
        start: brokenServer(fault),
      })),
    },
  ];
  const semantics = await loadSemantics();
  if (semantics) {
    const faults = pick(Object.keys(semantics.SEMANTIC_FAULTS));
    if (faults.length || !only.length)
      result.push({
        title: 'broken-semantics.ts (the stub behind a proxy; semantic checks)',
        fixtures: [undefined, ...faults].map((fault) => ({
          fault,
          operation: fault
            ? `${semantics.SEMANTIC_FAULTS[fault]?.check}: ${semantics.SEMANTIC_FAULTS[fault]?.breaks}`
            : '—',
          start: brokenSemantics(semantics, fault),
        })),
      });
  }
  return result;
}

const code = (items: readonly string[]) => items.map((f) => `\`${f}\``).join(', ');

async function main() {
  const missing = schemathesisMissing();
  if (missing) throw new Error(missing);
  const only = process.argv.slice(2);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const all: { group: string; rows: Row[] }[] = [];
  const lines = [
    `| fixture (fault → where) | regen-conformance catches | Schemathesis ${SCHEMATHESIS_VERSION} catches | requests (runner / Schemathesis) | wall time s (runner / Schemathesis) |`,
    '|---|---|---|---|---|',
  ];
  const total = {
    runner: { requests: 0, seconds: 0, caught: 0 },
    peer: { requests: 0, seconds: 0, caught: 0 },
    n: 0,
  };
  const gaps: string[] = [];
  const bothMissed: string[] = [];
  for (const group of await groups(only)) {
    const rows: Row[] = [];
    all.push({ group: group.title, rows });
    lines.push(`| **${group.title}** | | | | |`);
    let clean: Row | undefined;
    for (const fixture of group.fixtures) {
      const name = fixture.fault ?? 'clean';
      log(`▶ ${name}: regen-conformance`);
      const runner = await runRunner(fixture.start);
      log(
        `  ${runner.failures.length} failures, ${runner.requests} requests, ${runner.seconds.toFixed(1)} s`,
      );
      log(`▶ ${name}: Schemathesis`);
      const peer = await runPeer(fixture.start);
      log(`  ${peer.failures.length} failures, ${peer.requests} requests, ${peer.seconds.toFixed(1)} s`);
      const row: Row = { fault: name, operation: fixture.operation, runner, peer };
      rows.push(row);
      await mkdir(path.dirname(JSON_OUT), { recursive: true });
      await writeFile(JSON_OUT, `${JSON.stringify(all, null, 2)}\n`);
      total.runner.requests += runner.requests;
      total.runner.seconds += runner.seconds;
      total.peer.requests += peer.requests;
      total.peer.seconds += peer.seconds;
      if (!fixture.fault) {
        clean = row;
        lines.push(
          `| clean (no fault): failures reported, the baseline | ${runner.failures.length ? code(runner.failures) : 'none'} | ${peer.failures.length ? code(peer.failures) : 'none'} | ${runner.requests} / ${peer.requests} | ${runner.seconds.toFixed(1)} / ${peer.seconds.toFixed(1)} |`,
        );
        continue;
      }
      const r = clean ? caught(runner, clean.runner) : runner.failures;
      const p = clean ? caught(peer, clean.peer) : peer.failures;
      total.n += 1;
      if (r.length) total.runner.caught += 1;
      if (p.length) total.peer.caught += 1;
      if (p.length && !r.length) gaps.push(`\`${name}\`: Schemathesis saw ${code(p)}`);
      if (!p.length && !r.length) bothMissed.push(`\`${name}\``);
      const cell = (result: ToolResult, found: readonly string[]) =>
        `${found.length ? `**yes**: ${code(found)}` : 'no'}${result.note ? ` (${result.note})` : ''}`;
      lines.push(
        `| \`${name}\` → ${fixture.operation} | ${cell(runner, r)} | ${cell(peer, p)} | ${runner.requests} / ${peer.requests} | ${runner.seconds.toFixed(1)} / ${peer.seconds.toFixed(1)} |`,
      );
    }
  }
  lines.push(
    `| **total (${total.n} fixtures)** | **${total.runner.caught}/${total.n}** | **${total.peer.caught}/${total.n}** | ${total.runner.requests} / ${total.peer.requests} | ${total.runner.seconds.toFixed(0)} / ${total.peer.seconds.toFixed(0)} |`,
  );
  const notes = [
    '',
    `Generated by \`packages/conformance/test/peer/side-by-side.ts\` on ${new Date().toISOString().slice(0, 16)}Z. regen-conformance: seed ${SEED}, 5 examples, the fixture's credentials (API key; OAuth client and JWT secret of broken-security; the demo user, OAuth client, rate limits and a webhook listener for the semantic proxy). Schemathesis: \`--checks all\`, phases examples, coverage, fuzzing, stateful, 5 examples (test/peer/schemathesis.toml and hooks.py), the fixture's API key. A tool catches a fixture when it reports a failure (check × operation) it does not report against the same fixture without the fault (the clean row). Requests are counted by the fixture.`,
    (await loadSemantics())
      ? 'Semantic fixtures: test/support/broken-semantics.ts, as it stood when this ran.'
      : 'Semantic fixtures: not in test/support yet when this ran.',
    gaps.length
      ? `Caught by Schemathesis only: ${gaps.join('; ')}.`
      : 'Nothing is caught by Schemathesis alone.',
    bothMissed.length ? `Caught by neither: ${bothMissed.join(', ')}.` : '',
  ];
  const markdown = `${lines.join('\n')}\n${notes.join('\n')}\n`;
  await writeFile(path.join(HERE, 'side-by-side.md'), markdown);
  process.stdout.write(markdown);
}

await main();
