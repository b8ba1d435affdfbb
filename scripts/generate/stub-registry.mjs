/**
 * @module Generates the stub's operation registry (its route table) and the handler table type.
 *
 * `operations.ts` holds, per operation, exactly what the stub's request path reads (method, path,
 * credential, scopes, idempotency, required headers, body media types, declared statuses) and
 * the `OperationSpec` type of an entry. `handler-table.ts` declares one property per operation,
 * so a handler index without an operation fails to compile with a message naming it:
 * `Property 'getRefund' is missing in type … but required in type 'HandlerTable'`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withHeader } from './header.mjs';
import { authMode, requiredScopes } from './operations.mjs';
import { deref, walkOperations } from './walk-operations.mjs';

/** One registry entry per operation, in document order. */
export function stubOperations(doc) {
  return [...walkOperations(doc)].map(({ path: route, method, operation, parameters }) => {
    const security = operation.security ?? doc.security ?? [];
    const auth = authMode(security);
    const body = deref(doc, operation.requestBody);
    return {
      operationId: operation.operationId,
      method: method.toUpperCase(),
      path: route,
      auth,
      scopes: auth === 'none' ? null : requiredScopes(operation),
      idempotent: parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'),
      requiredHeaders: parameters.filter((p) => p.in === 'header' && p.required).map((p) => p.name),
      requestBody: body
        ? { required: body.required === true, contentTypes: Object.keys(body.content ?? {}) }
        : null,
      statuses: Object.keys(operation.responses ?? {})
        .filter((s) => /^\d{3}$/.test(s))
        .map(Number),
      summary: operation.summary ?? '',
    };
  });
}

const SPEC_TYPE = `/** What the stub reads of one contract operation; an entry of {@link operationRegistry}. */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: string;
  /** OpenAPI path template, e.g. \`/api/v1/orders/{id}\`. */
  readonly path: string;
  /** \`none\`: no security; \`optional\`: \`{}\` is among the requirements; \`required\` otherwise. */
  readonly auth: 'required' | 'optional' | 'none';
  /** Required scopes (canonical); \`null\` when the operation has no security at all. */
  readonly scopes: readonly string[] | null;
  /** True when the operation accepts \`Idempotency-Key\`. */
  readonly idempotent: boolean;
  readonly requiredHeaders: readonly string[];
  readonly requestBody: { readonly required: boolean; readonly contentTypes: readonly string[] } | null;
  /** Every status the operation declares. */
  readonly statuses: readonly number[];
}
`;

/** Writes `operations.ts` and `handler-table.ts` into the stub's generated directory. */
export async function generateStubRegistry(doc, outDir) {
  const entries = stubOperations(doc);
  const registry = `${SPEC_TYPE}
/** Every operation of the contract, keyed by operationId, in document order: the stub's route table. */
export const operationRegistry = {
${entries.map(({ summary: _summary, ...e }) => `  ${e.operationId}: ${JSON.stringify(e)},`).join('\n')}
} as const satisfies Readonly<Record<string, OperationSpec>>;

/** The operationId of every operation in the contract. */
export type OperationId = keyof typeof operationRegistry;
`;
  const table = `import type { Handler } from '../handlers/types.ts';

/**
 * One handler per operation of the contract. \`handlers/index.ts\` satisfies it, so an operation
 * without a handler is a compile error naming the operation.
 */
export interface HandlerTable {
${entries.map((e) => `  /** \`${e.method} ${e.path}\`${e.summary ? ` — ${e.summary.replace(/\s+/g, ' ').replaceAll('*/', '*\\/')}` : ''} */\n  readonly ${e.operationId}: Handler<'${e.operationId}'>;`).join('\n')}
}
`;
  const registryFile = path.join(outDir, 'operations.ts');
  const tableFile = path.join(outDir, 'handler-table.ts');
  await writeFile(registryFile, withHeader(registry));
  await writeFile(tableFile, withHeader(table));
  return [registryFile, tableFile];
}
