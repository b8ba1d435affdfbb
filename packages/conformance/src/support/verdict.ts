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
  | {
      readonly outcome: 'skip';
      readonly reason: string;
      /**
       * The rule does not apply here (nothing to judge), as opposed to a rule that applies but
       * could not be verified; only the latter fails a `--strict` run.
       */
      readonly notApplicable?: true;
    };

export const PASS: Verdict = { outcome: 'pass' };

/** A failing verdict. */
export function fail(message: string, variant?: string): Verdict {
  return variant === undefined ? { outcome: 'fail', message } : { outcome: 'fail', message, variant };
}

/** A rule that applies but could not be verified (a missing option, a wait over the bound): `--strict` fails it. */
export function skip(reason: string): Verdict {
  return { outcome: 'skip', reason };
}

/** A rule with nothing to judge on this operation (no body, no credential required). */
export function notApplicable(reason: string): Verdict {
  return { outcome: 'skip', reason, notApplicable: true };
}
