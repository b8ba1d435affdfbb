/** @module Cases built by hand (probes name exactly what they send) and the operations they target. */
import type { OperationId } from '@regen/contract';
import type { Case } from '../generate/case.ts';
import type { Json, OperationSpec } from '../spec/types.ts';
import type { CheckContext } from './context.ts';

/** The operation with `operationId`, if the document has it (a `--spec` version may not). */
export function operation(ctx: CheckContext, operationId: OperationId): OperationSpec | undefined {
  return ctx.spec.operations.find((o) => o.operationId === operationId);
}

/** The operation, or an error naming it. */
export function requireOp(ctx: CheckContext, operationId: OperationId): OperationSpec {
  const op = operation(ctx, operationId);
  if (!op) throw new Error(`the contract has no ${operationId}`);
  return op;
}

/** A case with nothing in it but what is given. */
export function bareCase(description: string, parts: Partial<Omit<Case, 'description'>> = {}): Case {
  return { pathParams: {}, query: {}, headers: {}, body: undefined, auth: 'default', ...parts, description };
}

/** A JSON body for a case. */
export function jsonBody(value: Json): Case['body'] {
  return { contentType: 'application/json', value };
}
