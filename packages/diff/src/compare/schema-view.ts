/**
 * @module A schema as a client sees it: `allOf` members merged, a `oneOf: [X, {type: 'null'}]`
 * wrapper seen as X-or-null, and the set of JSON types it admits.
 */
import { isObject, stringsAt } from '../model/json.ts';
import { child, children, type Located } from '../model/located.ts';

/** A schema with its properties gathered from `allOf` and its nullability made explicit. */
export interface SchemaView {
  /** The schema that carries the keywords (the non-null variant of a nullable wrapper). */
  readonly at: Located;
  /** Property name → its schema, own and from every `allOf` member. */
  readonly properties: Map<string, Located>;
  readonly required: Set<string>;
  /** JSON types admitted, `null` included when the schema admits null; undefined means any. */
  readonly types: Set<string> | undefined;
  /** True when `additionalProperties` or `unevaluatedProperties` is `false`. */
  readonly closed: boolean;
}

/** True for `{type: 'null'}` (the null half of a nullable `oneOf`). */
export function isNullSchema(at: Located): boolean {
  const type = at.node.type;
  return type === 'null' || (Array.isArray(type) && type.length === 1 && type[0] === 'null');
}

/** Builds the view of a dereferenced schema. */
export function viewSchema(schema: Located): SchemaView {
  const { at, nullable } = unwrapNullable(schema);
  const properties = new Map<string, Located>();
  const required = new Set<string>();
  let closed = false;
  for (const part of [at, ...children(at, 'allOf')]) {
    const props = child(part, 'properties');
    if (props !== undefined) {
      for (const name of Object.keys(props.node)) {
        const prop = child(props, name);
        if (prop !== undefined) properties.set(name, prop);
      }
    }
    for (const name of stringsAt(part.node, 'required')) required.add(name);
    closed ||= part.node.additionalProperties === false || part.node.unevaluatedProperties === false;
  }
  return { at, properties, required, types: typesOf(at, nullable), closed };
}

/** A `oneOf`/`anyOf` of one schema and `{type: 'null'}` is that schema, nullable. */
function unwrapNullable(schema: Located): { at: Located; nullable: boolean } {
  for (const key of ['oneOf', 'anyOf']) {
    const variants = children(schema, key);
    const others = variants.filter((variant) => !isNullSchema(variant));
    if (variants.length === 2 && others.length === 1 && others[0] !== undefined) {
      return { at: others[0], nullable: true };
    }
  }
  return { at: schema, nullable: false };
}

function typesOf(at: Located, nullable: boolean): Set<string> | undefined {
  const type = at.node.type;
  const types = new Set<string>(
    typeof type === 'string' ? [type] : Array.isArray(type) ? stringsAt(at.node, 'type') : [],
  );
  if (types.size === 0) {
    // No `type`: any JSON value (a `const` still pins one).
    if ('const' in at.node) types.add(jsonType(at.node.const));
    else return undefined;
  }
  // OpenAPI 3.0's `nullable: true`, and a null among the enum values, admit null too.
  if (nullable || at.node.nullable === true || (Array.isArray(at.node.enum) && at.node.enum.includes(null))) {
    types.add('null');
  }
  return types;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (isObject(value)) return 'object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** True when every value of type `inner` is also of one of `outer` (an integer is a number). */
export function typeCovered(inner: string, outer: Set<string>): boolean {
  return outer.has(inner) || (inner === 'integer' && outer.has('number'));
}
