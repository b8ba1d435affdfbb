/**
 * @module Runs Schemathesis, the peer tool (conformance README, "The peer, side by side"), from the
 * ignored virtual environment `.venv-peer/` that `.ci/run` installs (test/peer/requirements.txt),
 * with every check and every phase (stateful included), the config beside this file and its hooks
 * (a fresh Idempotency-Key per request, the written-down exemptions). Used by
 * `test/schemathesis-stub.test.ts` and `test/peer/side-by-side.ts`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../../../..');
export const VENV = path.join(REPO_ROOT, '.venv-peer');
export const ST = path.join(VENV, 'bin', 'st');
export const CONFIG = path.join(HERE, 'schemathesis.toml');
export const HOOKS = path.join(HERE, 'hooks.py');
export const CONTRACT = path.join(REPO_ROOT, 'packages/contract/openapi.json');
/** The version `.ci/run` installs (test/peer/requirements.txt). */
export const SCHEMATHESIS_VERSION = '4.32.5';
export const ALL_PHASES = 'examples,coverage,fuzzing,stateful';

/** Why Schemathesis cannot run here, or undefined when it can. */
export function schemathesisMissing(): string | undefined {
  return existsSync(ST)
    ? undefined
    : `Schemathesis is not installed at ${path.relative(REPO_ROOT, ST)} (.ci/run installs it: python3 -m venv .venv-peer && .venv-peer/bin/pip install -r packages/conformance/test/peer/requirements.txt)`;
}

/** One distinct failure Schemathesis reported (check × operation × failure kind). */
export interface PeerFailure {
  readonly check: string;
  readonly operation: string;
  readonly code: string;
  readonly title: string;
  readonly message: string;
}

/** One failure the hooks set aside (hooks.py EXEMPTIONS), with its reason. */
export interface PeerExemption {
  readonly check: string;
  readonly operation: string;
  readonly status: number;
  readonly reason: string;
}

export interface PeerRun {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly seconds: number;
  readonly failures: readonly PeerFailure[];
  readonly exemptions: readonly PeerExemption[];
  /** Schemathesis's own count of test cases it generated. */
  readonly testCases: number | undefined;
  readonly output: string;
}

export interface PeerRunOptions {
  readonly baseUrl: string;
  /** A key with every scope (sent as the contract's ApiKeyAuth). */
  readonly apiKey: string;
  /** The whole run is killed after this long (default 240 s). */
  readonly timeoutMs?: number;
  /** Test cases per operation and phase (default: the config's 5). */
  readonly maxExamples?: number;
  readonly extraArgs?: readonly string[];
}

/** Runs `st run` against `baseUrl` with all checks and phases; resolves when it ends. */
export async function runSchemathesis(options: PeerRunOptions): Promise<PeerRun> {
  const reportDir = await mkdtemp(path.join(tmpdir(), 'regen-peer-'));
  const exemptLog = path.join(reportDir, 'exempt.ndjson');
  const args = [
    '--config-file',
    CONFIG,
    'run',
    CONTRACT,
    '--url',
    options.baseUrl,
    '--checks',
    'all',
    '--phases',
    ALL_PHASES,
    '--no-color',
    '--report',
    'ndjson',
    '--report-dir',
    reportDir,
    ...(options.maxExamples ? ['--max-examples', String(options.maxExamples)] : []),
    ...(options.extraArgs ?? []),
  ];
  const started = performance.now();
  const child = spawn(ST, args, {
    cwd: reportDir,
    env: {
      ...process.env,
      REGEN_API_KEY: options.apiKey,
      SCHEMATHESIS_HOOKS: HOOKS,
      REGEN_PEER_EXEMPT_LOG: exemptLog,
      COLUMNS: '120',
      // No __pycache__/ beside hooks.py in the tree.
      PYTHONDONTWRITEBYTECODE: '1',
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  child.stderr.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 240_000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  try {
    const files = await readdir(reportDir);
    const ndjson = files.find((f) => f.endsWith('.ndjson') && f.startsWith('ndjson'));
    const failures = ndjson ? parseFailures(await readFile(path.join(reportDir, ndjson), 'utf8')) : [];
    const exemptions = files.includes('exempt.ndjson')
      ? (await readFile(exemptLog, 'utf8'))
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as PeerExemption)
      : [];
    const generated = /(\d+) generated/.exec(output)?.[1];
    return {
      exitCode,
      timedOut,
      seconds,
      failures,
      exemptions,
      testCases: generated ? Number(generated) : undefined,
      output,
    };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

interface CheckEntry {
  readonly name?: string;
  readonly status?: string;
  readonly failure_info?: {
    readonly failure?: {
      readonly code?: string;
      readonly operation?: string;
      readonly title?: string;
      readonly message?: string;
    };
  };
}

/** The distinct failures in a Schemathesis NDJSON event stream. */
export function parseFailures(ndjson: string): PeerFailure[] {
  const seen = new Map<string, PeerFailure>();
  for (const line of ndjson.split('\n')) {
    if (!line.includes('"ScenarioFinished"')) continue;
    const event = JSON.parse(line) as {
      ScenarioFinished?: { recorder?: { label?: string; checks?: Record<string, CheckEntry[]> } };
    };
    const recorder = event.ScenarioFinished?.recorder;
    for (const entries of Object.values(recorder?.checks ?? {})) {
      for (const entry of entries) {
        if (entry.status !== 'failure') continue;
        const failure = entry.failure_info?.failure;
        const found: PeerFailure = {
          check: entry.name ?? '?',
          operation: failure?.operation ?? recorder?.label ?? '?',
          code: failure?.code ?? '?',
          title: failure?.title ?? '',
          message: failure?.message ?? '',
        };
        const key = `${found.check} ${found.operation} ${found.code} ${found.title}`;
        if (!seen.has(key)) seen.set(key, found);
      }
    }
  }
  return [...seen.values()];
}

/** One line per failure, for assertion messages and the console. */
export function describePeerFailures(failures: readonly PeerFailure[]): string {
  return failures
    .map((f) => `${f.code} ${f.check} × ${f.operation}: ${f.title} — ${f.message.split('\n')[0]}`)
    .join('\n');
}
