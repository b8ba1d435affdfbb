/**
 * @module What a negative case really violates, in the words of the schema. A mutation aims at
 * one keyword, but the value as sent may break another: a query parameter travels as text, so
 * `12345`, meant as a number where a string is expected, arrives as the string "12345" — a
 * string, which breaks `format: date-time` instead. Messages name the keyword the validator
 * finds broken, never a neighbouring one.
 */
import type { SchemaError } from '../spec/validator.ts';
import type { ValueMutation } from './value-mutations.ts';

/** `mutation`'s description when the sent value breaks the keyword it aimed at, else the keywords it does break. */
export function describeViolation(
  mutation: ValueMutation,
  errors: readonly SchemaError[],
  sent: unknown,
): string {
  if (errors.some((e) => e.keyword === mutation.keyword)) return mutation.description;
  const at = mutation.pointer || '/';
  const here = errors.filter((e) => e.path === at);
  const constraints = [...new Set((here.length > 0 ? here : errors).map((e) => e.constraint))];
  return `${mutation.pointer || '(root)'}: ${JSON.stringify(sent)} violates ${constraints.join(', ')}`;
}
