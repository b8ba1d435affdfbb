/**
 * @module What the runner may do with each operation, and in which order, read from the
 * document: methods and paths, security schemes, and the OpenAPI links of success responses.
 *
 * - **Creator and preparation**: the shortest chain of links from an operation without path
 *   parameters to the operation (`createApiKey → deactivateApiKey → activateApiKey`): its first
 *   step creates the target, the steps between prepare it. Without links, the POST on the
 *   collection above the first path parameter.
 * - **Consumed targets**: a write whose success response documents links, none of them back to
 *   itself (a cancelled order offers no second cancel), consumes its target: each valid request
 *   gets a fresh one. Deletes always do.
 * - **Secrets**: the operations at an OAuth2 flow's token or authorization URL, and those their
 *   responses link to, need an OAuth client; an unauthenticated operation whose body takes a
 *   `format: password` opens a session with the user's credentials, and the operations its
 *   response links to continue that session (a refresh token when they take no credential).
 * - **Safety** (`ownedTargetsOnly`): destructive operations (delete, rotate, deactivate, revoke,
 *   logout) and any write to an API key only ever target resources the run created itself,
 *   never the credential it runs with.
 */
import { effectiveSchema, idPrefixOf } from '../generate/schema-utils.ts';
import { isObject } from '../spec/json-pointer.ts';
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

/**
 * Input that must name resources in a given state: what an operation's description says and no
 * schema or link can (payouts pay approved commissions; orders use orderable products).
 */
const STATE_FILTERS: Readonly<Record<string, Readonly<Record<string, ResourceFilter>>>> = {
  // A payout pays approved commissions that no payout holds yet (createPayout's description);
  // without the second condition a server whose approved commissions were all paid out by
  // earlier runs looks as if it refused every valid payout.
  createPayout: { com: (c) => c.status === 'approved' && (c.payoutId ?? null) === null },
  // Ordered products must be active, priced in the order currency (USD, the example) and in stock (createOrder's description).
  createOrder: { prd: orderable },
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
function conventionalCreator(spec: ApiSpec, op: OperationSpec): OperationSpec | undefined {
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

const isSuccess = (status: string) => /^2(\d\d|XX)$/.test(status);

/** Operations the success responses of `op` link to, by operationId. */
function linkTargets(op: OperationSpec): Set<string> {
  return new Set(
    op.responses.filter((r) => isSuccess(r.status)).flatMap((r) => r.links.map((l) => l.operationId)),
  );
}

/** The shortest chain of links from an operation without path parameters to `op` (both included), which has some. */
function linkChain(spec: ApiSpec, op: OperationSpec): OperationSpec[] | undefined {
  let frontier = spec.operations.filter((o) => !o.path.includes('{')).map((o) => [o]);
  const seen = new Set(frontier.map(([o]) => o?.operationId));
  while (frontier.length > 0) {
    const next: OperationSpec[][] = [];
    for (const chain of frontier) {
      const last = chain[chain.length - 1] as OperationSpec;
      for (const id of linkTargets(last)) {
        if (id === op.operationId) return [...chain, op];
        const target = spec.operations.find((o) => o.operationId === id);
        if (!target || seen.has(id)) continue;
        seen.add(id);
        next.push([...chain, target]);
      }
    }
    frontier = next;
  }
  return undefined;
}

/** Paths of the document's OAuth2 token and authorization endpoints. */
function oauthEndpoints(spec: ApiSpec): Set<string> {
  const components = spec.document.components;
  const schemes =
    isObject(components) && isObject(components.securitySchemes) ? components.securitySchemes : {};
  const urls = Object.values(schemes).flatMap((scheme) => {
    const flows = isObject(scheme) && isObject(scheme.flows) ? Object.values(scheme.flows) : [];
    return flows.flatMap((flow) =>
      isObject(flow) ? [flow.tokenUrl, flow.authorizationUrl, flow.refreshUrl] : [],
    );
  });
  return new Set(
    urls.filter((u): u is string => typeof u === 'string').map((u) => new URL(u, 'http://x').pathname),
  );
}

/** Whether an unauthenticated operation's body takes a `format: password` (it logs a user in). */
function takesPassword(spec: ApiSpec, op: OperationSpec): boolean {
  if (op.auth !== 'none') return false;
  return (op.requestBody?.content ?? []).some((media) => {
    if (!media.schema) return false;
    const schema = effectiveSchema(spec.document, media.schema.schema);
    const properties = isObject(schema.properties) ? Object.values(schema.properties) : [];
    return properties.some((p) => isObject(p) && effectiveSchema(spec.document, p).format === 'password');
  });
}

/** The secret an operation needs (see the module comment). */
function needOf(spec: ApiSpec, op: OperationSpec): Need | undefined {
  const oauth = spec.operations.filter((o) => oauthEndpoints(spec).has(o.path));
  if (oauth.includes(op) || oauth.some((o) => linkTargets(o).has(op.operationId))) return 'oauth-client';
  if (takesPassword(spec, op)) return 'user-credentials';
  const opener = spec.operations.find((o) => takesPassword(spec, o) && linkTargets(o).has(op.operationId));
  if (opener) return op.auth === 'none' ? 'refresh-token' : 'session';
  return undefined;
}

/** Plans one operation. */
export function planOperation(spec: ApiSpec, op: OperationSpec): OperationPlan {
  const needs = needOf(spec, op);
  const kind = needs ? 'session' : genericKind(op);
  const writes = op.method !== 'GET' && op.method !== 'HEAD' && op.method !== 'OPTIONS';
  const touchesCredential = writes && pathIdPrefixes(spec, op).some((p) => CREDENTIAL_PREFIXES.has(p));
  const ownedTargetsOnly = kind === 'delete' || DESTRUCTIVE.test(op.operationId) || touchesCredential;
  const next = linkTargets(op);
  const consumes = writes && op.path.includes('{') && next.size > 0 && !next.has(op.operationId);
  const chain = kind === 'session' || !op.path.includes('{') ? undefined : linkChain(spec, op);
  return {
    op,
    kind,
    ownedTargetsOnly,
    freshTarget: kind === 'delete' || consumes,
    creator: kind === 'session' ? undefined : (chain?.[0] ?? conventionalCreator(spec, op)),
    prepare: chain ? chain.slice(1, -1) : [],
    needs,
    idFilters: STATE_FILTERS[op.operationId] ?? {},
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
