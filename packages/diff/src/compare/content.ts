/**
 * @module Request bodies and responses: media types, statuses and the schemas under them (a
 * response's headers and links are compared in their own modules).
 */
import { childPointer } from '../model/json-pointer.ts';
import { child, entries, type Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';
import type { Direction } from './constraints.ts';
import { compareResponseHeaders } from './headers.ts';
import { compareLinks } from './links.ts';
import { compareMetadata } from './metadata.ts';
import type { SchemaComparer } from './schema.ts';

/** Compares the request bodies of two versions of an operation. */
export function compareRequestBody(a: Located, b: Located, schemas: SchemaComparer, out: Changes): void {
  const before = child(a, 'requestBody');
  const after = child(b, 'requestBody');
  if (before === undefined && after === undefined) return;
  const wasRequired = before?.node.required === true;
  const isRequired = after?.node.required === true;
  const pa = before?.pointer ?? a.pointer;
  const pb = after?.pointer ?? b.pointer;
  if (!wasRequired && isRequired) emit(out, 'request-body-became-required', pa, pb, 'request body required');
  if (wasRequired && !isRequired && after !== undefined) {
    emit(out, 'request-body-became-optional', pa, pb, 'request body optional');
  }
  if (before === undefined || after === undefined) return;
  compareMetadata(before, after, out);
  compareContent(before, after, 'request', schemas, out);
}

/** Compares the payloads of two versions of a webhook: data the API sends, so read as a response is. */
export function compareWebhookPayload(a: Located, b: Located, schemas: SchemaComparer, out: Changes): void {
  const before = child(a, 'requestBody');
  const after = child(b, 'requestBody');
  if (before === undefined || after === undefined) return;
  compareMetadata(before, after, out);
  compareContent(before, after, 'response', schemas, out);
}

/** Compares the responses of two versions of an operation, status by status. */
export function compareResponses(a: Located, b: Located, schemas: SchemaComparer, out: Changes): void {
  const before = entries(a, 'responses');
  const after = entries(b, 'responses');
  const where = (op: Located) => childPointer(op.pointer, 'responses');
  for (const [status, old] of before) {
    const now = after.get(status);
    if (now === undefined) {
      emit(out, 'response-status-removed', old.pointer, where(b), `response ${status} removed`);
      continue;
    }
    compareMetadata(old, now, out);
    compareResponseHeaders(old, now, schemas, out);
    compareLinks(old, now, out);
    compareContent(old, now, 'response', schemas, out);
  }
  for (const [status, now] of after) {
    if (!before.has(status))
      emit(out, 'response-status-added', where(a), now.pointer, `response ${status} added`);
  }
}

function compareContent(
  a: Located,
  b: Located,
  direction: Direction,
  schemas: SchemaComparer,
  out: Changes,
): void {
  const before = entries(a, 'content');
  const after = entries(b, 'content');
  const where = (at: Located) => childPointer(at.pointer, 'content');
  for (const [type, old] of before) {
    const now = after.get(type);
    if (now === undefined) {
      const rule = direction === 'request' ? 'request-media-type-removed' : 'response-media-type-removed';
      emit(out, rule, old.pointer, where(b), `media type ${type} removed`);
      continue;
    }
    compareMetadata(old, now, out);
    const schemaA = child(old, 'schema');
    const schemaB = child(now, 'schema');
    if (schemaA !== undefined && schemaB !== undefined)
      out.push(...schemas.compare(schemaA, schemaB, direction));
  }
  for (const [type, now] of after) {
    if (before.has(type)) continue;
    const rule = direction === 'request' ? 'request-media-type-added' : 'response-media-type-added';
    emit(out, rule, where(a), now.pointer, `media type ${type} added`);
  }
}
