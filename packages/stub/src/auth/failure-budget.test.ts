import { describe, expect, it } from 'vitest';
import { type Attempt, AuthFailureBudget, KNOWN_ADDRESS_MS, type Refusal } from './failure-budget.ts';

const admitted = (a: Attempt | Refusal): a is Attempt => !('retryAfterSeconds' in a);
const WINDOW = 15 * 60_000;

describe('AuthFailureBudget', () => {
  it('refuses an address after its failures, before any check, until the window ends', () => {
    let now = 0;
    const budget = new AuthFailureBudget(2, WINDOW, () => now);
    expect(admitted(budget.begin('a', 'x@example.com'))).toBe(true);
    expect(admitted(budget.begin('a', 'y@example.com'))).toBe(true);
    expect(budget.begin('a', 'z@example.com')).toEqual({ retryAfterSeconds: 900 });
    now = WINDOW;
    expect(admitted(budget.begin('a', 'z@example.com'))).toBe(true);
  });

  it('a spent account budget refuses only addresses that never signed in to it, for 30 days', () => {
    let now = 0;
    const budget = new AuthFailureBudget(2, WINDOW, () => now);
    const first = budget.begin('owner', 'X@example.com');
    if (admitted(first)) first.succeeded();
    budget.begin('attacker-1', 'x@example.com');
    budget.begin('attacker-1', 'x@example.com');
    expect(admitted(budget.begin('attacker-2', 'x@example.com'))).toBe(false);
    expect(admitted(budget.begin('owner', 'x@EXAMPLE.com'))).toBe(true);
    // 30 days later the address is forgotten: the spent budget binds it like any other.
    now = KNOWN_ADDRESS_MS;
    budget.begin('attacker-3', 'x@example.com');
    budget.begin('attacker-3', 'x@example.com');
    expect(admitted(budget.begin('owner', 'x@example.com'))).toBe(false);
  });

  it('a success or a refund gives the attempt back; only a success remembers the address', () => {
    const budget = new AuthFailureBudget(1, WINDOW);
    const refunded = budget.begin('a', 'client:c');
    if (admitted(refunded)) refunded.refund();
    const succeeded = budget.begin('a', 'client:c');
    if (admitted(succeeded)) succeeded.succeeded();
    budget.begin('b', 'client:c');
    expect(admitted(budget.begin('c', 'client:c'))).toBe(false);
    expect(admitted(budget.begin('a', 'client:c'))).toBe(true);
  });
});
