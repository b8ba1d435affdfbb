/** Unit tests of the security checks' judgements (their behaviour over HTTP: test/security-*.test.ts). */
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../cli/parse-args.ts';
import type { Json } from '../../spec/types.ts';
import { parseConsentForm } from '../../support/consent-form.ts';
import type { Exchange } from '../../support/exchange.ts';
import { BUILT_IN, SUITES } from '../registry.ts';
import { namesHeader } from './credential-precedence.ts';
import { echoes } from './error-echoes-input.ts';
import { htmlHeaderProblems, judgeReflection } from './reflected-markup.ts';
import { carriedSecrets, secretCacheable } from './secret-cacheable.ts';

function exchange(status: number, headers: Record<string, string>, body: string, json?: Json): Exchange {
  return {
    operation: undefined,
    phase: 'probe',
    testCase: undefined,
    request: { method: 'GET', url: 'http://127.0.0.1/x', headers: {}, body: undefined },
    response: { status, headers, bodyText: body, elapsedMs: 1 },
    json,
    jsonError: undefined,
    seed: 1,
  };
}

const GOOD_HTML = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

describe('reflected_markup', () => {
  const tag = 'rgxAbC123';
  it('passes escaped reflections with restrictive headers', () => {
    const body = `<p>Unknown client_id x&quot; ${tag}=1 &#39;&gt;&lt;${tag}&gt;</p>`;
    expect(judgeReflection(exchange(400, GOOD_HTML, body), tag, 'w').outcome).toBe('pass');
  });
  it('fails a raw tag and a quote leaving an attribute', () => {
    const raw = exchange(400, GOOD_HTML, `<p>Unknown client_id x" ${tag}=1 '><${tag}></p>`);
    expect(judgeReflection(raw, tag, 'w')).toMatchObject({ outcome: 'fail', variant: 'unescaped' });
    const attribute = exchange(200, GOOD_HTML, `<form action="/c?state=x" ${tag}=1 &#39;&gt;">`);
    expect(judgeReflection(attribute, tag, 'w')).toMatchObject({ outcome: 'fail', variant: 'unescaped' });
  });
  it('reads the CSP: inline script only when hashed, frame-ancestors or X-Frame-Options', () => {
    expect(htmlHeaderProblems(GOOD_HTML)).toEqual([]);
    expect(
      htmlHeaderProblems({ ...GOOD_HTML, 'content-security-policy': "script-src 'self' 'unsafe-inline'" }),
    ).toHaveLength(2);
    expect(
      htmlHeaderProblems({
        ...GOOD_HTML,
        'content-security-policy': "script-src 'unsafe-inline' 'sha256-abc='",
        'x-frame-options': 'DENY',
      }),
    ).toEqual([]);
    expect(htmlHeaderProblems({ 'content-type': 'text/html' })).toHaveLength(3);
  });
  it('passes JSON answers, which a browser does not render', () => {
    const json = exchange(400, { 'content-type': 'application/json' }, `{"error":"<${tag}>"}`);
    expect(judgeReflection(json, tag, 'w').outcome).toBe('pass');
  });
});

describe('secret_cacheable', () => {
  it('finds credentials at the top, in data, and in a redirect', () => {
    expect(carriedSecrets(exchange(200, {}, '', { access_token: 'a', token_type: 'Bearer' }))).toEqual([
      'access_token',
    ]);
    expect(carriedSecrets(exchange(201, {}, '', { success: true, data: { id: 'k', key: 'rg_x' } }))).toEqual([
      'data.key',
    ]);
    expect(carriedSecrets(exchange(302, { location: 'http://127.0.0.1/cb?code=abc&state=s' }, ''))).toEqual([
      'Location code=',
    ]);
    // Metadata is the client's: a "secret" key in it is not a credential of the server's.
    expect(
      carriedSecrets(exchange(200, {}, '', { success: true, data: { metadata: { secret: 'x' } } })),
    ).toEqual([]);
  });
  it('wants no-store among the directives', () => {
    const body = { data: { accessToken: 't' } };
    const judge = (cc?: string) =>
      secretCacheable.evaluate(exchange(200, cc ? { 'cache-control': cc } : {}, '', body));
    expect(judge('private, no-store')?.outcome).toBe('pass');
    expect(judge('no-cache')?.outcome).toBe('fail');
    expect(judge()?.outcome).toBe('fail');
    expect(secretCacheable.evaluate(exchange(200, {}, '', { data: { id: 'x' } }))).toBeUndefined();
  });
});

describe('error_echoes_input', () => {
  it('finds the secret or any six-character piece of it', () => {
    const secret = 'HxAbcdefGhijklMnop';
    expect(echoes('Unexpected token at line 1 column 13', secret)).toBeUndefined();
    expect(echoes(`...:"${secret.slice(0, 8)}`, secret)).toBe('HxAbcd');
    expect(echoes(`x${secret}x`, secret)).toBe(secret);
  });
});

describe('credential_precedence', () => {
  it('wants the message to start with the refused header', () => {
    const e = (message: string) =>
      exchange(401, {}, '', { success: false, error: { code: 'invalid_api_key', message } });
    expect(namesHeader(e('X-API-Key refused: Invalid or inactive API key'), 'X-API-Key')).toBe(true);
    expect(namesHeader(e('Authorization refused: token expired'), 'Authorization')).toBe(true);
    expect(namesHeader(e('Invalid or inactive API key'), 'X-API-Key')).toBe(false);
    expect(namesHeader(e('X-API-Key refused: …'), 'Authorization')).toBe(false);
  });
});

describe('the consent form', () => {
  it('is read as a browser submits it: action resolved, hidden fields and the approving button', () => {
    const html = `<form method="post" action="/oauth/consent?client_id=a&amp;state=b">
      <input type="hidden" name="csrf" value="t&amp;1"><input name="email" type="email">
      <input name="password" type="password"><button name="decision" value="approve">Allow</button>
      <button name="decision" value="deny">Deny</button></form>`;
    const form = parseConsentForm(html, 'http://127.0.0.1:9/oauth/authorize?x=1');
    expect(form?.action.toString()).toBe('http://127.0.0.1:9/oauth/consent?client_id=a&state=b');
    expect(form?.fields).toEqual({ csrf: 't&1', decision: 'approve' });
    expect([form?.emailField, form?.passwordField]).toEqual(['email', 'password']);
    expect(
      parseConsentForm('<form method="post"><button>Allow</button></form>', 'http://x/'),
    ).toBeUndefined();
  });
});

describe('selection', () => {
  it('--suite security selects the set; --checks and --exclude-checks narrow it', () => {
    expect(BUILT_IN.select(undefined, undefined, 'security')).toEqual(
      expect.arrayContaining([...SUITES.security]),
    );
    expect(BUILT_IN.select(undefined, undefined, 'security')).toHaveLength(SUITES.security.length);
    expect(BUILT_IN.select(['jwt_claims', 'use_after_free'], undefined, 'security')).toEqual(['jwt_claims']);
    expect(BUILT_IN.select(undefined, ['cors_policy'], 'security')).not.toContain('cors_policy');
    expect(BUILT_IN.select(undefined, undefined)).toEqual(expect.arrayContaining([...SUITES.security]));
    const cli = parseCli(['--base-url', 'http://x', '--suite', 'security', '--jwt-secret', 's']);
    expect(cli.kind === 'run' && [cli.options.suite, cli.options.jwtSecret]).toEqual(['security', 's']);
    expect(() => parseCli(['--base-url', 'http://x', '--suite', 'nope'])).toThrow(/unknown suite/);
  });
});
