/** @module One conformance run, from options to report. */
import { ApiKeyCredential, type Credential } from '../auth/credential.ts';
import { SessionCredential } from '../auth/session.ts';
import type { CheckPhase } from '../checks/api.ts';
import { CheckRegistry } from '../checks/registry.ts';
import { attributeRun, readServedContract } from '../contract-changes/attribute-run.ts';
import { newRunId } from '../generate/run-id.ts';
import { randomSeed } from '../generate/seed.ts';
import type { Redactor } from '../http/redact.ts';
import { Connections } from '../http/send.ts';
import type { ConformanceOptions } from '../options.ts';
import { rerunCommand } from '../report/rerun-command.ts';
import { reportSecrets } from '../report/secrets.ts';
import type { Report, TestcaseResult } from '../report/types.ts';
import { bundledSpecPath, loadDocument } from '../spec/load-document.ts';
import { parseSpec } from '../spec/parse-spec.ts';
import type { ApiSpec, Json } from '../spec/types.ts';
import { SpecValidator } from '../spec/validator.ts';
import { type OperationPlan, planRun } from '../support/plan.ts';
import { canProbe } from '../support/probe-operation.ts';
import { RATE_LIMITED } from '../support/rate-limited.ts';
import { parseTiers } from '../support/rate-limits.ts';
import { checkDeclaredSessionTimings } from '../support/session-timings.ts';
import { DEFAULT_SEMANTIC_SETTINGS } from '../support/settings.ts';
import { VERSION } from '../version.ts';
import { RunContext } from './context.ts';
import { estimateRun } from './estimate.ts';
import { parseExemption } from './exemptions.ts';
import { loadCheckModules } from './load-checks.ts';
import { probePaths } from './probe-methods.ts';
import { profileExemptions } from './profiles.ts';
import { Recorder } from './recorder.ts';
import { runOperation } from './run-operation.ts';
import { runScenarios, runSecurityProbes } from './run-probes.ts';
import { clientFor, obtainedSecrets, redactorFor, runSettings, semanticSettings } from './run-settings.ts';
import { cleanUp, discover, neededListings } from './setup.ts';

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
  return userSessionFor(options, spec, redactor, post);
}

/**
 * The user's sessions (`--email`/`--password`): the run's credential without a key, else a second
 * credential, never started, that opens sessions for the operations that need one (login,
 * refresh, logout) while the key drives the run.
 */
function userSessionFor(
  options: ConformanceOptions,
  spec: ApiSpec,
  redactor: Redactor,
  post: ConstructorParameters<typeof SessionCredential>[3],
): SessionCredential | undefined {
  if (!options.email || !options.password) return undefined;
  return new SessionCredential(spec, options.email, options.password, post, (value, placeholder) =>
    redactor.add(value, placeholder),
  );
}

function selectedOperations(spec: ApiSpec, wanted: readonly string[] | undefined): Set<string> {
  const all = spec.operations.map((o) => o.operationId);
  if (!wanted || wanted.length === 0) return new Set(all);
  const unknown = wanted.filter((id) => !all.includes(id));
  if (unknown.length > 0) throw new Error(`unknown operation(s): ${unknown.join(', ')}`);
  return new Set(wanted);
}

/** `--probe-operation` must name an operation a credential can be tried on. */
function checkProbeOperation(spec: ApiSpec, operationId: string | undefined): void {
  if (operationId === undefined) return;
  const op = spec.operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`unknown --probe-operation: ${operationId}`);
  if (!canProbe(op))
    throw new Error(
      `--probe-operation ${operationId} must be a GET without path parameters that needs a credential`,
    );
}

/**
 * Failures win over what could not be judged: errors, and testcases a rate limit left unjudged.
 * `allowPredicted`: failures that contract changes predict, every one of them, do not fail the run.
 */
