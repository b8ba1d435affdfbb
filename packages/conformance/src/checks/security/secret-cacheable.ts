/**
 * @module secret_cacheable: every response that carries a credential (an access or refresh
 * token, an API key, a signing secret, an authorization code in a redirect) sends
 * `Cache-Control: no-store` (RFC 9111 §5.2.2.5, RFC 6749 §5.1; the contract's "Secrets are
 * never cached"). It judges every response of the run, whatever sent it.
 */
import { isObject } from '../../spec/json-pointer.ts';
import type { Json } from '../../spec/types.ts';
import { defineCheck, type Exchange, fail, PASS, type Verdict } from '../api.ts';

export const name = 'secret_cacheable';

/** Properties that hold a credential, at the top of a body or of its `data`. */
const SECRET_PROPERTIES = new Set([
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'id_token',
  'key',
  'secret',
  'clientSecret',
  'client_secret',
]);
/** Redirect parameters that carry a credential (RFC 6749 §4.1.2, §4.2.2). */
const SECRET_PARAMS = ['code', 'access_token', 'refresh_token', 'id_token'];

function secretsIn(node: Json | undefined): string[] {
  if (!isObject(node)) return [];
  return Object.entries(node)
    .filter(([key, value]) => SECRET_PROPERTIES.has(key) && typeof value === 'string' && value.length > 0)
    .map(([key]) => key);
}

/** What in the response is a credential (property names or redirect parameters). */
export function carriedSecrets(exchange: Exchange): string[] {
  const found = [...secretsIn(exchange.json)];
  if (isObject(exchange.json)) found.push(...secretsIn(exchange.json.data).map((k) => `data.${k}`));
  const location = exchange.response.headers.location;
  if (location && exchange.response.status >= 300 && exchange.response.status < 400) {
    try {
      const url = new URL(location, 'http://redirect.invalid');
      const params = new URLSearchParams([...url.searchParams, ...new URLSearchParams(url.hash.slice(1))]);
      for (const p of SECRET_PARAMS) if (params.get(p)) found.push(`Location ${p}=`);
    } catch {
      // An unparseable Location is status_code/headers business, not this check's.
    }
  }
  return found;
}

function noStore(value: string | undefined): boolean {
  return (value ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .includes('no-store');
}

function evaluate(exchange: Exchange): Verdict | undefined {
  const secrets = carriedSecrets(exchange);
  if (secrets.length === 0) return undefined;
  const cacheControl = exchange.response.headers['cache-control'];
  if (noStore(cacheControl)) return PASS;
  return fail(
    `Response carries a credential (${secrets.join(', ')}) but ${
      cacheControl === undefined ? 'has no Cache-Control' : `Cache-Control is ${JSON.stringify(cacheControl)}`
    }; expected no-store`,
  );
}

export const secretCacheable = defineCheck({
  name,
  phase: 'response',
  suite: 'security',
  description:
    'Every response carrying a token, API key, signing secret or authorization code sends Cache-Control: no-store.',
  evaluate,
  clause:
    '"Secrets are never cached" (Security; `Cache-Control-No-Store` header on login, refresh, token, authorize, createApiKey, rotateApiKey, createWebhookEndpoint)',
});
