import type { Mode } from '@regen/contract';
import type { Scope } from '@regen/contract/scopes';
import type { RateLimits } from '../config/rate-limits.ts';

/** Kinds of credential, as `Health.credential.type` names them. */
export type CredentialType = 'api_key' | 'jwt' | 'oauth';

/** Who is calling, once a credential has been verified. */
export interface Principal {
  readonly type: CredentialType;
  /** Key id (`key_…`), user id (`usr_…`) or OAuth client id. */
  readonly id: string;
  /** The user acting: the user of a JWT, the account owner for keys and client credentials. */
  readonly userId: string;
  /** Canonical scopes held (may contain `read:*` / `write:*`). */
  readonly scopes: ReadonlySet<Scope>;
  /** Rate-limit identity: per key, per user, per OAuth client. */
  readonly rateKey: string;
  /** The account acted in: every record the request reaches belongs to it. */
  readonly accountId: string;
  /** The mode acted in: the key's `environment`, the session's choice, `live` for OAuth clients. */
  readonly mode: Mode;
  /** The limits of the account's plan. */
  readonly limits: RateLimits;
  /** `keyPrefix` of an API key credential. */
  readonly keyPrefix?: string;
  /** Refresh-token family of a JWT credential. */
  readonly sessionId?: string;
  /** `jti` of a JWT credential. */
  readonly tokenId?: string;
}

/** Whether `held` grants `required`: the scope itself or its action's wildcard (`read:*`). */
export function grants(held: ReadonlySet<string>, required: string): boolean {
  if (held.has(required)) return true;
  const colon = required.indexOf(':');
  return held.has(`${required.slice(0, colon)}:*`);
}

/** The first of `required` that `held` lacks. */
export function firstMissing(held: ReadonlySet<string>, required: readonly string[]): string | undefined {
  for (const scope of required) if (!grants(held, scope)) return scope;
  return undefined;
}
