import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { preloadJose } from '../auth/jwt.ts';
import { ChaosEngine } from '../chaos/engine.ts';
import type { StubOptions } from '../config/options.ts';
import { resolveSettings } from '../config/settings.ts';
import { ApiError } from '../http/api-error.ts';
import { CorsPolicy } from '../http/cors-policy.ts';
import { errorEnvelope, JSON_TYPE } from '../http/error-body.ts';
import type { StubHandler } from '../http/exchange.ts';
import { toNodeListener } from '../http/node-adapter.ts';
import { createRequestIdGenerator } from '../http/request-id.ts';
import { Router } from '../http/router.ts';
import { createLogger, type Logger } from '../log/logger.ts';
import type { DeliveryAttempt } from '../webhooks/dispatcher.ts';
import { createAuthDeps } from './auth-deps.ts';
import { createServices } from './create-services.ts';
import { createDispatcher, type Violation } from './dispatch.ts';
import { buildRoutes } from './routes.ts';

export { JWT_AUDIENCE, JWT_ISSUER } from './create-services.ts';

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
  const { services, shutdown, limiter, idempotency } = await createServices(settings, logger);

  const violations: Violation[] = [];
  const dispatcher = createDispatcher({
    router: new Router(buildRoutes(services)),
    nextRequestId: createRequestIdGenerator(),
    limiter,
    cors: new CorsPolicy(settings.corsOrigins),
    chaos: settings.chaos === null ? null : new ChaosEngine(settings.chaos),
    idempotency,
    auth: createAuthDeps(services, settings.adminKey),
    services,
    logger,
    validateResponses: settings.validateResponses,
    onViolation: (v) => violations.push(v),
  });

  // Slow clients: a client that dribbles its headers or body is cut off
  // after the configured time; node checks open requests every `connectionsCheckingInterval`.
  const server = createServer(
    {
      headersTimeout: Math.min(settings.headersTimeoutMs, settings.requestTimeoutMs || Infinity),
      requestTimeout: settings.requestTimeoutMs,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      connectionsCheckingInterval: checkingInterval(settings.headersTimeoutMs, settings.requestTimeoutMs),
    },
    toNodeListener(withRequestLog(dispatcher, logger), (error) => {
      logger.error('unhandled error', { error: error instanceof Error ? error.message : String(error) });
      const body = errorEnvelope(new ApiError('internal_error'), 'req_unavailable');
      return { status: 500, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body) };
    }),
  );
  await listen(server, settings.port, settings.host);
  const port = (server.address() as AddressInfo).port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
  // The webhook target policy in force: a local stub allows loopback receivers, a shared sandbox does not.
  logger.info('listening', { url, webhookTargets: services.webhookTargets.describeAllowance() });
  void preloadJose();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    demoUser: { email: settings.demoEmail, password: settings.demoPassword },
    violations,
    webhookAttempts: services.webhooks.attempts,
    ready: services.passwordsReady,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging (chaos) and keep-alive connections would otherwise hold close() open.
        server.closeAllConnections();
      }).then(shutdown);
      return closing;
    },
  };
}

/** At `debug` level, one log line per request (never headers or bodies: they may hold secrets). */
function withRequestLog(dispatcher: StubHandler, logger: Logger): StubHandler {
  if (!logger.enabled('debug')) return dispatcher;
  return async (request) => {
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
  };
}

/** How often node looks for timed-out requests: a quarter of the shorter timeout, 50 ms to 1 s. */
function checkingInterval(headersMs: number, requestMs: number): number {
  const shortest = Math.min(headersMs || Infinity, requestMs || Infinity);
  return shortest === Infinity ? 1000 : Math.max(50, Math.min(1000, Math.floor(shortest / 4)));
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
