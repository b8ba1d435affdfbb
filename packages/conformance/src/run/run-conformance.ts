/** @module One conformance run, from options to report. */
import { ApiKeyCredential, type Credential } from '../auth/credential.ts';
import { SessionCredential } from '../auth/session.ts';
import { CheckRegistry } from '../checks/registry.ts';
import { randomSeed } from '../generate/seed.ts';
import { RateLimitedClient } from '../http/rate-limited-client.ts';
import { Redactor } from '../http/redact.ts';
import { Connections } from '../http/send.ts';
import type { ConformanceOptions } from '../options.ts';
import type { Report, TestcaseResult } from '../report/types.ts';
import { bundledSpecPath, loadDocument } from '../spec/load-document.ts';
import { parseSpec } from '../spec/parse-spec.ts';
import type { ApiSpec, Json } from '../spec/types.ts';
import { SpecValidator } from '../spec/validator.ts';
import { planRun } from '../support/plan.ts';
import { parseTiers } from '../support/rate-limits.ts';
import { DEFAULT_SEMANTIC_SETTINGS } from '../support/settings.ts';
import { VERSION } from '../version.ts';
import { RunContext } from './context.ts';
import { parseExemption } from './exemptions.ts';
import { loadCheckModules } from './load-checks.ts';
import { probePaths } from './probe-methods.ts';
import { profileExemptions } from './profiles.ts';
import { Recorder } from './recorder.ts';
import { runOperation } from './run-operation.ts';
import { runScenarios, runSecurityProbes } from './run-probes.ts';
import { cleanUp, discover } from './setup.ts';

function credentialFor(
  options: ConformanceOptions,
  spec: ApiSpec,
  redactor: Redactor,
  post: ConstructorParameters<typeof SessionCredential>[3],
): Credential | undefined {
  if (options.apiKey) {
    const scheme = spec.operations
      .flatMap((o) => o.securitySchemes)
      .find((s) => s.type === 'apiKey' && s.in === 'header');
    return new ApiKeyCredential(options.apiKey, scheme?.paramName ?? 'X-API-Key');
  }
  if (options.email && options.password) {
    return new SessionCredential(spec, options.email, options.password, post, (value, placeholder) =>
      redactor.add(value, placeholder),
    );
  }
  return undefined;
}

function selectedOperations(spec: ApiSpec, wanted: readonly string[] | undefined): Set<string> {
  const all = spec.operations.map((o) => o.operationId);
  if (!wanted || wanted.length === 0) return new Set(all);
  const unknown = wanted.filter((id) => !all.includes(id));
  if (unknown.length > 0) throw new Error(`unknown operation(s): ${unknown.join(', ')}`);
  return new Set(wanted);
}

function exitCode(results: readonly TestcaseResult[], fatal: string | undefined): 0 | 1 | 2 {
  if (fatal) return 2;
  if (results.some((r) => r.status === 'failed')) return 1;
  return results.some((r) => r.status === 'error') ? 2 : 0;
}

/**
 * Checks the server at `options.baseUrl` against the contract and returns the report. Throws
 * only on invalid options or an unreadable document; a server that cannot be reached or
 * refuses the credential yields a report with `fatal` and exit code 2.
 */
