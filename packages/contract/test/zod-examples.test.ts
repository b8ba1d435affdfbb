import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import * as schemas from '../src/zod.ts';

interface Media {
  examples?: Record<string, { value?: unknown }>;
}
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, Media>; $ref?: string }>;
  requestBody?: { content?: Record<string, Media> };
}

const doc = JSON.parse(await readFile(new URL('../openapi.json', import.meta.url), 'utf8'));
const zod = schemas as unknown as Record<string, ZodType>;

function resolve<T>(value: T & { $ref?: string }): T {
  if (!value.$ref) return value;
  return value.$ref
    .slice(2)
    .split('/')
    .reduce<Record<string, unknown>>((node, key) => node[key] as Record<string, unknown>, doc) as T;
}

const cases: Array<[string, ZodType, unknown]> = [];
for (const item of Object.values<Record<string, Operation>>(doc.paths)) {
  for (const operation of Object.values(item)) {
    if (typeof operation !== 'object' || !operation.operationId) continue;
    const id = operation.operationId;
    const name = `z${id[0]?.toUpperCase()}${id.slice(1)}`;
    for (const [status, raw] of Object.entries(operation.responses)) {
      const json = resolve(raw).content?.['application/json'] as
        | (Media & { schema?: { $ref?: string } })
        | undefined;
      // A named schema has its own zod export; an inline success body has the operation's.
      const named = json?.schema?.$ref?.split('/').pop();
      const schema = named ? zod[`z${named}`] : zod[`${name}Response`];
      for (const [example, raw] of Object.entries(json?.examples ?? {})) {
        expect(schema, `${id} ${status}`).toBeDefined();
        if (schema) cases.push([`${id} ${status} ${example}`, schema, resolve(raw).value]);
      }
    }
    const body = operation.requestBody && resolve(operation.requestBody).content?.['application/json'];
    for (const [example, raw] of Object.entries(body?.examples ?? {})) {
      const schema = zod[`${name}Body`] ?? zod[`${name}Data`];
      if (schema) cases.push([`${id} request ${example}`, schema, resolve(raw).value]);
    }
  }
}

describe('generated zod schemas accept every documented example', () => {
  it('finds examples for every operation', () => {
    const covered = new Set(cases.map(([label]) => label.split(' ')[0]));
    // /oauth/authorize answers HTML and a redirect: no JSON example to parse.
    expect(covered.size).toBeGreaterThanOrEqual(Object.keys(doc.paths).length);
  });

  it.each(cases)('%s', (_label, schema, value) => {
    const result = schema.safeParse(value);
    expect(result.error?.issues ?? []).toEqual([]);
  });
});
