/** @module Reads an OpenAPI document (JSON or YAML) from disk; by default the bundled contract. */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import { isObject } from './json-pointer.ts';
import type { JsonObject } from './types.ts';

/**
 * Path of the contract bundled with `@regen/contract`, the document the runner checks
 * against unless `--spec` names another one.
 */
export function bundledSpecPath(): string {
  return createRequire(import.meta.url).resolve('@regen/contract/openapi.json');
}

/** Reads and parses a document; YAML is accepted for `.yaml` / `.yml` files. */
export async function loadDocument(path: string): Promise<JsonObject> {
  const text = await readFile(path, 'utf8');
  const parsed: unknown = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  if (!isObject(parsed) || typeof parsed.openapi !== 'string') {
    throw new Error(`${path} is not an OpenAPI document (no "openapi" field)`);
  }
  if (!parsed.openapi.startsWith('3.1')) {
    // 3.0 differs in schema keywords (`nullable`, boolean `exclusiveMinimum`) the runner does not translate.
    throw new Error(`${path} is OpenAPI ${parsed.openapi}; the runner reads OpenAPI 3.1 documents`);
  }
  return parsed;
}
