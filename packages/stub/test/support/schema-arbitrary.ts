/**
 * @module JSON Schema (as the contract writes its responses) → fast-check arbitraries: values
 * meant to be valid (the tests keep only those Ajv accepts), and mutations of them that often are not.
 */
import fc from 'fast-check';

// biome-ignore lint/suspicious/noExplicitAny: schemas and bodies are walked generically.
export type Json = any;

const MAX_DEPTH = 6;

/** The node a local `$ref` points to. */
export function resolveRef(doc: Json, ref: string): Json {
  return ref
    .slice(2)
    .split('/')
    .reduce((at: Json, key: string) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

const formatArbitraries: Record<string, fc.Arbitrary<string>> = {
  'date-time': fc.oneof(
    fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
    fc.constantFrom('2024-02-29T23:59:59Z', '2026-03-15T12:00:00+02:00', '2026-01-31T00:00:00.5z'),
  ),
  email: fc.emailAddress(),
  uri: fc.webUrl(),
};

/** Values shaped by `schema` (not always valid: a pattern plus a length, `not`, are left to Ajv). */
export function bodyOf(doc: Json, schema: Json, depth = 0): fc.Arbitrary<Json> {
  if (schema === true || schema === undefined) return fc.jsonValue({ maxDepth: 2 });
  if (schema.$ref !== undefined) return bodyOf(doc, resolveRef(doc, schema.$ref), depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.oneOf))
    return fc.oneof(...schema.oneOf.map((s: Json) => bodyOf(doc, s, depth + 1)));
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['string'];
  const examples: Json[] = Array.isArray(schema.examples) ? schema.examples : [];
  const typed = fc.oneof(...types.map((t) => byType(doc, t, schema, depth)));
  return examples.length > 0 ? fc.oneof(fc.constantFrom(...examples), typed) : typed;
}

function byType(doc: Json, type: string, schema: Json, depth: number): fc.Arbitrary<Json> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e9,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'string':
      return stringOf(schema);
    case 'array': {
      const items = bodyOf(doc, schema.items, depth + 1);
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) };
      return schema.uniqueItems ? fc.uniqueArray(items, constraints) : fc.array(items, constraints);
    }
    default:
      return objectOf(doc, schema, depth);
  }
}

function stringOf(schema: Json): fc.Arbitrary<string> {
  if (typeof schema.format === 'string' && formatArbitraries[schema.format])
    return formatArbitraries[schema.format] as fc.Arbitrary<string>;
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern, 'u'));
  return fc.string({
    unit: fc.oneof(
      fc.constantFrom('a', 'é', '"', '\\', '\n', '\u2028', '😀', '\ud800'),
      fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
    ),
    minLength: schema.minLength ?? 0,
    maxLength: Math.min(schema.maxLength ?? 12, 12),
  });
}

function objectOf(doc: Json, schema: Json, depth: number): fc.Arbitrary<Json> {
  const properties: Record<string, Json> = schema.properties ?? {};
  const required: string[] = schema.required ?? [];
  const names = Object.keys(properties);
  if (depth > MAX_DEPTH) return fc.constant({});
  const record = fc.record(Object.fromEntries(names.map((n) => [n, bodyOf(doc, properties[n], depth + 1)])), {
    requiredKeys: required.filter((n) => names.includes(n)),
  });
  const extra =
    schema.additionalProperties && typeof schema.additionalProperties === 'object'
      ? fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }),
          bodyOf(doc, schema.additionalProperties, depth + 1),
          {
            maxKeys: 3,
          },
        )
      : fc.constant({});
  // Keys in any order: the serializer must follow the body's order, as JSON.stringify does.
  return fc.tuple(record, extra, fc.boolean()).map(([known, more, reverse]) => {
    const entries = Object.entries({ ...more, ...known });
    return Object.fromEntries(reverse ? entries.reverse() : entries);
  });
}

/** Paths to every value inside `value` (JSON Pointer parts), the root included. */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...at, i]));
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

/** A copy of `value` with one change somewhere: a value replaced, a key removed or an unknown key added. */
export function mutationOf(value: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(value);
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(null, '', 0, -1, 1.5, true, [], {}, 'x'.repeat(300), '2026-02-30T00:00:00Z'),
  );
  return fc
    .tuple(fc.constantFrom(...paths), fc.constantFrom('replace', 'remove', 'add'), replacement)
    .map(([path, kind, next]) => {
      const copy = structuredClone(value);
      if (path.length === 0) return kind === 'replace' ? next : copy;
      const parent = path.slice(0, -1).reduce((at: Json, key) => at[key], copy);
      const key = path[path.length - 1] as string | number;
      if (kind === 'replace') parent[key] = next;
      else if (kind === 'remove' && !Array.isArray(parent)) delete parent[key];
      else if (kind === 'add' && !Array.isArray(parent)) parent.unknownField = next;
      else parent[key] = next;
      return copy;
    });
}
