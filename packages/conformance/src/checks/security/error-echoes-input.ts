/**
 * @module error_echoes_input: a malformed JSON body is refused without quoting it. The contract:
 * "a malformed JSON body is answered 400 `invalid_request` with the position of the error
 * (line, column, character offset), never the text around it" — a parser's own message quotes
 * the bytes near the error, which may be a password.
 */

import { effectiveSchema, idPrefixOf } from '../../generate/schema-utils.ts';
import type { Json, OperationSpec } from '../../spec/types.ts';
import { bareCase, nonce, probe } from '../../support/index.ts';
import { type CheckContext, defineCheck, fail, PASS } from '../api.ts';

export const name = 'error_echoes_input';

/** The shortest piece of the secret whose presence in a response counts as an echo. */
const WINDOW = 6;

/** Whether `text` contains `secret` or any `WINDOW`-character piece of it. */
export function echoes(text: string, secret: string): string | undefined {
  if (text.includes(secret)) return secret;
  for (let i = 0; i + WINDOW <= secret.length; i++) {
    const piece = secret.slice(i, i + WINDOW);
    if (text.includes(piece)) return piece;
  }
  return undefined;
}

function takesJson(op: OperationSpec): boolean {
  return op.requestBody?.content.some((m) => /json/i.test(m.contentType)) ?? false;
}

/**
 * Path parameters naming a live resource: the run's own first; a listed one only where the
 * operation may touch resources the run did not create; never the run's own credential. `{}`
 * without path parameters, `undefined` when there is no such resource.
 */
function targetOf(ctx: CheckContext, op: OperationSpec): Record<string, Json> | undefined {
  const ownedOnly = ctx.plan(op)?.ownedTargetsOnly ?? true;
  const out: Record<string, Json> = {};
  for (const p of op.parameters) {
    if (p.in !== 'path') continue;
    const prefix = p.schema ? idPrefixOf(effectiveSchema(ctx.spec.document, p.schema.schema)) : undefined;
    if (!prefix) return undefined;
    const candidates = [...ctx.pool.ids(prefix, true), ...(ownedOnly ? [] : ctx.pool.ids(prefix, false))];
    const id = candidates.find((c) => !ctx.pool.isGuarded(c));
    if (!id) return undefined;
    out[p.name] = id;
  }
  return out;
}

async function run(ctx: CheckContext): Promise<void> {
  for (const op of ctx.spec.operations) {
    if (!ctx.judges(name, op)) continue;
    if (!takesJson(op)) continue;
    const pathParams = targetOf(ctx, op);
    if (pathParams === undefined) {
      ctx.recorder.record(name, op, {
        outcome: 'skip',
        reason: 'no resource of the run (or, where allowed, listed) to aim the malformed body at',
      });
      continue;
    }
    const plan = ctx.plan(op);
    // Session operations are sent without the run's credential (never its own session).
    const auth = plan?.kind === 'session' ? ('none' as const) : ('default' as const);
    const contentType =
      op.requestBody?.content.find((m) => /json/i.test(m.contentType))?.contentType ?? 'application/json';
    const secret = `Hx${nonce(ctx, 22, name, op.operationId)}`;
    const bodies = [
      // The parser stops at the secret's first character.
      { label: 'unquoted value', raw: `{"password":${secret}}` },
      // The parser stops just after the secret.
      { label: 'trailing comma', raw: `{"password":"${secret}",}` },
    ];
    for (const { label, raw } of bodies) {
      const exchange = await probe(
        ctx,
        name,
        op,
        bareCase(`error_echoes_input: malformed JSON (${label}) with a secret inside`, {
          pathParams,
          auth,
          body: { contentType, value: null, raw },
        }),
      );
      if (!exchange) continue;
      const echoed = echoes(exchange.response.bodyText, secret);
      const headerEchoed = Object.values(exchange.response.headers).some((v) => echoes(v, secret));
      ctx.recorder.record(
        name,
        op,
        echoed || headerEchoed
          ? fail(
              `Malformed JSON (${label}) answered ${exchange.response.status} quoting the request body: the response contains ${echoed ? JSON.stringify(echoed) : 'part of it in a header'} from the secret sent`,
            )
          : PASS,
        exchange,
      );
    }
  }
}

export const errorEchoesInput = defineCheck({
  name,
  phase: 'security',
  suite: 'security',
  stage: 'probe',
  description:
    'A malformed JSON body carrying a secret is refused without the secret (or any part of it) in the response.',
  run,
  clause:
    '"Errors never echo secrets": a malformed JSON body → 400 `invalid_request` with line/column/offset, never the text around it',
});
