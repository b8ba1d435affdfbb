/**
 * @module Documentation-only changes: summaries, descriptions and examples. They never change
 * what a client may send or receive, so they are always non-breaking, but a reviewer wants them listed.
 */

import { jsonEqual } from '../model/json.ts';
import { childPointer } from '../model/json-pointer.ts';
import type { Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';

const TEXT_KEYS = ['summary', 'description'] as const;
const EXAMPLE_KEYS = ['example', 'examples'] as const;

/** Emits `description-changed` and `example-changed` for the node's own documentation fields. */
export function compareMetadata(a: Located, b: Located, out: Changes): void {
  for (const key of TEXT_KEYS) {
    if (!jsonEqual(a.node[key], b.node[key])) {
      emit(
        out,
        'description-changed',
        pointerIf(a, key),
        pointerIf(b, key),
        `${key} ${describeEdit(a.node[key], b.node[key])}`,
      );
    }
  }
  for (const key of EXAMPLE_KEYS) {
    if (!jsonEqual(a.node[key], b.node[key])) {
      emit(
        out,
        'example-changed',
        pointerIf(a, key),
        pointerIf(b, key),
        `${key} ${describeEdit(a.node[key], b.node[key])}`,
      );
    }
  }
}

function pointerIf(at: Located, key: string): string | null {
  return key in at.node ? childPointer(at.pointer, key) : at.pointer;
}

function describeEdit(before: unknown, after: unknown): string {
  if (before === undefined) return 'added';
  if (after === undefined) return 'removed';
  return 'changed';
}
