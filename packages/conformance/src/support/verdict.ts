/** @module A check's conclusion about one exchange (or one probe), and how to write one. */

/** A check's conclusion about one exchange (or one probe). */
export type Verdict =
  | { readonly outcome: 'pass' }
  | {
      readonly outcome: 'fail';
      readonly message: string;
      /** A finer name for exemptions, e.g. `invalid-api-key` for ignored_auth. */
      readonly variant?: string;
    }
  | { readonly outcome: 'skip'; readonly reason: string };

export const PASS: Verdict = { outcome: 'pass' };

/** A failing verdict. */
export function fail(message: string, variant?: string): Verdict {
  return variant === undefined ? { outcome: 'fail', message } : { outcome: 'fail', message, variant };
}

/** A skipped verdict. */
export function skip(reason: string): Verdict {
  return { outcome: 'skip', reason };
}
