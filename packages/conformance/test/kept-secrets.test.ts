/**
 * Credentials the run obtains (keys it creates) are masked in the JSON report by default; with
 * --keep-secrets their values go to the JSON report only (owner-readable), never the console or
 * JUnit, and a failure's curl line naming `$REGEN_CREATED_KEY…` replays with them after the run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/index.ts';
import { type BrokenServer, startBrokenServer } from './support/broken-server.ts';
import { cli } from './support/cli.ts';
import { contract, TEST_KEY } from './support/contract.ts';

const API_KEY = /rg_(?:live|test)_[A-Za-z0-9]{32}/g;

let server: BrokenServer;
const dir = mkdtempSync(path.join(tmpdir(), 'regen-conformance-secrets-'));
beforeAll(async () => {
  // The narrow key the check creates can read a broader one: a failure whose curl line uses a created key.
  server = await startBrokenServer({ spec: contract, apiKey: TEST_KEY, fault: 'scope-escalation' });
});
afterAll(async () => {
  await server.close();
});

const run = (extra: readonly string[]) =>
  cli(['--base-url', server.url, '--seed', '1', '--checks', 'scope_escalation', ...extra], {
    REGEN_API_KEY: TEST_KEY,
  });

/** Runs `line` with `sh -c` (asynchronously: the server runs in this process). */
function shell(line: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', line], { env: { ...process.env, ...env } }, (_error, stdout) => resolve(stdout));
  });
}

describe('secrets the run obtains', () => {
  it('are masked in the JSON report by default, which says how to keep them', async () => {
    const file = path.join(dir, 'masked.json');
    const { code } = await run(['--report', 'json', '--report-file', file]);
    expect(code).toBe(1);
    const text = readFileSync(file, 'utf8');
    expect(text.match(API_KEY)).toBeNull();
    const { secrets, results } = JSON.parse(text) as Report;
    expect(secrets.kept).toBe(false);
    expect(secrets.howToReplay).toContain('--keep-secrets');
    expect(secrets.obtained.map((s) => s.variable)).toEqual(
      expect.arrayContaining(['REGEN_CREATED_KEY', 'REGEN_CREATED_KEY_2']),
    );
    for (const s of secrets.obtained) {
      expect(s.value).toBeUndefined();
      // A key shows its documented 12-character keyPrefix, a token its first 4; both their last 4.
      expect(s.masked).toMatch(
        s.variable.startsWith('REGEN_CREATED_KEY') ? /^rg_live_\w{4}…\w{4}$/ : /^.{4}….{4}$/,
      );
    }
    const curl = results.flatMap((r) => r.failures).find((f) => f.curl?.includes('$REGEN_CREATED_KEY'))?.curl;
    expect(curl).toBeDefined();
  });

  it('with --keep-secrets: in the JSON report only, owner-readable, and a failure replays with them', async () => {
    const json = path.join(dir, 'kept.json');
    const junit = path.join(dir, 'kept.xml');
    const { code, out, err } = await run([
      '--keep-secrets',
      '--no-cleanup',
      ...['--report', 'json', '--report-file', json, '--report', 'junit', '--report-file', junit],
    ]);
    expect(code).toBe(1);
    expect(statSync(json).mode & 0o777).toBe(0o600);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(report.secrets.kept).toBe(true);
    const values = report.secrets.obtained.map((s) => s.value ?? '');
    expect(values.length).toBeGreaterThanOrEqual(2);
    for (const value of values) {
      expect(value.length).toBeGreaterThan(20);
      expect(out).not.toContain(value);
      expect(err).not.toContain(value);
      expect(readFileSync(junit, 'utf8')).not.toContain(value);
    }
    // Everything else in the JSON report stays redacted: the values appear once each, under secrets.
    expect(JSON.stringify(report.results).match(API_KEY)).toBeNull();

    const failure = report.results
      .find((r) => r.check === 'scope_escalation' && r.operationId === 'getApiKey')
      ?.failures.find((f) => f.curl?.includes('$REGEN_CREATED_KEY'));
    if (!failure?.curl || !failure.response)
      throw new Error('no failure with a created key in its curl line');
    const env = Object.fromEntries(report.secrets.obtained.map((s) => [s.variable, s.value ?? '']));
    // The created key still authenticates after the run (--no-cleanup): the replay is not refused
    // as unauthenticated, as it is without the value. (Its target may be gone: the check's own
    // escalated delete removed it, so the status need not be the recorded 200.)
    expect(failure.response.status).toBe(200);
    expect(await shell(failure.curl, env)).not.toMatch(/^HTTP\/1\.1 401 /);
    expect(await shell(failure.curl, {})).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('--keep-secrets without a JSON report is a usage error (exit 2)', async () => {
    const { code, err } = await run([
      '--keep-secrets',
      '--report',
      'junit',
      '--report-file',
      path.join(dir, 'x.xml'),
    ]);
    expect(code).toBe(2);
    expect(err).toMatch(/--keep-secrets writes secrets only to the JSON report/);
  });
});
