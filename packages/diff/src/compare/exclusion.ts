/**
 * @module `not`: values a schema excludes. In a request, a new or changed exclusion may refuse what
 * was accepted; in a response, a dropped one may return what a client was promised never to see.
 * Two exclusions are equal only when written the same (proving one excludes less is not attempted).
 */
import { jsonEqual } from '../model/json.ts';
import { childPointer } from '../model/json-pointer.ts';
import type { Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';
import type { Direction } from './constraints.ts';

/** Compares the `not` of two versions of a schema. */
export function compareExclusion(a: Located, b: Located, direction: Direction, out: Changes): void {
  const before = a.node.not;
  const after = b.node.not;
  if (jsonEqual(before, after)) return;
  const pa = before === undefined ? a.pointer : childPointer(a.pointer, 'not');
  const pb = after === undefined ? b.pointer : childPointer(b.pointer, 'not');
  const what = before === undefined ? 'not added' : after === undefined ? 'not removed' : 'not changed';
  if (direction === 'request') {
    emit(out, after === undefined ? 'request-constraint-relaxed' : 'request-exclusion-added', pa, pb, what);
  } else {
    emit(out, before === undefined ? 'response-exclusion-added' : 'response-exclusion-removed', pa, pb, what);
  }
}
