/**
 * @module Generates the contract's runtime operation index from the contract model: one entry per
 * operation. The stub's registry (./stub-registry.mjs) takes its entries from the same function.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withHeader } from './header.mjs';
import { documentOperationIndex } from './type-docs.mjs';

const names = (params) => params.map((p) => p.name);

/** The index entry of one operation of the contract model. */
export function indexEntryOf(op) {
  const { mode, schemes, scopes } = op.credential;
  return {
    operationId: op.operationId,
    method: op.httpMethod,
    path: op.path,
    tag: op.tag,
    auth: mode,
    securitySchemes: schemes,
    // `null` tells "takes no credential" apart from `[]`, "any valid credential".
    scopes: mode === 'none' ? null : scopes,
    idempotent: op.idempotent,
    pathParams: names(op.pathParams),
    queryParams: names(op.queryParams),
    headerParams: names(op.headerParams),
    requiredHeaders: names(op.headerParams.filter((p) => p.required)),
    requestBody: op.body ? { required: op.body.required, contentTypes: op.body.contentTypes } : null,
    successStatus: op.successStatus,
    statuses: op.statuses,
  };
}

/** Writes `operations.ts` (the `operationIndex`) into the contract's generated directory. */
export async function generateOperations(model, outDir) {
  const byId = Object.fromEntries(model.operations.map((op) => [op.operationId, indexEntryOf(op)]));
  const source = `/** Every operation of the contract, keyed by operationId, in document order. */
export const operationIndex = ${JSON.stringify(byId, null, 2)} as const;

/** The operationId of every operation in the contract. */
export type OperationId = keyof typeof operationIndex;
`;
  const file = path.join(outDir, 'operations.ts');
  await writeFile(file, withHeader(documentOperationIndex(source, model)));
  return [file];
}
