import { isLogLevel } from '../log/logger.ts';
import { formatDuration } from './duration.ts';
import type { OAuthClientOption, StubOptions } from './options.ts';
import { DEFAULT_RATE_LIMITS, formatRateLimits } from './rate-limits.ts';
import { DEFAULT_OAUTH_CLIENTS, DEFAULT_TOKEN_TTLS } from './settings.ts';

const HELP_INDENT = ' '.repeat(30);

/** A default client as `--oauth-client` takes it, and what it is. */
function describeClient({ id, secret, accountId }: OAuthClientOption): string {
  const account = accountId === undefined ? '' : `@${accountId}`;
  if (secret === undefined) return `${id}${account} (public: authorization code with PKCE only)`;
  return `${id}:${secret}${account}`;
}

/** `--help` text: every flag of the stub; the defaults the contract documents are read from it. */
export const HELP = `Usage: regen-stub [options]

The reference server of the Regen API, on http://127.0.0.1:4010 by default. Prints one JSON
line {"event":"listening","url":…,"demoUser":{…}} on stdout when ready; logs go to stderr.

Options:
  --port <n>                  TCP port (default 4010; 0 picks a free port)
  --host <addr>               Interface to bind (default 127.0.0.1)
  --no-seed                   Start without the demo data set
  --admin-key <key>           A known API key with every scope, for tests (never printed)
  --demo-email <email>        Email of the demo user (default demo@regen.test)
  --demo-password <pw>        Password of the demo users (default regen-demo-password)
  --oauth-client <id:secret>  Register an OAuth client (repeatable; "id" alone: a public client;
                              "id:secret@acct_…": of that account, default the demo account).
                              Given, they replace the defaults:
${DEFAULT_OAUTH_CLIENTS.map((client) => `${HELP_INDENT}  ${describeClient(client)}`).join('\n')}
  --oauth-redirect-uri <uri>  Register a redirect URI for every client (repeatable; loopback
                              URIs such as http://127.0.0.1:PORT/cb are always accepted)
  --access-token-ttl <d>      Access-token lifetime (default ${formatDuration(DEFAULT_TOKEN_TTLS.accessMs)}, the contract's)
  --refresh-token-ttl <d>     Refresh-token lifetime (default ${formatDuration(DEFAULT_TOKEN_TTLS.refreshMs)}, the contract's)
  --rotation-grace <d>        How long a rotated API key keeps working (default 5m)
  --refresh-reuse-leeway <d>  Window in which a repeated refresh returns the same pair (default
                              ${formatDuration(DEFAULT_TOKEN_TTLS.refreshLeewayMs)}, the contract's reuse leeway)
  --rate-limits <spec>        Any subset of standard, burst, write and auth (failed password or
                              client-secret checks); the tiers given win over every account's
                              plan. Default (the contract's):
                              ${formatRateLimits(DEFAULT_RATE_LIMITS)}
  --plan <plan>               Plan of the demo account: standard (default), free, pro, or
                              custom:standard=5000/1h,burst=50/1m (the second account is free)
  --jwt-secret <secret>       HS256 secret of the JWTs (default: random, kept in --data-file)
  --data-file <path>          Load and save the data in this JSON file (survives restarts); with
                              --database-url: imported once into an empty database
  --database-url <url>        Keep the data in PostgreSQL (postgres://user:pw@host:5432/db; needs
                              --redis-url); instances sharing both behave as one server
  --redis-url <url>           Redis for rate limits, idempotency keys, refresh tokens and the
                              failed-authentication budget (redis://127.0.0.1:6379)
  --redis-prefix <p>          Prefix of the Redis keys (default regen:)
  --chaos [rates]             Chaos mode: honour Regen-Fault request headers, and with rates
                              inject faults at random, e.g. 429=5%,503=2%,reset=1%
                              (faults: 429, 503, reset, slow, hang, truncate, expire-token)
  --no-validate-responses     Do not check responses against the contract
  --webhook-max-attempts <n>  Delivery attempts per webhook event (default 5)
  --webhook-backoff <d>       First webhook retry delay, doubled each time (default 1s)
  --webhook-allow-private[=<cidrs>]
                              Allow webhook targets the policy refuses: every private, loopback
                              and link-local address, or only these CIDRs (127.0.0.0/8,10.1.0.0/16).
                              Default: loopback for one in-memory stub on loopback, else none
  --idempotency-cap <n>       Most idempotency records kept in memory (default 100000)
  --cors-origin <origin>      Allow a browser origin besides loopback ones (repeatable; "*" allows
                              every origin). Default: http(s)://127.0.0.1, localhost, [::1], any port
  --headers-timeout <d>       Time a client has to send its request headers (default 10s)
  --request-timeout <d>       Time a client has to send its whole request (default 30s; 0: none)
  --keep-alive-timeout <d>    How long an idle keep-alive connection stays open (default 5s)
  --log-level <level>         debug, info, warn, error or silent (default info)
  -h, --help                  Show this help
  -v, --version               Show the version

Durations accept 500ms, 2s, 5m, 1h, 7d.`;

