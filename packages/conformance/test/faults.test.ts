/**
 * Proof that the runner can fail: a server that follows the contract passes, and each fault
 * injected into it is reported by exactly the check that exists to catch it — over real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckName } from '../src/checks/registry.ts';
import { SUITES } from '../src/checks/registry.ts';
import { type Report, runConformance } from '../src/index.ts';
import type { SecurityFault } from './support/broken-security.ts';
import { type BrokenServer, type Fault, startBrokenServer } from './support/broken-server.ts';
import { contract, TEST_KEY } from './support/contract.ts';
import { failed } from './support/report.ts';

const SEED = 20260315;
let server: BrokenServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(fault?: Fault): Promise<Report> {
  server = await startBrokenServer({ spec: contract, apiKey: TEST_KEY, ...(fault ? { fault } : {}) });
  // The schema set; the security and semantic sets have their own proofs (test/security-faults.test.ts, test/semantics-faults.test.ts).
  return runConformance({
    baseUrl: server.url,
    apiKey: TEST_KEY,
    seed: SEED,
    maxExamples: 3,
    suite: 'schema',
  });
}

/** Each fault, and the failures it must produce: nothing more, nothing less. */
const EXPECTED: Readonly<Record<Exclude<Fault, 'rate-limited' | SecurityFault>, readonly string[]>> = {
  'server-error': ['not_a_server_error × listProducts'],
  'undocumented-status': ['status_code_conformance × listProducts'],
  'wrong-content-type': ['content_type_conformance × listProducts'],
  'missing-rate-limit-headers': ['response_headers_conformance × listProducts'],
  'schema-violation': ['response_schema_conformance × getOrder'],
  'reject-valid-input': ['positive_data_acceptance × updateCustomer'],
  'accept-invalid-input': ['negative_data_rejection × updateCustomer'],
  'ignore-auth': ['ignored_auth × listOrders'],
  'ignore-required-header': ['missing_required_header × createProduct'],
  'method-without-allow': ['unsupported_method × createOrder', 'unsupported_method × listOrders'],
  'wrong-method-accepted': ['unsupported_method × createOrder', 'unsupported_method × listOrders'],
  'created-not-readable': ['ensure_resource_availability × createProduct'],
  'deleted-still-readable': ['use_after_free × deleteProduct'],
};

describe('a server that follows the contract', () => {
  it('passes every check (exit 0)', async () => {
    const report = await run();
    expect(report.fatal).toBeUndefined();
    expect(failed(report)).toEqual([]);
    expect(report.exitCode).toBe(0);
    // Every check judged something: none passes only by having nothing to look at.
    for (const check of SUITES.schema) {
      expect(
        report.results.some((r) => r.check === check && r.status === 'passed'),
        check,
      ).toBe(true);
    }
  });
});

describe('each fault is caught by the check that exists for it', () => {
  it('every check has a fault that makes it fail', () => {
    const covered = new Set(
      Object.values(EXPECTED).flatMap((list) => list.map((entry) => entry.split(' × ')[0] as CheckName)),
    );
    expect([...covered].sort()).toEqual([...SUITES.schema].sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (fault, expected) => {
    const report = await run(fault as Fault);
    expect(report.fatal).toBeUndefined();
    expect(failed(report)).toEqual(expected);
    expect(report.exitCode).toBe(1);
    const failure = report.results.find((r) => r.status === 'failed')?.failures[0];
    expect(failure?.seed).toBe(SEED);
    expect(failure?.curl).toMatch(/^curl /);
    expect(failure?.curl).not.toContain(TEST_KEY);
  });
});
