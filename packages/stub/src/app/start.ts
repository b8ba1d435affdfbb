import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { operationIndex } from '@regen/contract/operations';
import { ApiKeyRegistry } from '../auth/api-key-registry.ts';
import { hashApiKey, isWellFormedApiKey } from '../auth/api-key-secret.ts';
import type { AuthDeps } from '../auth/authenticate.ts';
import { JwtService, preloadJose } from '../auth/jwt.ts';
import type { Principal } from '../auth/principal.ts';
import { RefreshSessions } from '../auth/refresh-sessions.ts';
import { TokenDenylist } from '../auth/token-denylist.ts';
import { ChaosEngine } from '../chaos/engine.ts';
import type { StubOptions } from '../config/options.ts';
import { randomJwtSecret, resolveSettings } from '../config/settings.ts';
import { operationValidators } from '../generated/operation-validators.ts';
import { handlers } from '../handlers/index.ts';
import { tokenRequestError } from '../handlers/oauth.ts';
import { ApiError } from '../http/api-error.ts';
import type { StubHandler } from '../http/exchange.ts';
import { toNodeListener } from '../http/node-adapter.ts';
import type { OperationSpec } from '../http/operation.ts';
import { createRequestIdGenerator } from '../http/request-id.ts';
import { type RouteDef, Router } from '../http/router.ts';
import { IdempotencyStore } from '../idempotency/store.ts';
import { createLogger } from '../log/logger.ts';
import { AuthorizationCodes } from '../oauth/authorization-codes.ts';
import { OAuthClients } from '../oauth/clients.ts';
import { RateLimiter } from '../ratelimit/limiter.ts';
import { ensureDemoUsers } from '../store/demo-users.ts';
import { loadSnapshot, Persister } from '../store/persistence.ts';
import { buildSeed } from '../store/seed.ts';
import { Store, type StoreSnapshot } from '../store/store.ts';
import type { OperationValidators } from '../validation/operation-validation.ts';
import { type DeliveryAttempt, WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { createDispatcher, type Violation } from './dispatch.ts';
import type { RawHandler } from './handler-types.ts';
import { internalRoutes } from './internal-routes.ts';
import { errorEnvelope, JSON_TYPE } from './responses.ts';
import { OperationRoute, type Route } from './route.ts';
import type { Services } from './services.ts';

/** Issuer (`iss`) of the JWTs the stub signs. */
export const JWT_ISSUER = 'urn:regen:stub';
/** Audience (`aud`) of the JWTs the stub signs. */
export const JWT_AUDIENCE = 'urn:regen:api';

/** A running stub. */
export interface StubServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  readonly url: string;
  readonly port: number;
  /** The demo user's credentials (public fixtures of a local stub). */
  readonly demoUser: { readonly email: string; readonly password: string };
  /** Responses that violated the contract (each was answered 500 and logged). Tests assert it stays empty. */
  readonly violations: readonly Violation[];
  /** Webhook delivery attempts, oldest first. */
  readonly webhookAttempts: readonly DeliveryAttempt[];
  /** Resolves once the demo users can log in (their scrypt hashes are computed in the background). */
  readonly ready: Promise<void>;
  /** Stops listening, drops open connections and pending deliveries, and saves `--data-file`. */
  close(): Promise<void>;
}

