import type { ApiKey } from '@regen/contract';
import type { ApiKeyRecord } from '../auth/api-key-record.ts';
import type { Principal } from '../auth/principal.ts';
import { ApiError, notFound } from '../http/api-error.ts';
import { decodeCursor, invalidCursor } from '../store/collection.ts';
import type { Services } from './services.ts';
import { limitOf, list, NO_STORE, ok } from './support/envelope.ts';
import { assertCanGrant, assertHoldsAll, canonicalScopes } from './support/scopes.ts';
import type { Handlers } from './types.ts';

/** The public view of a key: never the secret or its digest. */
export function apiKeyView(record: ApiKeyRecord): ApiKey {
  return {
    id: record.id,
    name: record.name,
    keyPrefix: record.keyPrefix,
    lastFour: record.lastFour,
    scopes: [...record.scopes],
    environment: record.environment,
    status: record.status,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    lastUsedAt:
      record.lastUsedAtMs === null
        ? null
        : new Date(Math.floor(record.lastUsedAtMs / 1000) * 1000).toISOString(),
  };
}

/**
 * Whether `record` is one the caller may see: a key of its account — of either environment for a
 * live-mode credential, test keys only for a test-mode one (a leaked test key can never see,
 * manage or mint a live key, so it cannot reach live data).
 */
function reachable(record: ApiKeyRecord, principal: Principal | undefined): boolean {
  if (principal === undefined || record.accountId !== principal.accountId) return false;
  return principal.mode === 'live' || record.environment === 'test';
}

/**
 * The key `id` of the caller's account and mode (404 otherwise, as for an id that does not
 * exist), if the caller holds every scope it holds (403 `insufficient_scope` otherwise).
 */
function find(services: Services, id: string, principal: Principal | undefined): ApiKeyRecord {
  const record = services.apiKeys.keys.get(id);
  if (!record || !reachable(record, principal)) throw notFound('API key', id);
  assertHoldsAll(principal?.scopes ?? NO_SCOPES, record.scopes);
  return record;
}

const NO_SCOPES: ReadonlySet<string> = new Set();

function assertFuture(expiresAt: string | null | undefined): void {
  if (expiresAt != null && Date.parse(expiresAt) <= Date.now()) {
    throw new ApiError('unprocessable_entity', 'expiresAt must be in the future', {
      details: [{ path: '/expiresAt', message: 'is in the past' }],
    });
  }
}

export const apiKeyHandlers = {
  listApiKeys: ({ query, principal, services }) => {
    const { keys } = services.apiKeys;
    // Every account's keys share one collection: a cursor naming a key the caller cannot see is
    // refused like a made-up one, so cursors cannot probe other accounts' (or modes') key ids.
    if (query.cursor !== undefined) {
      const after = keys.peek(decodeCursor(query.cursor));
      if (after !== undefined && !reachable(after, principal)) throw invalidCursor();
    }
    const page = keys.page(limitOf(query), query.cursor, (k) => reachable(k, principal));
    // lastUsedAt: the newest use on any instance (shared mode reads it first).
    return services.apiKeys.withLastUsed(page.data, () => ({
      status: 200 as const,
      body: list(mapPage(page, apiKeyView)),
    }));
  },

  createApiKey: ({ body, principal, services }) => {
    const scopes = canonicalScopes(body.scopes);
    assertCanGrant(principal?.scopes ?? NO_SCOPES, scopes);
    assertFuture(body.expiresAt);
    if (!principal) throw new ApiError('missing_api_key');
    const environment = body.environment ?? principal.mode;
    if (environment === 'live' && principal.mode === 'test') {
      throw new ApiError('unprocessable_entity', 'A test-mode credential can only create test keys', {
        details: [{ path: '/environment', message: 'must be test (the mode of the credential)' }],
      });
    }
    const { record, secret } = services.apiKeys.create({
      name: body.name,
      scopes,
      environment,
      expiresAt: body.expiresAt ?? null,
      ownerId: principal.userId,
      accountId: principal.accountId,
    });
    return { status: 201, body: ok({ ...apiKeyView(record), key: secret }), headers: NO_STORE };
  },

  getApiKey: ({ params, principal, services }) => {
    const record = find(services, params.id, principal);
    return services.apiKeys.withLastUsed([record], () => ({
      status: 200 as const,
      body: ok(apiKeyView(record)),
    }));
  },

  updateApiKey: ({ params, body, principal, services }) => {
    const record = find(services, params.id, principal);
    if (body.scopes !== undefined) {
      const scopes = canonicalScopes(body.scopes);
      assertCanGrant(principal?.scopes ?? NO_SCOPES, scopes);
      record.scopes = scopes;
    }
    if (body.expiresAt !== undefined) {
      assertFuture(body.expiresAt);
      record.expiresAt = body.expiresAt;
    }
    if (body.name !== undefined) record.name = body.name;
    services.apiKeys.updated(record);
    return services.apiKeys.withLastUsed([record], () => ({
      status: 200 as const,
      body: ok(apiKeyView(record)),
    }));
  },

  deleteApiKey: ({ params, principal, services }) => {
    services.apiKeys.delete(find(services, params.id, principal));
    return { status: 200, body: ok({ id: params.id, deleted: true as const }) };
  },

  rotateApiKey: ({ params, principal, services }) => {
    const record = find(services, params.id, principal);
    const { secret, previousExpiresAtMs } = services.apiKeys.rotate(record);
    return services.apiKeys.withLastUsed([record], () => {
      const view = apiKeyView(record);
      services.webhooks.emit(
        services.tenancy.partition(record.accountId, record.environment),
        'api_key.rotated',
        view,
      );
      return {
        status: 200 as const,
        body: ok({ ...view, key: secret, previousKeyExpiresAt: new Date(previousExpiresAtMs).toISOString() }),
        headers: NO_STORE,
      };
    });
  },

  deactivateApiKey: ({ params, principal, services }) => {
    const record = find(services, params.id, principal);
    record.status = 'inactive';
    services.apiKeys.updated(record);
    return services.apiKeys.withLastUsed([record], () => ({
      status: 200 as const,
      body: ok(apiKeyView(record)),
    }));
  },

  activateApiKey: ({ params, principal, services }) => {
    const record = find(services, params.id, principal);
    record.status = 'active';
    services.apiKeys.updated(record);
    return services.apiKeys.withLastUsed([record], () => ({
      status: 200 as const,
      body: ok(apiKeyView(record)),
    }));
  },
} satisfies Pick<
  Handlers,
  | 'listApiKeys'
  | 'createApiKey'
  | 'getApiKey'
  | 'updateApiKey'
  | 'deleteApiKey'
  | 'rotateApiKey'
  | 'deactivateApiKey'
  | 'activateApiKey'
>;

function mapPage<T, U>(page: { data: T[]; hasMore: boolean; nextCursor: string | null }, fn: (t: T) => U) {
  return { data: page.data.map(fn), hasMore: page.hasMore, nextCursor: page.nextCursor };
}
