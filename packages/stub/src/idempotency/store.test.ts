import { describe, expect, it } from 'vitest';
import { IdempotencyStore } from './store.ts';

const DAY = 24 * 3_600_000;

describe('IdempotencyStore', () => {
  it('runs the first request, reports the in-flight one, replays the finished one', () => {
    const store = new IdempotencyStore();
    const first = store.begin('k', 'f1');
    expect(first.kind).toBe('proceed');
    expect(store.begin('k', 'f1').kind).toBe('in_flight');
    expect(store.begin('k', 'f2').kind).toBe('mismatch');
    if (first.kind === 'proceed') first.complete({ status: 201, body: '{}' });
    expect(store.begin('k', 'f1')).toEqual({ kind: 'replay', response: { status: 201, body: '{}' } });
  });

  it('frees the key when the first attempt is abandoned', () => {
    const store = new IdempotencyStore();
    const first = store.begin('k', 'f');
    if (first.kind === 'proceed') first.abandon();
    expect(store.begin('k', 'f').kind).toBe('proceed');
  });

  it('keeps a completed result even if the client goes away afterwards', () => {
    const store = new IdempotencyStore();
    const first = store.begin('k', 'f');
    if (first.kind === 'proceed') {
      first.complete({ status: 201, body: '{}' });
      first.abandon();
    }
    expect(store.begin('k', 'f').kind).toBe('replay');
  });

  it('forgets keys after 24 hours', () => {
    let now = 0;
    const store = new IdempotencyStore({ now: () => now });
    const first = store.begin('k', 'f');
    if (first.kind === 'proceed') first.complete({ status: 200, body: '{}' });
    now = DAY + 1;
    expect(store.begin('k', 'other').kind).toBe('proceed');
  });
});

/** `n` keys `prefix0…`, each completed at once. */
function fill(store: IdempotencyStore, prefix: string, n: number): void {
  for (let i = 0; i < n; i++) {
    const o = store.begin(`${prefix}${i}`, 'f');
    if (o.kind === 'proceed') o.complete({ status: 201, body: '{}' });
  }
}

describe('IdempotencyStore memory bounds', () => {
  it('evicts expired records as new keys arrive, a few per request, oldest first', () => {
    let now = 0;
    const store = new IdempotencyStore({ ttlMs: 1000, now: () => now });
    fill(store, 'old', 1000);
    expect(store.size).toBe(1000);
    now = 1000;
    fill(store, 'new', 400);
    // Each request looked at a few expired records: the backlog shrinks faster than keys arrive.
    expect(store.size).toBeLessThan(1000);
    fill(store, 'newer', 400);
    expect(store.size).toBe(800);
    // The new keys are all still there.
    expect(store.begin('new0', 'f').kind).toBe('replay');
    expect(store.begin('newer399', 'f').kind).toBe('replay');
  });

  it('stays flat over many keys once they expire', () => {
    let now = 0;
    const store = new IdempotencyStore({ ttlMs: 1000, now: () => now });
    for (let round = 0; round < 50; round++) {
      fill(store, `r${round}-`, 1000);
      now += 1000;
    }
    expect(store.size).toBeLessThanOrEqual(1000);
  });

  it('at the cap evicts every expired record needed, oldest first, at once', () => {
    let now = 0;
    const store = new IdempotencyStore({ cap: 100, ttlMs: 1000, now: () => now });
    fill(store, 'a', 60);
    now = 500;
    fill(store, 'b', 40);
    now = 1000; // the a's expired, the b's not
    fill(store, 'c', 1);
    expect(store.size).toBeLessThanOrEqual(100);
    // Under the cap already: a few expired a's go per request, never a b.
    fill(store, 'd', 10);
    for (let i = 0; i < 40; i++) expect(store.begin(`b${i}`, 'f').kind).toBe('replay');
    expect(store.size).toBeLessThanOrEqual(100);
  });

  it('never drops a live record: at the cap with only live records it grows past it', () => {
    const store = new IdempotencyStore({ cap: 10, ttlMs: 1000, now: () => 0 });
    fill(store, 'live', 10);
    const inFlight = store.begin('running', 'f');
    expect(inFlight.kind).toBe('proceed');
    fill(store, 'more', 5);
    expect(store.size).toBe(16);
    for (let i = 0; i < 10; i++) expect(store.begin(`live${i}`, 'f').kind).toBe('replay');
    expect(store.begin('running', 'f').kind).toBe('in_flight');
  });

  it('keeps a record still in flight past its TTL out of the sweep, and the sweep going past it', () => {
    let now = 0;
    const store = new IdempotencyStore({ cap: 5, ttlMs: 1000, now: () => now });
    const stuck = store.begin('stuck', 'f');
    fill(store, 'x', 4);
    now = 1000;
    fill(store, 'y', 5);
    // The 4 expired x's went; the stuck one stayed (moved to the end) and did not block them.
    expect(store.size).toBe(6);
    if (stuck.kind === 'proceed') stuck.complete({ status: 201, body: '{"late":true}' });
    now = 1500;
    expect(store.begin('y0', 'f').kind).toBe('replay');
  });

  it('a key reused after expiry gets a fresh record at the end (it does not block eviction)', () => {
    let now = 0;
    const store = new IdempotencyStore({ ttlMs: 1000, now: () => now });
    fill(store, 'k', 10);
    now = 1000;
    fill(store, 'k', 1); // k0 again: expired, so a new record
    now = 1999;
    fill(store, 'z', 20);
    // The other nine expired k's were evicted although k0 (live) was once at the front.
    expect(store.size).toBe(21);
    expect(store.begin('k0', 'f').kind).toBe('replay');
  });
});
