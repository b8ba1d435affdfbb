/**
 * @module Where a broken rule sits in each version of the contract, in the terms regen-diff
 * uses for its pointers: a property by its schema (`$ref`s followed), a keyword by itself.
 */
import { getAtPointer } from '../spec/json-pointer.ts';
import { deref } from '../spec/resolve.ts';
import type { JsonObject } from '../spec/types.ts';
import type { FailureLocation } from '../support/verdict.ts';

/** The pointers a change may carry, in the checked contract (`old`) and the server's (`new`), to be about `location`. */
export interface Places {
  readonly old: ReadonlySet<string>;
  readonly new: ReadonlySet<string>;
}

/** `pointer`, and where its `$ref`s lead, when `document` has it. */
function resolved(document: JsonObject, pointer: string): string[] {
  const node = getAtPointer(document, pointer);
  if (node === undefined) return [pointer];
  try {
    return [...new Set([pointer, deref(document, node, pointer).pointer])];
  } catch {
    return [pointer];
  }
}

/**
 * regen-diff points at a removed or added property by its schema on the side that has it, and
 * at a property made optional by the schema's `required`; a keyword (type, enum, a limit) it
 * points at directly. A missing required property is therefore also about `…/required`.
 */
export function placesOf(
  location: FailureLocation,
  documents: { readonly checked: JsonObject; readonly served: JsonObject },
): Places {
  const extra: string[] = [];
  const property = /^(.*)\/properties\/[^/]+$/.exec(location.pointer);
  if (location.keyword === 'required' && property?.[1] !== undefined) extra.push(`${property[1]}/required`);
  return {
    old: new Set([...resolved(documents.checked, location.pointer), ...extra]),
    new: new Set([...resolved(documents.served, location.pointer), ...extra]),
  };
}
