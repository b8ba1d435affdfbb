/**
 * @module Reads the contract the server serves and compares the checked one with it, through
 * `@regen/diff` (loaded only when a run compares: a plain run never pays for it).
 */
import type { JsonObject as DiffDocument } from '@regen/diff';
import type { ApiSpec, JsonObject } from '../spec/types.ts';
import type { ContractDiff } from './attribute.ts';

/** The server's contract and the comparison, or why there is none. */
export type ServedContract =
  | { readonly ok: true; readonly source: string; readonly document: JsonObject; readonly diff: ContractDiff }
  | { readonly ok: false; readonly source: string; readonly reason: string };

/** Where the server's contract is read from: `--server-spec`, else the server's `/openapi.json`. */
export function servedSource(baseUrl: string, serverSpec: string | undefined): string {
  return serverSpec ?? `${baseUrl.replace(/\/+$/, '')}/openapi.json`;
}

/**
 * Loads `source` (a file, a URL or a git `REVISION:path`, as `regen-diff` takes them) and
 * compares `checked` with it: `checked` is the old version, the one the run is a client of.
 * Never throws: a server without `/openapi.json` still gets its run, without attribution.
 */
export async function compareWithServed(checked: ApiSpec, source: string): Promise<ServedContract> {
  try {
    const { diffSpecs, loadSpec } = await import('@regen/diff');
    const document = await loadSpec(source);
    // The runner's document type is the read-only view of the same JSON.
    const diff = diffSpecs(checked.document as DiffDocument, document);
    return { ok: true, source, document: document as JsonObject, diff };
  } catch (error) {
    return { ok: false, source, reason: error instanceof Error ? error.message : String(error) };
  }
}
