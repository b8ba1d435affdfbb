import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { operationIndex } from '../src/operations.ts';

const operations = Object.values(operationIndex);

describe('operation index', () => {
  it('lists exactly the operations of the design table in openapi/README.md', async () => {
    const readme = await readFile(new URL('../../../openapi/README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| (\S+) \| (\w+) \|/gm)].map(
      ([, method, path, id]) => `${method} ${path} ${id}`,
    );
    expect(operations.map((op) => `${op.method} ${op.path} ${op.operationId}`).sort()).toEqual(rows.sort());
  });

  it('requires a credential and names its scopes on every /api/v1 operation but /users/me', () => {
    for (const op of operations.filter((o) => o.path.startsWith('/api/v1/'))) {
      expect(op.auth, op.operationId).toBe('required');
      expect(op.securitySchemes, op.operationId).toEqual(['ApiKeyAuth', 'BearerAuth', 'OAuth2']);
      if (op.operationId !== 'getCurrentUser') expect(op.scopes?.length, op.operationId).toBe(1);
    }
    expect(operationIndex.getCurrentUser.scopes).toEqual([]);
  });

  it('documents 400 wherever a request carries input beyond its path (query, headers, body)', () => {
    for (const op of operations) {
      const statuses: readonly number[] = op.statuses;
      if (op.queryParams.length > 0 || op.headerParams.length > 0 || op.requestBody !== null) {
        expect(statuses, op.operationId).toContain(400);
      }
    }
  });

  it('lets health answer with or without credentials', () => {
    expect(operationIndex.getHealth.auth).toBe('optional');
  });

  it('documents 429, 500 and 503 everywhere, and 401/403 on every secured operation', () => {
    for (const op of operations) {
      const statuses: readonly number[] = op.statuses;
      expect(statuses, op.operationId).toEqual(expect.arrayContaining([429, 500, 503]));
      if (op.auth === 'required')
        expect(statuses, op.operationId).toEqual(expect.arrayContaining([401, 403]));
    }
  });

  it('accepts an Idempotency-Key exactly on the POSTs that create something or move money', () => {
    const idempotent = operations.filter((op) => op.idempotent).map((op) => op.operationId);
    expect(idempotent.sort()).toEqual(
      [
        'createApiKey',
        'rotateApiKey',
        'createOrder',
        'cancelOrder',
        'createProduct',
        'createInventoryAdjustment',
        'createPayout',
        'createWebhookEndpoint',
      ].sort(),
    );
  });
});
