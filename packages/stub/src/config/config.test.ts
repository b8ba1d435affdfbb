import { describe, expect, it } from 'vitest';
import { CliError, HELP, parseArgs } from './cli-args.ts';
import { formatDuration, parseDuration } from './duration.ts';
import { DEFAULT_RATE_LIMITS, formatRateLimits, parseRateLimits } from './rate-limits.ts';
import { DEFAULT_OAUTH_CLIENTS, resolveSettings } from './settings.ts';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['2s', 2000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['1.5s', 1500],
    ['250', 250],
  ])('%s → %d ms', (input, ms) => expect(parseDuration(input)).toBe(ms));

  it.each(['', 'soon', '5 minutes', '-1s', '1w'])('refuses %j', (input) => {
    expect(() => parseDuration(input)).toThrow(RangeError);
  });
});

describe('formatDuration', () => {
  it.each([
    [604_800_000, '7d'],
    [3_600_000, '1h'],
    [900_000, '15m'],
    [10_000, '10s'],
    [90_000, '90s'],
    [1500, '1500ms'],
    [0, '0ms'],
  ])('%d ms → %s, which parseDuration reads back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('parseRateLimits', () => {
  it('reads the three tiers and the failed-authentication budget', () => {
    expect(parseRateLimits('standard=1000/1h,burst=5/10s,write=7/1m,auth=3/15m')).toEqual({
      standard: { limit: 1000, windowMs: 3_600_000 },
      burst: { limit: 5, windowMs: 10_000 },
      write: { limit: 7, windowMs: 60_000 },
      auth: { limit: 3, windowMs: 900_000 },
    });
  });

  it('keeps the defaults of tiers not given, and reads 10/m as 10/1m', () => {
    expect(parseRateLimits('burst=10/m')).toEqual({
      ...DEFAULT_RATE_LIMITS,
      burst: { limit: 10, windowMs: 60_000 },
    });
  });

  it('formats limits in the syntax it reads', () => {
    expect(formatRateLimits(DEFAULT_RATE_LIMITS)).toBe('standard=100/1h,burst=10/1m,write=50/1h,auth=10/15m');
    expect(parseRateLimits(formatRateLimits(DEFAULT_RATE_LIMITS))).toEqual(DEFAULT_RATE_LIMITS);
  });

  it.each(['standard=100', 'fast=1/1s', 'burst=x/1m', 'burst=1/0s'])('refuses %j', (input) => {
    expect(() => parseRateLimits(input)).toThrow(RangeError);
  });
});

describe('parseArgs', () => {
  it('reads an OAuth client of an account (id:secret@acct_…); an @ elsewhere stays in the secret', () => {
    const clients = parseArgs([
      '--oauth-client',
      'cli_nw:s3cret@acct_8Hn3Vb6Kx1P',
      '--oauth-client',
      'cli_at:p@ss',
      '--oauth-client',
      'cli_pub@acct_8Hn3Vb6Kx1P',
    ]).options.oauthClients;
    expect(clients).toEqual([
      { id: 'cli_nw', secret: 's3cret', accountId: 'acct_8Hn3Vb6Kx1P' },
      { id: 'cli_at', secret: 'p@ss' },
      { id: 'cli_pub', accountId: 'acct_8Hn3Vb6Kx1P' },
    ]);
  });

  it('reads every kind of flag', () => {
    const { options } = parseArgs([
      '--port',
      '0',
      '--host=0.0.0.0',
      '--no-seed',
      '--admin-key',
      'rg_test_x',
      '--oauth-client',
      'a:b',
      '--oauth-client',
      'pub',
      '--rate-limits',
      'burst=1/1s',
      '--chaos',
      '429=5%',
      '--no-validate-responses',
      '--log-level',
      'silent',
      '--rotation-grace',
      '300ms',
    ]);
    expect(options).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      seed: false,
      adminKey: 'rg_test_x',
      oauthClients: [{ id: 'a', secret: 'b' }, { id: 'pub' }],
      rateLimits: 'burst=1/1s',
      chaos: '429=5%',
      validateResponses: false,
      logLevel: 'silent',
      rotationGrace: '300ms',
    });
  });

  it('takes --chaos without rates when the next argument is a flag', () => {
    expect(parseArgs(['--chaos', '--port', '1']).options).toMatchObject({ chaos: '', port: 1 });
    expect(parseArgs(['--chaos']).options.chaos).toBe('');
  });

  it('refuses unknown flags and missing values', () => {
    expect(() => parseArgs(['--nope'])).toThrow(CliError);
    expect(() => parseArgs(['--port'])).toThrow(CliError);
    expect(() => parseArgs(['--log-level', 'loud'])).toThrow(CliError);
  });

  it('feeds resolveSettings', () => {
    const settings = resolveSettings(parseArgs(['--chaos', '503=2%', '--access-token-ttl', '2s']).options);
    expect(settings.chaos).toEqual({ '503': 0.02 });
    expect(settings.accessTtlMs).toBe(2000);
    expect(settings.rotationGraceMs).toBe(300_000);
  });
});

describe('--demo-email', () => {
  it('refuses an address that would give two seeded users one email (login finds users by email)', () => {
    expect(() => resolveSettings({ demoEmail: 'northwind@regen.test' })).toThrow(
      /gives two seeded users the email northwind@regen\.test/,
    );
    expect(() => resolveSettings({ demoEmail: 'admin@partner.test' })).toThrow(RangeError);
    expect(resolveSettings({ demoEmail: 'avery@partner.test' }).demoEmail).toBe('avery@partner.test');
  });
});

describe('OAuth clients', () => {
  it('seeds the demo, Northwind and public clients by default; clients given replace them all', () => {
    expect(resolveSettings().oauthClients).toEqual(DEFAULT_OAUTH_CLIENTS);
    expect(resolveSettings().oauthClients.map((c) => c.id)).toEqual([
      'cli_regen_demo',
      'cli_northwind_demo',
      'cli_regen_public',
    ]);
    const given = resolveSettings(parseArgs(['--oauth-client', 'cli_mine:s3cret']).options);
    expect(given.oauthClients).toEqual([{ id: 'cli_mine', secret: 's3cret' }]);
  });

  it('--help names every default client and the defaults in force', () => {
    expect(HELP).toContain('cli_regen_demo:cs_regen_demo_secret');
    expect(HELP).toContain('cli_northwind_demo:cs_northwind_demo_secret@acct_8Hn3Vb6Kx1P');
    expect(HELP).toMatch(/cli_regen_public \(public: authorization code with PKCE only\)/);
    expect(HELP).toContain('Access-token lifetime (default 1h');
    expect(HELP).toContain('Refresh-token lifetime (default 7d');
    expect(HELP).toMatch(/same pair \(default\s+10s/);
    expect(HELP).toContain(formatRateLimits(DEFAULT_RATE_LIMITS));
  });
});
