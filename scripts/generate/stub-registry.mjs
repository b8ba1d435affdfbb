/**
 * @module Generates the stub's one operation table from the contract model: `operations.ts` holds
 * the registry (its route table: per operation exactly what the stub's request path reads — method,
 * path, credential, scopes, idempotency, required headers, body media types, declared statuses),
 * and the `OperationSpec` type of an entry. `handlers/types.ts` maps its `OperationId` to the
 * `HandlerTable`, so this file imports nothing of the stub's and the stub's folders stay layered.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withHeader } from './header.mjs';
import { indexEntryOf } from './operations.mjs';

/** What the stub's request path reads of an operation, in the order the registry lists it. */
const STUB_FIELDS = [
  'operationId',
  'method',
  'path',
  'auth',
  'scopes',
  'idempotent',
  'requiredHeaders',
  'requestBody',
  'statuses',
];

/** The stub's registry entry of one operation: the contract index's entry, less what the stub never reads. */
export function stubEntryOf(op) {
  const entry = indexEntryOf(op);
  return Object.fromEntries(STUB_FIELDS.map((field) => [field, entry[field]]));
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

/** Writes `operations.ts` into the stub's generated directory. */
export async function generateStubRegistry(model, outDir) {
  const source = `${SPEC_TYPE}
/** Every operation of the contract, keyed by operationId, in document order: the stub's route table. */
export const operationRegistry = {
${model.operations.map((op) => `  ${op.operationId}: ${JSON.stringify(stubEntryOf(op))},`).join('\n')}
} as const satisfies Readonly<Record<string, OperationSpec>>;

/** The operationId of every operation in the contract. */
export type OperationId = keyof typeof operationRegistry;
`;
  const file = path.join(outDir, 'operations.ts');
  await writeFile(file, withHeader(source));
  return [file];
}
