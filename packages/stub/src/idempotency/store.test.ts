import { describe, expect, it } from 'vitest';
import { IdempotencyStore } from './store.ts';

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
    const store = new IdempotencyStore(() => now);
    const first = store.begin('k', 'f');
    if (first.kind === 'proceed') first.complete({ status: 200, body: '{}' });
    now = 24 * 3_600_000 + 1;
    expect(store.begin('k', 'other').kind).toBe('proceed');
  });
});
