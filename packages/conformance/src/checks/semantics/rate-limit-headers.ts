/**
 * @module rate_limit_headers: with a fresh key, `X-RateLimit-Remaining` falls by one per counted
 * request, `X-RateLimit-Reset` stays put within the window and lies in the future, and
 * `X-RateLimit-Limit` is one of the documented tiers (or `--rate-limits`).
 */
import type { OperationSpec } from '../../spec/types.ts';
import {
  asKey,
  bareCase,
  intHeader,
  newKey,
  noFreshKey,
  parseTiers,
  record,
  requireOp,
  said,
  sendAtOnce,
} from '../../support/index.ts';
import {
  type CheckContext,
  defineCheck,
  type Exchange,
  fail,
  PASS,
  type SemanticSettings,
  skip,
} from '../api.ts';

export const name = 'rate_limit_headers';
const REQUESTS = 4;

/** REQUESTS requests with a fresh key, one at a time; `undefined` (recorded why) when they could not all be sent. */
async function requestsWithAFreshKey(ctx: CheckContext, op: OperationSpec): Promise<Exchange[] | undefined> {
  const made = await newKey(ctx, name, ['read:products'], 'rate-limit headers key');
  if (!made.key) return void record(ctx, name, op, noFreshKey(made));
  const seen: Exchange[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    // One at a time, without waiting out a 429: this key's own budget is what is measured.
    const [sent] = await sendAtOnce(ctx, op, [
      bareCase(`${name}: request ${i + 1}`, { query: { limit: 1 }, auth: asKey(ctx, made.key.key) }),
    ]);
    if (!sent?.ok) return void ctx.recorder.error(name, op, sent?.reason ?? 'no response');
    if (sent.exchange.response.status === 429) {
      const reason = `a fresh key met a 429 after ${i} requests: its budget is too small to watch it fall`;
      return void record(ctx, name, op, skip(reason), sent.exchange);
    }
    if (sent.exchange.response.status >= 300)
      return void ctx.recorder.error(
        name,
        op,
        `listProducts with a fresh key answered ${said(sent.exchange)}`,
      );
    seen.push(sent.exchange);
  }
  return seen;
}

/** Why the headers of `seen` break the "Rate limits" rules (first problem found), if they do. */
function headerProblem(
  seen: readonly Exchange[],
  tiers: ReturnType<typeof parseTiers>,
): { message: string; variant: string; exchange: Exchange | undefined } | undefined {
  const limits = seen.map((e) => intHeader(e, 'X-RateLimit-Limit'));
  const remaining = seen.map((e) => intHeader(e, 'X-RateLimit-Remaining'));
  const resets = seen.map((e) => intHeader(e, 'X-RateLimit-Reset'));
  const last = seen[seen.length - 1];
  if ([...limits, ...remaining, ...resets].some((v) => v === undefined))
    return {
      message: 'a response lacks an integer X-RateLimit-Limit, -Remaining or -Reset',
      variant: 'missing',
      exchange: last,
    };
  const limit = limits[0] as number;
  if (!tiers.map((t) => t.limit).includes(limit) || limits.some((l) => l !== limit))
    return {
      message: `X-RateLimit-Limit is ${limits.join(', ')}, expected one documented tier's limit (${tiers.map((t) => `${t.name} ${t.limit}`).join(', ')}) throughout`,
      variant: 'limit',
      exchange: last,
    };
  for (let i = 1; i < seen.length; i++) {
    const before = remaining[i - 1] as number;
    const after = remaining[i] as number;
    if (after !== before - 1)
      return {
        message: `X-RateLimit-Remaining went from ${before} to ${after} over one counted request, expected ${before - 1}`,
        variant: 'remaining',
        exchange: seen[i],
      };
  }
  const now = Math.floor(Date.now() / 1000);
  const first = resets[0] as number;
  if (resets.some((r) => Math.abs((r as number) - first) > 1))
    return {
      message: `X-RateLimit-Reset moved within one window: ${resets.join(', ')}`,
      variant: 'reset-moved',
      exchange: last,
    };
  if (first < now)
    return {
      message: `X-RateLimit-Reset ${first} is in the past (now ${now})`,
      variant: 'reset-past',
      exchange: last,
    };
  return undefined;
}

async function run(ctx: CheckContext, settings: SemanticSettings): Promise<void> {
  const op = requireOp(ctx, 'listProducts');
  if (!ctx.judges(name, op)) return;
  const tiers = parseTiers(settings.rateLimits);
  const seen = await requestsWithAFreshKey(ctx, op);
  if (!seen) return;
  const problem = headerProblem(seen, tiers);
  if (problem) record(ctx, name, op, fail(problem.message, problem.variant), problem.exchange);
  else record(ctx, name, op, PASS, seen[seen.length - 1]);
}

export const rateLimitHeaders = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['listProducts'],
  description:
    'With a fresh key, X-RateLimit-Remaining falls by one per request, X-RateLimit-Reset is stable and in the future, X-RateLimit-Limit is a documented tier.',
  clause:
    '"Rate limits": X-RateLimit-Limit/Remaining/Reset (Unix seconds) of the bucket closest to exhaustion; standard 100/h, burst 10/min, writes 50/h',
  run,
  profiles: { prism: [{ reason: 'Prism counts nothing: X-RateLimit-* are generated values' }] },
});
