/** Every runnable example in /examples, run as users run it (`tsx`, the built package) against the stub. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_KEY, startTestStub } from './support/stub.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let stub: StubServer;
let dir: string;

beforeAll(async () => {
  stub = await startTestStub({ chaos: true });
  dir = mkdtempSync(join(tmpdir(), 'regen-examples-'));
});
afterAll(async () => {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(example: string, env: Record<string, string> = {}, args: string[] = []) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `examples/${example}`, ...args], {
      cwd: root,
      env: { ...process.env, REGEN_BASE_URL: stub.url, REGEN_API_KEY: ADMIN_KEY, REGEN_LOG: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.stderr.on('data', (c: Buffer) => (out += c));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe.concurrent('examples', () => {
  test('quickstart.ts', async () => {
    const { code, out } = await run('quickstart.ts');
    expect(out).toContain('API ok');
    expect(out).toMatch(/Retrieved ord_\w+ \(request req_\w+\)/);
    expect(code).toBe(0);
  });

  test('jwt-session.ts: login and save, resume, logout', async () => {
    const env = { REGEN_SESSION_FILE: join(dir, 'session.json') };
    const first = await run('jwt-session.ts', env);
    expect(first.out).toContain('Logged in; tokens saved');
    expect(first.out).toContain('Signed in as demo@regen.test');
    const second = await run('jwt-session.ts', env, ['--logout']);
    expect(second.out).toContain('Resumed the saved session');
    expect(second.out).toContain('Logged out');
    expect([first.code, second.code]).toEqual([0, 0]);
  });

  test('oauth-client-credentials.ts', async () => {
    const { code, out } = await run('oauth-client-credentials.ts');
    expect(out).toContain('Got an access token');
    expect(out).toContain('with one token');
    expect(out).toContain('A wrong secret is refused: invalid_client');
    expect(code).toBe(0);
  });

  test('pagination.ts', async () => {
    const { code, out } = await run('pagination.ts');
    expect(out).toMatch(/Page 1: \d+ orders/);
    expect(out).toMatch(/All paid orders: \d+/);
    expect(code).toBe(0);
  });

  test('errors-and-retries.ts (with chaos faults)', async () => {
    const { code, out } = await run('errors-and-retries.ts', { REGEN_CHAOS: '1' });
    expect(out).toContain('Not found: not_found');
    expect(out).toContain('Invalid order:');
    expect(out).toContain('Same key, same order: true');
    expect(out).toContain('Aborted by the caller');
    expect(out).toContain('Recovered from two 503s');
    expect(out).toMatch(/Rate limited; retry in 31536000000 ms/);
    expect(out).toContain('AuthenticationError: 401 invalid_api_key');
    expect(out).not.toContain(ADMIN_KEY);
    expect(code).toBe(0);
  });

  test('webhook-receiver.ts', async () => {
    const { code, out } = await run('webhook-receiver.ts');
    expect(out).toMatch(/Verified delivery: order\.created evt_\w+/);
    expect(code).toBe(0);
  });
});
