/**
 * @module JSON Schema (2020-12, as OpenAPI 3.1 uses it) → fast-check arbitrary of valid values.
 *
 * The arbitraries aim at valid data; constraints they cannot express exactly (a pattern plus a
 * length, `not`, conflicting `allOf` parts) are settled afterwards by validating every sample
 * with Ajv (see sample.ts), so a value that reaches a server is always schema-valid.
 */
import fc from 'fast-check';
import { isObject } from '../spec/json-pointer.ts';
import type { Json, JsonObject, Schema } from '../spec/types.ts';
import type { GenerationOptions } from './generation-options.ts';
import { integer, number, string } from './scalar-arbitraries.ts';
import {
  effectiveSchema,
  idPrefixOf,
  num,
  type SchemaType,
  schemaExamples,
  schemaTypes,
} from './schema-utils.ts';

const MAX_DEPTH = 6;

/** The arbitrary of values valid against `schema`. */
export function arbitraryFor(schema: Schema, options: GenerationOptions, depth = 0): fc.Arbitrary<Json> {
  const s = effectiveSchema(options.document, schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as Json[]));

  const prefix = idPrefixOf(s);
  const known = prefix ? options.ids?.(prefix) : undefined;
  if (known && known.length > 0) return fc.constantFrom(...known);

  const examples = schemaExamples(s);
  if (options.preferExamples && examples.length > 0) return fc.constant(examples[0] as Json);

  const variants = (s.oneOf ?? s.anyOf) as readonly Json[] | undefined;
  let base: fc.Arbitrary<Json>;
  if (Array.isArray(variants) && variants.length > 0) {
    const { oneOf: _o, anyOf: _a, ...rest } = s;
    base = fc.oneof(
      ...variants.map((v) =>
        arbitraryFor(isObject(v) ? { allOf: [rest, v] } : (v as boolean), options, depth + 1),
      ),
    );
  } else {
    const types = schemaTypes(s);
    base =
      types.length === 1
        ? byType(types[0] as SchemaType, s, options, depth)
        : fc.oneof(...types.map((t) => byType(t, s, options, depth)));
  }
  // Documented examples are realistic values a server is sure to accept; mix them in.
  const weight = options.exampleWeight ?? 1;
  return examples.length > 0 && weight > 0
    ? fc.oneof({ arbitrary: fc.constantFrom(...examples), weight }, { arbitrary: base, weight: 2 })
    : base;
}

function byType(
  type: SchemaType,
  s: JsonObject,
  options: GenerationOptions,
  depth: number,
): fc.Arbitrary<Json> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integer(s);
    case 'number':
      return number(s);
    case 'string':
      return string(s, options);
    case 'array':
      return array(s, options, depth);
    case 'object':
      return object(s, options, depth);
  }
}

function array(s: JsonObject, options: GenerationOptions, depth: number): fc.Arbitrary<Json> {
  const items = s.items;
  const itemArb =
    isObject(items) || typeof items === 'boolean'
      ? arbitraryFor(items, options, depth + 1)
      : fc.string({ maxLength: 8 });
  const minLength = num(s, 'minItems') ?? 0;
  // The examples phase sends the plainest valid array: as few items as allowed.
  const maxLength =
    depth >= MAX_DEPTH || options.preferExamples
      ? minLength
      : Math.min(num(s, 'maxItems') ?? minLength + 3, minLength + 3);
  if (s.uniqueItems === true)
    return fc.uniqueArray(itemArb, { minLength, maxLength, selector: (v) => JSON.stringify(v) });
  return fc.array(itemArb, { minLength, maxLength });
}

function object(s: JsonObject, options: GenerationOptions, depth: number): fc.Arbitrary<Json> {
  const properties = isObject(s.properties) ? s.properties : {};
  const hidden = options.direction === 'response' ? 'writeOnly' : 'readOnly';
  const visible = Object.keys(properties).filter((k) => {
    const p = properties[k];
    return !(isObject(p) && p[hidden] === true);
  });
  const required = Array.isArray(s.required)
    ? (s.required as readonly Json[]).filter((k): k is string => typeof k === 'string')
    : [];
  const optional = visible.filter((k) => !required.includes(k));

  if (
    visible.length === 0 &&
    required.length === 0 &&
    (isObject(s.additionalProperties) || s.additionalProperties === undefined)
  ) {
    return dictionary(s, options, depth);
  }
  const minProps = num(s, 'minProperties') ?? 0;
  const need = Math.min(Math.max(0, minProps - required.length), optional.length);
  // Deep down, or in the examples phase, optional properties are left out unless documented.
  const choosable = depth >= MAX_DEPTH ? optional.slice(0, need) : optional;
  const propertyArb = (key: string): fc.Arbitrary<Json> => {
    const p = properties[key];
    return p === undefined ? fc.string({ maxLength: 8 }) : arbitraryFor(p as Schema, options, depth + 1);
  };
  const chosen = options.preferExamples
    ? fc.constant(withExamplesFirst(choosable, properties, options.document, need))
    : fc.subarray(choosable, { minLength: need });
  return chosen.chain((keys) => {
    const model: Record<string, fc.Arbitrary<Json>> = {};
    for (const key of [...required, ...keys]) model[key] = propertyArb(key);
    return fc.record(model) as fc.Arbitrary<Json>;
  });
}

/** In the examples phase: every optional property that documents an example, at least `need`. */
function withExamplesFirst(
  keys: readonly string[],
  properties: JsonObject,
  document: JsonObject,
  need: number,
): string[] {
  const documented = keys.filter((k) => {
    const p = properties[k];
    return (isObject(p) || typeof p === 'boolean') && schemaExamples(effectiveSchema(document, p)).length > 0;
  });
  const rest = keys.filter((k) => !documented.includes(k));
  return [...documented, ...rest.slice(0, Math.max(0, need - documented.length))];
}

function dictionary(s: JsonObject, options: GenerationOptions, depth: number): fc.Arbitrary<Json> {
  const names = s.propertyNames;
  const keyArb = isObject(names)
    ? (arbitraryFor({ type: 'string', ...names }, { ...options, target: 'parameter' }, depth + 1).filter(
        (k) => typeof k === 'string',
      ) as fc.Arbitrary<string>)
    : fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,11}$/);
  const values = isObject(s.additionalProperties)
    ? arbitraryFor(s.additionalProperties, options, depth + 1)
    : fc.string({ maxLength: 12 });
  const minKeys = num(s, 'minProperties') ?? 0;
  const maxKeys =
    depth >= MAX_DEPTH ? minKeys : Math.min(num(s, 'maxProperties') ?? minKeys + 3, minKeys + 3);
  return fc.dictionary(keyArb, values, { minKeys, maxKeys, noNullPrototype: true }) as fc.Arbitrary<Json>;
}
