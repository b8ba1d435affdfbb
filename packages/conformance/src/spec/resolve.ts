/** @module Follows local `$ref`s of a bundled document, keeping track of where the target lives. */
import { getAtPointer, isObject } from './json-pointer.ts';
import type { Json, JsonObject } from './types.ts';

/** A node and its JSON Pointer from the document root. */
export interface Located<T extends Json = Json> {
  readonly node: T;
  readonly pointer: string;
}

/**
 * Follows `$ref` chains (only local `#/…` references: the runner reads bundled documents).
 * Returns the target and its pointer; throws on a dangling or external reference.
 */
export function deref(document: JsonObject, node: Json, pointer: string): Located {
  let current: Located = { node, pointer };
  const seen = new Set<string>();
  while (isObject(current.node) && typeof current.node.$ref === 'string') {
    const ref = current.node.$ref;
    if (!ref.startsWith('#'))
      throw new Error(`external $ref ${ref} at ${current.pointer}: bundle the document first`);
    const target = decodeURIComponent(ref.slice(1));
    if (seen.has(target)) throw new Error(`circular $ref ${ref} at ${current.pointer}`);
    seen.add(target);
    const resolved = getAtPointer(document, target);
    if (resolved === undefined) throw new Error(`dangling $ref ${ref} at ${current.pointer}`);
    current = { node: resolved, pointer: target };
  }
  return current;
}

/** Like {@link deref}, for a node that must be an object. */
export function derefObject(
  document: JsonObject,
  node: Json,
  pointer: string,
): Located<JsonObject> | undefined {
  const located = deref(document, node, pointer);
  return isObject(located.node) ? { node: located.node, pointer: located.pointer } : undefined;
}
