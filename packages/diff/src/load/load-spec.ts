/**
 * @module Turns an argument (a file, a URL, or a git `REVISION:path`) into one bundled OpenAPI
 * document, or an InputError.
 *
 * Bundling is @redocly/openapi-core's, the engine that bundles `openapi/` into
 * `packages/contract/openapi.json`: a multi-file contract gets the same `#/components/...`
 * pointers as the published bundle, so findings point at the same places in both.
 */
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { JsonObject } from '../model/json.ts';
import { assertRefsResolve, hasExternalRefs, parseOpenApi } from './check-openapi.ts';
import { checkoutFromGit } from './from-git.ts';
import { readUrl } from './from-url.ts';
import { InputError } from './input-error.ts';

/** Where an argument points. */
export type InputKind = 'url' | 'git' | 'file';

/** Tells a URL, a git `REVISION:path` and a file apart (a file that exists wins over a git reading). */
export function inputKind(argument: string, cwd: string): InputKind {
  if (/^https?:\/\//i.test(argument)) return 'url';
  // `C:\…` is a Windows drive, not a one-letter revision.
  if (/^[^:]{2,}:.+/.test(argument) && !existsSync(path.resolve(cwd, argument))) return 'git';
  return 'file';
}

/** Loads, checks and bundles one input. */
export async function loadSpec(argument: string, cwd: string = process.cwd()): Promise<JsonObject> {
  const kind = inputKind(argument, cwd);
  if (kind === 'url') return bundle(await readUrl(argument), argument);
  if (kind === 'git') {
    const at = argument.indexOf(':');
    const checkout = await checkoutFromGit(argument.slice(0, at), argument.slice(at + 1), cwd);
    try {
      return await bundle(await readFile(checkout.file, 'utf8'), checkout.file);
    } finally {
      await rm(checkout.dir, { recursive: true, force: true });
    }
  }
  const file = path.resolve(cwd, argument);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(error)})`);
  }
  return bundle(text, file);
}

async function bundle(text: string, absoluteRef: string): Promise<JsonObject> {
  const document = parseOpenApi(text);
  assertRefsResolve(document, true);
  // Already one document (a published bundle, a server's /openapi.json): nothing to bundle, and not
  // loading the bundler at all saves a third of a second per run.
  if (!hasExternalRefs(document)) return document;
  const { bundleFromString, createConfig } = await import('@redocly/openapi-core');
  const config = await createConfig({});
  const result = await bundleFromString({ source: text, absoluteRef, config });
  const problem = result.problems.find((item) => item.severity === 'error');
  if (problem !== undefined) {
    const where = problem.location[0]?.pointer ?? '';
    throw new InputError(
      `${problem.message.split('\n')[0] ?? 'cannot bundle'}${where === '' ? '' : ` (at ${where})`}`,
    );
  }
  const parsed = result.bundle.parsed as JsonObject;
  assertRefsResolve(parsed, false);
  return parsed;
}
