/**
 * @module The command line that reruns a run, as the console prints it under a failure: every
 * option that shapes requests or verdicts, with each credential written as the shell variable
 * curl lines use (`"$REGEN_API_KEY"`), so the line runs as printed where those variables are set.
 */
import type { ConformanceOptions } from '../options.ts';

/** `text` as one shell word: bare when it has no special characters, else single-quoted. */
function word(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'"'"'`)}'`;
}

/** A credential: a double-quoted variable reference, expanded by the shell that runs the line. */
function secret(variable: string): string {
  return `"$${variable}"`;
}

function credentialArguments(options: ConformanceOptions): string[] {
  const out: string[] = [];
  if (options.apiKey) out.push('--api-key', secret('REGEN_API_KEY'));
  if (options.email && options.password)
    out.push('--email', word(options.email), '--password', secret('REGEN_PASSWORD'));
  const client = options.oauthClient;
  if (client) {
    // The id is no secret; the secret is spliced in after the colon, as in the curl lines.
    out.push(
      '--oauth-client',
      client.secret ? `${word(client.id)}:${secret('REGEN_OAUTH_CLIENT_SECRET')}` : word(client.id),
    );
    if (client.redirectUri) out.push('--oauth-redirect-uri', word(client.redirectUri));
  }
  // A public client's id is no secret: written as given.
  if (options.oauthPublicClient) out.push('--oauth-public-client', word(options.oauthPublicClient));
  if (options.jwtSecret) out.push('--jwt-secret', secret('REGEN_JWT_SECRET'));
  if (options.otherAccountKey) out.push('--other-account-key', secret('REGEN_OTHER_ACCOUNT_KEY'));
  if (options.otherModeKey) out.push('--other-mode-key', secret('REGEN_OTHER_MODE_KEY'));
  return out;
}

/** Options besides the credential that change what is sent or how it is judged. */
function settingArguments(options: ConformanceOptions): string[] {
  const out: string[] = [];
  const seconds = (ms: number) => String(Math.round(ms / 1000));
  if (options.spec) out.push('--spec', word(options.spec));
  if (options.serverSpec) out.push('--server-spec', word(options.serverSpec));
  if (options.allowPredicted) out.push('--allow-predicted');
  if (options.profile) out.push('--profile', word(options.profile));
  if (options.probeOperation) out.push('--probe-operation', word(options.probeOperation));
  for (const rule of options.exempt ?? []) out.push('--exempt', word(rule));
  for (const module of options.checkModules ?? []) out.push('--check-module', word(module));
  if (options.timeoutMs !== undefined) out.push('--timeout', String(options.timeoutMs));
  if (options.maxRetryWaitMs !== undefined) out.push('--max-retry-wait', seconds(options.maxRetryWaitMs));
  if (options.maxWaitMs !== undefined) out.push('--max-wait', seconds(options.maxWaitMs));
  if (options.maxRequests !== undefined) out.push('--max-requests', String(options.maxRequests));
  if (options.rateLimits) out.push('--rate-limits', word(options.rateLimits));
  if (options.tokenLifetimes) out.push('--token-lifetimes', word(options.tokenLifetimes));
  if (options.refreshReuseLeeway) out.push('--refresh-reuse-leeway', word(options.refreshReuseLeeway));
  if (options.strict) out.push('--strict');
  if (options.webhookListen) out.push('--webhook-listen', word(options.webhookListen));
  if (options.cleanup === false) out.push('--no-cleanup');
  return out;
}

/**
 * The command that reruns the run with `seed` and `maxExamples`; the console appends
 * `--operations` and `--checks` to rerun one testcase.
 */
export function rerunCommand(options: ConformanceOptions, seed: number, maxExamples: number): string {
  return [
    'npx regen-conformance',
    '--base-url',
    word(options.baseUrl),
    ...credentialArguments(options),
    ...settingArguments(options),
    '--seed',
    String(seed),
    '--max-examples',
    String(maxExamples),
  ].join(' ');
}
