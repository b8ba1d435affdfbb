import { randomBytes } from 'node:crypto';
import { bearerTokenLifetimes } from '../generated/contract-defaults.ts';
import { normalizeOrigin } from '../http/cors-policy.ts';
import type { LogLevel, LogSink } from '../log/logger.ts';
import { type ChaosRates, parseChaosRates } from './chaos-rates.ts';
import { seededEmails } from './demo-accounts.ts';
import { parseDuration } from './duration.ts';
import type { HostLookup, OAuthClientOption, StubOptions } from './options.ts';
import { checkPlan, type PlanSetting, parsePlan } from './plans.ts';
import { DEFAULT_RATE_LIMITS, parseRateLimitTiers, type RateLimits } from './rate-limits.ts';

/** {@link StubOptions} with defaults applied and durations in milliseconds. */
export interface Settings {
  readonly port: number;
  readonly host: string;
  readonly seed: boolean;
  readonly adminKey: string | null;
  readonly demoEmail: string;
  readonly demoPassword: string;
  readonly oauthClients: readonly OAuthClientOption[];
  readonly oauthRedirectUris: readonly string[];
  readonly accessTtlMs: number;
  readonly refreshTtlMs: number;
  readonly rotationGraceMs: number;
  readonly refreshLeewayMs: number;
  /** The limits of the default (`standard`) plan, with `--rate-limits` applied. */
  readonly rateLimits: RateLimits;
  /** The tiers `--rate-limits` set: they win over every plan's. */
  readonly rateLimitOverrides: Partial<RateLimits>;
  /** The plan of the demo account (`--plan`; the second seeded account is on `free`). */
  readonly plan: PlanSetting;
  /** `null`: generate one (or reuse the data file's). */
  readonly jwtSecret: string | null;
  readonly dataFile: string | null;
  readonly databaseUrl: string | null;
  readonly redisUrl: string | null;
  readonly redisPrefix: string;
  readonly chaos: ChaosRates | null;
  readonly validateResponses: boolean;
  readonly webhookMaxAttempts: number;
  readonly webhookBackoffMs: number;
  readonly webhookTimeoutMs: number;
  /** CIDRs the webhook target policy allows anyway (`'all'`: every non-public address). */
  readonly webhookAllowPrivate: 'all' | readonly string[];
  /** `undefined`: the system resolver. */
  readonly webhookLookup: HostLookup | undefined;
  readonly idempotencyCap: number;
  readonly corsOrigins: readonly string[];
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly logLevel: LogLevel;
  readonly logSink: LogSink | undefined;
}

/** The default OAuth client: a public fixture of a local stub, documented in the README. */
export const DEFAULT_OAUTH_CLIENT: OAuthClientOption = {
  id: 'cli_regen_demo',
  secret: 'cs_regen_demo_secret',
};

/** The second seeded account's client (client-credentials tokens act in Northwind's live data). */
export const NORTHWIND_OAUTH_CLIENT: OAuthClientOption = {
  id: 'cli_northwind_demo',
  secret: 'cs_northwind_demo_secret',
  accountId: 'acct_8Hn3Vb6Kx1P',
};

/**
 * The demo account's public client (no secret): the authorization-code flow with PKCE works for it,
 * and `client_credentials` is 400 `unauthorized_client`, as the contract's `OAuth2` scheme says.
 */
export const PUBLIC_OAUTH_CLIENT: OAuthClientOption = { id: 'cli_regen_public' };

/** The clients seeded when `oauthClients` (`--oauth-client`) is not given; any given replace them all. */
export const DEFAULT_OAUTH_CLIENTS: readonly OAuthClientOption[] = [
  DEFAULT_OAUTH_CLIENT,
  NORTHWIND_OAUTH_CLIENT,
  PUBLIC_OAUTH_CLIENT,
];

/**
 * Token lifetimes in milliseconds, from the contract's `BearerAuth` `x-token-lifetimes`: the defaults
 * of `accessTokenTtl`, `refreshTokenTtl` and `refreshReuseLeeway`. The stub signs OAuth access tokens
 * with the same lifetime (the contract's `OAuth2` states the same hour).
 */
export const DEFAULT_TOKEN_TTLS = {
  accessMs: bearerTokenLifetimes.accessTokenSeconds * 1000,
  refreshMs: bearerTokenLifetimes.refreshTokenSeconds * 1000,
  refreshLeewayMs: bearerTokenLifetimes.refreshReuseLeewaySeconds * 1000,
} as const;

/**
 * Redirect URI registered by default besides loopback ones: the contract's example (a partner's
 * web app), so its documented authorize request works against the stub as written.
 */
