import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/config/cli-args.ts';
import { useStub } from './support/stub.ts';

const byDefault = useStub();
const withExtra = useStub({ corsOrigins: ['https://app.example.com'] });
const withAny = useStub({ corsOrigins: ['*'] });

async function preflight(url: string, origin: string) {
  return fetch(`${url}/oauth/token`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
}

// "Security": CORS. Without it any web page could read the stub's answers (and mint a
// demo-client token).
describe('CORS allows loopback origins by default, more only when asked', () => {
  it('default: loopback origins on any port get CORS headers', async () => {
    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:3000',
      'http://[::1]:8080',
      'https://localhost',
    ]) {
      const reply = await byDefault.client.get('/api/v1/products?limit=1', { headers: { origin } });
      expect(reply.headers.get('access-control-allow-origin'), origin).toBe(origin);
      expect((await preflight(byDefault.stub.url, origin)).headers.get('access-control-allow-origin')).toBe(
        origin,
      );
    }
  });

  it('default: any other origin gets none (a token response included)', async () => {
    for (const origin of [
      'https://evil.example',
      'http://localhost.evil.example',
      'http://127.0.0.1.evil.example',
      'null',
    ]) {
      const reply = await byDefault.client.get('/api/v1/products?limit=1', { headers: { origin } });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('access-control-allow-origin'), origin).toBeNull();
      const pre = await preflight(byDefault.stub.url, origin);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      expect(pre.headers.get('access-control-allow-methods')).toBeNull();
    }
    const token = await byDefault.client.call('POST', '/oauth/token', {
      key: null,
      rawBody: 'grant_type=client_credentials&client_id=cli_regen_demo&client_secret=cs_regen_demo_secret',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    expect(token.status).toBe(200);
    expect(token.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('--cors-origin adds exact origins; * must be explicit', async () => {
    const extra = await withExtra.client.get('/api/v1/products?limit=1', {
      headers: { origin: 'https://app.example.com' },
    });
    expect(extra.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await withExtra.client.get('/api/v1/products?limit=1', {
      headers: { origin: 'https://app.example.com.evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const any = await withAny.client.get('/api/v1/products?limit=1', {
      headers: { origin: 'https://evil.example' },
    });
    expect(any.headers.get('access-control-allow-origin')).toBe('https://evil.example');
  });

  it('parses --cors-origin (repeatable)', () => {
    const { options } = parseArgs(['--cors-origin', 'https://a.example', '--cors-origin=*']);
    expect(options.corsOrigins).toEqual(['https://a.example', '*']);
  });
});
