/**
 * @module Walks the operations of both documents, matches them by method and path template, and
 * compares each pair. Paths match with parameter names erased (`/orders/{id}` = `/orders/{orderId}`).
 *
 * Webhooks (OpenAPI 3.1 `webhooks`) are walked too, labelled `WEBHOOK <name>`: their payload is
 * data the API sends, so it is compared as a response is (a removed payload property breaks the
 * receiver), as are the payloads of an operation's callbacks. Their header parameters and the
 * receiver's answers are not compared yet.
 */

import type { JsonObject } from '../model/json.ts';
import { childPointer } from '../model/json-pointer.ts';
import { child, type Located, located } from '../model/located.ts';
import { compareCallbacks } from './callbacks.ts';
import { type Changes, emit } from './change.ts';
import { compareRequestBody, compareResponses, compareWebhookPayload } from './content.ts';
import { compareMetadata } from './metadata.ts';
import { compareParameters } from './parameters.ts';
import { SchemaComparer } from './schema.ts';
import { compareSecurity } from './security.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation of a document. */
interface Operation {
  readonly label: string;
  readonly template: string;
  readonly path: Located;
  readonly operation: Located;
  readonly webhook: boolean;
}

/** The changes of one operation, labelled `METHOD /path`. */
export interface OperationChanges {
  readonly operation: string;
  readonly changes: Changes;
}

/** Compares every operation of `oldDoc` with its counterpart in `newDoc`. */
export function compareOperations(oldDoc: JsonObject, newDoc: JsonObject): OperationChanges[] {
  const before = operationsOf(oldDoc);
  const after = operationsOf(newDoc);
  const schemas = new SchemaComparer();
  const results: OperationChanges[] = [];
  for (const [key, old] of before) {
    const now = after.get(key);
    const changes: Changes = [];
    if (now === undefined) {
      const rule =
        old.operation.node.deprecated === true ? 'operation-removed-after-deprecation' : 'operation-removed';
      emit(changes, rule, old.operation.pointer, null, `${old.label} removed`);
    } else {
      compareOperation(old, now, schemas, changes);
    }
    results.push({ operation: (now ?? old).label, changes });
  }
  for (const [key, now] of after) {
    if (before.has(key)) continue;
    const changes: Changes = [];
    emit(changes, 'operation-added', null, now.operation.pointer, `${now.label} added`);
    results.push({ operation: now.label, changes });
  }
  return results.filter((result) => result.changes.length > 0);
}

function compareOperation(a: Operation, b: Operation, schemas: SchemaComparer, out: Changes): void {
  if (a.operation.node.deprecated !== true && b.operation.node.deprecated === true) {
    emit(
      out,
      'operation-deprecated',
      a.operation.pointer,
      childPointer(b.operation.pointer, 'deprecated'),
      `${b.label} deprecated`,
    );
  }
  compareMetadata(a.operation, b.operation, out);
  if (a.webhook) {
    compareWebhookPayload(a.operation, b.operation, schemas, out);
    return;
  }
  compareSecurity(a.operation, b.operation, out);
  compareParameters(a, b, schemas, out);
  compareRequestBody(a.operation, b.operation, schemas, out);
  compareResponses(a.operation, b.operation, schemas, out);
  compareCallbacks(a.operation, b.operation, schemas, out);
}

function operationsOf(doc: JsonObject): Map<string, Operation> {
  const out = new Map<string, Operation>();
  for (const webhook of [false, true]) {
    const items = child(located(doc), webhook ? 'webhooks' : 'paths');
    if (items === undefined) continue;
    for (const template of Object.keys(items.node)) {
      const path = child(items, template);
      if (path === undefined) continue;
      for (const method of METHODS) {
        const operation = child(path, method);
        if (operation === undefined) continue;
        const label = webhook ? `WEBHOOK ${template}` : `${method.toUpperCase()} ${template}`;
        const key = webhook
          ? `webhook ${template} ${method}`
          : `${method} ${template.replaceAll(/\{[^}]*\}/g, '{}')}`;
        out.set(key, { label, template, path, operation, webhook });
      }
    }
  }
  return out;
}
