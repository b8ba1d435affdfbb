import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, toCurl } from './curl.ts';
import { Redactor } from './redact.ts';

const KEY = 'rg_live_Xq7v2Lm9Kd4Rt8Yb3Nw6Pz1Hc5Jf0Sa';

describe('toCurl', () => {
  it('splices secrets in as shell variables, never literally', () => {
    const redactor = new Redactor();
    redactor.add(KEY, '$REGEN_API_KEY');
    const line = toCurl(
      {
        method: 'GET',
        url: 'http://127.0.0.1:1/api/v1/orders',
        headers: { 'X-API-Key': KEY },
        body: undefined,
      },
      redactor.list(),
    );
    expect(line).not.toContain(KEY);
    expect(line).toContain(`-H 'X-API-Key: '"$REGEN_API_KEY"`);
  });

  it('quotes so that a shell gets the exact bytes back', () => {
    const text = `it's "quoted" $HOME \\ \` ${KEY} end`;
    const quoted = shellQuote(text, [{ value: KEY, placeholder: '$REGEN_API_KEY' }]);
    const echoed = execFileSync('sh', ['-c', `printf %s ${quoted}`], {
      env: { REGEN_API_KEY: KEY },
    }).toString();
    expect(echoed).toBe(text);
  });

  it("suppresses curl's default Content-Type when the request has none", () => {
    const line = toCurl({ method: 'POST', url: 'http://x/y', headers: {}, body: '{}' });
    expect(line).toContain(`-H 'Content-Type:' --data-binary '{}'`);
  });
});

describe('Redactor', () => {
  it('replaces every occurrence, longest secret first', () => {
    const r = new Redactor();
    r.add('secret-token', '$A');
    r.add('secret-token-refresh', '$B');
    expect(r.redact('x secret-token-refresh y secret-token')).toBe('x $B y $A');
  });

  it('ignores values too short to be credentials', () => {
    const r = new Redactor();
    r.add('abc', '$A');
    expect(r.redact('abc')).toBe('abc');
  });
});
