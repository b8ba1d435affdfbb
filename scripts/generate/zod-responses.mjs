/**
 * @module Generates `responseSchemas`: operationId → the zod schema of its JSON success body.
 *
 * hey-api names an operation's response alias `z<OperationId>Response`, adding a numeric suffix
 * when a component already owns that name (`zLoginResponse2`); a map keyed by operationId spares
 * consumers from guessing. Named bodies map to the component's schema (`zLoginResponse`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withHeader } from './header.mjs';
import { deref, walkOperations } from './walk-operations.mjs';

const SCHEMA_PREFIX = '#/components/schemas/';

export async function generateZodResponses(doc, outDir) {
  const zodSource = await readFile(path.join(outDir, 'zod.gen.ts'), 'utf8');
  const exported = new Set([...zodSource.matchAll(/^export const (z\w+) =/gm)].map((m) => m[1]));
  const entries = [];
  for (const { operation } of walkOperations(doc)) {
    const id = operation.operationId;
    const success = Object.keys(operation.responses ?? {})
      .filter((s) => /^2\d\d$/.test(s))
      .sort();
    const json = success
      .map((s) => deref(doc, operation.responses[s]).content?.['application/json'])
      .find((media) => media?.schema);
    if (!json) continue;
    const ref = json.schema.$ref;
    const name =
      typeof ref === 'string' && ref.startsWith(SCHEMA_PREFIX)
        ? `z${ref.slice(SCHEMA_PREFIX.length)}`
        : `z${id[0].toUpperCase()}${id.slice(1)}Response`;
    if (!exported.has(name)) throw new Error(`zod output has no ${name} for ${id}`);
    const status = success.find((s) => deref(doc, operation.responses[s]).content?.['application/json']);
    entries.push([id, name, status]);
  }
  const names = [...new Set(entries.map(([, name]) => name))].sort();
  const source = `import { ${names.join(', ')} } from './zod.gen.ts';

/** The zod schema of each operation's JSON success body, keyed by operationId. */
export const responseSchemas = {
${entries.map(([id, name, status]) => `  /** The ${status} body of \`${id}\`. */\n  ${id}: ${name},`).join('\n')}
} as const;
`;
  const file = path.join(outDir, 'zod-responses.ts');
  await writeFile(file, withHeader(source));
  return [file];
}
