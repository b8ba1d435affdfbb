/**
 * Type helpers that derive call signatures from openapi-typescript 7 output (`paths`,
 * `operations`), in the spirit of openapi-typescript-helpers, written for
 * `exactOptionalPropertyTypes`. Types only.
 */
import type { RequestOptions } from './request-options.ts';

/** The HTTP methods the contract's operations use, as openapi-typescript spells them. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The paths of `Paths` that define `M` (openapi-typescript marks the others `M?: never`). */
export type PathsWithMethod<Paths, M extends HttpMethod> = {
  [P in keyof Paths]-?: Paths[P] extends { [K in M]: infer Op } ? ([Op] extends [never] ? never : P) : never;
}[keyof Paths] &
  string;

/** The operation object at `Paths[P][M]`. */
export type OperationAt<Paths, P extends keyof Paths, M extends HttpMethod> = Paths[P] extends {
  [K in M]: infer Op;
}
  ? Op
  : never;

type Defined<T> = Exclude<T, undefined>;
/** Drops keys whose type is `never` (openapi-typescript's `query?: never`). */
type DropNever<T> = { [K in keyof T as [Defined<T[K]>] extends [never] ? never : K]: T[K] };
/** `{}` (as `Record<never, never>`) is assignable to T exactly when every member of T is optional. */
type IsOptional<T> = Record<never, never> extends T ? true : false;
type OptionalKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? K : never }[keyof T];
/** Optional members also accept an explicit `undefined` (friendly under `exactOptionalPropertyTypes`). */
type LooseOptional<T> = { [K in Exclude<keyof T, OptionalKeys<T>>]: T[K] } & {
  [K in OptionalKeys<T>]?: T[K] | undefined;
};

/** `{ path?, query?, header? }` of an operation, without the `never` slots. */
export type ParamsOf<Op> = Op extends { parameters: infer P }
  ? LooseOptional<DropNever<P>>
  : Record<never, never>;

type RequestBodyOf<Op> = Op extends { requestBody?: infer RB } ? Defined<RB> : never;
type JsonOf<RB> = RB extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON request body of an operation (`undefined` allowed when the body is optional). */
export type BodyOf<Op> = [RequestBodyOf<Op>] extends [never]
  ? never
  : Op extends { requestBody: unknown }
    ? JsonOf<RequestBodyOf<Op>>
    : JsonOf<RequestBodyOf<Op>> | undefined;

type ParamsInit<Op> = keyof ParamsOf<Op> extends never
  ? { params?: never }
  : IsOptional<ParamsOf<Op>> extends true
    ? { params?: ParamsOf<Op> | undefined }
    : { params: ParamsOf<Op> };

/**
 * `T` with every property and array readonly, all the way down: what a value built `as const`
 * has. Request bodies accept it (the client never mutates them); TypeScript ignores `readonly`
 * on properties when assigning, so only readonly arrays gain anything, and nothing else is loosened.
 */
export type DeepReadonly<T> = T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

type BodyInit<Op> = [BodyOf<Op>] extends [never]
  ? { body?: never }
  : undefined extends BodyOf<Op>
    ? { body?: DeepReadonly<BodyOf<Op>> }
    : { body: DeepReadonly<BodyOf<Op>> };

/** The second argument of a low-level call: `params`, `body` and the per-call options. */
export type InitOf<Op> = ParamsInit<Op> & BodyInit<Op> & RequestOptions;

/** `[init]` when something in it is required, else `[init?]`. */
export type InitArgs<Op> =
  IsOptional<ParamsInit<Op> & BodyInit<Op>> extends true ? [init?: InitOf<Op>] : [init: InitOf<Op>];

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | '2XX';

/** The JSON body of the operation's 2xx responses (`undefined` for 204). */
export type SuccessBodyOf<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: S extends SuccessStatus
        ? R[S] extends { content: { 'application/json': infer B } }
          ? B
          : undefined
        : never;
    }[keyof R]
  : never;

/** The `data` member of the success envelope. */
export type DataOf<Op> = SuccessBodyOf<Op> extends { data: infer D } ? D : never;

/** The element type of a list operation's `data`. */
export type ItemOf<Op> = DataOf<Op> extends readonly (infer I)[] ? I : never;

/** The query parameters of an operation. */
export type QueryOf<Op> = ParamsOf<Op> extends { query?: infer Q } ? Defined<Q> : never;