/** What the command line asks for. */
export interface ParsedArgs {
  readonly options: StubOptions;
  readonly help: boolean;
  readonly version: boolean;
}

/** A command-line mistake; the message is shown with the help hint. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

const VALUE_FLAGS: Readonly<
  Record<string, keyof StubOptions | 'oauthClient' | 'oauthRedirectUri' | 'corsOrigin'>
> = {
  port: 'port',
  host: 'host',
  'admin-key': 'adminKey',
  'demo-email': 'demoEmail',
  'demo-password': 'demoPassword',
  'oauth-client': 'oauthClient',
  'oauth-redirect-uri': 'oauthRedirectUri',
  'access-token-ttl': 'accessTokenTtl',
  'refresh-token-ttl': 'refreshTokenTtl',
  'rotation-grace': 'rotationGrace',
  'refresh-reuse-leeway': 'refreshReuseLeeway',
  'rate-limits': 'rateLimits',
  plan: 'plan',
  'jwt-secret': 'jwtSecret',
  'data-file': 'dataFile',
  'database-url': 'databaseUrl',
  'redis-url': 'redisUrl',
  'redis-prefix': 'redisPrefix',
  'webhook-max-attempts': 'webhookMaxAttempts',
  'webhook-backoff': 'webhookBackoff',
  'idempotency-cap': 'idempotencyCap',
  'cors-origin': 'corsOrigin',
  'headers-timeout': 'headersTimeout',
  'request-timeout': 'requestTimeout',
  'keep-alive-timeout': 'keepAliveTimeout',
  'log-level': 'logLevel',
};

/** Parses `argv` (without `node` and the script). Throws {@link CliError}. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const out: Record<string, unknown> = {};
  const clients: OAuthClientOption[] = [];
  const redirects: string[] = [];
  const corsOrigins: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '-v' || arg === '--version') version = true;
    else if (arg === '--no-seed') out.seed = false;
    else if (arg === '--no-validate-responses') out.validateResponses = false;
    else if (arg === '--webhook-allow-private') out.webhookAllowPrivate = true;
    else if (arg.startsWith('--webhook-allow-private=')) {
      const cidrs = arg.slice('--webhook-allow-private='.length).split(',').filter(Boolean);
      if (cidrs.length === 0) throw new CliError('--webhook-allow-private= needs CIDRs (or no "=" for all)');
      out.webhookAllowPrivate = cidrs;
    } else if (arg === '--chaos' || arg.startsWith('--chaos=')) {
      const next = argv[i + 1];
      if (arg.startsWith('--chaos=')) out.chaos = arg.slice('--chaos='.length);
      else if (next !== undefined && !next.startsWith('-')) {
        out.chaos = next;
        i++;
      } else out.chaos = '';
    } else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const key = VALUE_FLAGS[name];
      if (key === undefined) throw new CliError(`Unknown option ${arg}`);
      let value: string | undefined;
      if (eq !== -1) value = arg.slice(eq + 1);
      else {
        value = argv[i + 1];
        i++;
      }
      if (value === undefined) throw new CliError(`Option --${name} needs a value`);
      if (key === 'oauthClient') clients.push(parseClient(value));
      else if (key === 'oauthRedirectUri') redirects.push(value);
      else if (key === 'corsOrigin') corsOrigins.push(value);
      else if (key === 'port' || key === 'webhookMaxAttempts' || key === 'idempotencyCap') {
        if (!/^\d+$/.test(value)) throw new CliError(`--${name} must be a non-negative integer`);
        out[key] = Number(value);
      } else if (key === 'logLevel') {
        if (!isLogLevel(value)) throw new CliError(`--log-level must be debug, info, warn, error or silent`);
        out[key] = value;
      } else out[key] = value;
    } else {
      throw new CliError(`Unexpected argument ${arg}`);
    }
  }
  if (clients.length > 0) out.oauthClients = clients;
  if (redirects.length > 0) out.oauthRedirectUris = redirects;
  if (corsOrigins.length > 0) out.corsOrigins = corsOrigins;
  return { options: out as StubOptions, help, version };
}

/** `id[:secret][@acct_…]`: the account suffix ties the client to an account (default: the demo account). */
function parseClient(value: string): OAuthClientOption {
  const at = value.lastIndexOf('@');
  const account = at === -1 ? '' : value.slice(at + 1);
  const hasAccount = ACCOUNT_ID.test(account);
  const credentials = hasAccount ? value.slice(0, at) : value;
  const colon = credentials.indexOf(':');
  const id = colon === -1 ? credentials : credentials.slice(0, colon);
  const secret = colon === -1 ? '' : credentials.slice(colon + 1);
  if (id === '') throw new CliError('--oauth-client needs an id (id:secret)');
  return {
    id,
    ...(secret === '' ? {} : { secret }),
    ...(hasAccount ? { accountId: account } : {}),
  };
}

/** The contract's `AccountId`. */
const ACCOUNT_ID = /^acct_[A-Za-z0-9]{8,32}$/;
