import type { Principal } from '../auth/principal.ts';
import { ApiError } from '../http/api-error.ts';
import { invalidCursor } from '../store/collection.ts';
import { ALL, MINUTE_MS } from '../usage/minute-counts.ts';
import { entryOf } from '../usage/request-record.ts';
import type { LogPosition, UsagePartition } from '../usage/usage-port.ts';
import { buildSeries, seriesRange } from '../usage/usage-series.ts';
import { limitOf } from './support/envelope.ts';
import type { Handlers } from './types.ts';

/** The caller's account and mode: usage is only ever read there. */
function partitionOf({ principal }: { readonly principal: Principal | undefined }): UsagePartition {
  if (principal === undefined) throw new ApiError('missing_api_key');
  return { accountId: principal.accountId, mode: principal.mode };
}

/** Cursors name a place in the log: `<atMs>.<seq>`, base64url. */
function encodeCursor(at: LogPosition): string {
  return Buffer.from(`${at.atMs}.${at.seq}`).toString('base64url');
}

function decodeCursor(cursor: string): LogPosition {
  const match = /^(\d{1,15})\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (match === null) throw invalidCursor();
  return { atMs: Number(match[1]), seq: Number(match[2]) };
}

function timeOf(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Date.parse(iso);
}

export const usageHandlers = {
  listRequestLogs: async (ctx) => {
    const { query } = ctx;
    const fromMs = timeOf(query.from);
    const toMs = timeOf(query.to);
    if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs)
      throw new ApiError('invalid_request', '`from` must be before `to`');
    const page = await ctx.services.usage.log(partitionOf(ctx), {
      limit: limitOf(query),
      ...(query.cursor === undefined ? {} : { before: decodeCursor(query.cursor) }),
      ...(query.keyId === undefined ? {} : { keyId: query.keyId }),
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.operationId === undefined ? {} : { operationId: query.operationId }),
      ...(fromMs === undefined ? {} : { fromMs }),
      ...(toMs === undefined ? {} : { toMs }),
    });
    return {
      status: 200,
      body: {
        success: true,
        data: page.records.map(entryOf),
        hasMore: page.next !== null,
        nextCursor: page.next === null ? null : encodeCursor(page.next),
      },
    };
  },

  getUsageSeries: async (ctx) => {
    const { query } = ctx;
    const range = seriesRange(query, Date.now());
    const minutes = await ctx.services.usage.minutes(partitionOf(ctx), {
      selector: query.keyId ?? ALL,
      fromMinute: range.fromMs / MINUTE_MS,
      toMinute: range.toMs / MINUTE_MS,
    });
    return { status: 200, body: { success: true, data: buildSeries(range, query.keyId ?? null, minutes) } };
  },
} satisfies Pick<Handlers, 'listRequestLogs' | 'getUsageSeries'>;
