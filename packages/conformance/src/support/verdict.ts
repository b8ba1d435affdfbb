/** @module A check's conclusion about one exchange (or one probe), and how to write one. */

/** A rule of the checked document a failure found broken, and where the document states it. */
export interface FailureLocation {
  /**
   * JSON Pointer (no `#`): the keyword (`/components/schemas/Status/enum`), or for `required`,
   * `additionalProperties` and `unevaluatedProperties` the property named
   * (`/components/schemas/Product/properties/sku`, which may exist only in another version).
   */
  readonly pointer: string;
  /** The JSON Schema keyword (`enum`, `type`, `required`, …). */
  readonly keyword: string;
}

/** A check's conclusion about one exchange (or one probe). */
export type Verdict =
  | { readonly outcome: 'pass' }
  | {
      readonly outcome: 'fail';
      readonly message: string;
      /** A finer name for exemptions, e.g. `invalid-api-key` for ignored_auth. */
      readonly variant?: string;
      /**
       * Where in the checked document the rules it found broken are stated (JSON Pointers), so a
       * contract change at that place can be matched to it (response_schema_conformance sets them).
       */
      readonly locations?: readonly FailureLocation[];
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
