/**
 * Every documented response example of the bundled contract, one entry per operation, status,
 * media type and named example (responses without a body give one entry without a name).
 */
import { createRequire } from 'node:module';
import type { OperationId } from '@regen/contract/operations';

export interface ResponseExample {
  operationId: OperationId;
  status: number;
  mediaType: string | undefined;
  /** Name for `Prefer: example=<name>`; undefined for a response without a body. */
  name: string | undefined;
  value: unknown;
}

interface Ref {
  $ref?: string;
}
interface MediaType {
  examples?: Record<string, Ref & { value?: unknown }>;
}
interface ResponseObject extends Ref {
  content?: Record<string, MediaType>;
}
interface Document {
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, ResponseObject> }>>;
  components: { responses: Record<string, ResponseObject>; examples: Record<string, { value?: unknown }> };
}

const doc = createRequire(import.meta.url)('@regen/contract/openapi.json') as Document;

function deref<T>(node: T & Ref, table: Record<string, T>): T {
  if (!node.$ref) return node;
  const target = table[node.$ref.split('/').pop() as string];
  if (!target) throw new Error(`Unresolved ${node.$ref}`);
  return target;
}

export function responseExamples(): ResponseExample[] {
  const out: ResponseExample[] = [];
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      if (!op.operationId || !op.responses) continue;
      for (const [code, raw] of Object.entries(op.responses)) {
        const status = Number(code);
        const response = deref(raw, doc.components.responses);
        const media = Object.entries(response.content ?? {});
        if (media.length === 0) {
          out.push({
            operationId: op.operationId as OperationId,
            status,
            mediaType: undefined,
            name: undefined,
            value: undefined,
          });
        }
        for (const [mediaType, content] of media) {
          for (const [name, example] of Object.entries(content.examples ?? {})) {
            out.push({
              operationId: op.operationId as OperationId,
              status,
              mediaType,
              name,
              value: deref(example, doc.components.examples).value,
            });
          }
        }
      }
    }
  }
  return out;
}
