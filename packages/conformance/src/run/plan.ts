/**
 * @module What the runner may do with each operation, and in which order.
 *
 * Generic rules (by method and path) decide most of it; a short table adds what only the Regen
 * contract's semantics tell: which operations end sessions or need secrets the runner lacks.
 * The safety rule behind `ownedTargetsOnly`: destructive operations (delete, rotate,
 * deactivate, revoke, logout) and any write to an API key only ever target resources the run
 * created itself, never the credential it runs with.
 */
import { effectiveSchema, idPrefixOf } from '../generate/schema-utils.ts';
import type { ApiSpec, JsonObject, OperationSpec } from '../spec/types.ts';
import type { ResourceFilter } from './resource-pool.ts';

/** What an operation does to resources. */
export type OperationKind = 'list' | 'read' | 'create' | 'update' | 'action' | 'delete' | 'session';

/** A secret the runner must hold to send a valid request. */
export type Need = 'user-credentials' | 'refresh-token' | 'session' | 'oauth-client';

/** How the runner treats one operation. */
export interface OperationPlan {
  readonly op: OperationSpec;
  readonly kind: OperationKind;
  /** Targets only resources this run created (never the credential's own key). */
  readonly ownedTargetsOnly: boolean;
  /** Each positive request gets a freshly created target (the operation consumes it). */
  readonly freshTarget: boolean;
  /** Creates the target: the POST on the collection above the first path parameter. */
  readonly creator: OperationSpec | undefined;
  /** Operations applied to a fresh target before use (activate needs a deactivated key). */
  readonly prepare: readonly OperationSpec[];
  readonly needs: Need | undefined;
  /** Which known resources valid input may name, by id prefix (payouts pay approved commissions). */
  readonly idFilters: Readonly<Record<string, ResourceFilter>>;
  /** Position in the run: reads before writes, deletes last, sessions at the very end. */
  readonly order: number;
}

interface Override {
  readonly kind?: OperationKind;
  readonly needs?: Need;
  readonly ownedTargetsOnly?: boolean;
  readonly freshTarget?: boolean;
  readonly prepare?: readonly string[];
  readonly idFilters?: Readonly<Record<string, ResourceFilter>>;
}

/** Regen semantics the document cannot state (see openapi/README.md). */
const REGEN: Readonly<Record<string, Override>> = {
  login: { kind: 'session', needs: 'user-credentials' },
  refreshToken: { kind: 'session', needs: 'refresh-token' },
  // Logging out ends a session: only ever one the runner opened for the purpose.
  logout: { kind: 'session', needs: 'session', ownedTargetsOnly: true },
  createOAuthToken: { kind: 'session', needs: 'oauth-client' },
  authorize: { kind: 'session', needs: 'oauth-client' },
  revokeOAuthToken: { kind: 'session', needs: 'oauth-client', ownedTargetsOnly: true },
  rotateApiKey: { freshTarget: true },
  deactivateApiKey: { freshTarget: true },
  activateApiKey: { freshTarget: true, prepare: ['deactivateApiKey'] },
  cancelOrder: { freshTarget: true },
  // A payout pays approved commissions that no payout holds yet (createPayout's description);
  // without the second condition a server whose approved commissions were all paid out by
  // earlier runs looks as if it refused every valid payout.
  createPayout: { idFilters: { com: (c) => c.status === 'approved' && (c.payoutId ?? null) === null } },
  // Ordered products must be active, priced in the order currency (USD, the example) and in stock (createOrder's description).
  createOrder: { idFilters: { prd: orderable } },
};

function orderable(product: JsonObject, stock: JsonObject | undefined): boolean {
  const price = product.price;
  const usd =
    typeof price === 'object' &&
    price !== null &&
    !Array.isArray(price) &&
    (price as JsonObject).currency === 'USD';
  const available = stock?.available;
  // Unknown stock (a product created by the run has none) counts as none.
  return product.active === true && usd && typeof available === 'number' && available >= 10;
}

const DESTRUCTIVE = /^(delete|rotate|deactivate|revoke|logout|remove|destroy)/i;
/** Resources that are credentials: writes to them only ever touch keys the run created. */
const CREDENTIAL_PREFIXES = new Set(['key']);

const ORDER: Readonly<Record<OperationKind, number>> = {
  list: 0,
  create: 1,
  read: 2,
  update: 3,
  action: 4,
  delete: 5,
  session: 6,
};

function genericKind(op: OperationSpec): OperationKind {
  const hasPathParam = op.path.includes('{');
  if (op.method === 'DELETE') return 'delete';
  if (op.method === 'GET' || op.method === 'HEAD') return hasPathParam ? 'read' : 'list';
  if (op.method === 'PUT' || op.method === 'PATCH') return 'update';
  if (op.method === 'POST') return hasPathParam ? 'action' : 'create';
  return 'action';
}

/** The POST on the collection path above `op`'s first path parameter (`/orders/{id}/cancel` → `POST /orders`). */
function creatorOf(spec: ApiSpec, op: OperationSpec): OperationSpec | undefined {
  const cut = op.path.indexOf('/{');
  if (cut < 0) return undefined;
  const collection = op.path.slice(0, cut);
  return spec.operations.find((o) => o.method === 'POST' && o.path === collection);
}

/** The id prefixes of an operation's path parameters (`key` for `/api-keys/{id}`). */
export function pathIdPrefixes(spec: ApiSpec, op: OperationSpec): string[] {
  return op.parameters.flatMap((p) => {
    if (p.in !== 'path' || !p.schema) return [];
    return idPrefixOf(effectiveSchema(spec.document, p.schema.schema)) ?? [];
  });
}

/** Plans one operation. */
export function planOperation(spec: ApiSpec, op: OperationSpec): OperationPlan {
  const override = REGEN[op.operationId] ?? {};
  const kind = override.kind ?? genericKind(op);
  const writes = op.method !== 'GET' && op.method !== 'HEAD' && op.method !== 'OPTIONS';
  const touchesCredential = writes && pathIdPrefixes(spec, op).some((p) => CREDENTIAL_PREFIXES.has(p));
  const ownedTargetsOnly =
    override.ownedTargetsOnly ?? (kind === 'delete' || DESTRUCTIVE.test(op.operationId) || touchesCredential);
  const freshTarget = override.freshTarget ?? kind === 'delete';
  const prepare = (override.prepare ?? []).flatMap(
    (id) => spec.operations.find((o) => o.operationId === id) ?? [],
  );
  return {
    op,
    kind,
    ownedTargetsOnly,
    freshTarget,
    creator: kind === 'session' ? undefined : creatorOf(spec, op),
    prepare,
    needs: override.needs,
    idFilters: override.idFilters ?? {},
    order: ORDER[kind],
  };
}

/** Plans every operation and sorts them into run order (stable within a kind). */
export function planRun(spec: ApiSpec, operations: readonly OperationSpec[]): OperationPlan[] {
  return operations
    .map((op, index) => ({ plan: planOperation(spec, op), index }))
    .sort((a, b) => a.plan.order - b.plan.order || a.index - b.index)
    .map((x) => x.plan);
}
