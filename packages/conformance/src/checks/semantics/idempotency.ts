/**
 * @module idempotency, one testcase per rule (`replay`, `reused-key`, `concurrent`): on `createApiKey` (an idempotent create whose resources the run owns):
 * the same `Idempotency-Key` and body replays the first response (same status and body,
 * `Idempotent-Replayed: true`) and makes one resource; another body → 422
 * `idempotency_key_reused`; the same key sent at once → one resource, the others 409
 * `idempotency_key_in_use` or replays.
 */
import { isObject } from '../../spec/json-pointer.ts';
import type { OperationSpec } from '../../spec/types.ts';
import {
  bareCase,
  call,
  data,
  errorObject,
  nonce,
  record,
  requireOp,
  ruleOf,
  said,
  sendAtOnce,
} from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS } from '../api.ts';

export const name = 'idempotency';

const RULES = {
  replay: {
    operation: 'createApiKey',
    description:
      'the same Idempotency-Key and body replays the first response (Idempotent-Replayed: true), one resource made',
  },
  'reused-key': {
    operation: 'createApiKey',
    description: 'the same Idempotency-Key with another body is refused, 422 idempotency_key_reused',
  },
  concurrent: {
    operation: 'createApiKey',
    description:
      'the same Idempotency-Key sent five times at once makes one resource; the others replay or 409 idempotency_key_in_use',
  },
} as const;

const rule = (r: keyof typeof RULES) => ruleOf(name, r);

function replayed(e: Exchange): boolean {
  return e.response.headers['idempotent-replayed']?.trim().toLowerCase() === 'true';
}

/** What the steps share: createApiKey, and a label naming the keys this run makes. */
interface Keys {
  readonly ctx: CheckContext;
  readonly op: OperationSpec;
  readonly label: string;
}

function keyBody(k: Keys, suffix: string) {
  return {
    contentType: 'application/json',
    value: { name: `conformance idempotency ${k.label} ${suffix}`, scopes: ['read:products'] },
  };
}

/** The run owns what the requests made (clean-up deletes it). */
function ownAll(k: Keys, exchanges: readonly Exchange[]): void {
  for (const e of exchanges) {
    const id = data(e)?.id;
    if (e.response.status < 300 && typeof id === 'string') k.ctx.pool.own(id);
  }
}

/** How many keys named with `suffix` the server lists. */
async function countMade(k: Keys, as: keyof typeof RULES, suffix: string): Promise<number | undefined> {
  const listed = await call(
    k.ctx,
    rule(as),
    'listApiKeys',
    'count the keys made',
    { query: { limit: 100 } },
    k.op,
  );
  if (!listed || !isObject(listed.json) || !Array.isArray(listed.json.data)) return undefined;
  return listed.json.data.filter(
    (x) => isObject(x) && x.name === `conformance idempotency ${k.label} ${suffix}`,
  ).length;
}

/** Same key, same body → the first response again (Idempotent-Replayed: true), one key made. */
async function sameKeyAndBodyReplay(k: Keys, key: string): Promise<boolean> {
  const { ctx, op } = k;
  const first = await call(ctx, rule('replay'), 'createApiKey', 'first request with an Idempotency-Key', {
    headers: { 'Idempotency-Key': key },
    body: keyBody(k, 'a'),
  });
  if (!first) return false;
  if (first.response.status >= 300) {
    ctx.recorder.error(rule('replay'), op, `createApiKey answered ${said(first)}; nothing to replay`);
    return false;
  }
  ownAll(k, [first]);
  const second = await call(ctx, rule('replay'), 'createApiKey', 'the same key and body again', {
    headers: { 'Idempotency-Key': key },
    body: keyBody(k, 'a'),
  });
  if (!second) return false;
  ownAll(k, [second]);
  const sameBody = JSON.stringify(second.json) === JSON.stringify(first.json);
  if (second.response.status !== first.response.status || !replayed(second) || !sameBody)
    record(
      ctx,
      rule('replay'),
      op,
      fail(
        `the same Idempotency-Key and body was answered ${said(second)}${replayed(second) ? '' : ' without Idempotent-Replayed: true'}${sameBody ? '' : ' with another body'}; expected the first response (${first.response.status}) replayed`,
        'not-replayed',
      ),
      second,
    );
  else record(ctx, rule('replay'), op, PASS, second);
  const made = await countMade(k, 'replay', 'a');
  if (made !== undefined)
    record(
      ctx,
      rule('replay'),
      op,
      made === 1
        ? PASS
        : fail(`two requests with one Idempotency-Key made ${made} keys, expected 1`, 'duplicated'),
    );
  return true;
}

