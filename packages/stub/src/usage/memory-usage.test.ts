import { describe, expect, it } from 'vitest';
import { MemoryUsage } from './memory-usage.ts';
import { ALL } from './minute-counts.ts';
import type { RequestRecord } from './request-record.ts';

const at = { accountId: 'acct_5Tq8Wm2Rz4N', mode: 'live' as const };

function record(i: number, atMs: number, status = 200): RequestRecord {
  return {
    ...at,
    atMs,
    requestId: `req_${i}`,
    method: 'GET',
    operationId: 'listOrders',
    path: '/api/v1/orders',
    status,
    durationMs: 1,
    credentialType: 'api_key',
    credentialId: 'key_a',
    keyPrefix: 'rg_live_Xq7v',
    clientAddress: '127.0.0.1',
    userAgent: null,
    errorCode: null,
  };
}

describe('MemoryUsage', () => {
  it('keeps the newest 10,000 entries of a partition, newest first', () => {
    const usage = new MemoryUsage();
    const now = Date.now();
    for (let i = 0; i < 10_050; i++) usage.record(record(i, now));
    const seen: string[] = [];
    let before: { atMs: number; seq: number } | undefined;
    for (;;) {
      const page = usage.log(at, { limit: 100, ...(before ? { before } : {}) });
      seen.push(...page.records.map((r) => r.requestId));
      if (page.next === null) break;
      before = page.next;
    }
    expect(seen).toHaveLength(10_000);
    expect(seen[0]).toBe('req_10049');
    expect(seen.at(-1)).toBe('req_50');
  });

  it('drops log entries and minutes older than 7 days, but counts every recent request', () => {
    const usage = new MemoryUsage();
    const now = Date.now();
    usage.record(record(0, now - 8 * 86_400_000));
    for (let i = 1; i <= 20_000; i++) usage.record(record(i, now, i % 4 === 0 ? 429 : 200));
    expect(usage.log(at, { limit: 100, fromMs: 0 }).records.every((r) => r.atMs === now)).toBe(true);
    const minute = Math.floor(now / 60_000);
    const minutes = [...usage.minutes(at, { selector: ALL, fromMinute: 0, toMinute: minute + 1 })];
    expect(minutes).toHaveLength(1);
    const [, counts] = minutes[0] as [number, { status2xx: number; status429: number }];
    expect(counts.status2xx + counts.status429).toBe(20_000);
    expect(counts.status429).toBe(5_000);
  });
});
