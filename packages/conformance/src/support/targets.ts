/** @module Aiming a case at a given resource (the path parameter its id prefix names). */
import type { Case } from '../generate/case.ts';
import { effectiveSchema, idPrefixOf } from '../generate/schema-utils.ts';
import type { OperationSpec } from '../spec/types.ts';
import type { CheckContext } from './context.ts';

/** `testCase` aimed at resource `id`: the path parameter whose id schema has its prefix, else the only one. */
export function withTarget(ctx: CheckContext, op: OperationSpec, testCase: Case, id: string): Case {
  const prefix = id.split('_')[0];
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const match =
    pathParams.find(
      (p) => p.schema && idPrefixOf(effectiveSchema(ctx.spec.document, p.schema.schema)) === prefix,
    ) ?? (pathParams.length === 1 ? pathParams[0] : undefined);
  if (!match) return testCase;
  return { ...testCase, pathParams: { ...testCase.pathParams, [match.name]: id } };
}
