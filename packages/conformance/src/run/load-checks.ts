/**
 * @module Checks loaded at run time (`--check-module`, `checkModules`): ES modules whose exports
 * (named or default, or arrays of them) were made by `defineCheck`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Check, isCheck } from '../checks/api.ts';

/** Imports each module (a path, relative to `cwd`, or a `file:` URL) and returns the checks it exports. */
export async function loadCheckModules(modules: readonly string[], cwd = process.cwd()): Promise<Check[]> {
  const checks: Check[] = [];
  for (const module of modules) {
    const url = module.startsWith('file:') ? module : pathToFileURL(path.resolve(cwd, module)).href;
    const exported: Record<string, unknown> = await import(url);
    const found = Object.values(exported)
      .flatMap((value) => (Array.isArray(value) ? value : [value]))
      .filter(isCheck);
    if (found.length === 0)
      throw new Error(`check module ${module} exports no check (make one with defineCheck)`);
    // A check exported twice (named and default) is still one check.
    for (const check of found) if (!checks.includes(check)) checks.push(check);
  }
  return checks;
}
