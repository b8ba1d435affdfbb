import { describe, expect, it } from 'vitest';
import { bundledSpecPath, loadDocument } from '../spec/load-document.ts';
import { parseSpec } from '../spec/parse-spec.ts';
import type { ApiSpec, JsonObject } from '../spec/types.ts';
import { planOperation } from './plan.ts';

const document = await loadDocument(bundledSpecPath());
const contract = parseSpec(document, bundledSpecPath());

function plan(spec: ApiSpec, operationId: string) {
  const op = spec.operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no ${operationId}`);
  const p = planOperation(spec, op);
  return {
    kind: p.kind,
    freshTarget: p.freshTarget,
    ownedTargetsOnly: p.ownedTargetsOnly,
    creator: p.creator?.operationId,
    prepare: p.prepare.map((o) => o.operationId),
    needs: p.needs,
  };
}

/** The contract with the links of one response removed. */
function withoutLinks(path: string, method: string, status: string): ApiSpec {
  const copy = structuredClone(document) as JsonObject;
  type Mutable = Record<string, unknown>;
  const paths = copy.paths as Record<string, Record<string, { responses: Record<string, Mutable> }>>;
  const response = paths[path]?.[method]?.responses[status];
  if (!response) throw new Error(`no response ${method} ${path} ${status}`);
  delete response.links;
  return parseSpec(copy, 'copy');
}

describe('the stateful plan comes from the contract’s links', () => {
  it('a chain of links names the creator and the preparation', () => {
    expect(plan(contract, 'activateApiKey')).toMatchObject({
      creator: 'createApiKey',
      prepare: ['deactivateApiKey'],
      freshTarget: true,
      ownedTargetsOnly: true,
    });
    expect(plan(contract, 'rotateApiKey')).toMatchObject({ creator: 'createApiKey', prepare: [] });
  });

  it('a write whose response links elsewhere but not to itself consumes its target', () => {
    expect(plan(contract, 'cancelOrder')).toMatchObject({ freshTarget: true, creator: 'createOrder' });
    expect(plan(contract, 'updateOrder').freshTarget).toBe(false);
    expect(plan(contract, 'deleteProduct').freshTarget).toBe(true);
    // Without the links of its response the contract no longer says the cancel is spent.
    expect(plan(withoutLinks('/api/v1/orders/{id}/cancel', 'post', '200'), 'cancelOrder').freshTarget).toBe(
      false,
    );
  });

  it('sessions and OAuth follow the security schemes and the links of their responses', () => {
    expect(plan(contract, 'login')).toMatchObject({ kind: 'session', needs: 'user-credentials' });
    expect(plan(contract, 'refreshToken')).toMatchObject({ kind: 'session', needs: 'refresh-token' });
    expect(plan(contract, 'logout')).toMatchObject({
      kind: 'session',
      needs: 'session',
      ownedTargetsOnly: true,
    });
    expect(plan(contract, 'createOAuthToken')).toMatchObject({ kind: 'session', needs: 'oauth-client' });
    expect(plan(contract, 'authorize')).toMatchObject({ kind: 'session', needs: 'oauth-client' });
    expect(plan(contract, 'revokeOAuthToken')).toMatchObject({
      needs: 'oauth-client',
      ownedTargetsOnly: true,
    });
    expect(plan(withoutLinks('/api/auth/login', 'post', '200'), 'refreshToken').needs).toBeUndefined();
    expect(plan(contract, 'getCurrentUser')).toMatchObject({ kind: 'list', needs: undefined });
  });
});
