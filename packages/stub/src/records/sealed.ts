/**
 * Sealed records: deeply frozen objects that can never change again. A collection that seals its
 * records replaces a record on every write instead of changing it, so anything worked out from a
 * sealed record once — that it matches its schema, its JSON — stays true for as long as the record
 * lives, and is kept beside it instead of being worked out on every response.
 */

const SEALED = new WeakSet<object>();
const JSON_OF = new WeakMap<object, string>();

/** Deeply freezes `record` and marks it sealed; returns it. */
export function seal<T>(record: T): T {
  if (typeof record === 'object' && record !== null && !SEALED.has(record)) {
    freezeDeep(record);
    SEALED.add(record);
  }
  return record;
}

/** Whether `value` is a sealed record (so it, and everything in it, is frozen for good). */
export function isSealed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && SEALED.has(value);
}

/** `JSON.stringify(record)` of a sealed record, written once per record. */
export function sealedJson(record: unknown): string {
  let json = JSON_OF.get(record as object);
  if (json === undefined) {
    json = JSON.stringify(record);
    JSON_OF.set(record as object, json);
  }
  return json;
}

function freezeDeep(value: object): void {
  for (const key of Object.keys(value)) {
    const inner = (value as Record<string, unknown>)[key];
    if (typeof inner === 'object' && inner !== null && !SEALED.has(inner)) freezeDeep(inner);
  }
  Object.freeze(value);
}
