import { describe, expect, it } from 'vitest';
import { TierPacer } from './tier-pacer.ts';
import type { PreparedRequest } from './types.ts';

const get: PreparedRequest = {
  method: 'GET',
  url: 'http://s/a',
  headers: { 'X-API-Key': 'k1' },
  body: undefined,
};
const post: PreparedRequest = { ...get, method: 'POST' };

describe('TierPacer', () => {
  it('lets the burst through, then paces at the sustainable rate', () => {
    let now = 0;
    const pacer = new TierPacer([{ name: 'burst', limit: 3, windowS: 6 }], () => now);
    for (let i = 0; i < 3; i++) {
      expect(pacer.delay(get)).toBeUndefined();
      pacer.take(get);
    }
    expect(pacer.delay(get)?.ms).toBe(2000);
    now = 2000;
    expect(pacer.delay(get)).toBeUndefined();
  });

  it('keeps one bucket per credential, and writes only draw on the write tier', () => {
    const pacer = new TierPacer([{ name: 'write', limit: 1, windowS: 60 }], () => 0);
    pacer.take(post);
    expect(pacer.delay(post)?.ms).toBe(60_000);
    expect(pacer.delay(get)).toBeUndefined();
    expect(pacer.delay({ ...post, headers: { 'X-API-Key': 'k2' } })).toBeUndefined();
  });

  it('follows the server: what it says remains, and an empty window until its reset', () => {
    const now = 1_000_000;
    const pacer = new TierPacer([{ name: 'burst', limit: 10, windowS: 60 }], () => now);
    pacer.observe(get, {
      status: 200,
      headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1030' },
      bodyText: '',
      elapsedMs: 1,
    });
    expect(pacer.delay(get)?.ms).toBe(30_100);
  });
});
