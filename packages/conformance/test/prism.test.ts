/**
 * The runner against a Prism mock of the contract: it passes with the `prism` profile, whose
 * exemptions cover exactly what Prism cannot do by design, and fails without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES, type Report, runConformance } from '../src/index.ts';
import { bundledSpecPath } from '../src/spec/load-document.ts';
import { TEST_KEY } from './support/contract.ts';
import { type PrismMock, startPrism } from './support/prism.ts';

let prism: PrismMock;
beforeAll(async () => {
  prism = await startPrism(bundledSpecPath());
}, 60_000);
afterAll(async () => {
  await prism?.close();
});

const failed = (report: Report) => report.results.filter((r) => r.status === 'failed');

describe('against Prism', () => {
  let withProfile: Report;

  it('passes with --profile prism (exemptions documented, nothing else fails)', async () => {
    withProfile = await runConformance({ baseUrl: prism.url, apiKey: TEST_KEY, seed: 1, profile: 'prism' });
    expect(withProfile.fatal).toBeUndefined();
    expect(
      failed(withProfile).map((r) => `${r.check} × ${r.operationId}: ${r.failures[0]?.message}`),
    ).toEqual([]);
    expect(withProfile.exitCode).toBe(0);
    // Exempt, not silently passed: each keeps the failure and says why.
    const exempt = withProfile.results.filter((r) => r.status === 'exempt');
    expect(exempt.length).toBeGreaterThan(0);
    for (const r of exempt) expect(r.failures.every((f) => f.exemption)).toBe(true);
  }, 120_000);

  it('still checks what Prism can do: missing credentials get 401, valid data is accepted', () => {
    const statuses = (check: string) =>
      new Set(withProfile.results.filter((r) => r.check === check).map((r) => r.status));
    expect(statuses('positive_data_acceptance')).toContain('passed');
    expect(statuses('negative_data_rejection')).toContain('passed');
    for (const r of withProfile.results.filter((x) => x.check === 'ignored_auth' && x.status === 'exempt')) {
      expect(r.failures.map((f) => f.variant)).not.toContain('no-credential');
    }
  });

  it('fails without the profile, only where the profile exempts', async () => {
    const report = await runConformance({ baseUrl: prism.url, apiKey: TEST_KEY, seed: 1 });
    expect(report.exitCode).toBe(1);
    const exempted = new Set(PROFILES.prism?.map((e) => e.check));
    for (const r of failed(report)) expect(exempted, r.check).toContain(r.check);
  }, 120_000);
});
