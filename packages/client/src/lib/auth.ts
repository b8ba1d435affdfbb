/**
 * @module Hand-written part of `client.auth`: the session-aware calls. Regeneration never touches
 * src/lib; `custom.json` tells the generator this class replaces the generated `Auth` on the client.
 */
import type { APIPromise } from '../core/api-promise.ts';
import type { BodyInput, Data } from '../core/operation-types.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { RegenError } from '../errors/RegenError.ts';
import { Auth as GeneratedAuth } from '../generated/resources/auth.ts';

/** Session endpoints (tag `auth`): log in, refresh, log out; `me` is `users.me`. */
export class Auth extends GeneratedAuth {
  /**
   * `POST /api/auth/login` (login). On a session client (`RegenClient.login`, or one built from
   * tokens) the new tokens replace the session's and go to `onTokens`.
   */
  async login(body: BodyInput<'login'>, options?: RequestOptions): Promise<Data<'login'>> {
    const data = await this._client._withSecret(body.password, () =>
      this._client._call('post', '/api/auth/login', { body }, options),
    );
    await this._client._session?.accept(data);
    return data;
  }

  /**
   * `POST /api/auth/refresh` (refreshToken). Without a body, refreshes the session's tokens
   * (single-flight with automatic refreshes); with one, just exchanges the given refresh token.
   */
  async refresh(body?: BodyInput<'refreshToken'>, options?: RequestOptions): Promise<Data<'refreshToken'>> {
    if (body) return this._client._call('post', '/api/auth/refresh', { body }, options);
    const session = this._client._session;
    if (!session) throw new RegenError('refresh() without a body needs a JWT session.');
    await session.cycler.refresh();
    const state = session.cycler.state;
    return {
      accessToken: state?.token ?? '',
      refreshToken: session.refreshToken ?? '',
      expiresIn: state ? Math.max(1, Math.round((state.expiresAt - Date.now()) / 1000)) : 0,
    } as Data<'refreshToken'>;
  }

  /** `POST /api/auth/logout` (logout): revokes the session and forgets its tokens. */
  logout(options?: RequestOptions): Promise<void> {
    return this._client.logout(options);
  }

  /** `GET /api/v1/users/me` (getCurrentUser), as `client.users.me()`. */
  me(options?: RequestOptions): APIPromise<Data<'getCurrentUser'>> {
    return this._client._call('get', '/api/v1/users/me', {}, options);
  }
}
