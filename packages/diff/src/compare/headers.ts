/**
 * @module Response headers: what a client may read besides the body (`Retry-After`, rate-limit
 * counters, `Location`). Names are case-insensitive (RFC 9110 §5.1); each header's schema is
 * compared as response data.
 */
import { childPointer } from '../model/json-pointer.ts';
import { child, entries, type Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';
import { compareMetadata } from './metadata.ts';
import type { SchemaComparer } from './schema.ts';

/** Compares the headers of two versions of one response. */
export function compareResponseHeaders(a: Located, b: Located, schemas: SchemaComparer, out: Changes): void {
  const before = byName(a);
  const after = byName(b);
  const where = (response: Located) => childPointer(response.pointer, 'headers');
  for (const [key, old] of before) {
    const now = after.get(key);
    if (now === undefined) {
      const rule =
        old.header.node.required === true ? 'response-header-removed' : 'response-optional-header-removed';
      emit(out, rule, old.header.pointer, where(b), `header ${old.name} removed`);
      continue;
    }
    if (old.header.node.required === true && now.header.node.required !== true) {
      emit(
        out,
        'response-header-became-optional',
        old.header.pointer,
        now.header.pointer,
        `header ${old.name} optional`,
      );
    }
    compareMetadata(old.header, now.header, out);
    const schemaA = child(old.header, 'schema');
    const schemaB = child(now.header, 'schema');
    if (schemaA !== undefined && schemaB !== undefined)
      out.push(...schemas.compare(schemaA, schemaB, 'response'));
  }
  for (const [key, now] of after) {
    if (!before.has(key))
      emit(out, 'response-header-added', where(a), now.header.pointer, `header ${now.name} added`);
  }
}

function byName(response: Located): Map<string, { name: string; header: Located }> {
  const out = new Map<string, { name: string; header: Located }>();
  for (const [name, header] of entries(response, 'headers')) out.set(name.toLowerCase(), { name, header });
  return out;
}
