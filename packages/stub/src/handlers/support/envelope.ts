import type { Page } from '../../store/collection.ts';

/**
 * Headers of a response that carries a credential (a token, an API key or a signing secret): no
 * cache may store it (RFC 9111 §5.2.2.5; "Security": secrets are never cached). One frozen object,
 * no per-call work.
 */
export const NO_STORE: Readonly<Record<string, string>> = Object.freeze({ 'cache-control': 'no-store' });

/** `{ success: true, data }` (the contract's success envelope). */
export function ok<T>(data: T): { success: true; data: T } {
  return { success: true, data };
}

/** The list envelope: `{ success, data, hasMore, nextCursor }`. */
export function list<T>(page: Page<T>): {
  success: true;
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
} {
  return { success: true, data: page.data, hasMore: page.hasMore, nextCursor: page.nextCursor };
}

/** Current time as an RFC 3339 UTC string with second precision. */
export function nowIso(): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
}

/** Page size of a list request (the validator fills the contract's default of 20). */
export function limitOf(query: { readonly limit?: number }): number {
  return query.limit ?? 20;
}