export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const startedAt = new Date();
  const started = performance.now();
  const seed = options.seed ?? randomSeed();
  const maxExamples = options.maxExamples ?? 5;
  const registry = new CheckRegistry(await loadCheckModules(options.checkModules ?? []));
  const checks = registry.select(options.checks, options.excludeChecks, options.suite);
  const phaseOf = (name: string) => registry.checks.find((c) => c.name === name)?.phase;
  const exemptions = [
    ...profileExemptions(options.profile, registry),
    ...(options.exempt ?? []).map((text) => parseExemption(text, registry.names)),
  ];
  const specPath = options.spec ?? bundledSpecPath();
  const spec = parseSpec(await loadDocument(specPath), specPath);
  const selected = selectedOperations(spec, options.operations);
  const validator = new SpecValidator(spec.document);
  const redactor = new Redactor();
  redactor.add(options.apiKey, '$REGEN_API_KEY');
  redactor.add(options.password, '$REGEN_PASSWORD');
  redactor.add(options.jwtSecret, '$REGEN_JWT_SECRET');
  redactor.add(options.otherAccountKey, '$REGEN_OTHER_ACCOUNT_KEY');
  redactor.add(options.otherModeKey, '$REGEN_OTHER_MODE_KEY');
  const connections = new Connections();
  const client = new RateLimitedClient(
    connections,
    options.timeoutMs ?? 10_000,
    {
      maxRetries: options.maxRetries ?? 5,
      maxWaitMs: options.maxRetryWaitMs ?? 60_000,
      fallbackWaitMs: 1000,
    },
    options.sleep,
  );
  const recorder = new Recorder(redactor, seed);
  const plans = planRun(spec, spec.operations);
  const oauth = options.oauthClient;
  redactor.add(oauth?.secret, '$REGEN_OAUTH_CLIENT_SECRET');
  parseTiers(options.rateLimits); // bad input is an option error, before anything is sent
  const semantics = {
    maxWaitMs: options.maxWaitMs ?? DEFAULT_SEMANTIC_SETTINGS.maxWaitMs,
    maxRequests: options.maxRequests ?? DEFAULT_SEMANTIC_SETTINGS.maxRequests,
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.webhookListen ? { webhookListen: options.webhookListen } : {}),
    ...(options.otherAccountKey ? { otherAccountKey: options.otherAccountKey } : {}),
    ...(options.otherModeKey ? { otherModeKey: options.otherModeKey } : {}),
    ...(options.email && options.password
      ? { user: { email: options.email, password: options.password } }
      : {}),
  };
  const settings = {
    semantics,
    baseUrl: options.baseUrl,
    seed,
    maxExamples,
    checks: new Set(checks),
    selected,
    ...(options.jwtSecret ? { jwtSecret: options.jwtSecret } : {}),
    ...(oauth
      ? { oauthClient: { ...oauth, redirectUri: oauth.redirectUri ?? 'http://127.0.0.1/callback' } }
      : {}),
  };
  let ctx: RunContext | undefined;
  const post = async (op: ApiSpec['operations'][number], body: Json) => {
    if (!ctx) throw new Error('not started');
    const sent = await ctx.send(
      op,
      {
        pathParams: {},
        query: {},
        headers: {},
        body: { contentType: 'application/json', value: body },
        auth: 'none',
        description: 'authentication',
      },
      'setup',
      seed,
    );
    return sent.ok
      ? { status: sent.exchange.response.status, json: sent.exchange.json }
      : { status: 0, json: null };
  };
  const credential = credentialFor(options, spec, redactor, post);
  ctx = new RunContext(
    spec,
    validator,
    settings,
    client,
    credential,
    recorder,
    redactor,
    registry,
    new Map(plans.map((p) => [p.op.operationId, p])),
  );

  if (options.onProgress) {
    const notify = options.onProgress;
    ctx.onExchange = (e) =>
      notify({
        kind: 'exchange',
        phase: e.phase,
        method: e.request.method,
        url: redactor.redact(e.request.url),
        status: e.response.status,
        body: redactor.redact(e.response.bodyText.slice(0, 300)),
      });
  }
  let fatal: string | undefined;
  try {
    if (credential instanceof SessionCredential) await credential.start();
    fatal = await discover(ctx, options.apiKey);
    if (!fatal) {
      // Only the semantic checks: they send their own scenarios, the operation-by-operation pass is not needed.
      const perOperation = checks.some((c) => phaseOf(c) !== 'scenario');
      const chosen = perOperation ? plans.filter((p) => selected.has(p.op.operationId)) : [];
      options.onProgress?.({ kind: 'start', operations: chosen.length, seed });
      for (const [index, plan] of chosen.entries()) {
        options.onProgress?.({
          kind: 'operation',
          operationId: plan.op.operationId,
          index,
          total: chosen.length,
        });
        await runOperation(ctx, plan);
      }
      if (perOperation) {
        options.onProgress?.({ kind: 'probe', name: 'unsupported_method' });
        await probePaths(ctx);
      }
      options.onProgress?.({ kind: 'probe', name: 'security' });
      await runSecurityProbes(ctx, 'probe');
      if (checks.some((c) => phaseOf(c) === 'scenario')) {
        options.onProgress?.({ kind: 'probe', name: 'semantics' });
        await runScenarios(ctx, semantics);
      }
      if (options.cleanup !== false) await cleanUp(ctx);
      // Checks that spend a budget the run's credential may need (failed logins) come last.
      await runSecurityProbes(ctx, 'last');
    }
  } catch (error) {
    fatal =
      error instanceof Error
        ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
        : String(error);
  } finally {
    connections.close();
  }
  if (!fatal) {
    for (const op of spec.operations) {
      if (!selected.has(op.operationId)) continue;
      // Checks that send their own requests report on the operations they probe only, not one
      // "nothing to check" per operation.
      for (const check of checks)
        if (phaseOf(check) !== 'security' && phaseOf(check) !== 'scenario') recorder.touch(check, op);
    }
  }
  const results = recorder.results(exemptions);
  const count = (status: TestcaseResult['status']) => results.filter((r) => r.status === status).length;
  return {
    tool: { name: '@regen/conformance', version: VERSION },
    baseUrl: options.baseUrl,
    spec: { title: spec.title, version: spec.version, source: spec.source },
    seed,
    maxExamples,
    profile: options.profile,
    checks,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    summary: {
      total: results.length,
      passed: count('passed'),
      failed: count('failed'),
      skipped: count('skipped'),
      exempt: count('exempt'),
      errors: count('error'),
      requests: client.requests,
      rateLimitWaitMs: client.waits.reduce((a, b) => a + b, 0),
      sessionRenewals: credential instanceof SessionCredential ? credential.renewals : 0,
    },
    results,
    ...(fatal ? { fatal: redactor.redact(fatal) } : {}),
    exitCode: exitCode(results, fatal),
  };
}
