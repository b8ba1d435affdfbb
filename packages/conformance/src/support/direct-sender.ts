/**
 * @module Senders that do not wait out 429s (for the checks that want to see them): one at a
 * time, optionally from a dedicated loopback address so a spent failure budget never locks out the
 * run's own, or many at once.
 */
import http from 'node:http';
import https from 'node:https';
import type { Case } from '../generate/case.ts';
import { buildRequest } from '../http/build-request.ts';
import { retryDelayMs } from '../http/retry-after.ts';
import { type Connections, send } from '../http/send.ts';
import type { PreparedRequest } from '../http/types.ts';
import type { OperationSpec } from '../spec/types.ts';
import { parseJson } from './bodies.ts';
import type { CheckContext } from './context.ts';
import type { Exchange } from './exchange.ts';
import { RATE_LIMITED } from './rate-limited.ts';

function agents(localAddress: string | undefined): Connections {
  return keepAliveAgents({ maxSockets: 1, ...(localAddress ? { localAddress } : {}) });
}

/** Keep-alive HTTP and HTTPS agents with `options` (sockets, source address), closed together. */
export function keepAliveAgents(options: { maxSockets: number; localAddress?: string }): Connections {
  const httpAgent = new http.Agent({ keepAlive: true, ...options });
  const httpsAgent = new https.Agent({ keepAlive: true, ...options });
  return {
    http: httpAgent,
    https: httpsAgent,
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  } as Connections;
}

function isLoopbackV4(hostname: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Sends requests one at a time without waiting out 429s (a check that wants to see the 429
 * gets it). Against a server on 127.0.0.1 the requests leave from another loopback address
 * (127.0.0.2–254), so what they spend is not the run's own per-address budget.
 */
export class DirectSender {
  private connections: Connections;
  /** The source address, when a dedicated one is used. */
  localAddress: string | undefined;

  constructor(
    private readonly ctx: CheckContext,
    dedicatedAddress: boolean,
    private readonly timeoutMs = 10_000,
  ) {
    const host = new URL(ctx.settings.baseUrl).hostname;
    this.localAddress =
      dedicatedAddress && isLoopbackV4(host)
        ? `127.0.0.${2 + Math.floor(Math.random() * 253)}` // not seeded: two runs should not share one
        : undefined;
    this.connections = agents(this.localAddress);
  }

  /** Builds the request for `testCase` (with the run's credential when `auth` is `default`). */
  async prepare(
    op: OperationSpec | undefined,
    testCase: Case,
    method = op?.method ?? 'GET',
    path = op?.path ?? '/',
  ): Promise<PreparedRequest> {
    const auth = await this.ctx.authHeaders(op, testCase);
    return buildRequest(this.ctx.settings.baseUrl, method, path, op, testCase, auth);
  }

  /**
   * Sends and waits out 429s as the run does (Retry-After, `--max-retry-wait`, retries): for
   * probes that want an answer to judge, not a rate limit.
   */
  async sendPatiently(
    op: OperationSpec | undefined,
    testCase: Case,
    request: PreparedRequest,
  ): Promise<{ ok: true; exchange: Exchange } | { ok: false; reason: string; rateLimited?: true }> {
    const { policy, sleep } = this.ctx.client;
    for (let attempt = 0; ; attempt++) {
      const sent = await this.send(op, testCase, request);
      if (!sent.ok || sent.exchange.response.status !== 429) return sent;
      const asked = retryDelayMs(sent.exchange.response.headers) ?? policy.fallbackWaitMs * 2 ** attempt;
      if (attempt >= policy.maxRetries || asked > policy.maxWaitMs)
        return {
          ok: false,
          rateLimited: true,
          reason: `${RATE_LIMITED}: 429, Retry-After ${Math.round(asked / 1000)} s, after ${attempt} retries`,
        };
      this.ctx.client.announce({
        kind: 'wait',
        waitingFor: `${request.method} ${new URL(request.url).pathname} to be admitted again`,
        why: `429, Retry-After ${Math.round(asked / 1000)} s`,
        ms: asked,
      });
      this.ctx.client.waits.push(asked);
      await sleep(asked);
    }
  }

  /** Sends once; an exchange (phase `probe`) or the reason there is none. */
  async send(
    op: OperationSpec | undefined,
    testCase: Case,
    request: PreparedRequest,
  ): Promise<{ ok: true; exchange: Exchange } | { ok: false; reason: string }> {
    this.ctx.client.requests++;
    let outcome = await send(request, this.timeoutMs, this.connections);
    if (outcome.kind === 'error' && this.localAddress && /EADDRNOTAVAIL|bind/i.test(outcome.error)) {
      // Only 127.0.0.1 is configured here (macOS): fall back to the run's own address.
      this.connections.close();
      this.localAddress = undefined;
      this.connections = agents(undefined);
      outcome = await send(request, this.timeoutMs, this.connections);
    }
    if (outcome.kind === 'error')
      return { ok: false, reason: `no response to ${request.method} ${request.url}: ${outcome.error}` };
    const { response } = outcome;
    const exchange: Exchange = {
      operation: op,
      phase: 'probe',
      testCase,
      request,
      response,
      json: parseJson(response.headers, response.bodyText),
      jsonError: undefined,
      seed: this.ctx.settings.seed,
    };
    this.ctx.onExchange?.(exchange);
    return { ok: true, exchange };
  }

  close(): void {
    this.connections.close();
  }
}

/**
 * Sends cases at once, without waiting out 429s (rate-limit checks want to see them), on up to
 * `cases.length` connections. Counts in the run's requests.
 */
export async function sendAtOnce(
  ctx: CheckContext,
  op: OperationSpec,
  cases: readonly Case[],
): Promise<({ ok: true; exchange: Exchange } | { ok: false; reason: string })[]> {
  const connections = keepAliveAgents({ maxSockets: Math.max(1, cases.length) });
  try {
    const requests = await Promise.all(
      cases.map(async (c) =>
        buildRequest(ctx.settings.baseUrl, op.method, op.path, op, c, await ctx.authHeaders(op, c)),
      ),
    );
    ctx.client.requests += requests.length;
    const outcomes = await Promise.all(requests.map((r) => send(r, 10_000, connections)));
    return outcomes.map((outcome, i) => {
      if (outcome.kind === 'error')
        return {
          ok: false,
          reason: `no response to ${outcome.request.method} ${outcome.request.url}: ${outcome.error}`,
        };
      const exchange: Exchange = {
        operation: op,
        phase: 'probe',
        testCase: cases[i],
        request: outcome.request,
        response: outcome.response,
        json: parseJson(outcome.response.headers, outcome.response.bodyText),
        jsonError: undefined,
        seed: ctx.settings.seed,
      };
      ctx.onExchange?.(exchange);
      return { ok: true, exchange };
    });
  } finally {
    connections.close();
  }
}
