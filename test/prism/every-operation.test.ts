/**
 * Against a Prism mock of the contract: the client reaches every operation of the contract, and
 * Prism finds nothing wrong with any request it sends (`sl-violations` absent).
 */
import { operationIndex } from '@regen/contract/operations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../support/child-server.ts';
import { allOperationIds, matchOperation } from '../support/match-operation.ts';
import { type Clients, makeClients, operationCalls } from '../support/operation-calls.ts';
import { startPrismMock } from '../support/prism.ts';
import { describeViolations, type RecordingFetch, recordingFetch } from '../support/recording-fetch.ts';

let prism: ChildServer;
let recorder: RecordingFetch;
let clients: Clients;

beforeAll(async () => {
  prism = await startPrismMock();
  recorder = recordingFetch();
  clients = makeClients(prism.url, recorder.fetch, { maxRetries: 0 });
});
afterAll(() => prism?.close());

describe('the client against a Prism mock', () => {
  it.each(allOperationIds)('%s: the call succeeds and Prism reports no request violation', async (id) => {
    const before = recorder.exchanges.length;
    const outcome = await operationCalls[id](clients, {});
    const mine = recorder.exchanges.slice(before);
    const reached = mine.filter((e) => matchOperation(e.method, e.url.pathname) === id);

    expect(reached, `no request of this call reached ${id}`).toHaveLength(1);
    const expectedStatus = id === 'authorize' ? 200 : operationIndex[id].successStatus;
    expect(reached[0]?.status).toBe(expectedStatus);
    expect(describeViolations(recorder.violating().filter((e) => mine.includes(e)))).toEqual([]);

    switch (outcome.kind) {
      case 'page':
        expect(Array.isArray(outcome.page.data)).toBe(true);
        expect(outcome.page.data.length).toBeGreaterThan(0);
        break;
      case 'navigation':
        expect(outcome.text).toContain('<form');
        break;
      case 'data':
        expect(outcome.value).toBeTypeOf('object');
        expect(outcome.value).not.toBeNull();
        break;
      case 'body':
        // Only revoke answers an empty 200 (RFC 7009 §2.2).
        if (id === 'revokeOAuthToken') expect(outcome.value).toBeUndefined();
        else expect(outcome.value).toBeTypeOf('object');
        break;
    }
  });

  it('reached every operation of the contract', () => {
    const reached = new Set(recorder.exchanges.map((e) => matchOperation(e.method, e.url.pathname)));
    const missed = allOperationIds.filter((id) => !reached.has(id));
    expect(missed).toEqual([]);
    expect(allOperationIds.length).toBe(Object.keys(operationIndex).length);
  });

  it('no request of the whole run drew a violation report', () => {
    expect(recorder.exchanges.length).toBeGreaterThanOrEqual(allOperationIds.length);
    expect(describeViolations(recorder.violating())).toEqual([]);
  });

  it('the violation check is live: a request outside the contract is reported', async () => {
    const probe = recordingFetch();
    const { apiKey } = makeClients(prism.url, probe.fetch, { maxRetries: 0 });
    // An order without items or currency, bypassing the types on purpose.
    await expect(apiKey.orders.create({ customerId: 'cus_4Fh7Jk2Lp9Q' } as never)).rejects.toMatchObject({
      status: 422,
    });
    const reports = probe.violating().flatMap((e) => e.violations.map((v) => v.message));
    expect(reports.join('\n')).toMatch(/items/);
  });
});
