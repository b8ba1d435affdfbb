#!/usr/bin/env node
/**
 * @module `npm start`: the main job on the embedded default. Builds the packages, starts the
 * reference stub on 127.0.0.1:4010 with its demo data, runs the API-key quickstart client
 * against it, and keeps the stub serving until Ctrl-C (`--once` stops after the quickstart).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';

const once = process.argv.includes('--once');
const port = process.env.REGEN_PORT ?? '4010';

const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// A throwaway key with every scope, known only to this process and the quickstart it launches.
const adminKey = `rg_test_${randomBytes(24)
  .toString('base64url')
  .replace(/[^A-Za-z0-9]/g, '')
  .slice(0, 32)
  .padEnd(32, '0')}`;
const stub = spawn(process.execPath, ['packages/stub/dist/cli.js', '--port', port, '--admin-key', adminKey], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stop = () => stub.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const lines = createInterface({ input: stub.stdout });
const ready = await new Promise((resolve, reject) => {
  stub.once('exit', (code) => reject(new Error(`stub exited with ${code} before it was ready`)));
  lines.on('line', (line) => {
    try {
      const event = JSON.parse(line);
      if (event.event === 'listening') resolve(event);
    } catch {
      // Not a JSON event line: ignore.
    }
  });
});
console.log(`stub listening on ${ready.url}`);
if (ready.demoUser) console.log(`demo user: ${ready.demoUser.email} / ${ready.demoUser.password}`);

const quickstart = spawnSync(process.execPath, ['--import', 'tsx', 'examples/quickstart.ts'], {
  stdio: 'inherit',
  env: { ...process.env, REGEN_BASE_URL: ready.url, REGEN_API_KEY: adminKey },
});
if (once || quickstart.status !== 0) {
  stop();
  process.exit(quickstart.status ?? 1);
}
console.log('\nThe stub keeps serving; press Ctrl-C to stop it.');
