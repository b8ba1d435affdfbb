/**
 * @module JSON Pointers (RFC 6901): every finding names its place in both documents with one.
 */
import { isObject, type Json } from './json.ts';

/** Appends one reference token, escaping `~` and `/` (RFC 6901 §3). */
export function childPointer(pointer: string, token: string | number): string {
  return `${pointer}/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** The value a pointer (`/a/b`, or a `#/a/b` fragment) designates, or undefined. */
export function resolvePointer(root: Json, pointer: string): Json | undefined {
  const path = pointer.startsWith('#') ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (path === '') return root;
  let node: Json | undefined = root;
  for (const raw of path.slice(1).split('/')) {
    const token = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}
