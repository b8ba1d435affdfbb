/**
 * @module The PostgreSQL and Redis the shared-storage tests run against: `REGEN_TEST_DATABASE_URL`
 * (a role allowed to create databases, e.g. postgres://postgres:postgres@127.0.0.1:5432/postgres)
 * and `REGEN_TEST_REDIS_URL` (redis://127.0.0.1:6379), which `.ci/run` exports after starting
 * both servers. Without them the tests are skipped with a printed reason, except under CI,
 * where they must run. Each test file gets its own database (`regen_test_<random>`) and key
 * prefix, dropped afterwards.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./shared-stores.mjs', import.meta.url));

/** Where the servers are, or why the tests cannot run. */
export const SHARED = (() => {
  const databaseUrl = process.env.REGEN_TEST_DATABASE_URL;
  const redisUrl = process.env.REGEN_TEST_REDIS_URL;
  if (databaseUrl && redisUrl) return { databaseUrl, redisUrl, skip: false as const, reason: '' };
  const reason =
    'REGEN_TEST_DATABASE_URL and REGEN_TEST_REDIS_URL are not set: skipping the PostgreSQL + Redis tests (.ci/run starts both servers and sets them)';
  if (process.env.CI) throw new Error(`${reason} — under CI they must run`);
  process.stderr.write(`${reason}\n`);
  return { databaseUrl: '', redisUrl: '', skip: true as const, reason };
})();

function run(args: string[]): string {
  // A clean node (no vitest flags): see shared-stores.mjs.
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  if (result.status !== 0)
    throw new Error(`shared-stores ${args[0]} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** Runs SQL (one or more statements) on a database; returns the rows of the last statement. */
// biome-ignore lint/suspicious/noExplicitAny: rows of arbitrary SQL.
export function queryDatabase(databaseUrl: string, sql: string): any[] {
  return JSON.parse(run(['query', databaseUrl, sql]));
}

/** Sets a Redis key of a test's prefix (e.g. to play a lost write of the stub's). */
export function setRedisKey(redisUrl: string, key: string, value: string): void {
  run(['set', redisUrl, key, value]);
}

/**
 * Runs `sql` (e.g. `SELECT … FOR UPDATE`) in a transaction on its own connection and keeps the
 * transaction open, holding its locks, until `release()` rolls it back.
 */
export async function holdInTransaction(
  databaseUrl: string,
  sql: string,
): Promise<{ release(): Promise<void> }> {
  const child = spawn(process.execPath, [SCRIPT, 'hold', databaseUrl, sql], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      if (String(d).includes('held')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`shared-stores hold exited with ${code}: ${err}`)));
  });
  return {
    async release() {
      child.stdin.end();
      await exited;
    },
  };
}

/** A fresh database and Redis prefix for one test file; `drop()` removes both. */
export function createSandboxStores() {
  const suffix = randomBytes(6).toString('hex');
  const name = `regen_test_${suffix}`;
  run(['create', SHARED.databaseUrl, name]);
  const url = new URL(SHARED.databaseUrl);
  url.pathname = `/${name}`;
  const prefix = `regen_test_${suffix}:`;
  return {
    databaseUrl: url.toString(),
    redisUrl: SHARED.redisUrl,
    redisPrefix: prefix,
    drop() {
      run(['drop', SHARED.databaseUrl, name]);
      run(['flush', SHARED.redisUrl, prefix]);
    },
  };
}
