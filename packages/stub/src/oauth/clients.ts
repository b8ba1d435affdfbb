import { createHash, timingSafeEqual } from 'node:crypto';
import { DEMO_ACCOUNT_ID } from '../config/demo-accounts.ts';
import type { OAuthClientOption } from '../config/options.ts';
import { OAuthError } from '../http/oauth-error.ts';

/** A registered OAuth client; confidential ones hold a secret digest. */
export interface OAuthClient {
  readonly id: string;
  readonly secretDigest: Buffer | null;
  /** The account whose data client-credentials tokens reach (the demo account unless registered for another). */
  readonly accountId: string;
}

/** Credentials a request presented, and how (RFC 6749 §2.3.1). */
interface Presented {
  readonly id: string | undefined;
  readonly secret: string | undefined;
  readonly basic: boolean;
}

const digest = (value: string) => createHash('sha256').update(value).digest();
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/;

/** The OAuth clients of the stub and how they authenticate. */
export class OAuthClients {
  private readonly clients = new Map<string, OAuthClient>();

  constructor(
    options: readonly OAuthClientOption[],
    private readonly redirectUris: readonly string[],
  ) {
    for (const c of options)
      this.clients.set(c.id, {
        id: c.id,
        secretDigest: c.secret ? digest(c.secret) : null,
        accountId: c.accountId ?? DEMO_ACCOUNT_ID,
      });
  }

  get(id: string): OAuthClient | undefined {
    return this.clients.get(id);
  }

  /**
   * Redirect URIs must be registered (exact match, RFC 6749 §3.1.2.3); loopback URIs on any
   * port are accepted for every client, as native apps need (RFC 8252 §7.3).
   */
  redirectAllowed(uri: string): boolean {
    return LOOPBACK.test(uri) || this.redirectUris.includes(uri);
  }

  /**
   * Authenticates the client of a token or revocation request: HTTP Basic or body
   * credentials, never both (RFC 6749 §2.3.1). Public clients send only `client_id`.
   */
  authenticate(authorization: string | undefined, body: Readonly<Record<string, unknown>>): OAuthClient {
    const presented = this.presented(authorization, body);
    const fail = () =>
      new OAuthError(
        'invalid_client',
        'Client authentication failed',
        401,
        presented.basic ? { 'www-authenticate': 'Basic realm="regen"' } : {},
      );
    if (presented.id === undefined) throw fail();
    const client = this.clients.get(presented.id);
    if (!client) throw fail();
    if (client.secretDigest === null) {
      if (presented.secret !== undefined) throw fail();
      return client;
    }
    if (presented.secret === undefined || !timingSafeEqual(digest(presented.secret), client.secretDigest))
      throw fail();
    return client;
  }

  /** The client id a request names (Basic or body), for the failure budget; never throws. */
  presentedId(
    authorization: string | undefined,
    body: Readonly<Record<string, unknown>>,
  ): string | undefined {
    try {
      return this.presented(authorization, body).id;
    } catch {
      return typeof body.client_id === 'string' ? body.client_id : undefined;
    }
  }

  private presented(authorization: string | undefined, body: Readonly<Record<string, unknown>>): Presented {
    const bodyId = typeof body.client_id === 'string' ? body.client_id : undefined;
    const bodySecret = typeof body.client_secret === 'string' ? body.client_secret : undefined;
    const basic = authorization !== undefined && /^Basic\s+/i.test(authorization);
    if (!basic) return { id: bodyId, secret: bodySecret, basic: false };
    if (bodySecret !== undefined) {
      throw new OAuthError(
        'invalid_request',
        'Use one client authentication method: HTTP Basic or client_secret in the body, not both',
      );
    }
    const decoded = Buffer.from(authorization.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) return { id: undefined, secret: undefined, basic: true };
    const id = safeDecode(decoded.slice(0, colon));
    if (bodyId !== undefined && bodyId !== id)
      throw new OAuthError('invalid_request', 'client_id does not match the Basic credentials');
    return { id, secret: safeDecode(decoded.slice(colon + 1)), basic: true };
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return value;
  }
}
