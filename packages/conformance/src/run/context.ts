/**
 * @module The state of one run and the one way requests are sent: authenticated, guarded by
 * the safety rules, rate-limit aware, judged by every selected response check.
 */
import type { Credential } from '../auth/credential.ts';
import type { SessionCredential } from '../auth/session.ts';
import type { CheckOfPhase } from '../checks/api.ts';
import type { CheckRegistry } from '../checks/registry.ts';
import type { Case } from '../generate/case.ts';
import type { CaseGenerator } from '../generate/positive.ts';
import { buildRequest } from '../http/build-request.ts';
import type { RateLimitedClient } from '../http/rate-limited-client.ts';
import type { Redactor } from '../http/redact.ts';
import type { HttpOutcome } from '../http/types.ts';
import { isObject } from '../spec/json-pointer.ts';
import { isJsonMediaType } from '../spec/lookup.ts';
import type { ApiSpec, Json, OperationSpec } from '../spec/types.ts';
import type { SpecValidator } from '../spec/validator.ts';
import type { CheckContext, Sent } from '../support/context.ts';
import type { Exchange, Phase } from '../support/exchange.ts';
import { type OperationPlan, pathIdPrefixes } from '../support/plan.ts';
import { RATE_LIMITED } from '../support/rate-limited.ts';
import { ResourcePool } from '../support/resource-pool.ts';
import { splitCheckId } from '../support/rule.ts';
import type { RunSettings } from '../support/settings.ts';
import type { Recorder } from './recorder.ts';
import { assertSafe } from './safety.ts';

function parseBody(
  headers: Readonly<Record<string, string>>,
  text: string,
): { json: Json | undefined; jsonError: string | undefined } {
  const type = headers['content-type'];
  if (!type || !isJsonMediaType(type)) return { json: undefined, jsonError: undefined };
  if (text.trim() === '') return { json: undefined, jsonError: 'empty body' };
  try {
    return { json: JSON.parse(text) as Json, jsonError: undefined };
  } catch (error) {
    return { json: undefined, jsonError: error instanceof Error ? error.message : String(error) };
  }
}

/** One run's shared state; checks see it as a {@link CheckContext}. */
export class RunContext implements CheckContext {
  /** The response checks the run uses. */
  readonly responseChecks: readonly CheckOfPhase<'response'>[];
  readonly pool = new ResourcePool();
  /** Fixtures created so far; numbers each one's seed. */
  fixtures = 0;
  /** Told about every exchange (the CLI's `--verbose`). */
  onExchange: ((exchange: Exchange) => void) | undefined;

  constructor(
    readonly spec: ApiSpec,
    readonly validator: SpecValidator,
    readonly settings: RunSettings,
    readonly client: RateLimitedClient,
    readonly credential: Credential | undefined,
    readonly recorder: Recorder,
    readonly redactor: Redactor,
    readonly registry: CheckRegistry,
    readonly plans: ReadonlyMap<string, OperationPlan>,
    /** The user's sessions (`--email`/`--password`), for operations that need one; the run's credential or a second one. */
    readonly user: SessionCredential | undefined = undefined,
  ) {
    this.responseChecks = registry.inPhase('response').filter((c) => settings.checks.has(c.name));
  }

  /** Whether `check` (or a rule of it, `check/rule`) runs and `op`'s results are recorded. */
  judges(check: string, op: OperationSpec): boolean {
    return this.settings.checks.has(splitCheckId(check).check) && this.settings.selected.has(op.operationId);
  }

  plan(op: OperationSpec): OperationPlan | undefined {
    return this.plans.get(op.operationId);
  }

  /**
   * Case generation for `op`: id schemas draw on real ids, and only on the run's own ids when
   * the operation may only touch those.
   */
  generator(op: OperationSpec): CaseGenerator {
    const plan = this.plan(op);
    const ownedOnly = plan?.ownedTargetsOnly ?? false;
    const targetPrefixes = new Set(pathIdPrefixes(this.spec, op));
    const writes = op.method !== 'GET' && op.method !== 'HEAD';
    return {
      document: this.spec.document,
      validator: this.validator,
      runId: this.settings.runId,
      ids: (prefix) => {
        const filter = plan?.idFilters[prefix];
        if (!targetPrefixes.has(prefix)) return this.pool.ids(prefix, false, filter);
        // Writes prefer the run's own resources even when they may touch others (customers
        // cannot be created, so updates fall back to listed ones).
        const owned = writes ? this.pool.ids(prefix, true, filter) : [];
        return owned.length > 0 || ownedOnly ? owned : this.pool.ids(prefix, false, filter);
      },
      // Cursors are opaque (contract: "from the previous page's nextCursor"): only issued ones are valid.
      opaque: (p) =>
        p.in === 'query' && (p.name === 'cursor' || /\bopaque\b/i.test(p.description))
          ? this.pool.cursors(op.operationId)
          : undefined,
    };
  }

