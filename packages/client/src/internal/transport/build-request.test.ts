import { describe, expect, test } from 'vitest';
import { buildRequest, withHeaders } from './build-request.ts';

const BASE = 'https://api.example.com';

describe('buildRequest', () => {
  test('fills the path and appends the query', () => {
    const r = buildRequest(
      BASE,
      'GET',
      '/api/v1/orders/{id}',
      { params: { path: { id: 'ord 1' }, query: { limit: 5 } } },
      undefined,
      false,
    );
    expect(r.url).toBe(`${BASE}/api/v1/orders/ord%201?limit=5`);
    expect(r.headers).toBeUndefined();
    expect(r.body).toBeUndefined();
    expect(r.once).toBe(false);
  });

  test('a plain object is sent as JSON with its content type', () => {
    const r = buildRequest(BASE, 'PATCH', '/x', { body: { a: 1 } }, undefined, false);
    expect(r.body).toBe('{"a":1}');
    expect(r.headers).toEqual({ 'content-type': 'application/json' });
  });

  test('raw bodies go as they are; a stream is sent once', () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    expect(buildRequest(BASE, 'POST', '/oauth/token', { body: form }, undefined, false)).toMatchObject({
      body: form,
      headers: undefined,
      once: false,
    });
    const stream = new ReadableStream();
    expect(buildRequest(BASE, 'POST', '/x', { body: stream }, undefined, false)).toMatchObject({
      body: stream,
      streamed: true,
      once: true,
    });
  });

  test('an authorization-code exchange is sent once (RFC 6749 §4.1.2: codes are single-use)', () => {
    const body = new URLSearchParams({ grant_type: 'authorization_code', code: 'ac_1' });
    expect(buildRequest(BASE, 'POST', '/oauth/token', { body }, undefined, false).once).toBe(true);
  });

  test('idempotent POSTs get a generated key; a given one is kept, a removed one stays removed', () => {
    const generated = buildRequest(BASE, 'POST', '/o', { body: {} }, undefined, true).headers;
    expect(generated?.['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(buildRequest(BASE, 'POST', '/o', {}, { idempotencyKey: 'k1' }, true).headers).toEqual({
      'idempotency-key': 'k1',
    });
    expect(
      buildRequest(BASE, 'POST', '/o', {}, { headers: { 'Idempotency-Key': 'k2' } }, true).headers,
    ).toEqual({ 'idempotency-key': 'k2' });
    expect(
      buildRequest(BASE, 'POST', '/o', {}, { headers: { 'Idempotency-Key': null } }, true).headers,
    ).toEqual({ 'idempotency-key': null });
    expect(buildRequest(BASE, 'GET', '/o', {}, undefined, true).headers).toBeUndefined();
  });

  test('per-call headers are lower-cased; null marks a removal, undefined is ignored', () => {
    const r = buildRequest(
      BASE,
      'GET',
      '/x',
      { params: { header: { 'X-A': 1 } } },
      { headers: { 'X-B': null, 'X-C': undefined } },
      false,
    );
    expect(r.headers).toEqual({ 'x-a': '1', 'x-b': null });
  });
});

describe('withHeaders', () => {
  const base = Object.freeze({ accept: 'application/json', 'x-api-key': 'k' });

  test('no patch: the very same object (nothing allocated)', () => {
    expect(withHeaders(base, undefined)).toBe(base);
  });

  test('sets and removes on a copy', () => {
    expect(withHeaders(base, { 'x-trace': 't', accept: null })).toEqual({ 'x-api-key': 'k', 'x-trace': 't' });
    expect(base).toEqual({ accept: 'application/json', 'x-api-key': 'k' });
  });
});
