/**
 * @module Which collections the start-up listing needs: those whose ids the selected operations
 * take (in the path, the query or the body), so a narrowed run spends no request on the rest.
 */
import { effectiveSchema, idPrefixOf } from '../generate/schema-utils.ts';
import { getAtPointer, isObject } from '../spec/json-pointer.ts';
import type { ApiSpec, Json, JsonObject, OperationSpec } from '../spec/types.ts';

/** Every id prefix a schema names anywhere (`cus` for `^cus_[A-Za-z0-9]+$`), through `$ref`s. */
function prefixesIn(document: JsonObject, node: Json, found: Set<string>, seen: Set<Json>): void {
  if (!isObject(node) && !Array.isArray(node)) return;
  if (seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) prefixesIn(document, item, found, seen);
    return;
  }
  const prefix = idPrefixOf(node);
  if (prefix) found.add(prefix);
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#')) {
    const target = getAtPointer(document, decodeURIComponent(node.$ref.slice(1)));
    if (target !== undefined) prefixesIn(document, target, found, seen);
  }
  for (const value of Object.values(node)) prefixesIn(document, value, found, seen);
}

/** The id prefixes `op`'s input may name. */
export function inputPrefixes(spec: ApiSpec, op: OperationSpec): Set<string> {
  const found = new Set<string>();
  const seen = new Set<Json>();
  for (const p of op.parameters) if (p.schema) prefixesIn(spec.document, p.schema.schema, found, seen);
  for (const media of op.requestBody?.content ?? [])
    if (media.schema) prefixesIn(spec.document, media.schema.schema, found, seen);
  return found;
}

function successSchema(op: OperationSpec): Json | undefined {
  const success = op.responses.find((r) => /^2/.test(r.status));
  return success?.content.find((m) => m.schema)?.schema?.schema;
}

/** The schema of the items of a list operation's `data` array, if it answers with one. */
function itemSchema(doc: JsonObject, schema: JsonObject | boolean): JsonObject | undefined {
  const data = effectiveSchema(doc, schema).properties;
  const dataSchema = isObject(data) ? data.data : undefined;
  if (!isObject(dataSchema)) return undefined;
  const items = effectiveSchema(doc, dataSchema).items;
  return isObject(items) ? effectiveSchema(doc, items) : undefined;
}

/**
 * The ids a listing yields: its items' own (`ord` for listOrders); for items without an id of
 * their own (inventory levels), every id they mention (`prd`: stock per product). Operations
 * answering with anything but a `data` array (health, analytics) list nothing.
 */
export function listedPrefixes(spec: ApiSpec, list: OperationSpec): Set<string> {
  const schema = successSchema(list);
  if (!isObject(schema) && typeof schema !== 'boolean') return new Set();
  const items = itemSchema(spec.document, schema);
  if (!items) return new Set();
  const props = items.properties;
  const id =
    isObject(props) && isObject(props.id) ? idPrefixOf(effectiveSchema(spec.document, props.id)) : undefined;
  if (id) return new Set([id]);
  const found = new Set<string>();
  prefixesIn(spec.document, items, found, new Set());
  return found;
}
