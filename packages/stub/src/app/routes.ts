import { operationValidators } from '../generated/operation-validators.ts';
import { type OperationId, type OperationSpec, operationRegistry } from '../generated/operations.ts';
import { handlers } from '../handlers/index.ts';
import { tokenRequestError } from '../handlers/oauth.ts';
import type { RawHandler } from '../handlers/raw-handler.ts';
import type { Services } from '../handlers/services.ts';
import { checkWebhookTarget } from '../handlers/support/webhook-target.ts';
import type { RouteDef } from '../http/router.ts';
import type { OperationValidators } from '../validation/operation-validation.ts';
import { internalRoutes } from './internal-routes.ts';
import { OperationRoute, type Route } from './route.ts';

/**
 * The route table: every operation of the generated registry with its handler and generated
 * validators, plus the stub's own routes. The typed `handlers` table guarantees at compile
 * time that every operation has a handler; this checks the generated validators line up.
 */
/** Operations the stub wires specially; typed so that a contract without them fails to compile. */
const TOKEN: OperationId = 'createOAuthToken';
const AUTHORIZE: OperationId = 'authorize';
/** Operations whose body names a webhook target (the contract's "Webhook targets"). */
const WEBHOOK_TARGETS: ReadonlySet<string> = new Set<OperationId>([
  'createWebhookEndpoint',
  'updateWebhookEndpoint',
]);

export function buildRoutes(services: Services): RouteDef<Route>[] {
  // Each typed handler accepts only its own operation's context; the router calls it with
  // exactly that context, so the table is used untyped here.
  const table = handlers as unknown as Readonly<Record<string, RawHandler>>;
  const validators: Readonly<Record<string, OperationValidators>> = operationValidators;
  const routes: RouteDef<Route>[] = [];
  let authorize: OperationRoute | undefined;
  const operations: readonly OperationSpec[] = Object.values(operationRegistry);
  for (const op of operations) {
    const handler = table[op.operationId];
    const opValidators = validators[op.operationId];
    if (!handler || !opValidators)
      throw new Error(`No handler or validators for ${op.operationId}: run npm run generate`);
    const invalidBody = op.operationId === TOKEN ? tokenRequestError : undefined;
    const precheck = WEBHOOK_TARGETS.has(op.operationId)
      ? (body: unknown) => checkWebhookTarget(services.webhookTargets, body)
      : undefined;
    const route = new OperationRoute(op, handler, opValidators, invalidBody, precheck);
    if (op.operationId === AUTHORIZE) authorize = route;
    routes.push({ method: op.method, path: op.path, value: route });
  }
  if (!authorize) throw new Error('The contract has no authorize operation');
  routes.push(...internalRoutes(services, authorize.validation));
  return routes;
}