  /** Authentication headers for a case. */
  async authHeaders(op: OperationSpec | undefined, testCase: Case): Promise<Record<string, string>> {
    if (testCase.auth === 'none') return {};
    if (testCase.auth !== 'default') return { ...testCase.auth.headers };
    if (op && op.auth === 'none') return {};
    return this.credential ? this.credential.headers(op) : {};
  }

  /**
   * Sends `testCase` to `method pathTemplate` (the operation's own unless probing another
   * method) and judges the response with every selected response check.
   */
  async send(
    op: OperationSpec | undefined,
    testCase: Case,
    phase: Phase,
    seed: number,
    method = op?.method ?? 'GET',
    pathTemplate = op?.path ?? '/',
  ): Promise<Sent> {
    assertSafe(op ? this.plan(op) : undefined, method, testCase, this.pool);
    let sent = await this.transmit(op, testCase, method, pathTemplate);
    // An expired session is renewed once; the run's credential stays usable for long runs.
    if (
      sent.kind === 'answered' &&
      sent.outcome.kind === 'response' &&
      sent.outcome.response.status === 401 &&
      testCase.auth === 'default' &&
      op?.auth !== 'none' &&
      this.credential?.kind === 'session' &&
      (await this.credential.renew())
    ) {
      sent = await this.transmit(op, testCase, method, pathTemplate);
    }
    // The 429s are not judged as answers to the request, but the response checks still see them.
    for (const earlier of sent.rateLimited) {
      if (earlier.kind !== 'response') continue;
      const refusal = this.exchangeOf(op, testCase, phase, seed, earlier);
      this.onExchange?.(refusal);
      this.judge(refusal);
    }
    if (sent.kind === 'rate-limited') return { ok: false, reason: `${RATE_LIMITED}: ${sent.reason}` };
    const { outcome } = sent;
    if (outcome.kind === 'error')
      return { ok: false, reason: `no response to ${method} ${outcome.request.url}: ${outcome.error}` };
    const exchange = this.exchangeOf(op, testCase, phase, seed, outcome);
    this.onExchange?.(exchange);
    this.pool.harvest(exchange.json);
    if (op && isObject(exchange.json) && typeof exchange.json.nextCursor === 'string')
      this.pool.addCursor(op.operationId, exchange.json.nextCursor);
    this.harvestSecrets(exchange.json);
    if (phase !== 'setup') this.judge(exchange);
    return { ok: true, exchange };
  }

  private async transmit(
    op: OperationSpec | undefined,
    testCase: Case,
    method: string,
    pathTemplate: string,
  ) {
    const auth = await this.authHeaders(op, testCase);
    const request = buildRequest(this.settings.baseUrl, method, pathTemplate, op, testCase, auth);
    return this.client.send(request, `${method} ${pathTemplate}`);
  }

  private exchangeOf(
    op: OperationSpec | undefined,
    testCase: Case,
    phase: Phase,
    seed: number,
    outcome: HttpOutcome & { kind: 'response' },
  ): Exchange {
    return {
      operation: op,
      phase,
      testCase,
      request: outcome.request,
      response: outcome.response,
      ...parseBody(outcome.response.headers, outcome.response.bodyText),
      seed,
    };
  }

  /** Runs the selected response checks on an exchange of a selected operation. */
  private judge(exchange: Exchange): void {
    const op = exchange.operation;
    if (!op) return;
    for (const check of this.responseChecks) {
      if (!this.judges(check.name, op)) continue;
      const verdict = check.evaluate(exchange, { spec: this.spec, validator: this.validator });
      if (verdict) this.recorder.record(check.name, op, verdict, exchange);
    }
  }

  /** Credentials the server hands out (API keys, tokens) are secrets too: keep them out of reports. */
  private harvestSecrets(json: Json | undefined): void {
    const text = json === undefined ? '' : JSON.stringify(json);
    for (const match of text.matchAll(/rg_(?:live|test)_[A-Za-z0-9]{32}/g))
      this.redactor.add(match[0], '$REGEN_CREATED_KEY');
    for (const match of text.matchAll(/"(?:access_?[tT]oken|refresh_?[tT]oken)":"([^"]+)"/g)) {
      this.redactor.add(match[1], '$REGEN_ISSUED_TOKEN');
    }
  }
}