function exitCode(
  results: readonly TestcaseResult[],
  fatal: string | undefined,
  allowPredicted: boolean,
): 0 | 1 | 2 {
  if (fatal) return 2;
  const failed = results.filter((r) => r.status === 'failed');
  const forgiven = allowPredicted && failed.every((r) => r.prediction?.predicted === true);
  if (failed.length > 0 && !forgiven) return 1;
  const unjudged = (r: TestcaseResult) =>
    r.status === 'error' || (r.status === 'skipped' && r.reason?.startsWith(RATE_LIMITED) === true);
  return results.some(unjudged) ? 2 : 0;
}

/** Tells `onProgress` about the run's size before anything is sent. */
function announceEstimate(
  ctx: RunContext,
  options: ConformanceOptions,
  plans: readonly OperationPlan[],
): void {
  if (!options.onProgress) return;
  const { checks, selected, maxExamples } = ctx.settings;
  const selectedChecks = ctx.registry.checks.filter((c) => checks.has(c.name));
  const estimate = estimateRun({
    operations: selectedChecks.some((c) => c.phase !== 'scenario')
      ? plans.filter((p) => selected.has(p.op.operationId))
      : [],
    selected: selected.size,
    listings: neededListings(ctx.spec, plans, selected).length,
    // The path checks probe only paths with a selected operation.
    paths: new Set(ctx.spec.operations.filter((o) => selected.has(o.operationId)).map((o) => o.path)).size,
    maxExamples,
    security: selectedChecks.some((c) => c.phase === 'security'),
    semantics: selectedChecks.some((c) => c.phase === 'scenario'),
    tiers: options.rateLimits ? parseTiers(options.rateLimits) : undefined,
  });
  options.onProgress({
    kind: 'estimate',
    requests: estimate.requests,
    seconds: estimate.seconds,
    rateLimits: options.rateLimits,
  });
}

/** Sends a JSON body without credential (login, refresh) through the run, for the session credential. */
function poster(ctx: () => RunContext | undefined, seed: number) {
  return async (op: ApiSpec['operations'][number], body: Json) => {
    const run = ctx();
    if (!run) throw new Error('not started');
    const testCase = {
      pathParams: {},
      query: {},
      headers: {},
      body: { contentType: 'application/json', value: body },
      auth: 'none' as const,
      description: 'authentication',
    };
    const sent = await run.send(op, testCase, 'setup', seed);
    return sent.ok
      ? { status: sent.exchange.response.status, json: sent.exchange.json }
      : { status: 0, json: null };
  };
}

/** Tells `onProgress` about every exchange, credentials already replaced. */
function reportExchanges(ctx: RunContext, options: ConformanceOptions): void {
  const notify = options.onProgress;
  if (!notify) return;
  ctx.onExchange = (e) =>
    notify({
      kind: 'exchange',
      phase: e.phase,
      method: e.request.method,
      url: ctx.redactor.redact(e.request.url),
      status: e.response.status,
      body: ctx.redactor.redact(e.response.bodyText.slice(0, 300)),
    });
}

/** The phases of a run, in order: operations, paths, security probes, scenarios, clean-up, last probes. */
async function runPhases(
  ctx: RunContext,
  options: ConformanceOptions,
  plans: readonly OperationPlan[],
): Promise<void> {
  const { checks, seed, selected } = ctx.settings;
  const inPhase = (phase: CheckPhase) => ctx.registry.inPhase(phase).some((c) => checks.has(c.name));
  // Only scenarios: they send their own requests, the operation-by-operation pass is not needed.
  const perOperation = [...checks].some(
    (c) => ctx.registry.checks.find((k) => k.name === c)?.phase !== 'scenario',
  );
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
  if (inPhase('scenario')) {
    options.onProgress?.({ kind: 'probe', name: 'semantics' });
    await runScenarios(ctx, ctx.settings.semantics ?? DEFAULT_SEMANTIC_SETTINGS);
  }
  if (options.cleanup !== false) await cleanUp(ctx);
  // Checks that spend a budget the run's credential may need (failed logins) come last.
  await runSecurityProbes(ctx, 'last');
}

/**
 * One testcase per selected check × operation even when nothing was judged (reported skipped);
 * checks that send their own requests report on the operations they probe only.
 */
