/** Unit tests of the semantic set's pieces: options, suites, tiers, webhook signatures. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../cli/parse-args.ts';
import { DOCUMENTED_TIERS, parseTiers } from '../../support/rate-limits.ts';
import { BUILT_IN, CHECK_NAMES, SUITES } from '../registry.ts';
import { verifySignature } from './webhook-delivery.ts';

describe('suites', () => {
  it('all = schema + security + semantics, disjoint', () => {
    expect([...SUITES.schema, ...SUITES.security, ...SUITES.semantics].sort()).toEqual(
      [...CHECK_NAMES].sort(),
    );
    expect(SUITES.schema.some((c) => SUITES.security.includes(c) || SUITES.semantics.includes(c))).toBe(
      false,
    );
    expect(BUILT_IN.select(undefined, undefined, 'semantics')).toEqual(
      [...SUITES.semantics].sort((a, b) => CHECK_NAMES.indexOf(a) - CHECK_NAMES.indexOf(b)),
    );
    expect(
      BUILT_IN.inPhase('scenario')
        .map((c) => c.name)
        .sort(),
    ).toEqual(
      [
        'key_lifecycle',
        'rotation_grace',
        'scope_enforcement',
        'rate_limit_headers',
        'rate_limit_enforcement',
        'idempotency',
        'session_lifecycle',
        'oauth_semantics',
        'pagination_consistency',
        'webhook_delivery',
        'tenant_isolation',
      ].sort(),
    );
    for (const check of BUILT_IN.checks) expect(check.clause.length, check.name).toBeGreaterThan(10);
  });
});

describe('command line', () => {
  it('takes an API key and a user together (the key drives, the user serves the session checks)', () => {
    const cli = parseCli([
      '--base-url',
      'http://x',
      '--api-key',
      'k',
      '--email',
      'e@x',
      '--password',
      'p',
      '--suite',
      'semantics',
    ]);
    expect(cli.kind === 'run' && cli.options).toMatchObject({
      apiKey: 'k',
      email: 'e@x',
      password: 'p',
      suite: 'semantics',
    });
    expect(() => parseCli(['--base-url', 'http://x', '--api-key', 'k', '--email', 'e@x'])).toThrow(
      /go together/,
    );
  });

  it('reads --max-wait, --max-requests, --rate-limits, --webhook-listen and --suite schema', () => {
    const cli = parseCli([
      '--base-url',
      'http://x',
      '--suite',
      'schema',
      '--max-wait',
      '5',
      '--max-requests',
      '50',
      '--rate-limits',
      'burst=40/3s',
      '--webhook-listen',
      '127.0.0.1:0',
    ]);
    expect(cli.kind === 'run' && cli.options).toMatchObject({
      suite: 'schema',
      maxWaitMs: 5000,
      maxRequests: 50,
      rateLimits: 'burst=40/3s',
      webhookListen: '127.0.0.1:0',
    });
    expect(() => parseCli(['--base-url', 'http://x', '--webhook-listen', 'nowhere'])).toThrow(/host:port/);
  });

  it('reads --other-account-key and --other-mode-key, or their environment variables', () => {
    const cli = parseCli(['--base-url', 'http://x', '--other-account-key', 'a', '--other-mode-key', 'm']);
    expect(cli.kind === 'run' && cli.options).toMatchObject({ otherAccountKey: 'a', otherModeKey: 'm' });
    const env = parseCli(['--base-url', 'http://x'], {
      REGEN_OTHER_ACCOUNT_KEY: 'ea',
      REGEN_OTHER_MODE_KEY: 'em',
    });
    expect(env.kind === 'run' && env.options).toMatchObject({ otherAccountKey: 'ea', otherModeKey: 'em' });
  });
});

describe('rate-limit tiers', () => {
  it("are the contract's unless told otherwise", () => {
    expect(parseTiers(undefined)).toBe(DOCUMENTED_TIERS);
    expect(parseTiers('burst=40/3s,write=5/1h')).toEqual([
      { name: 'standard', limit: 100, windowS: 3600 },
      { name: 'burst', limit: 40, windowS: 3 },
      { name: 'write', limit: 5, windowS: 3600 },
    ]);
    expect(() => parseTiers('burst=lots')).toThrow(/--rate-limits/);
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1"}';
  const now = 1_800_000_000_000;
  const t = now / 1000;
  const sign = (ts: number, key = secret) =>
    `t=${ts},v1=${createHmac('sha256', key).update(`${ts}.${body}`).digest('hex')}`;

  it('verify with the endpoint secret within 300 s', () => {
    expect(verifySignature(sign(t), body, secret, now)).toBeUndefined();
    expect(verifySignature(sign(t - 299), body, secret, now)).toBeUndefined();
  });

  it('fail with another secret, an old timestamp, a bad shape or none', () => {
    expect(verifySignature(sign(t, 'whsec_other'), body, secret, now)).toMatch(/does not verify/);
    expect(verifySignature(sign(t - 301), body, secret, now)).toMatch(/tolerance/);
    expect(verifySignature('v1=abc', body, secret, now)).toMatch(/is not t=/);
    expect(verifySignature(undefined, body, secret, now)).toMatch(/no Regen-Signature/);
  });
});
