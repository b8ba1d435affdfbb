import type { RequestLogEntry } from '@regen/contract';
import { describe, expect, it } from 'vitest';
import { curlOf } from '../src/pages/requests/curl.ts';

const entry = (over: Partial<RequestLogEntry> = {}): RequestLogEntry => ({
  requestId: 'req_1',
  createdAt: '2026-03-15T12:00:00Z',
  mode: 'test',
  method: 'GET',
  operationId: 'getOrder',
  path: '/api/v1/orders/{id}',
  status: 200,
  durationMs: 3,
  credential: { type: 'api_key', id: 'key_1', keyPrefix: 'rg_test_Ab12' },
  clientAddress: '127.0.0.1',
  userAgent: null,
  errorCode: null,
  ...over,
});

describe('Copy as curl', () => {
  it('uses the $REGEN_API_KEY placeholder and the path template, never a key prefix or id', () => {
    const curl = curlOf(entry(), 'http://127.0.0.1:4010');
    expect(curl).toBe(
      `curl -X GET \\\n  -H "X-API-Key: $REGEN_API_KEY" \\\n  'http://127.0.0.1:4010/api/v1/orders/{id}'`,
    );
    expect(curl).not.toContain('rg_test_');
    expect(curl).not.toContain('key_1');
  });

  it('a write reads its body from a file (the log keeps none) and quotes what the shell would split', () => {
    const curl = curlOf(entry({ method: 'POST', path: "/api/v1/it's" }), 'http://h');
    expect(curl).toContain("-H 'Content-Type: application/json'");
    expect(curl).toContain('--data @body.json');
    expect(curl).toContain(`'http://h/api/v1/it'\\''s'`);
  });
});
