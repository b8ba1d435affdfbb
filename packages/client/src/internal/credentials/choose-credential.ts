import type { ClientOptions } from '../../core/client-options.ts';
import { RegenError } from '../../errors/RegenError.ts';
import { ClientCredentials } from '../client-credentials.ts';
import { readEnv } from '../env.ts';
import { isBrowser } from '../is-browser.ts';
import { JwtSession, type Send } from '../jwt-session.ts';
import { BearerToken } from './bearer-token.ts';
import { type Credential, staticCredential, withoutCredential } from './credential.ts';

/** The credential a client was built with, and the one its unauthenticated calls use. */
export interface ChosenCredential {
  readonly credential: Credential;
  /** For operations that take no credential header (login, refresh, the OAuth endpoints). */
  readonly anonymous: Credential;
  /** The JWT session, when that is the credential (login, logout and refresh need it). */
  readonly session: JwtSession | undefined;
}

export interface ChooseContext {
  /** `new RegenClient(apiKey)`: the key was given, so the environment is not read. */
  readonly keyGiven: boolean;
  /** `RegenClient.login()`: a session that starts empty and is filled by the login call. */
  readonly loginSession: boolean;
  /** Sends a request through the client's transport (token refreshes, the OAuth token call). */
  readonly send: Send;
  readonly onBackgroundError: (error: unknown) => void;
}

/**
 * Picks the one credential of `options`, once, at construction. `ClientOptions` already makes two
 * kinds a compile error; this repeats the check at run time for JavaScript callers.
 */
export function chooseCredential(options: ClientOptions, ctx: ChooseContext): ChosenCredential {
  const o = options;
  const wantsTokens = o.accessToken !== undefined || o.refreshToken !== undefined || ctx.loginSession;
  const wantsOAuth = o.clientId !== undefined || o.clientSecret !== undefined;
  const apiKey =
    o.apiKey ?? (wantsTokens || wantsOAuth || ctx.keyGiven ? undefined : readEnv('REGEN_API_KEY'));

  const kinds = Number(Boolean(apiKey)) + Number(wantsTokens) + Number(wantsOAuth);
  if (kinds === 0) {
    throw new RegenError(
      'No credentials: pass an API key (new RegenClient(apiKey) or set REGEN_API_KEY), ' +
        '{ accessToken, refreshToken }, { clientId, clientSecret }, or use RegenClient.login().',
    );
  }
  if (kinds > 1)
    throw new RegenError('Give exactly one credential: apiKey, tokens, or clientId/clientSecret.');
  if (wantsOAuth && (!o.clientId || !o.clientSecret)) {
    throw new RegenError('OAuth client credentials need both clientId and clientSecret.');
  }
  if ((apiKey || o.clientSecret) && isBrowser() && !o.dangerouslyAllowBrowser) {
    throw new RegenError(
      'Refusing to use an API key or client secret in a browser, where any visitor can read it. ' +
        'Call the API from your server, use a user token, or set dangerouslyAllowBrowser: true.',
    );
  }

  const defaults: Record<string, string> = { accept: 'application/json' };
  for (const key in o.defaultHeaders) defaults[key.toLowerCase()] = o.defaultHeaders[key] as string;
  const anonymous = staticCredential('none', withoutCredential(defaults));

  if (apiKey) {
    const header =
      o.authScheme === 'bearer' ? { authorization: `Bearer ${apiKey}` } : { 'x-api-key': apiKey };
    return {
      credential: staticCredential('apiKey', { ...defaults, ...header }, apiKey),
      anonymous,
      session: undefined,
    };
  }
  if (wantsTokens) {
    const session = new JwtSession(ctx.send, {
      accessToken: o.accessToken,
      refreshToken: o.refreshToken,
      onTokens: o.onTokens,
      refresh: o.refresh,
      onBackgroundError: ctx.onBackgroundError,
    });
    return { credential: new BearerToken(session, defaults), anonymous, session };
  }
  const grant = new ClientCredentials(ctx.send, {
    clientId: o.clientId as string,
    clientSecret: o.clientSecret as string,
    scopes: o.scopes,
    onTokens: o.onTokens,
    onBackgroundError: ctx.onBackgroundError,
  });
  return { credential: new BearerToken(grant, defaults), anonymous, session: undefined };
}
