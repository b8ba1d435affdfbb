/**
 * @module Security requirements (OpenAPI 3.1 §4.8.30): a list of alternatives, each a set of
 * schemes with the scopes it needs. A client holds a credential for some alternative; a change
 * breaks it when that alternative now needs more.
 */

import { isObject, type Json, stringsAt } from '../model/json.ts';
import { childPointer } from '../model/json-pointer.ts';
import type { Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';

type Alternative = Map<string, Set<string>>;

/** Compares the effective security of two versions of an operation. */
export function compareSecurity(a: Located, b: Located, out: Changes): void {
  const before = requirements(a);
  const after = requirements(b);
  const pa = pointer(a);
  const pb = pointer(b);
  const open = (alternatives: Alternative[]) =>
    alternatives.length === 0 || alternatives.some((alt) => alt.size === 0);
  if (open(before) && !open(after)) {
    emit(out, 'security-requirement-added', pa, pb, 'credentials now required');
    return;
  }
  for (const now of after) {
    const old = before.find((alt) => sameSchemes(alt, now));
    if (old === undefined) continue;
    for (const [scheme, scopes] of now) {
      const had = old.get(scheme) ?? new Set<string>();
      const added = [...scopes].filter((scope) => !had.has(scope));
      const removed = [...had].filter((scope) => !scopes.has(scope));
      if (added.length > 0) emit(out, 'security-scope-added', pa, pb, `${scheme} needs ${added.join(', ')}`);
      if (removed.length > 0) {
        emit(out, 'security-scope-removed', pa, pb, `${scheme} no longer needs ${removed.join(', ')}`);
      }
    }
  }
}

/** The operation's own `security`, else the document's. */
function requirements(operation: Located): Alternative[] {
  const own = operation.node.security;
  const list: Json | undefined = Array.isArray(own) ? own : operation.root.security;
  if (!Array.isArray(list)) return [];
  return list
    .filter(isObject)
    .map(
      (alt) =>
        new Map(
          Object.keys(alt).map((scheme): [string, Set<string>] => [scheme, new Set(stringsAt(alt, scheme))]),
        ),
    );
}

function pointer(operation: Located): string {
  return Array.isArray(operation.node.security) ? childPointer(operation.pointer, 'security') : '/security';
}

function sameSchemes(a: Alternative, b: Alternative): boolean {
  return a.size === b.size && [...a.keys()].every((scheme) => b.has(scheme));
}
