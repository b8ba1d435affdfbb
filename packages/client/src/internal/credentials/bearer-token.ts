import { APIUserAbortError } from '../../errors/APIUserAbortError.ts';
import type { TokenProvider } from '../auth-provider.ts';
import { withAbort } from '../sleep.ts';
import type { Credential } from './credential.ts';

const BEARER = 'Bearer ';

/**
 * A token from a `TokenProvider` (JWT session, OAuth client credentials) as `Authorization:
 * Bearer`. The headers object is rebuilt only when the token changes, so calls with a fresh
 * token allocate nothing for it.
 */
export class BearerToken implements Credential {
  readonly kind: 'jwt' | 'oauth';
  readonly provider: TokenProvider;
  /** The client's headers without a token: the base of every token's, and sent as they are when the credential is optional and no token can be had. */
  readonly #defaults: Record<string, string>;
  #headers: Record<string, string> | undefined;
  #token: string | undefined;

  constructor(provider: TokenProvider, defaults: Record<string, string>) {
    this.kind = provider.kind;
    this.provider = provider;
    this.#defaults = defaults;
  }

  headers(): Record<string, string> | undefined {
    const token = this.provider.peek();
    return token === undefined ? undefined : this.#headersFor(token);
  }

  async waitHeaders(signal: AbortSignal | undefined, optional: boolean): Promise<Record<string, string>> {
    try {
      return this.#headersFor(await withAbort(this.provider.token(), signal));
    } catch (error) {
      if (!optional || error instanceof APIUserAbortError) throw error;
      return this.#defaults;
    }
  }

  canRenew(sent: Record<string, string>): boolean {
    return sent !== this.#defaults && this.provider.canRenew();
  }

  renew(sent: Record<string, string>): Promise<unknown> {
    return this.provider.renew((sent.authorization ?? '').slice(BEARER.length));
  }

  secrets(): (string | undefined)[] {
    return this.provider.secrets();
  }

  #headersFor(token: string): Record<string, string> {
    if (this.#token !== token || this.#headers === undefined) {
      this.#headers = { ...this.#defaults, authorization: BEARER + token };
      this.#token = token;
    }
    return this.#headers;
  }
}
