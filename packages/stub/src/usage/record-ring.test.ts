import { describe, expect, it } from 'vitest';
import { RecordRing } from './record-ring.ts';
import type { RequestRecord } from './request-record.ts';

const record = (i: number): RequestRecord => ({
  accountId: 'acct_5Tq8Wm2Rz4N',
  mode: 'test',
  atMs: 1_700_000_000_000 + i,
  requestId: `req_${i}`,
  method: i % 2 === 0 ? 'GET' : 'POST',
  operationId: `op${i}`,
  path: `/api/v1/things/${i}`,
  status: 200 + i,
  durationMs: i + 0.25,
  credentialType: i % 2 === 0 ? 'api_key' : 'jwt',
  credentialId: `cred_${i}`,
  keyPrefix: i % 2 === 0 ? `rg_test_${i}` : null,
  clientAddress: `10.0.0.${i}`,
  userAgent: i % 3 === 0 ? null : `agent/${i}`,
  errorCode: i % 4 === 0 ? null : `code_${i}`,
});

describe('RecordRing', () => {
  it('gives back every field of the records it holds, and holds only the newest `capacity`', () => {
    const ring = new RecordRing('acct_5Tq8Wm2Rz4N', 'test', 3);
    expect([ring.oldest, ring.next]).toEqual([0, 0]);
    for (let i = 0; i < 2; i++) expect(ring.push(record(i))).toBe(i);
    expect([ring.oldest, ring.next]).toEqual([0, 2]);
    expect([ring.get(0), ring.get(1)]).toEqual([record(0), record(1)]);
    for (let i = 2; i < 8; i++) ring.push(record(i));
    expect([ring.oldest, ring.next]).toEqual([5, 8]);
    for (let seq = 5; seq < 8; seq++) {
      expect(ring.get(seq)).toEqual(record(seq));
      expect(ring.atMsOf(seq)).toBe(record(seq).atMs);
    }
  });
});
