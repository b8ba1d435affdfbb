/** @module Generates the runtime operation index: one entry per operation of the contract. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withHeader } from './header.mjs';
import { documentOperationIndex } from './type-docs.mjs';
import { deref, walkOperations } from './walk-operations.mjs';

/** `security` → how a credential is required: 'none' (no requirement), 'optional' ({} allowed) or 'required'. */
export function authMode(security) {
  if (!security || security.length === 0) return 'none';
  return security.some((req) => Object.keys(req).length === 0) ? 'optional' : 'required';
}

/** The canonical scopes an operation requires (`x-required-scopes`, else the first requirement's list). */
export function requiredScopes(operation) {
  if (Array.isArray(operation['x-required-scopes'])) return operation['x-required-scopes'];
  const lists = (operation.security ?? []).map((req) => Object.values(req)[0]).filter(Array.isArray);
  return lists[0] ?? [];
}

export async function generateOperations(doc, outDir) {
  const entries = [];
  for (const { path: route, method, operation, parameters } of walkOperations(doc)) {
    const security = operation.security ?? doc.security ?? [];
    const statuses = Object.keys(operation.responses ?? {})
      .filter((s) => /^\d{3}$/.test(s))
      .map(Number);
    const success = statuses.filter((s) => s >= 200 && s < 400).sort((a, b) => a - b);
    const body = deref(doc, operation.requestBody);
    entries.push({
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path: route,
      tag: operation.tags?.[0] ?? null,
      auth: authMode(security),
      securitySchemes: [...new Set(security.flatMap((req) => Object.keys(req)))],
      scopes: authMode(security) === 'none' ? null : requiredScopes(operation),
      idempotent: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
      pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
      queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
      headerParams: parameters.filter((p) => p.in === 'header').map((p) => p.name),
      requiredHeaders: parameters.filter((p) => p.in === 'header' && p.required).map((p) => p.name),
      requestBody: body
        ? { required: body.required === true, contentTypes: Object.keys(body.content ?? {}) }
        : null,
      successStatus: success[0] ?? 200,
      statuses,
    });
  }
  const byId = Object.fromEntries(entries.map((e) => [e.operationId, e]));
  const source = `/** Every operation of the contract, keyed by operationId, in document order. */
export const operationIndex = ${JSON.stringify(byId, null, 2)} as const;

/** The operationId of every operation in the contract. */
export type OperationId = keyof typeof operationIndex;
`;
  const file = path.join(outDir, 'operations.ts');
  await writeFile(file, withHeader(documentOperationIndex(source, doc)));
  return [file];
}
