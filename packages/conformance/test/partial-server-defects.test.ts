/**
 * The partial server (test/support/partial-server.ts) with one defect planted
 * (test/support/planted-defects.ts): the runner, given `--operations` and `--checks` as narrow as
 * the defect allows, fails exactly the check that exists for it on the operation it is in. The
 * same server without a defect passes every applicable check (test/partial-server.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type CheckName, runConformance } from '../src/index.ts';
import type { BrokenSemanticsServer } from './support/broken-semantics.ts';
import { contract } from './support/contract.ts';
import {
  type PARTIAL_OPERATIONS,
  type Plant,
  partialRunOptions,
  startPartialServer,
} from './support/partial-server.ts';
import {
  allowListing,
  createIgnoresWriteScope,
  lenientDateTime,
  oldSecretsSurviveRotation,
  tokensSurviveLogout,
  withoutHeader,
} from './support/planted-defects.ts';
import { describeResults, failed } from './support/report.ts';

let server: BrokenSemanticsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A defect planted in the partial server, the narrow run that meets it, and what it must fail. */
interface PlantedDefect {
  readonly defect: string;
  /** Made per run: some defects remember what they saw (keys rotated, sessions logged out). */
  readonly plant: () => Plant;
  readonly checks: readonly CheckName[];
  readonly operations: readonly (typeof PARTIAL_OPERATIONS)[number][];
  /** Exactly the failing check × operation pairs. */
  readonly fails: readonly string[];
  /** What every failure's message says. */
  readonly message: RegExp;
  /** Requests per operation, when the defect takes more than the default 5 to meet. */
  readonly maxExamples?: number;
}

const PLANTED: readonly PlantedDefect[] = [
  {
    defect: 'Allow names one of the three methods of /api/v1/api-keys/{id}',
    plant: () => ({ intercept: allowListing(contract, '/api/v1/api-keys/{id}', ['GET']) }),
    checks: ['unsupported_method'],
    operations: ['getApiKey', 'updateApiKey', 'deleteApiKey'],
    fails: [
      'unsupported_method × deleteApiKey',
      'unsupported_method × getApiKey',
      'unsupported_method × updateApiKey',
    ],
    message: /^Allow "GET" should list GET, PUT, DELETE \(missing PUT, DELETE\)$/,
  },
  {
    defect: 'listOrders accepts 12345 as a date-time query parameter',
    plant: () => ({ tamper: lenientDateTime('/api/v1/orders', ['createdAfter', 'createdBefore']) }),
    checks: ['negative_data_rejection'],
    operations: ['listOrders'],
    // Invalid requests go round-robin over parameters and kinds: the wrong type of a date-time
    // parameter (12345) comes after the other five parameters' mutations (35 requests in all).
    maxExamples: 20,
    fails: ['negative_data_rejection × listOrders'],
    message: /query parameter "created(After|Before)" "12345" violates format: date-time/,
  },
  {
    defect: 'a logged-out access token still works on the probe operation',
    plant: () => ({ tamper: tokensSurviveLogout() }),
    checks: ['session_lifecycle'],
    operations: ['login', 'refreshToken', 'logout', 'listApiKeys'],
    fails: ['session_lifecycle/logout × logout'],
    message: /^the access token still works after logout \(200\)/,
  },
  {
    defect: "a rotated key's old secret still works after the grace",
    plant: () => ({ tamper: oldSecretsSurviveRotation() }),
    checks: ['rotation_grace'],
    operations: ['createApiKey', 'rotateApiKey', 'listApiKeys'],
    fails: ['rotation_grace/expiry × listApiKeys'],
    message: /^the old secret was answered 200 after previousKeyExpiresAt/,
  },
  {
    defect: 'createApiKey does not require write:api_keys',
    plant: () => ({ tamper: createIgnoresWriteScope() }),
    checks: ['scope_enforcement'],
    operations: ['createApiKey', 'listApiKeys'],
    fails: ['scope_enforcement × createApiKey'],
    message:
      /^createApiKey with every scope but write:api_keys was answered .*expected 403 insufficient_scope naming write:api_keys$/,
  },
  {
    defect: 'createApiKey ignores Idempotency-Key',
    plant: () => ({ fault: 'idempotency-ignored' }),
    checks: ['idempotency'],
    operations: ['createApiKey', 'listApiKeys'],
    fails: [
      'idempotency/concurrent × createApiKey',
      'idempotency/replay × createApiKey',
      'idempotency/reused-key × createApiKey',
    ],
    message: /Idempotency-Key/,
  },
  {
    defect: 'listOrders answers without X-RateLimit-Remaining',
    plant: () => ({ tamper: withoutHeader('/api/v1/orders', 'X-RateLimit-Remaining') }),
    checks: ['response_headers_conformance'],
    operations: ['listOrders'],
    fails: ['response_headers_conformance × listOrders'],
    message: /missing x-ratelimit-remaining/,
  },
];

describe('each defect planted in the partial server is failed by the right check on the right operation', () => {
  it.each(PLANTED)(
    '$defect',
    async ({ plant, checks, operations, fails, message, maxExamples = 5 }) => {
      server = await startPartialServer(plant());
      const report = await runConformance({
        ...partialRunOptions(server),
        seed: 20261206,
        checks,
        operations,
        maxExamples,
      });
      expect(failed(report), describeResults(report, ['failed', 'error'])).toEqual(fails);
      expect(describeResults(report, ['error'])).toBe('');
      expect(report.exitCode).toBe(1);
      for (const f of report.results.flatMap((r) => r.failures)) expect(f.message).toMatch(message);
    },
    60_000,
  );
});
