import type { operations } from '@regen/contract';
import type { APIPromise } from '../core/api-promise.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { APIResource } from '../core/resource.ts';
import type { SuccessBodyOf } from '../core/typed-paths.ts';

type FormBody<Id extends keyof operations> = operations[Id] extends {
  requestBody: { content: { 'application/x-www-form-urlencoded': infer B } };
}
  ? B
  : never;

function toForm(body: object): URLSearchParams {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) if (v !== undefined) form.set(k, String(v));
  return form;
}

/**
 * OAuth 2.0 endpoints (tag `oauth`), answering RFC 6749 bodies without the envelope. Most users
 * want `new RegenClient({ clientId, clientSecret })` or the PKCE helpers of `@regen/client/oauth`.
 */
export class OAuth extends APIResource {
  /** `POST /oauth/token` (createOAuthToken), form-encoded (RFC 6749 §4.1.3, §4.4.2, §6). */
  token(
    body: FormBody<'createOAuthToken'>,
    options?: RequestOptions,
  ): APIPromise<SuccessBodyOf<operations['createOAuthToken']>> {
    return this._client._callBody('post', '/oauth/token', { body: toForm(body) } as never, options);
  }

  /** `POST /oauth/revoke` (revokeOAuthToken, RFC 7009): revokes an access or refresh token. */
  revoke(body: FormBody<'revokeOAuthToken'>, options?: RequestOptions): APIPromise<undefined> {
    return this._client._callBody(
      'post',
      '/oauth/revoke',
      { body: toForm(body) } as never,
      options,
    ) as APIPromise<undefined>;
  }
}
