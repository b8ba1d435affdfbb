/**
 * Bad storage configuration stops the stub at start with one line saying what and where (no
 * stack trace, no hang), exit code 1.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SHARED } from './support/shared-stores.ts';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');

function run(args: string[]) {
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    ['--conditions=@regen/source', '--import', TSX, CLI, '--port', '0', ...args],
    { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return { ...result, ms: Date.now() - started };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function expectOneLine(result: ReturnType<typeof run>, pattern: RegExp) {
  expect(result.status).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^regen-stub: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
}

describe('bad storage configuration', () => {
  it('Redis down: one line naming Redis and its address', async () => {
    const port = await closedPort();
    const result = run(['--redis-url', `redis://127.0.0.1:${port}`]);
    expectOneLine(
      result,
      new RegExp(`cannot connect to Redis at redis://127\\.0\\.0\\.1:${port}.*ECONNREFUSED`),
    );
  });

  it('--database-url without --redis-url', () => {
    expectOneLine(
      run(['--database-url', 'postgres://u:p@127.0.0.1:5432/db']),
      /--database-url needs --redis-url/,
    );
  });

  it.skipIf(SHARED.skip)(
    'PostgreSQL unreachable: one line naming PostgreSQL and its address (password hidden)',
    async () => {
      const port = await closedPort();
      const result = run([
        '--database-url',
        `postgres://postgres:secret-pw@127.0.0.1:${port}/regen`,
        '--redis-url',
        SHARED.redisUrl,
      ]);
      expectOneLine(
        result,
        new RegExp(
          `cannot connect to PostgreSQL at postgres://postgres:\\*\\*\\*@127\\.0\\.0\\.1:${port}/regen`,
        ),
      );
      expect(result.stderr).not.toContain('secret-pw');
    },
  );

  it.skipIf(SHARED.skip)('wrong PostgreSQL password: one line saying so', () => {
    const url = new URL(SHARED.databaseUrl);
    url.password = 'definitely-wrong';
    const result = run(['--database-url', url.toString(), '--redis-url', SHARED.redisUrl]);
    expectOneLine(result, /cannot connect to PostgreSQL at .*password authentication failed/);
    expect(result.stderr).not.toContain('definitely-wrong');
  });

  it.skipIf(SHARED.skip)(
    'an address that never answers: gives up after the connect timeout instead of hanging',
    () => {
      // 10.255.255.1 is not routed from a test machine: the SYN goes unanswered.
      const result = run([
        '--database-url',
        'postgres://u:p@10.255.255.1:5432/db',
        '--redis-url',
        SHARED.redisUrl,
      ]);
      expectOneLine(result, /cannot connect to PostgreSQL at postgres:\/\/u:\*\*\*@10\.255\.255\.1:5432\/db/);
      expect(result.ms).toBeLessThan(15_000);
    },
  );
});
