/**
 * The runner never deletes, rotates, deactivates, updates or logs out the credential it runs
 * with: requests that can destroy only ever target resources it created in the same run.
 */
import { describe, expect, it } from 'vitest';
import { SUITES } from '../src/checks/registry.ts';
import { runConformance } from '../src/index.ts';
import { startBrokenServer } from './support/broken-server.ts';
import { contract, TEST_KEY } from './support/contract.ts';

/** The listed key whose keyPrefix and lastFour are those of TEST_KEY: the run's own. */
const OWN_KEY_ID = 'key_6Yb3Nm8Kd2S';

describe('safety', () => {
  it('touches only what it created, and never its own credential', async () => {
    const server = await startBrokenServer({ spec: contract, apiKey: TEST_KEY });
    try {
      // The semantic set is audited against the stub (test/semantics-stub.test.ts: nothing left, the key still works).
      const report = await runConformance({
        baseUrl: server.url,
        apiKey: TEST_KEY,
        seed: 3,
        maxExamples: 3,
        excludeChecks: SUITES.semantics,
      });
      expect(report.exitCode).toBe(0);
      // Ids of resources that exist before the run: every id the server's lists hand out.
      const listed = new Set(JSON.stringify(contract.document).match(/\b[a-z]{3}_[A-Za-z0-9]{11}\b/g));
      expect(listed).toContain(OWN_KEY_ID);
      const writes = server.received.filter((r) => r.method !== 'GET');
      expect(writes.length).toBeGreaterThan(50);
      for (const r of writes) {
        const path = r.url.split('?')[0] ?? '';
        // A write aimed at a pre-existing resource only where the run cannot create its own:
        // customers (the contract has no createCustomer) are updated, never deleted.
        const target = path.match(/\/([a-z]{3}_[A-Za-z0-9]+)/)?.[1];
        if (target && listed.has(target)) {
          expect(`${r.method} ${path}`).toMatch(/^PATCH \/api\/v1\/customers\//);
        }
      }
      const own = writes.filter((r) => r.url.includes(OWN_KEY_ID));
      expect(own).toEqual([]);
      for (const r of server.received.filter(
        (x) => x.url.startsWith('/api/auth/logout') || x.url.startsWith('/oauth/revoke'),
      )) {
        expect(r.headers['x-api-key']).not.toBe(TEST_KEY);
        expect(r.headers.authorization).not.toBe(`Bearer ${TEST_KEY}`);
      }
    } finally {
      await server.close();
    }
  });
});
