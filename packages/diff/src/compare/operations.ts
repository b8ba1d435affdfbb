/**
 * @module Walks the operations of both documents, matches them by method and path template, and
 * compares each pair. Paths match with parameter names erased (`/orders/{id}` = `/orders/{orderId}`).
 */
import { childPointer } from '../model/json-pointer.ts';
import { child, type Located, located } from '../model/located.ts';
import type { JsonObject } from '../model/json.ts';
import { type Changes, emit } from './change.ts';
import { compareRequestBody, compareResponses } from './content.ts';
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
      const rule = old.operation.node.deprecated === true ? 'operation-removed-after-deprecation' : 'operation-removed';
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
    emit(out, 'operation-deprecated', a.operation.pointer, childPointer(b.operation.pointer, 'deprecated'), `${b.label} deprecated`);
  }
  compareMetadata(a.operation, b.operation, out);
  compareSecurity(a.operation, b.operation, out);
  compareParameters(a, b, schemas, out);
  compareRequestBody(a.operation, b.operation, schemas, out);
  compareResponses(a.operation, b.operation, schemas, out);
}

function operationsOf(doc: JsonObject): Map<string, Operation> {
  const out = new Map<string, Operation>();
  const paths = child(located(doc), 'paths');
  if (paths === undefined) return out;
  for (const template of Object.keys(paths.node)) {
    const path = child(paths, template);
    if (path === undefined) continue;
    for (const method of METHODS) {
      const operation = child(path, method);
      if (operation === undefined) continue;
      const label = `${method.toUpperCase()} ${template}`;
      out.set(`${method} ${template.replaceAll(/\{[^}]*\}/g, '{}')}`, { label, template, path, operation });
    }
  }
  return out;
}
