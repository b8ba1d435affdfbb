import { isSealed, sealedJson } from '../records/sealed.ts';

/**
 * `JSON.stringify(body)`, byte for byte, reusing the JSON each sealed record keeps: the response
 * envelopes (`{ success, data }`, a list's `{ success, data, hasMore, nextCursor }`) are written
 * around their records' JSON instead of serializing every record again. Anything else is left to
 * the native writer.
 */
export function writeJson(body: unknown): string {
  if (isSealed(body)) return sealedJson(body);
  if (!isEnvelope(body) || !holdsSealed(body)) return JSON.stringify(body);
  let out = '{';
  for (const key of Object.keys(body)) {
    const json = memberJson(body[key]);
    // What JSON.stringify leaves out of an object (undefined, functions, symbols).
    if (json === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${quotedKey(key)}${json}`;
  }
  return `${out}}`;
}

/** An envelope's few member names (`success`, `data`, …), each quoted once: `"data":`. */
const QUOTED_KEYS = new Map<string, string>();
const QUOTED_KEYS_CAP = 64;

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (QUOTED_KEYS.size < QUOTED_KEYS_CAP) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

/** A plain object literal, the shape of every envelope (no prototype of its own, no `toJSON`). */
function isEnvelope(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    !Object.hasOwn(value, 'toJSON')
  );
}

/** Whether a member of `envelope` is a sealed record or starts with one. */
function holdsSealed(envelope: Record<string, unknown>): boolean {
  for (const key in envelope) {
    const value = envelope[key];
    if (isSealed(value) || (Array.isArray(value) && isSealed(value[0]))) return true;
  }
  return false;
}

function memberJson(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null) {
    if (isSealed(value)) return sealedJson(value);
    if (Array.isArray(value) && value.length > 0 && value.every(isSealed)) {
      let out = '[';
      for (let i = 0; i < value.length; i++) out += `${i === 0 ? '' : ','}${sealedJson(value[i])}`;
      return `${out}]`;
    }
  }
  return JSON.stringify(value);
}
