/** @module Sending a check's own request through the run, and recording what the check concludes. */
import type { OperationId } from '@regen/contract';
import type { Case } from '../generate/case.ts';
import type { OperationSpec } from '../spec/types.ts';
import { bareCase, requireOp } from './cases.ts';
import type { CheckContext } from './context.ts';
import type { Exchange } from './exchange.ts';
import type { Verdict } from './verdict.ts';

/**
 * Sends through the run (safety rules, redaction, 429s waited out, every response check); on
 * no response records an error under `check` × `op` and returns `undefined`.
 */
export async function probe(
  ctx: CheckContext,
  check: string,
  op: OperationSpec,
  testCase: Case,
  recordOn: OperationSpec = op,
): Promise<Exchange | undefined> {
  const sent = await ctx.send(op, testCase, 'probe', ctx.settings.seed);
  if (!sent.ok) {
    ctx.recorder.error(check, recordOn, sent.reason);
    return undefined;
  }
  return sent.exchange;
}

/**
 * Sends a case to `operation` (the contract's id, or an operation of the document) through the
 * run (safety, redaction, 429s waited out); `undefined` (error recorded) on no response.
 */
export async function call(
  ctx: CheckContext,
  check: string,
  operation: OperationId | OperationSpec,
  description: string,
  parts: Partial<Omit<Case, 'description'>> = {},
  recordOn?: OperationSpec,
): Promise<Exchange | undefined> {
  const op = typeof operation === 'string' ? requireOp(ctx, operation) : operation;
  return probe(ctx, check, op, bareCase(`${check}: ${description}`, parts), recordOn ?? op);
}

/** Records `verdict` of `check` on `op` when the run judges it. */
export function record(
  ctx: CheckContext,
  check: string,
  op: OperationSpec | undefined,
  verdict: Verdict,
  exchange?: Exchange,
): void {
  if (op && ctx.judges(check, op)) ctx.recorder.record(check, op, verdict, exchange);
}
