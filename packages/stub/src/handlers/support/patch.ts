import { nowIso } from './envelope.ts';

/** The fields a PATCH body may set on a record of type `T` (absent or `undefined`: unchanged). */
export type Changes<T> = { readonly [K in keyof T]?: T[K] | undefined };

/**
 * The replacement of a sealed record after a PATCH: `current` with every field `changes` sets,
 * and `updatedAt` now. The record itself is never changed (see `records/sealed.ts`).
 */
export function patched<T extends { readonly updatedAt: string }, C extends Changes<T>>(
  current: T,
  // A field the record does not have is a type error, not a field silently added to it.
  changes: C & { readonly [K in Exclude<keyof C, keyof T>]: never },
): T {
  const next = { ...current };
  const fields: Changes<T> = changes;
  for (const key of Object.keys(fields) as (keyof T)[]) {
    const value = fields[key];
    if (value !== undefined) next[key] = value as T[keyof T];
  }
  return { ...next, updatedAt: nowIso() };
}