/** Starts the stub; resolves once it listens. */
export async function startStub(options: StubOptions = {}): Promise<StubServer> {
  const settings = resolveSettings(options);
  const logger = createLogger(settings.logLevel, settings.logSink);

  const snapshot = settings.dataFile ? loadSnapshot(settings.dataFile) : undefined;
  const seed = snapshot ?? buildSeed(Date.now(), settings.demoEmail, settings.seed);
  const jwtSecret = settings.jwtSecret ?? snapshot?.jwtSecret ?? randomJwtSecret();
  let persister: Persister | undefined;
  const changed = () => persister?.schedule();

  const store = new Store(seed, changed);
  const apiKeys = new ApiKeyRegistry(seed.apiKeys, settings.rotationGraceMs, changed);
  const sessions = new RefreshSessions(settings.refreshLeewayMs, changed);
  sessions.load(snapshot?.sessions ?? []);
  const passwordsReady = ensureDemoUsers(store, settings.demoEmail, settings.demoPassword);
  if (settings.dataFile !== null) {
    const file = settings.dataFile;
    const snap = (): StoreSnapshot => ({
      version: 1,
      jwtSecret,
      ...store.toData(),
      apiKeys: apiKeys.keys.toArray(),
      sessions: sessions.toJSON(),
    });
    persister = new Persister(file, snap, logger);
    persister.schedule();
  }

  const timers = new Set<NodeJS.Timeout>();
  const webhooks = new WebhookDispatcher(
    (id) => store.webhooks.get(id),
    () => store.webhooks.values(),
    {
      maxAttempts: settings.webhookMaxAttempts,
      backoffMs: settings.webhookBackoffMs,
      timeoutMs: settings.webhookTimeoutMs,
    },
    logger,
  );
  const services: Services = {
    settings,
    logger,
    store,
    apiKeys,
    jwt: new JwtService({
      secret: new TextEncoder().encode(jwtSecret),
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      accessTtlMs: settings.accessTtlMs,
      refreshTtlMs: settings.refreshTtlMs,
    }),
    sessions,
    denylist: new TokenDenylist(),
    oauthClients: new OAuthClients(settings.oauthClients, settings.oauthRedirectUris),
    codes: new AuthorizationCodes(),
    webhooks,
    passwordsReady,
    later: (fn, delayMs) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, delayMs);
      timer.unref();
      timers.add(timer);
    },
  };

  const adminPrincipal: Principal = {
    type: 'api_key',
    id: 'key_admin',
    get userId() {
      return store.owner().id;
    },
    scopes: new Set(['read:*', 'write:*'] as const),
    rateKey: 'key:admin',
    ...(settings.adminKey !== null && isWellFormedApiKey(settings.adminKey)
      ? { keyPrefix: settings.adminKey.slice(0, 12) }
      : {}),
  };
  const auth: AuthDeps = {
    apiKeys,
    jwt: services.jwt,
    sessions,
    denylist: services.denylist,
    adminKeyHash: settings.adminKey === null ? null : hashApiKey(settings.adminKey),
    adminPrincipal,
    userExists: (id) => store.users.get(id) !== undefined,
  };

  const table = handlers as unknown as Readonly<Record<string, RawHandler>>;
  const validators = operationValidators as unknown as Readonly<Record<string, OperationValidators>>;
  const routes: RouteDef<Route>[] = [];
  let authorizeRoute: OperationRoute | undefined;
  for (const op of Object.values(operationIndex) as readonly OperationSpec[]) {
    const handler = table[op.operationId];
    const opValidators = validators[op.operationId];
    if (!handler || !opValidators) throw new Error(`No handler or validators for ${op.operationId}`);
    const route = new OperationRoute(
      op,
      handler,
      opValidators,
      op.operationId === 'createOAuthToken' ? tokenRequestError : undefined,
    );
    if (op.operationId === 'authorize') authorizeRoute = route;
    routes.push({ method: op.method, path: op.path, value: route });
  }
  if (!authorizeRoute) throw new Error('The contract has no authorize operation');
  routes.push(...internalRoutes(services, authorizeRoute.validation));

  const violations: Violation[] = [];
  const dispatcher = createDispatcher({
    router: new Router(routes),
    nextRequestId: createRequestIdGenerator(),
    limiter: new RateLimiter(settings.rateLimits),
    chaos: settings.chaos === null ? null : new ChaosEngine(settings.chaos),
    idempotency: new IdempotencyStore(),
    auth,
    services,
    logger,
    validateResponses: settings.validateResponses,
    onViolation: (v) => violations.push(v),
  });
  const handler: StubHandler = logger.enabled('debug')
    ? async (request) => {
        const started = performance.now();
        const response = await dispatcher(request);
        logger.debug('request', {
          requestId: response.headers['x-request-id'],
          method: request.method,
          path: request.path,
          status: response.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
        });
        return response;
      }
    : dispatcher;

  const server = createServer(
    toNodeListener(handler, (error) => {
      logger.error('unhandled error', { error: error instanceof Error ? error.message : String(error) });
      const body = errorEnvelope(new ApiError('internal_error'), 'req_unavailable');
      return { status: 500, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
    }),
  );
  await listen(server, settings.port, settings.host);
  const port = (server.address() as AddressInfo).port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
  logger.info('listening', { url });
  void preloadJose();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    demoUser: { email: settings.demoEmail, password: settings.demoPassword },
    violations,
    webhookAttempts: webhooks.attempts,
    ready: passwordsReady,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        webhooks.close();
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(async () => {
        await passwordsReady.catch(() => undefined);
        persister?.flush();
      });
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
