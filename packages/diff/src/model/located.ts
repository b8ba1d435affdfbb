/**
 * @module A node of a document together with where it lives, following local `$ref`s.
 *
 * A bundled document has only local references (`#/components/...`); following one moves the
 * pointer to the component, which is how a change inside a shared schema gets one place in the
 * summary however many operations reach it.
 */

import { isObject, type JsonObject } from './json.ts';
import { childPointer, resolvePointer } from './json-pointer.ts';

/** A node and its JSON Pointer in its document. */
export interface Located {
  readonly root: JsonObject;
  readonly node: JsonObject;
  readonly pointer: string;
  /**
   * Where the node was reached from when a `$ref` there had siblings (`{$ref, description,
   * default}`), else `pointer`: two such sites share a target but not the merged node.
   */
  readonly site: string;
}

/** Follows `$ref` chains (at most 32 hops, so a reference cycle of aliases cannot loop). */
export function deref(root: JsonObject, node: JsonObject, pointer: string): Located {
  let current = node;
  let at = pointer;
  // Siblings of `$ref` (OpenAPI 3.1 allows `description` and friends next to it) override the target's.
  let siblings: JsonObject = {};
  let site: string | undefined;
  for (let hop = 0; hop < 32; hop += 1) {
    const ref = current.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#')) break;
    const { $ref: _ref, ...rest } = current;
    if (site === undefined && Object.keys(rest).length > 0) site = at;
    siblings = { ...rest, ...siblings };
    const target = resolvePointer(root, ref);
    if (!isObject(target)) break;
    current = target;
    at = decodeURIComponent(ref.slice(1));
  }
  const merged = Object.keys(siblings).length === 0 ? current : { ...current, ...siblings };
  return { root, node: merged, pointer: at, site: site ?? at };
}

/** The child at `key`, dereferenced, or undefined when it is absent or not an object. */
export function child(parent: Located, key: string): Located | undefined {
  const value = parent.node[key];
  if (!isObject(value)) return undefined;
  return deref(parent.root, value, childPointer(parent.pointer, key));
}

/** The items of an array child (`parameters`, `oneOf`, `allOf`), each dereferenced. */
export function children(parent: Located, key: string): Located[] {
  const value = parent.node[key];
  if (!Array.isArray(value)) return [];
  const base = childPointer(parent.pointer, key);
  return value.flatMap((item, index) =>
    isObject(item) ? [deref(parent.root, item, childPointer(base, index))] : [],
  );
}

/** The entries of a map child (`properties`, `content`, `responses`), each dereferenced. */
export function entries(parent: Located, key: string): Map<string, Located> {
  const map = child(parent, key);
  const out = new Map<string, Located>();
  if (map === undefined) return out;
  for (const name of Object.keys(map.node)) {
    const entry = child(map, name);
    if (entry !== undefined) out.set(name, entry);
  }
  return out;
}

/** The root of a document as a located node. */
export function located(root: JsonObject): Located {
  return { root, node: root, pointer: '', site: '' };
}
