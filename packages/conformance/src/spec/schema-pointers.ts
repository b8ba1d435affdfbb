/** @module Every object of a document by identity, with its JSON Pointer: where a schema Ajv names sits. */
import { joinPointer } from './json-pointer.ts';
import type { Json } from './types.ts';

/** Maps each object and array of `root` to its JSON Pointer (the first one found, root first). */
export function schemaPointers(root: Json): Map<object, string> {
  const pointers = new Map<object, string>();
  const stack: [Json, string][] = [[root, '']];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop() as [Json, string];
    if (typeof node !== 'object' || node === null || pointers.has(node)) continue;
    pointers.set(node, pointer);
    const entries: [string, Json][] = Array.isArray(node)
      ? (node as readonly Json[]).map((v, i) => [String(i), v])
      : Object.entries(node);
    for (const [key, value] of entries) stack.push([value, joinPointer(pointer, key)]);
  }
  return pointers;
}
