import type { operations } from '@regen/contract';
import type { OperationId } from '../generated/operations.ts';
import type { RawContext } from './raw-handler.ts';

type Op<K extends OperationId> = operations[K];

/** Path parameters of operation `K`. */
export type PathOf<K extends OperationId> = Op<K>['parameters'] extends { path: infer P }
  ? Readonly<P>
  : Readonly<Record<string, never>>;

/** Query parameters of operation `K` (after coercion; schema defaults filled in). */
export type QueryOf<K extends OperationId> = Op<K>['parameters'] extends { query?: infer Q }
  ? [Q] extends [undefined]
    ? Readonly<Record<string, never>>
    : Readonly<NonNullable<Q>>
  : Readonly<Record<string, never>>;

type BodyContent<R> = R extends { content: infer C } ? C[keyof C] : undefined;

/** The parsed, validated request body of operation `K` (`undefined` when optional and absent). */
export type BodyOf<K extends OperationId> = undefined extends Op<K>['requestBody']
  ? BodyContent<NonNullable<Op<K>['requestBody']>> | undefined
  : BodyContent<Op<K>['requestBody']>;

/** Extra response headers a handler may set (`Location`, `WWW-Authenticate`, …). */
type Headers = Readonly<Record<string, string>>;

type Variant<S, R> = R extends { content: { 'application/json': infer B } }
  ? { readonly status: S; readonly body: B; readonly headers?: Headers }
  : R extends { content: { 'text/html': infer B } }
    ? {
        readonly status: S;
        readonly body: B;
        readonly contentType: 'text/html; charset=utf-8';
        readonly headers?: Headers;
      }
    : { readonly status: S; readonly body?: undefined; readonly headers?: Headers };

/** Every response operation `K` may give, as `{ status, body }` pairs taken from the contract. */
export type ResponseOf<K extends OperationId> = {
  [S in keyof Op<K>['responses'] & number]: Variant<S, Op<K>['responses'][S]>;
}[keyof Op<K>['responses'] & number];

/** What a handler of operation `K` receives. */
export interface Ctx<K extends OperationId> extends Omit<RawContext, 'params' | 'query' | 'body'> {
  readonly params: PathOf<K>;
  readonly query: QueryOf<K>;
  readonly body: BodyOf<K>;
}

/** A handler of operation `K`: returns one of the contract's responses; errors are thrown as `ApiError`/`OAuthError`. */
export type Handler<K extends OperationId> = (ctx: Ctx<K>) => Promise<ResponseOf<K>> | ResponseOf<K>;

/**
 * One handler per operation of the contract: a table without one fails to compile with an error
 * naming the operation, and so does a handler of an operation the contract no longer has.
 */
export type HandlerTable = { readonly [K in OperationId]: Handler<K> };

/** The handler index's type (`handlers/index.ts` satisfies it). */
export type Handlers = HandlerTable;
