/** @module The scopes an operation requires (`x-required-scopes`). */
import { getAtPointer, isObject } from '../spec/json-pointer.ts';
import type { OperationSpec } from '../spec/types.ts';
import type { CheckContext } from './context.ts';

/** The operation's `x-required-scopes`. */
export function requiredScopes(ctx: CheckContext, op: OperationSpec): readonly string[] {
  const node = getAtPointer(ctx.spec.document, op.pointer);
  const list = isObject(node) ? node['x-required-scopes'] : undefined;
  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
}
