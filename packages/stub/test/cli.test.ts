import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');
// Run the TypeScript source through tsx, resolving workspace packages to their sources too.
const NODE_ARGS = ['--conditions=@regen/source', '--import', TSX, CLI];
const SECRET_KEY = 'rg_test_CliSecretCliSecretCliSecret12345';

function run(args: string[]) {
  return spawnSync(process.execPath, [...NODE_ARGS, ...args], { encoding: 'utf8', timeout: 20_000 });
}

async function startCli(args: string[]): Promise<{
  child: ChildProcessWithoutNullStreams;
  line: string;
  stdout: () => string;
  stderr: () => string;
}> {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args]);
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  return { child, line, stdout: () => out, stderr: () => err };
}

describe('regen-stub command', () => {
  it('--help lists every flag', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    for (const flag of [
      '--port',
      '--host',
      '--no-seed',
      '--admin-key',
      '--demo-password',
      '--oauth-client',
      '--access-token-ttl',
      '--refresh-token-ttl',
      '--rotation-grace',
      '--rate-limits',
      '--jwt-secret',
      '--data-file',
      '--chaos',
      '--log-level',
      '--no-validate-responses',
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });

  it('prints one JSON line when ready, with the demo user and never a key', async () => {
    const { child, line, stdout, stderr } = await startCli([
      '--port',
      '0',
      '--admin-key',
      SECRET_KEY,
      '--demo-password',
      'pw-for-cli-test',
      '--log-level',
      'debug',
    ]);
    try {
      const ready = JSON.parse(line);
      expect(ready).toEqual({
        event: 'listening',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
        demoUser: { email: 'demo@regen.test', password: 'pw-for-cli-test' },
      });
      const health = await fetch(`${ready.url}/api/health`, { headers: { 'x-api-key': SECRET_KEY } });
      expect((await health.json()).data.authenticated).toBe(true);
      const login = await fetch(`${ready.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ready.demoUser),
      });
      expect(login.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout().trim().split('\n')).toHaveLength(1);
      expect(stdout() + stderr()).not.toContain(SECRET_KEY);
      // The demo password is printed once, on stdout, by design; logs never carry it.
      expect(stderr()).not.toContain('pw-for-cli-test');
      expect(stderr()).toContain('"msg":"request"');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses unknown flags and bad values with exit code 2', () => {
    const unknown = run(['--frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown option --frobnicate');
    const badRate = run(['--rate-limits', 'fast=1/1s', '--port', '0']);
    expect(badRate.status).toBe(1);
    expect(badRate.stderr).toContain('Invalid rate limit');
  });
});
