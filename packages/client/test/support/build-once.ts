/**
 * Vitest global setup: builds `dist/` (tsup) when it is missing or older than `src/`, for the tests
 * that run what users run: the examples (through the package's exports) and the browser bundle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = fileURLToPath(new URL('../..', import.meta.url));

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) t = Math.max(t, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  const built = join(pkg, 'dist/index.js');
  const stale = !existsSync(built) || statSync(built).mtimeMs < newest(join(pkg, 'src'));
  if (!stale) return;
  const result = spawnSync(process.execPath, [join(pkg, '../../node_modules/tsup/dist/cli-default.js')], {
    cwd: pkg,
    stdio: 'pipe',
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`tsup failed:\n${result.stdout}\n${result.stderr}`);
}
