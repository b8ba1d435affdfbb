import { ApiKeyRegistry } from '../auth/api-key-registry.ts';
import { digestApiKey, isWellFormedApiKey } from '../auth/api-key-secret.ts';
import type { AuthDeps } from '../auth/authenticate.ts';
import { AuthFailureBudget } from '../auth/failure-budget.ts';
import { JwtService } from '../auth/jwt.ts';
import type { Principal } from '../auth/principal.ts';
import { RefreshSessions } from '../auth/refresh-sessions.ts';
import { TokenDenylist } from '../auth/token-denylist.ts';
import { randomJwtSecret, type Settings } from '../config/settings.ts';
import type { Logger } from '../log/logger.ts';
import { AuthorizationCodes } from '../oauth/authorization-codes.ts';
import { OAuthClients } from '../oauth/clients.ts';
import { ensureDemoUsers } from '../store/demo-users.ts';
import { loadSnapshot, Persister } from '../store/persistence.ts';
import { buildSeed } from '../store/seed.ts';
import { Store } from '../store/store.ts';
import { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import type { Services } from './services.ts';

/** Issuer (`iss`) of the JWTs the stub signs. */
export const JWT_ISSUER = 'urn:regen:stub';
/** Audience (`aud`) of the JWTs the stub signs. */
export const JWT_AUDIENCE = 'urn:regen:api';

/** The services of a stub, and how to stop their background work. */
export interface ServiceBundle {
  readonly services: Services;
  /** Cancels timers and deliveries, then saves `--data-file`. */
  shutdown(): Promise<void>;
}

/**
 * Builds the state (from `--data-file`, or the demo seed) and the services handlers use.
 * Demo passwords are hashed in the background; `services.passwordsReady` tells when.
 */
export function createServices(settings: Settings, logger: Logger): ServiceBundle {
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
    persister = new Persister(
      settings.dataFile,
      () => ({
        version: 1,
        jwtSecret,
        ...store.toData(),
        apiKeys: apiKeys.keys.toArray(),
        sessions: sessions.toJSON(),
      }),
      logger,
    );
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
    authFailures: new AuthFailureBudget(settings.rateLimits.auth.limit, settings.rateLimits.auth.windowMs),
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
  return {
    services,
    shutdown: async () => {
      webhooks.close();
      for (const timer of timers) clearTimeout(timer);
      await passwordsReady.catch(() => undefined);
      persister?.flush();
    },
  };
}

/** What credential checks need; `--admin-key` becomes a key with every scope, acting as the owner. */
export function createAuthDeps(services: Services, adminKey: string | null): AuthDeps {
  const { store } = services;
  const adminPrincipal: Principal = {
    type: 'api_key',
    id: 'key_admin',
    get userId() {
      return store.owner().id;
    },
    scopes: new Set(['read:*', 'write:*'] as const),
    rateKey: 'key:admin',
    // `keyPrefix` only when the admin key has the contract's key format.
    ...(adminKey !== null && isWellFormedApiKey(adminKey) ? { keyPrefix: adminKey.slice(0, 12) } : {}),
  };
  return {
    apiKeys: services.apiKeys,
    jwt: services.jwt,
    sessions: services.sessions,
    denylist: services.denylist,
    adminKeyDigest: adminKey === null ? null : digestApiKey(adminKey),
    adminPrincipal,
    userExists: (id) => store.users.get(id) !== undefined,
  };
}
