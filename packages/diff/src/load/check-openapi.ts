/** @module Refuses what regen-diff cannot compare, with a sentence that says why. */
import { parse } from 'yaml';
import { isObject, type Json, type JsonObject } from '../model/json.ts';
import { childPointer, resolvePointer } from '../model/json-pointer.ts';
import { InputError } from './input-error.ts';

/** Parses YAML or JSON text (JSON is YAML 1.2) and checks it is an OpenAPI 3.x document. */
export function parseOpenApi(text: string): JsonObject {
  let value: unknown;
  try {
    // JSON.parse is ten times faster than a YAML parser on a 300 kB bundle; YAML is the fallback.
    value = /^\s*\{/.test(text) ? parseJsonOrYaml(text) : parse(text, { prettyErrors: false });
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new InputError(`not YAML or JSON (${message})`);
  }
  if (!isObject(value)) throw new InputError('not an OpenAPI document (not a YAML or JSON object)');
  if (typeof value.swagger === 'string') {
    throw new InputError(`a Swagger ${value.swagger} document: regen-diff compares OpenAPI 3.x only`);
  }
  if (typeof value.openapi !== 'string' || !value.openapi.startsWith('3.')) {
    throw new InputError('not an OpenAPI 3.x document (no `openapi: 3.x` field)');
  }
  return value;
}

function parseJsonOrYaml(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return parse(text, { prettyErrors: false }); // flow-style YAML also starts with `{`
  }
}

/** True when some `$ref` points outside the document (another file or a URL). */
export function hasExternalRefs(root: JsonObject): boolean {
  const stack: Json[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) stack.push(...node);
    else if (isObject(node)) {
      if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) return true;
      stack.push(...Object.values(node));
    }
  }
  return false;
}

/**
 * Every local `$ref` must lead somewhere; after bundling (`external: false`) no other kind may remain.
 * Run before bundling too, so a broken local reference is named by its target.
 */
export function assertRefsResolve(root: JsonObject, external: boolean): void {
  const stack: Array<[Json, string]> = [[root, '']];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, pointer] = next;
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) stack.push([item, childPointer(pointer, index)]);
    }
    if (!isObject(node)) continue;
    const ref = node.$ref;
    const local = typeof ref === 'string' && ref.startsWith('#');
    if (typeof ref === 'string' && (local ? resolvePointer(root, ref) === undefined : !external)) {
      throw new InputError(`broken $ref "${ref}" at #${pointer}`);
    }
    for (const [key, value] of Object.entries(node)) stack.push([value, childPointer(pointer, key)]);
  }
}
