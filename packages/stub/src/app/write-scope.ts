import type { Principal } from '../auth/principal.ts';
import { GLOBAL_PARTITION } from '../shared/partitions.ts';
import { partitionKey } from '../store/tenancy.ts';
import type { OperationRoute } from './route.ts';

/**
 * Operations that change the account registry (API keys). They lock it as well as both modes of
 * the caller's account: a live key manages test keys, and a rotation's webhook event goes to the
 * key's own mode. Rare next to domain writes, so one registry lock costs little.
 */
const REGISTRY_WRITES: ReadonlySet<string> = new Set([
  'createApiKey',
  'updateApiKey',
  'deleteApiKey',
  'rotateApiKey',
  'deactivateApiKey',
  'activateApiKey',
]);

/**
 * The partitions a write of `operationId` by `principal` may change, which its transaction locks:
 * the caller's account and mode, plus the registry for key management. A write without a caller
 * changes no data of an account, so it takes the registry only.
 */
export function writeScope(operationId: string, principal: Principal | undefined): string[] {
  if (principal === undefined) return [GLOBAL_PARTITION];
  const { accountId, mode } = principal;
  if (REGISTRY_WRITES.has(operationId))
    return [GLOBAL_PARTITION, partitionKey(accountId, 'live'), partitionKey(accountId, 'test')];
  return [partitionKey(accountId, mode)];
}

/** Writes that change no domain data (tokens and counters live in Redis): no transaction. */
const OUTSIDE_STORE: ReadonlySet<string> = new Set([
  'login',
  'refreshToken',
  'logout',
  'createOAuthToken',
  'revokeOAuthToken',
]);

/** Whether the operation's handler runs in a write transaction (with PostgreSQL). */
export function writesInTransaction(route: Pick<OperationRoute, 'isWrite' | 'op'>): boolean {
  return route.isWrite && !OUTSIDE_STORE.has(route.op.operationId);
}
