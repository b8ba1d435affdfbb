/** @module What a run is built from its options: redaction, the HTTP client, the settings checks read. */
import { BudgetLedger } from '../http/rate-limit-budgets.ts';
import { RateLimitedClient } from '../http/rate-limited-client.ts';
import { Redactor, type Secret } from '../http/redact.ts';
import type { Connections } from '../http/send.ts';
import { TierPacer } from '../http/tier-pacer.ts';
import type { ConformanceOptions } from '../options.ts';
import { parseTiers } from '../support/rate-limits.ts';
import { DEFAULT_SEMANTIC_SETTINGS, type RunSettings, type SemanticSettings } from '../support/settings.ts';

/** The secrets the options carry, by the placeholder that stands for each. */
const GIVEN_SECRETS: readonly [string, (options: ConformanceOptions) => string | undefined][] = [
  ['$REGEN_API_KEY', (o) => o.apiKey],
  ['$REGEN_PASSWORD', (o) => o.password],
  ['$REGEN_JWT_SECRET', (o) => o.jwtSecret],
  ['$REGEN_OTHER_ACCOUNT_KEY', (o) => o.otherAccountKey],
  ['$REGEN_OTHER_MODE_KEY', (o) => o.otherModeKey],
  ['$REGEN_OAUTH_CLIENT_SECRET', (o) => o.oauthClient?.secret],
];

/** A redactor that already knows every secret the options carry. */
export function redactorFor(options: ConformanceOptions): Redactor {
  const redactor = new Redactor();
  for (const [placeholder, value] of GIVEN_SECRETS) redactor.add(value(options), placeholder);
  return redactor;
}

/** The secrets the run obtained from the server (keys it created, tokens it was issued), in order. */
export function obtainedSecrets(redactor: Redactor, options: ConformanceOptions): readonly Secret[] {
  const given = new Set(GIVEN_SECRETS.map(([, value]) => value(options)));
  return redactor.inOrder().filter((s) => !given.has(s.value));
}

/**
 * The client every request of the run goes through (timeouts, 429s waited out within
 * `--max-retry-wait` per budget); paced to the tiers when the run was given them.
 */
export function clientFor(options: ConformanceOptions, connections: Connections): RateLimitedClient {
  const maxWaitMs = options.maxRetryWaitMs ?? 60_000;
  return new RateLimitedClient(
    connections,
    options.timeoutMs ?? 10_000,
    { maxRetries: options.maxRetries ?? 5, maxWaitMs, fallbackWaitMs: 1000 },
    new BudgetLedger(maxWaitMs),
    options.rateLimits ? new TierPacer(parseTiers(options.rateLimits)) : undefined,
    options.sleep,
  );
}

/** What the semantic checks read. */
export function semanticSettings(options: ConformanceOptions): SemanticSettings {
  return {
    maxWaitMs: options.maxWaitMs ?? DEFAULT_SEMANTIC_SETTINGS.maxWaitMs,
    maxRequests: options.maxRequests ?? DEFAULT_SEMANTIC_SETTINGS.maxRequests,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.tokenLifetimes ? { tokenLifetimes: options.tokenLifetimes } : {}),
    ...(options.refreshReuseLeeway ? { refreshReuseLeeway: options.refreshReuseLeeway } : {}),
    ...(options.webhookListen ? { webhookListen: options.webhookListen } : {}),
    ...(options.otherAccountKey ? { otherAccountKey: options.otherAccountKey } : {}),
    ...(options.otherModeKey ? { otherModeKey: options.otherModeKey } : {}),
    ...(options.email && options.password
      ? { user: { email: options.email, password: options.password } }
      : {}),
  };
}

/** The settings every part of the run reads. */
export function runSettings(
  options: ConformanceOptions,
  run: Pick<RunSettings, 'seed' | 'runId' | 'maxExamples' | 'checks' | 'selected' | 'semantics'>,
): RunSettings {
  const oauth = options.oauthClient;
  return {
    ...run,
    baseUrl: options.baseUrl,
    ...(options.jwtSecret ? { jwtSecret: options.jwtSecret } : {}),
    ...(options.probeOperation ? { probeOperation: options.probeOperation } : {}),
    ...(options.oauthPublicClient ? { oauthPublicClient: options.oauthPublicClient } : {}),
    ...(oauth
      ? { oauthClient: { ...oauth, redirectUri: oauth.redirectUri ?? 'http://127.0.0.1/callback' } }
      : {}),
  };
}
