/** @module Arbitraries of valid numbers and strings: bounds, `multipleOf`, formats, patterns, lengths. */
import fc from 'fast-check';
import type { Json, JsonObject } from '../spec/types.ts';
import { formatArbitraries } from './formats.ts';
import type { GenerationOptions } from './generation-options.ts';
import { num, toRegExp } from './schema-utils.ts';

const visibleAscii = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));

function bounds(s: JsonObject, step: number): { min: number; max: number } {
  const exMin = num(s, 'exclusiveMinimum');
  const exMax = num(s, 'exclusiveMaximum');
  let min = num(s, 'minimum') ?? (exMin !== undefined ? exMin + step : undefined);
  let max = num(s, 'maximum') ?? (exMax !== undefined ? exMax - step : undefined);
  // Unbounded numbers stay moderate: servers may apply business limits the schema omits.
  if (min === undefined) min = max === undefined ? -1000 : Math.max(max - 2000, -1_000_000);
  if (max === undefined) max = Math.min(min + 2000, 1_000_000);
  return { min, max };
}

export function integer(s: JsonObject): fc.Arbitrary<Json> {
  const { min, max } = bounds(s, 1);
  const multiple = num(s, 'multipleOf');
  if (multiple && Number.isInteger(multiple) && multiple > 1) {
    return fc
      .integer({ min: Math.ceil(min / multiple), max: Math.floor(max / multiple) })
      .map((k) => k * multiple);
  }
  return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
}

export function number(s: JsonObject): fc.Arbitrary<Json> {
  const { min, max } = bounds(s, Number.EPSILON);
  const multiple = num(s, 'multipleOf');
  if (multiple) {
    return fc
      .integer({ min: Math.ceil(min / multiple), max: Math.floor(max / multiple) })
      .map((k) => k * multiple);
  }
  return fc.oneof(
    fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
  );
}

export function string(s: JsonObject, options: GenerationOptions): fc.Arbitrary<Json> {
  const format = typeof s.format === 'string' ? s.format : undefined;
  const pattern = typeof s.pattern === 'string' ? s.pattern : undefined;
  if (pattern !== undefined) return fc.stringMatching(toRegExp(pattern));
  const byFormat = format ? formatArbitraries[format] : undefined;
  if (byFormat) return byFormat;
  const minLength = num(s, 'minLength') ?? 0;
  // Long maxima (5000) would make requests large for no gain; lengths near the minimum test more.
  const maxLength = Math.min(num(s, 'maxLength') ?? minLength + 24, minLength + 40);
  if (options.target === 'header' || options.target === 'parameter') {
    return fc.string({ unit: visibleAscii, minLength, maxLength });
  }
  // Single-code-point graphemes, so lengths count as JSON Schema counts them (code points).
  return fc.oneof(
    { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength, maxLength }), weight: 4 },
    { arbitrary: fc.string({ unit: 'grapheme-composite', minLength, maxLength }), weight: 1 },
  );
}
