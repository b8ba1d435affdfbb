import { describe, expect, it } from 'vitest';
import { parseChaosRates } from '../config/chaos-rates.ts';
import { ChaosEngine, formatRetryAfter } from './engine.ts';
import { HUGE_RETRY_AFTER } from './fault.ts';
import { parseFaultHeader } from './parse-fault-header.ts';

describe('parseFaultHeader', () => {
  it('reads faults and parameters', () => {
    expect(parseFaultHeader('429; retry-after=3')).toMatchObject({
      kind: '429',
      retryAfter: 3,
      retryAfterFormat: 'seconds',
    });
    expect(parseFaultHeader('429; retry-after=huge; format=date')).toMatchObject({
      retryAfter: HUGE_RETRY_AFTER,
      retryAfterFormat: 'date',
    });
    expect(parseFaultHeader('429; retry-after-ms=250')).toMatchObject({ retryAfterMs: 250 });
    expect(parseFaultHeader('429').retryAfterMs).toBeUndefined();
    expect(parseFaultHeader('503;count=3')).toMatchObject({ kind: '503', count: 3 });
    expect(parseFaultHeader('slow; delay=250ms')).toMatchObject({ kind: 'slow', delayMs: 250 });
    expect(parseFaultHeader('reset; when=before')).toMatchObject({ kind: 'reset', when: 'before' });
    expect(parseFaultHeader('token-expired').kind).toBe('expire-token');
  });

  it.each([
    'boom',
    '429; retry-after=soon',
    '429; retry-after-ms=0.5',
    '429; colour=red',
    'reset; when=later',
    'slow; delay=x',
  ])('refuses %j', (h) => {
    expect(() => parseFaultHeader(h)).toThrow(RangeError);
  });
});

describe('parseChaosRates', () => {
  it('reads percentages and fractions', () => {
    expect(parseChaosRates('429=5%,503=2%,reset=0.01')).toEqual({ '429': 0.05, '503': 0.02, reset: 0.01 });
    expect(parseChaosRates('')).toEqual({});
  });

  it.each(['429', 'boom=1%', '429=150%'])('refuses %j', (s) =>
    expect(() => parseChaosRates(s)).toThrow(RangeError),
  );
});

describe('ChaosEngine', () => {
  it('runs count faults per client and route, then lets one through, then starts over', () => {
    const chaos = new ChaosEngine({});
    const kinds = Array.from(
      { length: 8 },
      () => chaos.decide('503; count=3', 'c', 'GET /x', true)?.kind ?? 'pass',
    );
    expect(kinds).toEqual(['503', '503', '503', 'pass', '503', '503', '503', 'pass']);
    expect(chaos.decide('503; count=3', 'other', 'GET /x', true)?.kind).toBe('503');
  });

  it('injects random faults at the configured rates, 503 in runs', () => {
    let draws = [0.001];
    const chaos = new ChaosEngine({ '503': 0.01 }, () => draws.shift() ?? 0.99);
    expect(chaos.decide(undefined, 'c', 'r', true)?.kind).toBe('503');
    draws = [];
    expect(chaos.decide(undefined, 'c', 'r', true)?.kind).toBe('503');
    expect(chaos.decide(undefined, 'c', 'r', true)?.kind).toBe('503');
    expect(chaos.decide(undefined, 'c', 'r', true)).toBeUndefined();
    expect(new ChaosEngine({ '503': 1 }).decide(undefined, 'c', 'r', false)).toBeUndefined();
  });

  it('formats Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3)', () => {
    expect(formatRetryAfter(3, 'seconds')).toBe('3');
    expect(formatRetryAfter(3, 'date', Date.UTC(2026, 2, 15, 12, 0, 0))).toBe(
      'Sun, 15 Mar 2026 12:00:03 GMT',
    );
  });
});
