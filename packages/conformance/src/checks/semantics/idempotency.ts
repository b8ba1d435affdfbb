/**
 * @module idempotency: on `createApiKey` (an idempotent create whose resources the run owns):
 * the same `Idempotency-Key` and body replays the first response (same status and body,
 * `Idempotent-Replayed: true`) and makes one resource; another body → 422
 * `idempotency_key_reused`; the same key sent at once → one resource, the others 409
 * `idempotency_key_in_use` or replays.
 */
import { isObject } from '../../spec/json-pointer.ts';
import {
  bareCase,
  call,
  data,
  errorObject,
  nonce,
  record,
  requireOp,
  said,
  sendAtOnce,
} from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS } from '../api.ts';

export const name = 'idempotency';

function replayed(e: Exchange): boolean {
  return e.response.headers['idempotent-replayed']?.trim().toLowerCase() === 'true';
}

async function run(ctx: CheckContext): Promise<void> {
  const op = requireOp(ctx, 'createApiKey');
  if (!ctx.judges(name, op)) return;
  const label = nonce(ctx, 10, name, 'label');
  const body = (suffix: string) => ({
    contentType: 'application/json',
    value: { name: `conformance idempotency ${label} ${suffix}`, scopes: ['read:products'] },
  });
  const ownAll = (exchanges: readonly Exchange[]) => {
    for (const e of exchanges) {
      const id = data(e)?.id;
      if (e.response.status < 300 && typeof id === 'string') ctx.pool.own(id);
    }
  };
  const count = async (suffix: string): Promise<number | undefined> => {
    const listed = await call(ctx, name, 'listApiKeys', 'count the keys made', { query: { limit: 100 } }, op);
    if (!listed || !isObject(listed.json) || !Array.isArray(listed.json.data)) return undefined;
    return listed.json.data.filter(
      (k) => isObject(k) && k.name === `conformance idempotency ${label} ${suffix}`,
    ).length;
  };

  // Same key, same body → the first response again.
  const key = `conformance-${nonce(ctx, 24, name, 'first')}`;
  const first = await call(ctx, name, 'createApiKey', 'first request with an Idempotency-Key', {
    headers: { 'Idempotency-Key': key },
    body: body('a'),
  });
  if (!first) return;
  if (first.response.status >= 300)
    return ctx.recorder.error(name, op, `createApiKey answered ${said(first)}; nothing to replay`);
  ownAll([first]);
  const second = await call(ctx, name, 'createApiKey', 'the same key and body again', {
    headers: { 'Idempotency-Key': key },
    body: body('a'),
  });
  if (!second) return;
  ownAll([second]);
  if (
    second.response.status !== first.response.status ||
    !replayed(second) ||
    JSON.stringify(second.json) !== JSON.stringify(first.json)
  )
    record(
      ctx,
      name,
      op,
      fail(
        `the same Idempotency-Key and body was answered ${said(second)}${replayed(second) ? '' : ' without Idempotent-Replayed: true'}${JSON.stringify(second.json) === JSON.stringify(first.json) ? '' : ' with another body'}; expected the first response (${first.response.status}) replayed`,
        'not-replayed',
      ),
      second,
    );
  else record(ctx, name, op, PASS, second);
  const made = await count('a');
  if (made !== undefined)
    record(
      ctx,
      name,
      op,
      made === 1
        ? PASS
        : fail(`two requests with one Idempotency-Key made ${made} keys, expected 1`, 'duplicated'),
    );

  // Same key, another body → 422 idempotency_key_reused.
  const other = await call(ctx, name, 'createApiKey', 'the same key with another body', {
    headers: { 'Idempotency-Key': key },
    body: body('b'),
  });
  if (other) {
    ownAll([other]);
    const code = errorObject(other)?.code;
    record(
      ctx,
      name,
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

  // The same key at once → one resource; the rest 409 idempotency_key_in_use or replays.
  const together = `conformance-${nonce(ctx, 24, name, 'together')}`;
  const sent = await sendAtOnce(
    ctx,
    op,
    Array.from({ length: 5 }, (_, i) =>
      bareCase(`${name}: request ${i + 1} of 5 at once`, {
        headers: { 'Idempotency-Key': together },
        body: body('c'),
      }),
    ),
  );
  const exchanges = sent.flatMap((s) => (s.ok ? [s.exchange] : []));
  ownAll(exchanges);
  const fresh = exchanges.filter((e) => e.response.status < 300 && !replayed(e));
  const bad = exchanges.find(
    (e) =>
      !(
        e.response.status < 300 ||
        (e.response.status === 409 &&
          [undefined, 'idempotency_key_in_use'].includes(errorObject(e)?.code as string | undefined)) ||
        e.response.status === 429
      ),
  );
  if (bad)
    record(
      ctx,
      name,
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
      name,
      op,
      fail(
        `five requests sent at once with one Idempotency-Key made ${fresh.length} fresh (not replayed) answers, expected 1`,
        'concurrent-duplicated',
      ),
      fresh[1],
    );
  const madeTogether = await count('c');
  if (madeTogether !== undefined)
    record(
      ctx,
      name,
      op,
      madeTogether <= 1
        ? PASS
        : fail(
            `five requests sent at once with one Idempotency-Key made ${madeTogether} keys, expected 1`,
            'concurrent-duplicated',
          ),
    );
}

export const idempotency = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['createApiKey'],
  description:
    'Same Idempotency-Key and body → the first response replayed (Idempotent-Replayed: true), one resource; another body → 422 idempotency_key_reused; sent at once → one resource, the rest 409 idempotency_key_in_use or replays.',
  clause:
    '"Idempotency": replay with Idempotent-Replayed: true; 422 idempotency_key_reused; 409 idempotency_key_in_use',
  run,
  profiles: { prism: [{ reason: 'Prism stores nothing: no replay, no Idempotent-Replayed' }] },
});
