/** Pure helpers: URL building, JWT expiry, loopback detection, env (redaction: `@regen/contract/http`). */
import { describe, expect, test } from 'vitest';
import { RegenError } from '../src/index.ts';
import { readEnv } from '../src/internal/env.ts';
import { isLoopback } from '../src/internal/is-loopback.ts';
import { jwtExpiryMs } from '../src/internal/jwt.ts';
import { appendQuery, fillPath } from '../src/internal/url.ts';

describe('url', () => {
  test('fills and encodes path parameters', () => {
    expect(fillPath('/api/v1/orders/{id}', { id: 'ord_1/2' })).toBe('/api/v1/orders/ord_1%2F2');
    expect(fillPath('/api/v1/orders', undefined)).toBe('/api/v1/orders');
  });
  test('an empty path parameter is an error, never a different route', () => {
    expect(() => fillPath('/api/v1/orders/{id}', { id: '' })).toThrow(RegenError);
    expect(() => fillPath('/api/v1/orders/{id}', {})).toThrow(/Missing path parameter "id"/);
  });
  test('query: skips undefined/null, repeats arrays, deepObject, dates', () => {
    const d = new Date('2025-01-02T03:04:05.000Z');
    expect(
      appendQuery('/x', { a: 1, b: undefined, c: null, d: ['p', 'q'], e: { gte: 2 }, f: d, g: 'a b' }),
    ).toBe('/x?a=1&d=p&d=q&e%5Bgte%5D=2&f=2025-01-02T03%3A04%3A05.000Z&g=a%20b');
    expect(appendQuery('/x', {})).toBe('/x');
  });
});

describe('jwtExpiryMs', () => {
  const enc = (o: object) =>
    btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  test('reads exp from a JWT', () => {
    expect(jwtExpiryMs(`${enc({ alg: 'HS256' })}.${enc({ exp: 1_900_000_000 })}.sig`)).toBe(
      1_900_000_000_000,
    );
  });
  test('undefined for opaque or malformed tokens', () => {
    expect(jwtExpiryMs('opaque-token')).toBeUndefined();
    expect(jwtExpiryMs('a.%%%.c')).toBeUndefined();
    expect(jwtExpiryMs(`${enc({})}.${enc({ sub: 'x' })}.s`)).toBeUndefined();
  });
});

test('isLoopback', () => {
  for (const h of ['localhost', 'api.localhost', '127.0.0.1', '127.1.2.3', '[::1]'])
    expect(isLoopback(h)).toBe(true);
  for (const h of ['example.com', '10.0.0.1', '127.0.0.1.nip.io', 'localhost.evil.com'])
    expect(isLoopback(h)).toBe(false);
});

test('readEnv trims and treats empty as unset', () => {
  process.env.REGEN_TEST_VAR = '  value ';
  expect(readEnv('REGEN_TEST_VAR')).toBe('value');
  process.env.REGEN_TEST_VAR = '';
  expect(readEnv('REGEN_TEST_VAR')).toBeUndefined();
  delete process.env.REGEN_TEST_VAR;
});
