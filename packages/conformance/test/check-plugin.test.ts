/**
 * A check added from outside the package: one module calling `defineCheck`, loaded with one
 * flag (`--check-module`). It must show in `--help`, run against the reference stub, and appear
 * in the console table and the JUnit report — with no change to the engine.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestStub } from '../../../test/support/stub-server.ts';
import { cli } from './support/cli.ts';

// The module imports the package as a server team's would (its build), not the sources under test.
const packageEntry = pathToFileURL(path.join(fileURLToPath(import.meta.url), '../../dist/index.js')).href;
const dir = mkdtempSync(path.join(tmpdir(), 'regen-check-plugin-'));
const checkModule = path.join(dir, 'request-id-echoed.mjs');
writeFileSync(
  checkModule,
  `import { defineCheck, fail, PASS } from '${packageEntry}';

export const requestIdEchoed = defineCheck({
  name: 'request_id_echoed',
  phase: 'response',
  suite: 'schema',
  description: 'Every response carries an X-Request-Id (a team rule, loaded with --check-module).',
  clause: '"Errors": every response carries X-Request-Id',
  evaluate: (exchange) =>
    exchange.response.headers['x-request-id'] ? PASS : fail('no X-Request-Id on the response'),
});
`,
);

let stub: StubServer | undefined;
beforeAll(async () => {
  stub = await startTestStub({});
});
afterAll(async () => {
  await stub?.close();
});

describe('a check loaded with --check-module', () => {
  it('is listed by --help with its description', async () => {
    const { code, out } = await cli(['--check-module', checkModule, '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/request_id_echoed\s+Every response carries an X-Request-Id/);
  });

  it('runs against the stub and is reported in the console table and the JUnit report', async () => {
    if (!stub) throw new Error('stub not started');
    const junit = path.join(dir, 'report.xml');
    const { code, out, err } = await cli([
      '--base-url',
      stub.url,
      '--api-key',
      ADMIN_KEY,
      '--seed',
      '3',
      '--suite',
      'schema',
      '--operations',
      'getCurrentUser,listProducts',
      '--check-module',
      checkModule,
      '--report',
      'junit',
      '--report-file',
      junit,
    ]);
    expect(code, `${out}\n${err}`).toBe(0);
    expect(out).toMatch(/^request_id_echoed\s+2\s+0\s+0\s+0\s+0$/m);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="request_id_echoed"');
    expect(xml).toMatch(
      /<testcase classname="regen-conformance.request_id_echoed" name="listProducts \(GET /,
    );
  }, 60_000);

  it('can be narrowed to with --checks, and an unknown name is still refused', async () => {
    const { code, err } = await cli(['--base-url', 'http://127.0.0.1:9', '--checks', 'request_id_echo']);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown check\(s\): request_id_echo/);
  });
});
