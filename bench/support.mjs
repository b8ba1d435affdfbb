/**
 * @module What the stub benchmarks (stub-bench.mjs, storage-bench.mjs) share: their command line
 * (`--duration`, `REGEN_BENCH_SMOKE=1`), the load shape, the built stub they run and how they stop
 * a server.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const args = process.argv.slice(2);
export const flag = (name) => args.includes(name);
export const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
// REGEN_BENCH_SMOKE=1 (the README commands test): a short run that only proves the benchmark works.
export const SMOKE = process.env.REGEN_BENCH_SMOKE === '1';
export const DURATION = Number(value('--duration', SMOKE ? '1' : '5'));
export const CONNECTIONS = 10;
export const ADMIN_KEY = 'rg_test_BenchAdminBenchAdminBenchAdmin12';
export const CLI = path.join(root, 'packages/stub/dist/cli.js');

/**
 * CPU time these processes have used, in µs (`/proc/PID/schedstat`, nanoseconds; `null` off
 * Linux): unlike req/s it does not depend on how much CPU the other jobs of a shared machine
 * leave a server.
 */
export function cpuUsOf(pids) {
  try {
    let ns = 0;
    for (const pid of pids) ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1000;
  } catch {
    return null;
  }
}

/** Exits with a hint when the stub has not been built. */
export function requireBuild() {
  if (!existsSync(CLI)) {
    console.error('packages/stub/dist/cli.js is missing: run `npm run build` first.');
    process.exit(1);
  }
}

/** SIGTERM, then SIGKILL when the process has not exited within 3 s. */
export async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** Limits no benchmark meets. */
export const UNLIMITED = 'standard=1000000000/1h,burst=1000000000/1m,write=1000000000/1h';

/**
 * Starts the built stub (`cli`, default this checkout's) on a free port with the admin key and
 * {@link UNLIMITED}, plus `extra` flags; resolves with the child and its URL once it listens.
 */
// Node flags for the stub processes only, e.g. REGEN_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof"
// to profile the instances under the benchmark's load (NODE_OPTIONS refuses --cpu-prof).
const NODE_ARGS = (process.env.REGEN_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

export function startStubProcess(extra = [], cli = CLI) {
  const child = spawn(
    process.execPath,
    [
      ...NODE_ARGS,
      cli,
      '--port',
      '0',
      '--admin-key',
      ADMIN_KEY,
      '--rate-limits',
      UNLIMITED,
      '--log-level',
      'warn',
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line) resolve({ child, url: JSON.parse(line).url });
    });
    child.once('exit', (code) => reject(new Error(`stub exited with ${code}: ${err.slice(-1500)}`)));
  });
}
