/** @module The settings of one run that checks read. */

/** A registered OAuth client. */
export interface OAuthClient {
  readonly id: string;
  readonly secret?: string;
  /** Redirect URI registered for it; loopback URIs are accepted for any port (RFC 8252 §7.3). */
  readonly redirectUri: string;
}

/** What the scenario (semantic) checks read besides the run's settings. */
export interface SemanticSettings {
  /** Longest single wait a check sits through (a rotation grace, a refresh leeway); default 30 s. */
  readonly maxWaitMs: number;
  /** Most requests one check may send to spend a rate-limit budget; default 100. */
  readonly maxRequests: number;
  /** The server's tiers when they differ from the contract's documented ones (`standard=100/1h,…`). */
  readonly rateLimits?: string;
  /** The server's token lifetimes when they differ from the contract's (`access=5s,refresh=1h`). */
  readonly tokenLifetimes?: string;
  /** The server's refresh-token reuse leeway when it differs from the contract's (`1s`). */
  readonly refreshReuseLeeway?: string;
  /** A loopback `host:port` to receive webhook deliveries on. */
  readonly webhookListen?: string;
  /** A user, for the session checks (given besides the API key). */
  readonly user?: { readonly email: string; readonly password: string };
  /** A credential of another account on the same server (tenant_isolation, variant other-account). */
  readonly otherAccountKey?: string;
  /** A key of the same account in the other mode (tenant_isolation, variant other-mode). */
  readonly otherModeKey?: string;
}

export const DEFAULT_SEMANTIC_SETTINGS: SemanticSettings = { maxWaitMs: 30_000, maxRequests: 100 };

/** Settings every part of a run reads. */
export interface RunSettings {
  readonly baseUrl: string;
  readonly seed: number;
  /**
   * Random per run unless given: scopes what the server keeps between runs (`Idempotency-Key`s,
   * generated names), so rerunning a seed against the same server is not answered with replays.
   */
  readonly runId: string;
  readonly maxExamples: number;
  /** The checks the run uses (built-in and loaded ones). */
  readonly checks: ReadonlySet<string>;
  /** operationIds whose results are recorded. */
  readonly selected: ReadonlySet<string>;
  /** A client the server knows, for valid OAuth requests. */
  readonly oauthClient?: OAuthClient;
  /**
   * The id of a public client the server knows (registered without a secret,
   * `--oauth-public-client`): its `client_credentials` request must earn `unauthorized_client`.
   */
  readonly oauthPublicClient?: string;
  /**
   * The operationId checks try credentials on (`--probe-operation`); by default getCurrentUser or
   * the cheapest authenticated read selected (support/probe-operation.ts).
   */
  readonly probeOperation?: string;
  /** The server's JWT signing secret (jwt_claims signs expired and future tokens with it). */
  readonly jwtSecret?: string;
  /** What the semantic checks read. */
  readonly semantics?: SemanticSettings;
}
