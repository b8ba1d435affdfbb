#!/usr/bin/env node
/**
 * @module `npm run sandbox`: the stub as a shared sandbox on this machine — three `regen-stub`
 * instances on one PostgreSQL database and one Redis, behind a round-robin proxy on
 * http://127.0.0.1:4010 (`REGEN_PORT`). They behave as one server: exact rate limits, keys,
 * tokens and idempotency shared, data kept in PostgreSQL.
 *
 * Uses `REGEN_SANDBOX_DATABASE_URL` / `REGEN_SANDBOX_REDIS_URL` when set; otherwise starts a
 * throwaway PostgreSQL (initdb; as root it runs as the `postgres` user) and redis-server on
 * free loopback ports, removed again on exit. The admin key is `$REGEN_API_KEY` when set (else
 * a fresh one, printed on stderr). Prints one JSON line `{"event":"listening",…}` on stdout when
 * ready and serves until Ctrl-C. `--no-build` uses the existing build; `--instances N` (default 3).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--instances') + 1] || 3) || 3;
const port = Number(process.env.REGEN_PORT ?? 4010);
// Limits come from the accounts' plans: the demo account is on `pro` (100,000 a day, burst 100 a
// second), Northwind on `free`. Only the failed-authentication budget is raised (a CI signs in often).
const PLAN = 'pro';
const LIMITS = 'auth=50/15m';
const log = (message) => process.stderr.write(`sandbox: ${message}\n`);
const cleanups = [];

function fail(message) {
  log(message);
  void shutdown(1);
}

function which(bin) {
  const r = spawnSync('bash', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** PostgreSQL's server binaries: on PATH, or Debian's /usr/lib/postgresql/<v>/bin. */
function pgBin(name) {
  const onPath = which(name);
  if (onPath) return onPath;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  for (const v of readdirSync(base).sort().reverse()) {
    const candidate = path.join(base, v, 'bin', name);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

async function freePort() {
  const server = netServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: p } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return p;
}

/** Waits until `bin` (spawned with `argv`) prints `ready`; the process is stopped on exit. */
function startProcess(bin, argv, ready, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start:\n${output.slice(-1500)}`)),
      60_000,
    );
    const onData = (d) => {
      output += d;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => reject(new Error(`${what}: ${error.message}`)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}):\n${output.slice(-1500)}`));
    });
    cleanups.push(() => stopChild(child));
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function ownPostgres() {
  const initdb = pgBin('initdb');
  const postgres = pgBin('postgres');
  if (!initdb || !postgres)
    throw new Error(
      'PostgreSQL is not installed (apt-get install -y postgresql), or set REGEN_SANDBOX_DATABASE_URL',
    );
  const dir = mkdtempSync(path.join(tmpdir(), 'regen-sandbox-pg-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  // PostgreSQL refuses to run as root: as root, run it as the `postgres` user.
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : (process.env.USER ?? 'postgres');
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error('running as root needs a `postgres` user to run PostgreSQL as');
    chownSync(dir, Number(id.stdout), Number(gid.stdout));
  }
  const as = (bin, argv) => (asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...argv]] : [bin, argv]);
  const [ib, ia] = as(initdb, ['-D', path.join(dir, 'data'), '-A', 'trust', '-U', user, '--no-sync']);
  const init = spawnSync(ib, ia, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed: ${(init.stderr || init.stdout).trim()}`);
  const pgPort = await freePort();
  const [pb, pa] = as(postgres, [
    '-D',
    path.join(dir, 'data'),
    '-h',
    '127.0.0.1',
    '-p',
    String(pgPort),
    '-k',
    dir,
    '-c',
    'fsync=off',
  ]);
  await startProcess(pb, pa, /ready to accept connections/, 'PostgreSQL');
  // runuser does not pass signals on: stop the server itself (fast shutdown), before its files go.
  const [sb, sa] = as(pgBin('pg_ctl') ?? 'pg_ctl', [
    '-D',
    path.join(dir, 'data'),
    '-m',
    'fast',
    '-w',
    'stop',
  ]);
  cleanups.push(() => void spawnSync(sb, sa, { stdio: 'ignore' }));
  return `postgres://${user}@127.0.0.1:${pgPort}/postgres`;
}

async function ownRedis() {
  const bin = which('redis-server');
  if (!bin)
    throw new Error(
      'redis-server is not installed (apt-get install -y redis-server), or set REGEN_SANDBOX_REDIS_URL',
    );
  const redisPort = await freePort();
  await startProcess(
    bin,
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    /Ready to accept connections/,
    'Redis',
  );
  return `redis://127.0.0.1:${redisPort}`;
}

function startInstance(cli, databaseUrl, redisUrl, adminKey) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        cli,
        '--port',
        '0',
        '--database-url',
        databaseUrl,
        '--redis-url',
        redisUrl,
        '--admin-key',
        adminKey,
        '--plan',
        PLAN,
        '--rate-limits',
        LIMITS,
        '--log-level',
        'warn',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(() => stopChild(child));
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`an instance exited (${code})`)));
  });
}

/** Round-robin HTTP proxy; a refused connection (instance down) goes to the next one. */
function startProxy(backends) {
  const targets = backends.map((b) => new URL(b));
  let next = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries) => {
        const target = targets[next++ % targets.length];
        const upstream = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', (error) => {
          if (error.code === 'ECONNREFUSED' && tries < targets.length) attempt(tries + 1);
          else if (!res.headersSent) res.writeHead(502).end();
          else res.destroy();
        });
        upstream.end(body);
      };
      attempt(1);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`cannot listen on 127.0.0.1:${port}: ${error.message}`)),
    );
    server.listen(port, '127.0.0.1', () => {
      cleanups.push(
        () =>
          new Promise((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      );
      resolve(`http://127.0.0.1:${server.address().port}`);
    });
  });
}

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  // Last started, first stopped: proxy, instances, then the servers, then their files.
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch {}
  }
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

async function main() {
  if (!args.includes('--no-build')) {
    const build = spawnSync(
      'npx',
      ['turbo', 'run', 'build', '--filter=@regen/stub...', '--output-logs=errors-only'],
      {
        cwd: root,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    if (build.status !== 0) throw new Error('the build failed');
  }
  const cli = path.join(root, 'packages/stub/dist/cli.js');
  const [databaseUrl, redisUrl] = await Promise.all([
    process.env.REGEN_SANDBOX_DATABASE_URL ?? ownPostgres(),
    process.env.REGEN_SANDBOX_REDIS_URL ?? ownRedis(),
  ]);
  const adminKey =
    process.env.REGEN_API_KEY ??
    `rg_test_${randomBytes(24)
      .toString('base64url')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 32)
      .padEnd(32, '0')}`;
  if (!process.env.REGEN_API_KEY) log(`admin key (every scope): ${adminKey}`);
  // The first instance migrates and seeds; the others then load.
  const first = await startInstance(cli, databaseUrl, redisUrl, adminKey);
  const rest = await Promise.all(
    Array.from({ length: count - 1 }, () => startInstance(cli, databaseUrl, redisUrl, adminKey)),
  );
  const instances = [first, ...rest].map((i) => i.url);
  const url = await startProxy(instances);
  log(
    `${count} instances (${instances.join(', ')}) on ${databaseUrl.replace(/:[^:@/]*@/, ':***@')} and ${redisUrl}`,
  );
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', url, instances, demoUser: first.demoUser })}\n`,
  );
  log('serving; Ctrl-C stops everything');
}

main().catch((error) => fail(error.message));
