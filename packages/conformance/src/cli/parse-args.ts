/** @module Command-line parsing (node:util parseArgs) into {@link ConformanceOptions}. */
import { parseArgs } from 'node:util';
import { type CheckName, parseSuiteName } from '../checks/registry.ts';
import type { ConformanceOptions } from '../options.ts';
import { type ReportOption, type ReportTarget, reportTargets } from './report-targets.ts';

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help'; readonly checkModules: readonly string[] }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'run';
      readonly options: ConformanceOptions;
      readonly reports: readonly ReportTarget[];
      readonly verbose: boolean;
    };

function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new Error(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return Number(value);
}

/** Parses `argv` (without node and script); throws with a usage message on bad input. */
export function parseCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  const { values, tokens } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    // The order of --report and --report-file pairs them.
    tokens: true,
    options: {
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'oauth-client': { type: 'string' },
      'oauth-redirect-uri': { type: 'string' },
      'oauth-public-client': { type: 'string' },
      seed: { type: 'string' },
      'run-id': { type: 'string' },
      'max-examples': { type: 'string' },
      report: { type: 'string', multiple: true },
      'report-file': { type: 'string', multiple: true },
      suite: { type: 'string' },
      'jwt-secret': { type: 'string' },
      checks: { type: 'string' },
      'exclude-checks': { type: 'string' },
      operations: { type: 'string' },
      'probe-operation': { type: 'string' },
      spec: { type: 'string' },
      'server-spec': { type: 'string' },
      'allow-predicted': { type: 'boolean' },
      profile: { type: 'string' },
      exempt: { type: 'string', multiple: true },
      'check-module': { type: 'string', multiple: true },
      timeout: { type: 'string' },
      'max-retry-wait': { type: 'string' },
      'max-wait': { type: 'string' },
      'max-requests': { type: 'string' },
      'rate-limits': { type: 'string' },
      'token-lifetimes': { type: 'string' },
      'refresh-reuse-leeway': { type: 'string' },
      strict: { type: 'boolean' },
      'webhook-listen': { type: 'string' },
      'other-account-key': { type: 'string' },
      'other-mode-key': { type: 'string' },
      'no-cleanup': { type: 'boolean' },
      'keep-secrets': { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  const checkModules = values['check-module'] ?? [];
  if (values.help) return { kind: 'help', checkModules };
  if (values.version) return { kind: 'version' };
  const baseUrl = values['base-url'];
  if (!baseUrl) throw new Error('--base-url is required');
  if (!/^https?:\/\//.test(baseUrl)) throw new Error(`--base-url must be an http(s) URL, got "${baseUrl}"`);
  const apiKey = values['api-key'] ?? env.REGEN_API_KEY;
  const email = values.email ?? env.REGEN_EMAIL;
  const password = values.password ?? env.REGEN_PASSWORD;
  // Both may be given: the key drives the run, the user serves the session checks.
  if ((email && !password) || (!email && password && !apiKey))
    throw new Error('--email and --password go together');
  const reports = reportTargets(
    tokens.flatMap((t): ReportOption[] =>
      t.kind === 'option' && (t.name === 'report' || t.name === 'report-file') && t.value !== undefined
        ? [{ name: t.name, value: t.value }]
        : [],
    ),
  );
  // Without a comparison no failure can be predicted: the option would silently change nothing.
  if (values['allow-predicted'] && !values.spec && !values['server-spec'])
    throw new Error('--allow-predicted needs a comparison: give --spec (and/or --server-spec)');
  const keepSecrets = values['keep-secrets'] === true;
  // The values go into the JSON report and nowhere else: without one they would be kept for nothing.
  if (keepSecrets && !reports.some((r) => r.kind === 'json'))
    throw new Error('--keep-secrets writes secrets only to the JSON report: give --report json');
  const suite = values.suite === undefined ? undefined : parseSuiteName(values.suite);
  const jwtSecret = values['jwt-secret'] ?? env.REGEN_JWT_SECRET;
  const checks = list(values.checks);
  const excluded = list(values['exclude-checks']);
  const seed = integer('seed', values.seed, 0);
  const runId = values['run-id'];
  // It goes into Idempotency-Keys (header values): visible ASCII, short.
  if (runId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(runId))
    throw new Error(`--run-id must be 1–64 letters, digits, _ or -, got "${runId}"`);
  const maxExamples = integer('max-examples', values['max-examples'], 1);
  const timeoutMs = integer('timeout', values.timeout, 1);
  const maxRetryWait = integer('max-retry-wait', values['max-retry-wait'], 0);
  const maxWait = integer('max-wait', values['max-wait'], 0);
  const maxRequests = integer('max-requests', values['max-requests'], 1);
  const webhookListen = values['webhook-listen'];
  if (webhookListen !== undefined && !/^(\[[0-9a-fA-F:]+\]|[\w.-]+):\d+$/.test(webhookListen))
    throw new Error(`--webhook-listen must be host:port, got "${webhookListen}"`);
  const otherAccountKey = values['other-account-key'] ?? env.REGEN_OTHER_ACCOUNT_KEY;
  const otherModeKey = values['other-mode-key'] ?? env.REGEN_OTHER_MODE_KEY;
  const operations = list(values.operations);
  // Checked by runConformance against the document (a --spec version may name others).
  const probeOperation = values['probe-operation'];
  const oauthClient = values['oauth-client'] ?? env.REGEN_OAUTH_CLIENT;
  const [clientId = '', ...secretParts] = (oauthClient ?? '').split(':');
  const redirectUri = values['oauth-redirect-uri'];
  const oauthPublicClient = values['oauth-public-client'];
  // An id only: a secret would make it a confidential client, the opposite of what it is for.
  if (oauthPublicClient !== undefined && !/^[^\s:]+$/.test(oauthPublicClient))
    throw new Error(`--oauth-public-client takes a client id (no secret), got "${oauthPublicClient}"`);
  const options: ConformanceOptions = {
    baseUrl,
    ...(oauthClient
      ? {
          oauthClient: {
            id: clientId,
            ...(secretParts.length > 0 ? { secret: secretParts.join(':') } : {}),
            ...(redirectUri ? { redirectUri } : {}),
          },
        }
      : {}),
    ...(oauthPublicClient ? { oauthPublicClient } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(email && password ? { email, password } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(runId !== undefined ? { runId } : {}),
    ...(probeOperation ? { probeOperation } : {}),
    ...(maxExamples !== undefined ? { maxExamples } : {}),
    ...(suite ? { suite } : {}),
    ...(jwtSecret ? { jwtSecret } : {}),
    // Checked by runConformance against its registry, which includes the --check-module checks.
    ...(checks ? { checks: checks as CheckName[] } : {}),
    ...(excluded ? { excludeChecks: excluded as CheckName[] } : {}),
    ...(checkModules.length > 0 ? { checkModules } : {}),
    ...(operations ? { operations } : {}),
    ...(values.spec ? { spec: values.spec } : {}),
    ...(values['server-spec'] ? { serverSpec: values['server-spec'] } : {}),
    ...(values['allow-predicted'] ? { allowPredicted: true } : {}),
    ...(values.profile ? { profile: values.profile } : {}),
    ...(values.exempt ? { exempt: values.exempt } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(maxRetryWait !== undefined ? { maxRetryWaitMs: maxRetryWait * 1000 } : {}),
    ...(values['no-cleanup'] ? { cleanup: false } : {}),
    ...(keepSecrets ? { keepSecrets } : {}),
    ...(maxWait !== undefined ? { maxWaitMs: maxWait * 1000 } : {}),
    ...(maxRequests !== undefined ? { maxRequests } : {}),
    ...(values['rate-limits'] ? { rateLimits: values['rate-limits'] } : {}),
    ...(values['token-lifetimes'] ? { tokenLifetimes: values['token-lifetimes'] } : {}),
    ...(values['refresh-reuse-leeway'] ? { refreshReuseLeeway: values['refresh-reuse-leeway'] } : {}),
    ...(values.strict ? { strict: true } : {}),
    ...(webhookListen ? { webhookListen } : {}),
    ...(otherAccountKey ? { otherAccountKey } : {}),
    ...(otherModeKey ? { otherModeKey } : {}),
  };
  return {
    kind: 'run',
    options,
    reports,
    verbose: values.verbose === true,
  };
}
