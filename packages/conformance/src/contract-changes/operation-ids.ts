/** @module `METHOD /path` (how regen-diff names an operation) → its operationId in a document. */
import { isObject } from '../spec/json-pointer.ts';
import type { JsonObject } from '../spec/types.ts';

/** The operationIds of a document by `METHOD /path`. */
export function operationIds(document: JsonObject): Map<string, string> {
  const ids = new Map<string, string>();
  const paths = document.paths;
  if (!isObject(paths)) return ids;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item))
      if (isObject(operation) && typeof operation.operationId === 'string')
        ids.set(`${method.toUpperCase()} ${path}`, operation.operationId);
  }
  return ids;
}
