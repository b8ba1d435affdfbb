/**
 * Runs a server command as its own process group, waits until it answers HTTP, and stops the
 * whole group afterwards (Prism forks workers; killing only the parent would leak them).
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface ChildServer {
  readonly url: string;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

export interface ChildServerOptions {
  command: string;
  args: readonly string[];
  url: string;
  /** A path that answers once the server is ready (any HTTP status counts). */
  readyPath: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
}

export async function startChildServer(options: ChildServerOptions): Promise<ChildServer> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const server: ChildServer = {
    url: options.url,
    output: () => output,
    close: () => stopGroup(child, exited),
  };
  try {
    await waitUntilReady(options, child, () => output);
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}

async function waitUntilReady(options: ChildServerOptions, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.command} exited before it was ready:\n${output()}`);
    }
    try {
      await fetch(options.url + options.readyPath, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${options.command} not ready after timeout:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // Already gone.
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}
