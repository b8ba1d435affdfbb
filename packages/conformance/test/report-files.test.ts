/** Each `--report` writes to the `--report-file` that follows it, over real HTTP. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/index.ts';
import { type BrokenServer, startBrokenServer } from './support/broken-server.ts';
import { cli } from './support/cli.ts';
import { contract, TEST_KEY } from './support/contract.ts';

let server: BrokenServer;
const dir = mkdtempSync(path.join(tmpdir(), 'regen-conformance-reports-'));
beforeAll(async () => {
  server = await startBrokenServer({ spec: contract, apiKey: TEST_KEY, fault: 'schema-violation' });
});
afterAll(async () => {
  await server.close();
});

describe('--report with --report-file', () => {
  it('writes each report to the file that follows it', async () => {
    const json = path.join(dir, 'run.json');
    const junit = path.join(dir, 'run.xml');
    const args = [
      '--base-url',
      server.url,
      '--seed',
      '3',
      '--max-examples',
      '1',
      '--operations',
      'listOrders',
    ];
    const reports = ['--report', 'json', '--report-file', json, '--report', 'junit', '--report-file', junit];
    const { code, err } = await cli([...args, ...reports], { REGEN_API_KEY: TEST_KEY });
    expect(code).toBe(0);
    expect((JSON.parse(readFileSync(json, 'utf8')) as Report).seed).toBe(3);
    expect(readFileSync(junit, 'utf8')).toMatch(/^<\?xml /);
    expect(err).toContain(`json report written to ${json}`);
    expect(err).toContain(`junit report written to ${junit}`);
    // Nothing went to the default names in the working directory.
    expect(existsSync('regen-conformance.json')).toBe(false);
    expect(existsSync('regen-conformance.xml')).toBe(false);
  });

  it('refuses a --report-file before any --report, with the usage exit code (2), before sending', async () => {
    const before = server.received.length;
    const { code, err } = await cli(
      ['--base-url', server.url, '--report-file', path.join(dir, 'x.json'), '--report', 'json'],
      { REGEN_API_KEY: TEST_KEY },
    );
    expect(code).toBe(2);
    expect(err).toMatch(/--report-file ".*x\.json" must follow the --report/);
    expect(server.received.length).toBe(before);
  });
});
