/**
 * Precondition data missing: when the data a check's valid requests must name does not exist on
 * the server (a stub without demo data has no approved commission to pay out), the check is
 * skipped with the reason — never failed.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestStub } from '../../../test/support/stub-server.ts';
import { runConformance } from '../src/index.ts';

describe('precondition data missing on the server', () => {
  it('createPayout without an approved commission: positive_data_acceptance skipped with the reason (exit 0)', async () => {
    // Demo data whose approved commissions were all paid out already (as after an earlier run).
    const stub = await startTestStub();
    try {
      const headers = { 'X-API-Key': ADMIN_KEY, 'Content-Type': 'application/json' };
      const listed = await fetch(`${stub.url}/api/v1/commissions?status=approved&limit=100`, { headers });
      const approved = ((await listed.json()) as { data: { id: string; payoutId: string | null }[] }).data
        .filter((c) => c.payoutId === null)
        .map((c) => c.id);
      expect(approved.length).toBeGreaterThan(0);
      const paid = await fetch(`${stub.url}/api/v1/payouts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ commissionIds: approved }),
      });
      expect(paid.status).toBe(201);
      const report = await runConformance({
        baseUrl: stub.url,
        apiKey: ADMIN_KEY,
        seed: 4,
        maxExamples: 2,
        operations: ['createPayout'],
        checks: ['positive_data_acceptance'],
      });
      const result = report.results.find(
        (r) => r.check === 'positive_data_acceptance' && r.operationId === 'createPayout',
      );
      expect(result?.status).toBe('skipped');
      expect(result?.reason).toMatch(/^precondition data missing: the server lists no com_ resource/);
      expect(report.exitCode).toBe(0);
    } finally {
      await stub.close();
    }
  }, 60_000);
});
