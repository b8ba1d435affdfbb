/**
 * @module The value-level rules: types, enums, formats, patterns, lengths, ranges and defaults.
 *
 * Direction decides the level: a request schema that accepts less breaks clients that send what
 * it used to accept; a response schema that can return more (a new type, null, an enum value)
 * breaks clients that parse what it used to return.
 */

import { type Json, jsonEqual } from '../model/json.ts';
import { childPointer } from '../model/json-pointer.ts';
import type { Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';
import { type SchemaView, typeCovered } from './schema-view.ts';

/** Which way data flows through a schema. */
export type Direction = 'request' | 'response';

/** Compares the type sets (null included). */
export function compareTypes(a: SchemaView, b: SchemaView, direction: Direction, out: Changes): void {
  const before = a.types;
  const after = b.types;
  const at = (view: SchemaView) => pointerOf(view.at, 'type');
  if (direction === 'request') {
    if (after === undefined) {
      if (before !== undefined) emit(out, 'request-type-widened', at(a), at(b), `type ${list(before)} → any`);
      return;
    }
    if (before === undefined || [...before].some((type) => !typeCovered(type, after))) {
      emit(out, 'request-type-narrowed', at(a), at(b), `type ${list(before)} → ${list(after)}`);
    } else if ([...after].some((type) => !typeCovered(type, before))) {
      emit(out, 'request-type-widened', at(a), at(b), `type ${list(before)} → ${list(after)}`);
    }
    return;
  }
  if (after === undefined || before === undefined) {
    if (after === undefined && before !== undefined) {
      emit(out, 'response-type-changed', at(a), at(b), `type ${list(before)} → any`);
    }
    return;
  }
  if (!before.has('null') && after.has('null')) {
    emit(out, 'response-property-became-nullable', at(a), at(b), `type ${list(before)} → ${list(after)}`);
  }
  const added = [...after].filter((type) => type !== 'null' && !typeCovered(type, before));
  if (added.length > 0)
    emit(out, 'response-type-changed', at(a), at(b), `type ${list(before)} → ${list(after)}`);
}

/** Compares `enum` (and `const`, an enum of one). */
export function compareEnums(a: Located, b: Located, direction: Direction, out: Changes): void {
  const before = enumOf(a);
  const after = enumOf(b);
  if (before === undefined && after === undefined) return;
  const pa = pointerOf(a, 'enum' in a.node ? 'enum' : 'const');
  const pb = pointerOf(b, 'enum' in b.node ? 'enum' : 'const');
  const removed = before && after ? before.filter((value) => !after.some((x) => jsonEqual(x, value))) : [];
  const added = before && after ? after.filter((value) => !before.some((x) => jsonEqual(x, value))) : [];
  if (direction === 'request') {
    if (before === undefined) emit(out, 'request-enum-narrowed', pa, pb, `enum added: ${show(after)}`);
    else if (removed.length > 0)
      emit(out, 'request-enum-narrowed', pa, pb, `enum values removed: ${show(removed)}`);
    if (after === undefined) emit(out, 'request-enum-widened', pa, pb, 'enum removed');
    else if (added.length > 0) {
      emit(out, 'request-enum-widened', pa, pb, `enum values added: ${show(added)}`);
    }
    return;
  }
  if (after === undefined) emit(out, 'response-enum-widened', pa, pb, 'enum removed');
  else if (added.length > 0) {
    emit(out, 'response-enum-widened', pa, pb, `enum values added: ${show(added)}`);
  }
  if (removed.length > 0) {
    emit(out, 'response-enum-narrowed', pa, pb, `enum values removed: ${show(removed)}`);
  }
}

const EXACT = [
  ['format', 'request-format-narrowed'],
  ['pattern', 'request-pattern-narrowed'],
] as const;
/** Lower bounds (raising one narrows) and upper bounds (lowering one narrows). */
const BOUNDS = [
  ['minLength', 'min', 'request-length-narrowed'],
  ['maxLength', 'max', 'request-length-narrowed'],
  ['minItems', 'min', 'request-length-narrowed'],
  ['maxItems', 'max', 'request-length-narrowed'],
  ['minProperties', 'min', 'request-length-narrowed'],
  ['maxProperties', 'max', 'request-length-narrowed'],
  ['minimum', 'min', 'request-range-narrowed'],
  ['exclusiveMinimum', 'min', 'request-range-narrowed'],
  ['maximum', 'max', 'request-range-narrowed'],
  ['exclusiveMaximum', 'max', 'request-range-narrowed'],
] as const;

/** Request-side constraints: anything that rejects a value it used to accept breaks the sender. */
export function compareRequestConstraints(a: Located, b: Located, out: Changes): void {
  for (const [key, rule] of EXACT) {
    const before = a.node[key];
    const after = b.node[key];
    if (jsonEqual(before, after)) continue;
    const detail = `${key} ${show(before)} → ${show(after)}`;
    emit(
      out,
      after === undefined ? 'request-constraint-relaxed' : rule,
      pointerOf(a, key),
      pointerOf(b, key),
      detail,
    );
  }
  for (const [key, side, rule] of BOUNDS) {
    const before = a.node[key];
    const after = b.node[key];
    // OpenAPI 3.0's boolean exclusiveMinimum/Maximum modify the bound; only 3.1's numbers compare here.
    if (jsonEqual(before, after) || typeof before === 'boolean' || typeof after === 'boolean') continue;
    const detail = `${key} ${show(before)} → ${show(after)}`;
    const tighter =
      typeof after === 'number' &&
      (typeof before !== 'number' || (side === 'min' ? after > before : after < before));
    emit(out, tighter ? rule : 'request-constraint-relaxed', pointerOf(a, key), pointerOf(b, key), detail);
  }
}

/** A changed or removed default changes what the server assumes for an omitted value. */
export function compareDefaults(a: Located, b: Located, out: Changes): void {
  if (!('default' in a.node) || jsonEqual(a.node.default, b.node.default)) return;
  emit(
    out,
    'default-changed',
    pointerOf(a, 'default'),
    pointerOf(b, 'default'),
    `default ${show(a.node.default)} → ${show(b.node.default)}`,
  );
}

function enumOf(at: Located): Json[] | undefined {
  if (Array.isArray(at.node.enum)) return at.node.enum;
  if ('const' in at.node) return [at.node.const ?? null];
  return undefined;
}

/** The pointer of `key` when the node has it, else of the node itself. */
export function pointerOf(at: Located, key: string): string {
  return key in at.node ? childPointer(at.pointer, key) : at.pointer;
}

function list(types: Set<string> | undefined): string {
  return types === undefined ? 'any' : [...types].join('|');
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
