/**
 * @module What the comparison emits: a change at a place in both documents, under one rule.
 */
import type { RuleId } from './rules.ts';

/** One classified change, before it is attributed to an operation. */
export interface Change {
  readonly rule: RuleId;
  /** JSON Pointer in the old document (null when the thing is new). */
  readonly oldPointer: string | null;
  /** JSON Pointer in the new document (null when the thing is gone). */
  readonly newPointer: string | null;
  /** One line saying what changed, with the values. */
  readonly detail: string;
}

/** Collects changes; the comparison functions only ever append. */
export type Changes = Change[];

/** Appends a change. */
export function emit(
  out: Changes,
  rule: RuleId,
  oldPointer: string | null,
  newPointer: string | null,
  detail: string,
): void {
  out.push({ rule, oldPointer, newPointer, detail });
}
