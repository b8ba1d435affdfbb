/**
 * @module Discriminators: the property whose value names the `oneOf` alternative, and the mapping
 * from values to schemas. Generated clients switch on the value (responses) or set it (requests).
 */
import { isObject, type JsonObject } from '../model/json.ts';
import { childPointer } from '../model/json-pointer.ts';
import { child, type Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';
import type { Direction } from './constraints.ts';

/** Compares the discriminators of two versions of a schema. */
export function compareDiscriminator(a: Located, b: Located, direction: Direction, out: Changes): void {
  const before = child(a, 'discriminator');
  const after = child(b, 'discriminator');
  if (before === undefined || after === undefined) return;
  if (before.node.propertyName !== after.node.propertyName) {
    emit(
      out,
      'discriminator-property-changed',
      childPointer(before.pointer, 'propertyName'),
      childPointer(after.pointer, 'propertyName'),
      `discriminator ${String(before.node.propertyName)} → ${String(after.node.propertyName)}`,
    );
    return; // every value now sits in another property: the mapping's changes say nothing more
  }
  const was = mappingOf(before.node);
  const now = mappingOf(after.node);
  const where = (at: Located) => childPointer(at.pointer, 'mapping');
  for (const [value, target] of was) {
    const next = now.get(value);
    if (next === undefined) {
      const rule =
        direction === 'request'
          ? 'request-discriminator-value-removed'
          : 'response-discriminator-value-removed';
      emit(
        out,
        rule,
        childPointer(where(before), value),
        where(after),
        `discriminator value ${value} removed`,
      );
    } else if (next !== target) {
      emit(
        out,
        'discriminator-mapping-changed',
        childPointer(where(before), value),
        childPointer(where(after), value),
        `discriminator value ${value}: ${target} → ${next}`,
      );
    }
  }
  for (const value of now.keys()) {
    if (was.has(value)) continue;
    const rule =
      direction === 'request' ? 'request-discriminator-value-added' : 'response-discriminator-value-added';
    emit(out, rule, where(before), childPointer(where(after), value), `discriminator value ${value} added`);
  }
}

function mappingOf(discriminator: JsonObject): Map<string, string> {
  const mapping = discriminator.mapping;
  const out = new Map<string, string>();
  if (!isObject(mapping)) return out;
  for (const [value, target] of Object.entries(mapping))
    if (typeof target === 'string') out.set(value, target);
  return out;
}