/** Same key, another body → 422 idempotency_key_reused. */
async function sameKeyWithAnotherBodyIsRefused(k: Keys, key: string): Promise<void> {
  const { ctx, op } = k;
  const other = await call(ctx, rule('reused-key'), 'createApiKey', 'the same key with another body', {
    headers: { 'Idempotency-Key': key },
    body: keyBody(k, 'b'),
  });
  if (!other) return;
  ownAll(k, [other]);
  const code = errorObject(other)?.code;
  record(
    ctx,
    rule('reused-key'),
    op,
    other.response.status === 422 && (code === undefined || code === 'idempotency_key_reused')
      ? PASS
      : fail(
          `the same Idempotency-Key with another body was answered ${said(other)}, expected 422 idempotency_key_reused`,
          'reused-accepted',
        ),
    other,
  );
}

/** Whether an answer to one of the concurrent requests is allowed: the response, a replay, 409 in use (or a 429). */
function allowedConcurrentAnswer(e: Exchange): boolean {
  const { status } = e.response;
  const code = errorObject(e)?.code as string | undefined;
  return (
    status < 300 || (status === 409 && [undefined, 'idempotency_key_in_use'].includes(code)) || status === 429
  );
}

/** The same key five times at once → one resource; the rest 409 idempotency_key_in_use or replays. */
async function concurrentRequestsMakeOneResource(k: Keys): Promise<void> {
  const { ctx, op } = k;
  const together = `conformance-${nonce(ctx, 24, rule('concurrent'), 'together')}`;
  const sent = await sendAtOnce(
    ctx,
    op,
    Array.from({ length: 5 }, (_, i) =>
      bareCase(`${rule('concurrent')}: request ${i + 1} of 5 at once`, {
        headers: { 'Idempotency-Key': together },
        body: keyBody(k, 'c'),
      }),
    ),
  );
  const exchanges = sent.flatMap((s) => (s.ok ? [s.exchange] : []));
  ownAll(k, exchanges);
  const fresh = exchanges.filter((e) => e.response.status < 300 && !replayed(e));
  const bad = exchanges.find((e) => !allowedConcurrentAnswer(e));
  if (bad)
    record(
      ctx,
      rule('concurrent'),
      op,
      fail(
        `one of five requests sent at once with one Idempotency-Key was answered ${said(bad)}, expected the first response, a replay or 409 idempotency_key_in_use`,
        'concurrent',
      ),
      bad,
    );
  else if (fresh.length > 1)
    record(
      ctx,
      rule('concurrent'),
      op,
      fail(
        `five requests sent at once with one Idempotency-Key made ${fresh.length} fresh (not replayed) answers, expected 1`,
        'concurrent-duplicated',
      ),
      fresh[1],
    );
  const madeTogether = await countMade(k, 'concurrent', 'c');
  if (madeTogether !== undefined)
    record(
      ctx,
      rule('concurrent'),
      op,
      madeTogether <= 1
        ? PASS
        : fail(
            `five requests sent at once with one Idempotency-Key made ${madeTogether} keys, expected 1`,
            'concurrent-duplicated',
          ),
    );
}

async function run(ctx: CheckContext): Promise<void> {
  const op = requireOp(ctx, 'createApiKey');
  if (!ctx.judges(name, op)) return;
  const keys: Keys = { ctx, op, label: nonce(ctx, 10, name, 'label') };
  const key = `conformance-${nonce(ctx, 24, name, 'first')}`;
  if (!(await sameKeyAndBodyReplay(keys, key))) return;
  await sameKeyWithAnotherBodyIsRefused(keys, key);
  await concurrentRequestsMakeOneResource(keys);
}

export const idempotency = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['createApiKey'],
  rules: RULES,
  description:
    'Same Idempotency-Key and body → the first response replayed (Idempotent-Replayed: true), one resource; another body → 422 idempotency_key_reused; sent at once → one resource, the rest 409 idempotency_key_in_use or replays.',
  clause:
    '"Idempotency": replay with Idempotent-Replayed: true; 422 idempotency_key_reused; 409 idempotency_key_in_use',
  run,
  profiles: { prism: [{ reason: 'Prism stores nothing: no replay, no Idempotent-Replayed' }] },
});
