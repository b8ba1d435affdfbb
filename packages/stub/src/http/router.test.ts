import { describe, expect, it } from 'vitest';
import { Router } from './router.ts';

const router = new Router([
  { method: 'GET', path: '/api/v1/orders', value: 'listOrders' },
  { method: 'POST', path: '/api/v1/orders', value: 'createOrder' },
  { method: 'GET', path: '/api/v1/orders/{id}', value: 'getOrder' },
  { method: 'PATCH', path: '/api/v1/orders/{id}', value: 'updateOrder' },
  { method: 'POST', path: '/api/v1/orders/{id}/cancel', value: 'cancelOrder' },
  { method: 'GET', path: '/api/v1/inventory/{productId}', value: 'getInventoryLevel' },
  { method: 'GET', path: '/api/v1/inventory/adjustments', value: 'listInventoryAdjustments' },
]);

describe('Router', () => {
  it('matches literal and templated paths with decoded parameters', () => {
    expect(router.match('GET', '/api/v1/orders')).toMatchObject({ kind: 'found', value: 'listOrders' });
    expect(router.match('GET', '/api/v1/orders/ord_1')).toEqual({
      kind: 'found',
      value: 'getOrder',
      params: { id: 'ord_1' },
    });
    expect(router.match('POST', '/api/v1/orders/a%20b/cancel')).toMatchObject({ params: { id: 'a b' } });
  });

  it('prefers literal segments over parameters', () => {
    expect(router.match('GET', '/api/v1/inventory/adjustments')).toMatchObject({
      value: 'listInventoryAdjustments',
    });
    expect(router.match('GET', '/api/v1/inventory/prd_1')).toMatchObject({ value: 'getInventoryLevel' });
  });

  it('answers 405 with the allowed methods, HEAD falling back to GET', () => {
    expect(router.match('DELETE', '/api/v1/orders/x')).toEqual({
      kind: 'method_not_allowed',
      allow: 'GET, PATCH, HEAD',
    });
    expect(router.match('HEAD', '/api/v1/orders')).toMatchObject({ kind: 'found', value: 'listOrders' });
  });

  it('does not match unknown paths, empty segments or bad escapes', () => {
    expect(router.match('GET', '/api/v1/nope').kind).toBe('not_found');
    expect(router.match('GET', '/api/v1/orders/').kind).toBe('not_found');
    expect(router.match('GET', '/api/v1/orders/%E0%A4%A').kind).toBe('not_found');
  });
});
