/** @module Generates `paths`, `components`, `operations` and `webhooks` types with openapi-typescript. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { withHeader } from './header.mjs';
import { documentOpenapiTypes } from './type-docs.mjs';

export async function generateTypes(bundlePath, outDir) {
  const doc = JSON.parse(await readFile(bundlePath, 'utf8'));
  const ast = await openapiTS(doc, {
    // Readonly response fields would stop users from narrowing; keep the plain shapes.
    immutable: false,
    exportType: false,
    alphabetize: false,
    // `additionalProperties: false` everywhere in the contract already closes objects.
    additionalProperties: false,
    // A field with a default stays optional in request bodies; responses mark what they always send as required.
    defaultNonNullable: false,
    propertiesRequiredByDefault: false,
    // `export type Order = components['schemas']['Order']` for every schema: the named aliases users import.
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
  });
  const file = path.join(outDir, 'openapi-types.ts');
  // Every member documented (TypeDoc reference): openapi-typescript's tags rewritten, structure described.
  await writeFile(file, withHeader(documentOpenapiTypes(astToString(ast), doc)));
  return [file];
}
