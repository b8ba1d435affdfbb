import { describe, expect, it } from 'vitest';
import { BudgetLedger, budgetOf } from './rate-limit-budgets.ts';
import type { HttpResponse } from './types.ts';

const login = { route: 'POST /api/auth/login', credential: '' };
const orders = { route: 'GET /api/v1/orders', credential: 'key-a' };

function refusal(headers: Record<string, string>): HttpResponse {
  return { status: 429, headers, bodyText: '', elapsedMs: 1 };
}

describe('BudgetLedger', () => {
  it('names the tier of the credential for a 429 with nothing remaining, else the route', () => {
    const tier = refusal({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0' });
    expect(budgetOf(orders, tier)).toBe(budgetOf({ ...orders, route: 'GET /api/v1/products' }, tier));
    expect(budgetOf(orders, tier)).not.toBe(budgetOf({ ...orders, credential: 'key-b' }, tier));
    expect(budgetOf(login, refusal({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '97' }))).toBe(
      login.route,
    );
  });

  it('bounds the total wait for one budget, then closes it until its Retry-After has passed', () => {
    let now = 0;
    const ledger = new BudgetLedger(25_000, () => now);
    expect(ledger.decide(login.route, login.route, 10_000, 'first')).toBe('wait');
    expect(ledger.decide(login.route, login.route, 10_000, 'second')).toBe('wait');
    const closed = ledger.decide(login.route, login.route, 10_000, 'third');
    expect(closed).toMatchObject({ why: 'third', until: 10_000 });
    // Closed: the next 429 is not waited for, however short its Retry-After.
    expect(ledger.decide(login.route, login.route, 1, 'fourth')).toBe(closed);
    now = 10_001;
    // Lifted: the allowance starts afresh.
    expect(ledger.decide(login.route, login.route, 20_000, 'again')).toBe('wait');
  });

  it('an answer other than 429 gives the waits back; a closed route budget stays closed', () => {
    const ledger = new BudgetLedger(15_000, () => 0);
    expect(ledger.decide(login.route, login.route, 10_000, 'a')).toBe('wait');
    ledger.answered(login, [login.route]);
    expect(ledger.decide(login.route, login.route, 10_000, 'b')).toBe('wait');
    const closed = ledger.decide(login.route, login.route, 3_600_000, 'a year');
    ledger.answered(login, []);
    expect(ledger.decide(login.route, login.route, 10_000, 'c')).toBe(closed);
  });

  it('a closed tier refusing three routes in a row leaves nothing to judge', () => {
    const ledger = new BudgetLedger(1000, () => 0);
    const tier = budgetOf(orders, refusal({ 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0' }));
    expect(ledger.decide(tier, orders.route, 60_000, 'spent')).not.toBe('wait');
    ledger.decide(tier, 'GET /api/v1/products', 60_000, 'spent');
    // Another credential's answer says nothing about this key's tier.
    ledger.answered({ ...orders, credential: 'key-b' }, []);
    expect(ledger.hopeless).toBeUndefined();
    ledger.decide(tier, 'GET /api/v1/customers', 60_000, 'spent');
    expect(ledger.hopeless?.why).toBe('spent');
    // An answer to this key: the tier was not spent after all.
    ledger.answered(orders, []);
    expect(ledger.hopeless).toBeUndefined();
  });
});