function touchOperations(ctx: RunContext, recorder: Recorder): void {
  const perOperation = ctx.registry.checks.filter(
    (c) => ctx.settings.checks.has(c.name) && c.phase !== 'security' && c.phase !== 'scenario',
  );
  for (const op of ctx.spec.operations) {
    if (!ctx.settings.selected.has(op.operationId)) continue;
    for (const check of perOperation) recorder.touch(check.name, op);
  }
}

function describeError(error: unknown): string {
  return error instanceof Error
    ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`
    : String(error);
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
  const runId = options.runId ?? newRunId();
  const maxExamples = options.maxExamples ?? 5;
  const registry = new CheckRegistry(await loadCheckModules(options.checkModules ?? []));
  const checks = registry.select(options.checks, options.excludeChecks, options.suite);
  const exemptions = [
    ...profileExemptions(options.profile, registry),
    ...(options.exempt ?? []).map((text) => parseExemption(text, registry.names)),
  ];
  const specPath = options.spec ?? bundledSpecPath();
  const spec = parseSpec(await loadDocument(specPath), specPath);
  const selected = selectedOperations(spec, options.operations);
  // Read before the run, so a server's contract that the run's requests could change is read as it was.
  const served = await readServedContract(options, spec);
  checkProbeOperation(spec, options.probeOperation);
  const redactor = redactorFor(options);
  const connections = new Connections();
  const client = clientFor(options, connections);
  const recorder = new Recorder(redactor, seed);
  const plans = planRun(spec, spec.operations);
  parseTiers(options.rateLimits); // bad input is an option error, before anything is sent
  checkDeclaredSessionTimings(options);
  const semantics = semanticSettings(options);
  const settings = runSettings(options, {
    semantics,
    seed,
    runId,
    maxExamples,
    checks: new Set(checks),
    selected,
  });
  let ctx: RunContext | undefined;
  const post = poster(() => ctx, seed);
  const credential = credentialFor(options, spec, redactor, post);
  const user =
    credential instanceof SessionCredential ? credential : userSessionFor(options, spec, redactor, post);
  const plansById = new Map(plans.map((p) => [p.op.operationId, p]));
  ctx = new RunContext(
    spec,
    new SpecValidator(spec.document),
    settings,
    client,
    credential,
    recorder,
    redactor,
    registry,
    plansById,
    user,
  );
  reportExchanges(ctx, options);
  client.onNotice = options.onProgress;
  announceEstimate(ctx, options, plans);
  let fatal: string | undefined;
  try {
    if (credential instanceof SessionCredential) await credential.start();
    fatal = await discover(ctx, options.apiKey);
    if (!fatal) await runPhases(ctx, options, plans);
  } catch (error) {
    fatal = describeError(error);
  } finally {
    connections.close();
  }

  if (!fatal) touchOperations(ctx, recorder);
  if (!fatal && client.stoppedBy)
    fatal = `${RATE_LIMITED} from then on: ${client.stoppedBy.why}, refusing every route, does not lift within --max-retry-wait`;
  const { results, contractChanges } = attributeRun(
    recorder.results(exemptions, options.strict === true),
    served,
    spec,
  );
  const count = (status: TestcaseResult['status']) => results.filter((r) => r.status === status).length;
  return {
    tool: { name: '@regen/conformance', version: VERSION },
    baseUrl: options.baseUrl,
    spec: { title: spec.title, version: spec.version, source: spec.source },
    seed,
    runId,
    maxExamples,
    profile: options.profile,
    checks,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    rerunCommand: rerunCommand(options, seed, maxExamples),
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
    secrets: reportSecrets(
      obtainedSecrets(redactor, options),
      options.keepSecrets === true,
      options.cleanup !== false,
    ),
    ...(contractChanges ? { contractChanges } : {}),
    ...(fatal ? { fatal: redactor.redact(fatal) } : {}),
    exitCode: exitCode(results, fatal, options.allowPredicted === true),
  };
}
