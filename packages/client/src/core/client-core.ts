/**
 * @module What a resource namespace needs of the client: the typed calls, the session and the
 * secret scope. `RegenClient` implements it; namespaces hold this interface, not the class, so the
 * generated namespaces and the client that extends them never import each other.
 */

import type { ClientPaths } from '../generated/operations.ts';
import type { JwtSession } from '../internal/jwt-session.ts';
import type { APIPromise } from './api-promise.ts';
import type { PagePromise } from './pagination.ts';
import type { RequestOptions } from './request-options.ts';
import type {
  DataOf,
  HttpMethod,
  InitOf,
  ItemOf,
  OperationAt,
  PathsWithMethod,
  SuccessBodyOf,
} from './typed-paths.ts';

/** The operation at `P` and `M` of the paths the client can call. */
export type ClientOp<P, M extends HttpMethod> = OperationAt<ClientPaths, P & keyof ClientPaths, M>;
/** `params` and `body` of a call, without the per-call options. */
export type CallInitOf<O> = Omit<InitOf<O>, keyof RequestOptions>;

/** The client as the resource namespaces use it (`RegenClient` has every member). */
export interface ClientCore {
  /** A typed call resolving to the envelope's `data`. */
  _call<M extends HttpMethod, P extends PathsWithMethod<ClientPaths, M>>(
    method: M,
    path: P,
    init: CallInitOf<ClientOp<P, M>>,
    options: RequestOptions | undefined,
  ): APIPromise<DataOf<ClientOp<P, M>>>;
  /** Like `_call`, resolving to the whole body (OAuth endpoints answer without an envelope). */
  _callBody<M extends HttpMethod, P extends PathsWithMethod<ClientPaths, M>>(
    method: M,
    path: P,
    init: CallInitOf<ClientOp<P, M>>,
    options: RequestOptions | undefined,
  ): APIPromise<SuccessBodyOf<ClientOp<P, M>>>;
  /** A typed list call: the first page, async-iterable over all items. */
  _list<P extends PathsWithMethod<ClientPaths, 'get'>>(
    path: P,
    init: CallInitOf<ClientOp<P, 'get'>>,
    options: RequestOptions | undefined,
  ): PagePromise<ItemOf<ClientOp<P, 'get'>>>;
  /** The JWT session, if this client has one. */
  readonly _session: JwtSession | undefined;
  /** Treat `secret` as a credential in logs and errors for the duration of `fn`. */
  _withSecret<T>(secret: string, fn: () => Promise<T>): Promise<T>;
  /** Revokes the session and forgets its tokens. */
  logout(options?: RequestOptions): Promise<void>;
}