export const DEFAULT_OAUTH_REDIRECT_URIS: readonly string[] = ['https://partner.example.com/oauth/callback'];

/** Applies defaults; throws `RangeError` on a malformed duration, rate or chaos string. */
export function resolveSettings(options: StubOptions = {}): Settings {
  let rateLimitOverrides: Partial<RateLimits> = {};
  if (typeof options.rateLimits === 'string') rateLimitOverrides = parseRateLimitTiers(options.rateLimits);
  else if (options.rateLimits) rateLimitOverrides = options.rateLimits;
  const rateLimits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...rateLimitOverrides };
  const plan =
    typeof options.plan === 'string'
      ? parsePlan(options.plan)
      : checkPlan(options.plan ?? { plan: 'standard' });
  let chaos: ChaosRates | null = null;
  if (options.chaos === true) chaos = {};
  else if (typeof options.chaos === 'string') chaos = parseChaosRates(options.chaos);
  else if (typeof options.chaos === 'object') chaos = options.chaos;
  const demoEmail = options.demoEmail ?? 'demo@regen.test';
  const emails = seededEmails(demoEmail);
  const clash = emails.find((email, i) => emails.indexOf(email) !== i);
  if (clash !== undefined) {
    throw new RangeError(
      `--demo-email ${demoEmail} gives two seeded users the email ${clash} (the other users are <role>@ and northwind[.<role>]@ its domain)`,
    );
  }
  return {
    port: options.port ?? 4010,
    host: options.host ?? '127.0.0.1',
    seed: options.seed ?? true,
    adminKey: options.adminKey ?? null,
    demoEmail,
    demoPassword: options.demoPassword ?? 'regen-demo-password',
    oauthClients: options.oauthClients ?? DEFAULT_OAUTH_CLIENTS,
    oauthRedirectUris: options.oauthRedirectUris ?? DEFAULT_OAUTH_REDIRECT_URIS,
    accessTtlMs: parseDuration(options.accessTokenTtl ?? DEFAULT_TOKEN_TTLS.accessMs),
    refreshTtlMs: parseDuration(options.refreshTokenTtl ?? DEFAULT_TOKEN_TTLS.refreshMs),
    rotationGraceMs: parseDuration(options.rotationGrace ?? '5m'),
    refreshLeewayMs: parseDuration(options.refreshReuseLeeway ?? DEFAULT_TOKEN_TTLS.refreshLeewayMs),
    rateLimits,
    rateLimitOverrides,
    plan,
    jwtSecret: options.jwtSecret ?? null,
    dataFile: options.dataFile ?? null,
    databaseUrl: options.databaseUrl ?? null,
    redisUrl: options.redisUrl ?? null,
    redisPrefix: options.redisPrefix ?? 'regen:',
    chaos,
    validateResponses: options.validateResponses ?? true,
    webhookMaxAttempts: options.webhookMaxAttempts ?? 5,
    webhookBackoffMs: parseDuration(options.webhookBackoff ?? '1s'),
    webhookTimeoutMs: parseDuration(options.webhookTimeout ?? '5s'),
    webhookAllowPrivate: webhookAllowPrivate(options),
    webhookLookup: options.webhookLookup,
    idempotencyCap: options.idempotencyCap ?? 100_000,
    corsOrigins: (options.corsOrigins ?? []).map(normalizeOrigin),
    headersTimeoutMs: parseDuration(options.headersTimeout ?? '10s'),
    requestTimeoutMs: parseDuration(options.requestTimeout ?? '30s'),
    keepAliveTimeoutMs: parseDuration(options.keepAliveTimeout ?? '5s'),
    logLevel: options.logLevel ?? 'info',
    logSink: options.logSink,
  };
}

/** Loopback binds: a stub there serves only this machine. */
const LOOPBACK_HOST = /^(?:127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/;

/**
 * The webhook targets allowed beside public ones: as configured; by default loopback for a single
 * in-memory stub bound to loopback (local development: the examples' receiver runs there), none
 * for a shared sandbox (`--database-url`, or any other bind address).
 */
function webhookAllowPrivate(options: StubOptions): 'all' | readonly string[] {
  const configured = options.webhookAllowPrivate;
  if (configured === true) return 'all';
  if (Array.isArray(configured)) return configured;
  if (configured === false) return [];
  const local = !options.databaseUrl && LOOPBACK_HOST.test(options.host ?? '127.0.0.1');
  return local ? ['127.0.0.0/8', '::1/128'] : [];
}

/** A fresh random HS256 secret (256 bits). */
export function randomJwtSecret(): string {
  return randomBytes(32).toString('base64url');
}
