/**
 * @module Callbacks (OpenAPI 3.1 §4.8.18): requests the API makes to the client after an operation.
 * Like a webhook, their payload is data the API sends, so it is compared as a response is; a removed
 * callback is a notification a client relied on that no longer comes.
 */
import { childPointer } from '../model/json-pointer.ts';
import { child, entries, type Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';
import { compareWebhookPayload } from './content.ts';
import type { SchemaComparer } from './schema.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Compares the callbacks of two versions of an operation, by name, expression and method. */
export function compareCallbacks(a: Located, b: Located, schemas: SchemaComparer, out: Changes): void {
  const before = requestsOf(a);
  const after = requestsOf(b);
  const where = (operation: Located) => childPointer(operation.pointer, 'callbacks');
  for (const [key, old] of before) {
    const now = after.get(key);
    if (now === undefined) emit(out, 'callback-removed', old.pointer, where(b), `callback ${key} removed`);
    else compareWebhookPayload(old, now, schemas, out);
  }
  for (const [key, now] of after) {
    if (!before.has(key)) emit(out, 'callback-added', where(a), now.pointer, `callback ${key} added`);
  }
}

/** `name expression METHOD` → the callback request. */
function requestsOf(operation: Located): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const [name, callback] of entries(operation, 'callbacks')) {
    for (const expression of Object.keys(callback.node)) {
      const item = child(callback, expression);
      if (item === undefined) continue;
      for (const method of METHODS) {
        const request = child(item, method);
        if (request !== undefined) out.set(`${name} ${expression} ${method.toUpperCase()}`, request);
      }
    }
  }
  return out;
}
