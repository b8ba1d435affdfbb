/** A value, or a promise of it: the in-memory stores answer synchronously (hot path), shared ones asynchronously. */
export type MaybePromise<T> = T | Promise<T>;
