/** @module Generates zod (v4) schemas with @hey-api/openapi-ts, then marks the output as generated. */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createClient } from '@hey-api/openapi-ts';
import { withHeader } from './header.mjs';
import { documentZod } from './type-docs.mjs';

export async function generateZod(bundlePath, outDir) {
  const tmp = path.join(outDir, '.zod-tmp');
  await createClient({
    input: bundlePath,
    output: { path: tmp },
    plugins: [{ name: 'zod', dates: { offset: true } }],
    logs: { level: 'silent', file: false },
  });
  const source = await readFile(path.join(tmp, 'zod.gen.ts'), 'utf8');
  const others = (await readdir(tmp)).filter((f) => f !== 'zod.gen.ts');
  if (others.length > 0) throw new Error(`unexpected hey-api output: ${others.join(', ')}`);
  await rm(tmp, { recursive: true, force: true });
  const file = path.join(outDir, 'zod.gen.ts');
  const doc = JSON.parse(await readFile(bundlePath, 'utf8'));
  // Every schema and field documented (TypeDoc reference), in the contract's words.
  const documented = documentZod(source.replace(/^\/\/ This file is auto-generated[^\n]*\n/, ''), doc);
  await writeFile(file, withHeader(documented));
  return [file];
}
