/**
 * @module Response links (OpenAPI 3.1 §4.8.20): how a client gets from this response to the next
 * call. A removed or redirected link breaks clients that follow links, which few do: a warning.
 */
import { jsonEqual } from '../model/json.ts';
import { childPointer } from '../model/json-pointer.ts';
import { entries, type Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';
import { compareMetadata } from './metadata.ts';

/** What a link does; its description is documentation. */
const TARGET_KEYS = ['operationId', 'operationRef', 'parameters', 'requestBody', 'server'] as const;

/** Compares the links of two versions of one response. */
export function compareLinks(a: Located, b: Located, out: Changes): void {
  const before = entries(a, 'links');
  const after = entries(b, 'links');
  const where = (response: Located) => childPointer(response.pointer, 'links');
  for (const [name, old] of before) {
    const now = after.get(name);
    if (now === undefined) {
      emit(out, 'link-removed', old.pointer, where(b), `link ${name} removed`);
      continue;
    }
    const changed = TARGET_KEYS.filter((key) => !jsonEqual(old.node[key], now.node[key]));
    if (changed.length > 0)
      emit(out, 'link-changed', old.pointer, now.pointer, `link ${name}: ${changed.join(', ')} changed`);
    compareMetadata(old, now, out);
  }
  for (const [name, now] of after) {
    if (!before.has(name)) emit(out, 'link-added', where(a), now.pointer, `link ${name} added`);
  }
}
