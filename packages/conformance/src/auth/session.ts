/**
 * @module A user session (`--email`/`--password`): login, Bearer access token, refresh before
 * or on expiry. Extra sessions are opened for the refresh and logout operations, so the run
 * never ends its own session.
 */
import { effectiveSchema } from '../generate/schema-utils.ts';
import { isObject } from '../spec/json-pointer.ts';
import type { ApiSpec, Json, OperationSpec } from '../spec/types.ts';
import type { Credential } from './credential.ts';

/** Sends a JSON body to an operation without the run's credential. */
export type PostJson = (op: OperationSpec, body: Json) => Promise<{ status: number; json: Json | undefined }>;

/** Tokens of one session. */
export interface SessionTokens {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  /** Epoch ms after which the access token is expired, when the server says. */
  readonly expiresAt: number | undefined;
  /** How long the access token lives (ms), when the server says. */
  readonly lifetimeMs: number | undefined;
}

/** Renew this long before expiry: 5 s, or a fifth of a short lifetime (tests run 2 s tokens). */
function renewMargin(tokens: SessionTokens): number {
  return Math.min(5000, (tokens.lifetimeMs ?? 25_000) / 5);
}

function findString(node: Json | undefined, names: RegExp, depth = 0): string | undefined {
  if (depth > 4 || !isObject(node)) return undefined;
  for (const [key, value] of Object.entries(node))
    if (names.test(key) && typeof value === 'string') return value;
  for (const value of Object.values(node)) {
    const found = findString(value, names, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function findNumber(node: Json | undefined, names: RegExp, depth = 0): number | undefined {
  if (depth > 4 || !isObject(node)) return undefined;
  for (const [key, value] of Object.entries(node))
    if (names.test(key) && typeof value === 'number') return value;
  for (const value of Object.values(node)) {
    const found = findNumber(value, names, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Reads tokens from a login or refresh response (`accessToken` / `access_token`, …). */
export function readTokens(json: Json | undefined, now = Date.now()): SessionTokens | undefined {
  const accessToken = findString(json, /^(accessToken|access_token|token)$/);
  if (!accessToken) return undefined;
  const expiresIn = findNumber(json, /^(expiresIn|expires_in)$/);
  return {
    accessToken,
    refreshToken: findString(json, /^(refreshToken|refresh_token)$/),
    expiresAt: expiresIn === undefined ? undefined : now + expiresIn * 1000,
    lifetimeMs: expiresIn === undefined ? undefined : expiresIn * 1000,
  };
}

/** The body property an operation's JSON body uses for `wanted` (e.g. /password/i). */
export function bodyProperty(spec: ApiSpec, op: OperationSpec, wanted: RegExp, fallback: string): string {
  const media =
    op.requestBody?.content.find((m) => /json/i.test(m.contentType)) ?? op.requestBody?.content[0];
  const schema = media?.schema ? effectiveSchema(spec.document, media.schema.schema) : {};
  const props = isObject(schema.properties) ? Object.keys(schema.properties) : [];
  return props.find((p) => wanted.test(p)) ?? fallback;
}

/** Authenticates as a user; the run's own session is never logged out. */
export class SessionCredential implements Credential {
  readonly kind = 'session';
  private tokens: SessionTokens | undefined;
  /** Renewals so far (refreshes or new logins), for the report and tests. */
  renewals = 0;

  constructor(
    private readonly spec: ApiSpec,
    private readonly email: string,
    private readonly password: string,
    private readonly post: PostJson,
    private readonly onSecret: (value: string, placeholder: string) => void,
  ) {}

  /** The login operation's body for the run's user. */
  loginBody(): Json {
    const op = this.operation('login');
    return {
      [bodyProperty(this.spec, op, /^(email|username|user)$/i, 'email')]: this.email,
      [bodyProperty(this.spec, op, /password/i, 'password')]: this.password,
    };
  }

  /** Logs in; throws with the server's answer when refused. */
  async start(): Promise<void> {
    this.tokens = await this.login('$REGEN_ACCESS_TOKEN', '$REGEN_REFRESH_TOKEN');
  }

  /** Opens another session of the same user, for operations that consume one. */
  async openSession(): Promise<SessionTokens> {
    return this.login('$REGEN_SESSION_TOKEN', '$REGEN_SESSION_REFRESH_TOKEN');
  }

  async headers(): Promise<Record<string, string>> {
    if (
      !this.tokens ||
      (this.tokens.expiresAt !== undefined && this.tokens.expiresAt - Date.now() < renewMargin(this.tokens))
    ) {
      await this.renew();
    }
    return this.tokens ? { Authorization: `Bearer ${this.tokens.accessToken}` } : {};
  }

  /** Refreshes with the refresh token (RFC 6749 §6 semantics); logs in again if that fails. */
  async renew(): Promise<boolean> {
    this.renewals++;
    const refresh = this.spec.operations.find((o) => o.operationId === 'refreshToken');
    if (refresh && this.tokens?.refreshToken) {
      const field = bodyProperty(this.spec, refresh, /refresh/i, 'refreshToken');
      const { status, json } = await this.post(refresh, { [field]: this.tokens.refreshToken });
      const tokens = status < 300 ? readTokens(json) : undefined;
      if (tokens) {
        this.tokens = { ...tokens, refreshToken: tokens.refreshToken ?? this.tokens.refreshToken };
        this.register(this.tokens, '$REGEN_ACCESS_TOKEN', '$REGEN_REFRESH_TOKEN');
        return true;
      }
    }
    await this.start();
    return true;
  }

  private async login(access: string, refresh: string): Promise<SessionTokens> {
    const { status, json } = await this.post(this.operation('login'), this.loginBody());
    const tokens = status < 300 ? readTokens(json) : undefined;
    if (!tokens)
      throw new Error(`login as ${this.email} failed with ${status}: ${JSON.stringify(json)?.slice(0, 300)}`);
    this.register(tokens, access, refresh);
    return tokens;
  }

  private register(tokens: SessionTokens, access: string, refresh: string): void {
    this.onSecret(tokens.accessToken, access);
    if (tokens.refreshToken) this.onSecret(tokens.refreshToken, refresh);
  }

  private operation(id: string): OperationSpec {
    const op = this.spec.operations.find((o) => o.operationId === id);
    if (!op) throw new Error(`the document has no "${id}" operation; use --api-key`);
    return op;
  }
}
