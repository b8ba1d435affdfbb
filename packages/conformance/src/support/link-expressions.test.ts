import { describe, expect, it } from 'vitest';
import { type ExpressionSource, evaluateExpression } from './link-expressions.ts';

const src: ExpressionSource = {
  testCase: {
    pathParams: { id: 'ord_1' },
    query: { limit: 5 },
    headers: { 'X-Trace': 't1' },
    body: { contentType: 'application/json', value: { name: 'n' } },
    auth: 'default',
    description: '',
  },
  url: 'http://x/api/v1/orders',
  method: 'POST',
  status: 201,
  responseHeaders: { location: '/api/v1/orders/ord_2' },
  responseBody: { data: { id: 'ord_2', 'a/b': 1 } },
};

describe('evaluateExpression (OpenAPI 3.1 §4.8.20.4)', () => {
  it('reads response bodies by JSON Pointer, with escapes', () => {
    expect(evaluateExpression('$response.body#/data/id', src)).toBe('ord_2');
    expect(evaluateExpression('$response.body#/data/a~1b', src)).toBe(1);
    expect(evaluateExpression('$response.body#/data/missing', src)).toBeUndefined();
  });

  it('reads request parts, headers case-insensitively', () => {
    expect(evaluateExpression('$request.path.id', src)).toBe('ord_1');
    expect(evaluateExpression('$request.query.limit', src)).toBe(5);
    expect(evaluateExpression('$request.header.x-trace', src)).toBe('t1');
    expect(evaluateExpression('$request.body#/name', src)).toBe('n');
    expect(evaluateExpression('$response.header.Location', src)).toBe('/api/v1/orders/ord_2');
  });

  it('interpolates embedded expressions and passes constants through', () => {
    expect(evaluateExpression('id={$response.body#/data/id}', src)).toBe('id=ord_2');
    expect(evaluateExpression(42, src)).toBe(42);
    expect(evaluateExpression('plain', src)).toBe('plain');
    expect(evaluateExpression('$statusCode', src)).toBe(201);
  });
});
