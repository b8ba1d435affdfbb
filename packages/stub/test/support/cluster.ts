/**
 * @module Several stub processes sharing PostgreSQL and Redis, behind a round-robin HTTP proxy
 * on 127.0.0.1 — the shape of a load-balanced deployment, for the many-instances tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { createSandboxStores } from './shared-stores.ts';
import { ADMIN_KEY, JWT_SECRET } from './stub.ts';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');
// The TypeScript sources through tsx, like test/cli.test.ts (no build step).
const NODE_ARGS = ['--conditions=@regen/source', '--import', TSX, CLI];

/**
 * The arguments every instance of a many-instances test shares: the sandbox `stores`
 * (database, Redis and its prefix) and the tests' admin key and JWT secret.
 */
export function sharedStoreArgs(stores: ReturnType<typeof createSandboxStores>): string[] {
  return [
    '--database-url',
    stores.databaseUrl,
    '--redis-url',
    stores.redisUrl,
    '--redis-prefix',
    stores.redisPrefix,
    '--admin-key',
    ADMIN_KEY,
    '--jwt-secret',
    JWT_SECRET,
  ];
}

/** One stub process. */
export interface Instance {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** `kill -9`. */
  kill(): void;
  stop(): Promise<void>;
}

/** Starts `regen-stub` with `args` (plus `--port 0`); resolves on its `listening` line. */
export function startInstance(args: readonly string[], timeoutMs = 90_000): Promise<Instance> {
  const child = spawn(process.execPath, [...NODE_ARGS, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`stub did not start in time:\n${err}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stub exited with ${code}:\n${err}`));
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (!line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      const { url } = JSON.parse(line) as { url: string };
      resolve({
        url,
        child,
        output: () => err,
        kill: () => child.kill('SIGKILL'),
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        },
      });
    });
  });
}

/** A round-robin proxy: each request goes to the next backend; a refused connection tries the next one. */
export async function startProxy(backends: readonly string[]): Promise<{
  url: string;
  /** How many requests each backend answered. */
  counts: number[];
  close(): Promise<void>;
}> {
  const targets = backends.map((b) => new URL(b));
  const counts = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const index = next++ % targets.length;
        const target = targets[index] as URL;
        const upstream = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host, connection: 'close' },
          },
          (answer) => {
            counts[index] = (counts[index] ?? 0) + 1;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', (error: NodeJS.ErrnoException) => {
          // Refused: the instance is down and never saw the request, so another may take it.
          if (error.code === 'ECONNREFUSED' && tries < targets.length) attempt(tries + 1);
          else if (!res.headersSent) res.writeHead(502).end();
          else res.destroy();
        });
        upstream.end(body);
      };
      attempt(1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `n` instances with the same arguments (same database and Redis), and a proxy in front. */
export async function startCluster(n: number, args: readonly string[]) {
  const instances = await Promise.all(Array.from({ length: n }, () => startInstance(args)));
  const proxy = await startProxy(instances.map((i) => i.url));
  return {
    instances,
    proxy,
    url: proxy.url,
    async close() {
      await proxy.close();
      await Promise.all(instances.map((i) => i.stop()));
    },
  };
}
