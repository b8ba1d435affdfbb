/** @module Reading JSON Schemas for generation: `$ref` with siblings, `allOf` merging, types. */
import { isObject } from '../spec/json-pointer.ts';
import { deref } from '../spec/resolve.ts';
import type { Json, JsonObject, Schema } from '../spec/types.ts';

/** JSON Schema primitive type names. */
export type SchemaType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

const ALL_TYPES: readonly SchemaType[] = [
  'null',
  'boolean',
  'integer',
  'number',
  'string',
  'array',
  'object',
];

/** Keywords that annotate and never constrain; they do not need merging. */
const ANNOTATIONS = new Set([
  'description',
  'title',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'externalDocs',
  'xml',
]);

/**
 * Resolves `$ref` (OpenAPI 3.1 lets siblings sit beside it, and 2020-12 applies both) and folds
 * `allOf` into one schema, so the generator sees a flat schema with its constraints.
 */
export function effectiveSchema(document: JsonObject, schema: Schema, depth = 0): JsonObject {
  if (typeof schema === 'boolean') return schema ? {} : { not: {} };
  if (depth > 32) return {};
  let current: JsonObject = schema;
  if (typeof current.$ref === 'string') {
    const { $ref, ...siblings } = current;
    const target = deref(document, { $ref }, '').node;
    const resolved = effectiveSchema(document, isObject(target) ? target : {}, depth + 1);
    current = mergeSchemas(resolved, siblings);
  }
  if (Array.isArray(current.allOf)) {
    const { allOf, ...rest } = current;
    let merged: JsonObject = rest;
    for (const part of allOf as readonly Json[]) {
      if (isObject(part) || typeof part === 'boolean')
        merged = mergeSchemas(merged, effectiveSchema(document, part, depth + 1));
    }
    current = merged;
  }
  return current;
}

function intersectTypes(a: Json | undefined, b: Json | undefined): Json | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const left = Array.isArray(a) ? a : [a];
  const right = new Set(Array.isArray(b) ? b : [b]);
  const both = left.filter((t) => right.has(t) || (t === 'integer' && right.has('number')));
  return both.length === 1 ? (both[0] ?? null) : both;
}

/**
 * Merges two schemas that must both hold (as in `allOf`). Conflicts the merge cannot express
 * stay approximate: the generator validates every value with Ajv before using it.
 */
export function mergeSchemas(a: JsonObject, b: JsonObject): JsonObject {
  const out: Record<string, Json> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const prior = out[key];
    if (prior === undefined || ANNOTATIONS.has(key)) {
      out[key] = value;
      continue;
    }
    switch (key) {
      case 'type':
        out.type = intersectTypes(prior, value) ?? value;
        break;
      case 'required':
        out.required = [...new Set([...(prior as readonly Json[]), ...(value as readonly Json[])])];
        break;
      case 'properties':
        out.properties = mergeProperties(prior, value);
        break;
      case 'minimum':
      case 'minLength':
      case 'minItems':
      case 'minProperties':
      case 'exclusiveMinimum':
        out[key] = Math.max(Number(prior), Number(value));
        break;
      case 'maximum':
      case 'maxLength':
      case 'maxItems':
      case 'maxProperties':
      case 'exclusiveMaximum':
        out[key] = Math.min(Number(prior), Number(value));
        break;
      case 'additionalProperties':
        out.additionalProperties = prior === false || value === false ? false : value;
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

function mergeProperties(a: Json, b: Json): JsonObject {
  const out: Record<string, Json> = { ...(isObject(a) ? a : {}) };
  for (const [name, schema] of Object.entries(isObject(b) ? b : {})) {
    const prior = out[name];
    out[name] = prior === undefined ? schema : { allOf: [prior, schema] };
  }
  return out;
}

/** The types a schema admits: its `type`, else what its keywords imply, else all of them. */
export function schemaTypes(schema: JsonObject): SchemaType[] {
  const declared = schema.type;
  if (typeof declared === 'string') return [declared as SchemaType];
  if (Array.isArray(declared))
    return (declared as readonly Json[]).filter((t): t is SchemaType => ALL_TYPES.includes(t as SchemaType));
  if (
    schema.properties !== undefined ||
    schema.required !== undefined ||
    schema.additionalProperties !== undefined
  )
    return ['object'];
  if (schema.items !== undefined || schema.prefixItems !== undefined) return ['array'];
  if (
    schema.pattern !== undefined ||
    schema.format !== undefined ||
    schema.minLength !== undefined ||
    schema.maxLength !== undefined
  ) {
    return ['string'];
  }
  if (schema.minimum !== undefined || schema.maximum !== undefined || schema.multipleOf !== undefined)
    return ['number'];
  return [...ALL_TYPES];
}

/** Example values a schema documents (`examples`, `example`, `default`), in that order. */
export function schemaExamples(schema: JsonObject): Json[] {
  const out: Json[] = [];
  if (Array.isArray(schema.examples)) out.push(...(schema.examples as readonly Json[]));
  if (schema.example !== undefined) out.push(schema.example);
  if (schema.default !== undefined) out.push(schema.default);
  return out;
}

/** A number keyword, or `undefined`. */
export function num(schema: JsonObject, key: string): number | undefined {
  const value = schema[key];
  return typeof value === 'number' ? value : undefined;
}

/**
 * The resource prefix of an id schema (`^ord_[A-Za-z0-9]+$` → `ord`). The contract writes every
 * id that way, which lets the runner put real ids where the server expects existing resources.
 */
export function idPrefixOf(schema: JsonObject): string | undefined {
  const pattern = schema.pattern;
  if (typeof pattern !== 'string') return undefined;
  return /^\^([a-z]+)_\[A-Za-z0-9\][+*](?:\$)?$/.exec(pattern)?.[1];
}

/** A schema `pattern` as Ajv compiles it (ECMA-262, `u` flag); a few patterns only parse without it. */
export function toRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}
