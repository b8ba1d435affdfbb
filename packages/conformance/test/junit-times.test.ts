/**
 * JUnit times are real: against the reference stub, testcase times add up to no more than the
 * run's wall time, suites carry the sum of their cases, and the whole carries the run's time.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, RAISED_LIMITS, startTestStub } from '../../../test/support/stub-server.ts';
import { cli } from './support/cli.ts';

let stub: StubServer | undefined;
beforeAll(async () => {
  stub = await startTestStub();
});
afterAll(async () => {
  await stub?.close();
});

const times = (xml: string, element: string): number[] =>
  [...xml.matchAll(new RegExp(`<${element} [^>]*time="([\\d.]+)"`, 'g'))].map((m) => Number(m[1]));

describe('JUnit times against the reference stub', () => {
  it('testcase times (security probes and scenarios too) add up to at most the wall time of the run; suites and the whole carry a time', async () => {
    if (!stub) throw new Error('stub not started');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'regen-conformance-junit-')), 'run.xml');
    const args = [
      '--base-url',
      stub.url,
      '--seed',
      '4',
      '--max-examples',
      '2',
      '--rate-limits',
      RAISED_LIMITS,
    ];
    const started = performance.now();
    const { code } = await cli([...args, '--report', 'junit', '--report-file', file], {
      REGEN_API_KEY: ADMIN_KEY,
    });
    const wallSeconds = (performance.now() - started) / 1000;
    expect(code).toBe(0);
    const xml = readFileSync(file, 'utf8');

    const cases = times(xml, 'testcase');
    const total = cases.reduce((a, b) => a + b, 0);
    expect(cases.length).toBeGreaterThan(100);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(wallSeconds);

    const whole = times(xml, 'testsuites');
    expect(whole).toHaveLength(1);
    expect(whole[0]).toBeLessThanOrEqual(wallSeconds);
    expect(total).toBeLessThanOrEqual(whole[0] ?? 0);

    // Each suite: the sum of its cases (to the millisecond of the rounding).
    for (const suite of xml.split('<testsuite ').slice(1)) {
      const [suiteTime = Number.NaN] = times(`<testsuite ${suite}`, 'testsuite');
      const sum = times(suite, 'testcase').reduce((a, b) => a + b, 0);
      expect(Math.abs(suiteTime - sum)).toBeLessThan(0.002);
    }
  }, 120_000);
});
