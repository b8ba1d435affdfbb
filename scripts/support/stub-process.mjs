/**
 * @module The built stub (packages/stub/dist/cli.js) as a child process on a free port, with a fresh
 * admin key: what the scripts that run documentation or examples against "a stub" start.
 * The admin key acts as the demo account's owner in live mode, whose data carries the ids the
 * documents show.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const stubCli = path.join(root, 'packages/stub/dist/cli.js');

/** A key of the contract's format (`rg_test_` + 32 characters), new on every call. */
export const freshTestKey = () => `rg_test_${randomBytes(16).toString('hex')}`;

/**
 * Starts the stub; resolves to `{ url, key, close }` once it listens. `args` are extra CLI flags
 * (e.g. generous `--rate-limits` when many programs share it).
 */
export async function startStubProcess({ key = freshTestKey(), args = [] } = {}) {
  if (!existsSync(stubCli)) {
    throw new Error('The stub is not built: run `npx turbo run build --filter=@regen/stub` first.');
  }
  const child = spawn(
    process.execPath,
    [stubCli, '--port', '0', '--admin-key', key, '--log-level', 'silent', ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.includes('"listening"')) return;
      lines.close();
      resolve(JSON.parse(line).url);
    });
    child.once('exit', (code) => reject(new Error(`stub exited (${code}) before listening`)));
  });
  // Nobody reads the rest of its output; a full pipe must not block it.
  child.stdout.resume();
  const closed = new Promise((resolve) => child.once('exit', resolve));
  return {
    url,
    key,
    close: async () => {
      child.kill();
      await closed;
    },
  };
}
