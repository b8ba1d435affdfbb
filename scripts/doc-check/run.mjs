/** @module A child process run to its end with its output collected: how the doc check runs a block. */
import { spawn } from 'node:child_process';

/** A block that hangs (waits on a server that never answers) must not hang the check. */
const TIMEOUT_MS = 60_000;

/** A child process to its end, output collected; killed after TIMEOUT_MS. */
export function run(bin, args, { cwd, env = process.env, timeoutMs = TIMEOUT_MS }) {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const timer = setTimeout(() => {
      output += `\n[killed after ${timeoutMs / 1000} s]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status: status ?? signal, output });
    });
  });
}
