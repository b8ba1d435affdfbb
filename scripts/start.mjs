#!/usr/bin/env node
/**
 * @module `npm start`: the main job on the embedded default. Builds the packages, starts the
 * reference stub on 127.0.0.1:4010 with its demo data and sandbox limits, runs the API-key
 * quickstart client against it, prints a ready-to-paste `curl` line (a throwaway test key with
 * every scope), the partner portal's URL with the demo sign-in, the docs URL and the limits, and keeps
 * the stub serving until Ctrl-C.
 *
 * `--once` (tests, CI) stops after the quickstart and one run of the printed `curl` line;
 * `--no-build` uses the existing build. `REGEN_PORT` picks the port (`0`: a free one).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';

const once = process.argv.includes('--once');
const port = process.env.REGEN_PORT ?? '4010';

/**
 * Limits a person exploring by hand (the docs page's "try it", curl) does not meet within an
 * hour; `regen-stub` on its own keeps the contract's defaults (standard=100/1h, burst=10/1m,
 * write=50/1h, auth=10/15m). The failed-sign-in budget stays finite.
 */
const SANDBOX_LIMITS = 'standard=10000/1h,burst=600/1m,write=5000/1h,auth=50/15m';

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// A throwaway key with every scope, known only to this process and the quickstart it launches.
const adminKey = `rg_test_${randomBytes(24)
  .toString('base64url')
  .replace(/[^A-Za-z0-9]/g, '')
  .slice(0, 32)
  .padEnd(32, '0')}`;
const stub = spawn(
  process.execPath,
  ['packages/stub/dist/cli.js', '--port', port, '--admin-key', adminKey, '--rate-limits', SANDBOX_LIMITS],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
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
if (quickstart.status !== 0) {
  stop();
  process.exit(quickstart.status ?? 1);
}

// The sandbox: what a person needs to call the running stub themselves.
const curlLine = `curl -sS -H 'X-API-Key: ${adminKey}' '${ready.url}/api/v1/orders?limit=3'`;
console.log(`
Try it yourself (a throwaway test key with every scope, valid until this stub stops):

  ${curlLine}

Partner portal (API keys, usage, request log, webhooks): ${ready.url}/portal
  sign in as demo@regen.test / regen-demo-password (owner; also admin@, member@, viewer@regen.test), test or live data

API reference (with "try it"): ${ready.url}/docs    contract: ${ready.url}/openapi.json
Limits in force (sandbox): ${SANDBOX_LIMITS.replaceAll(',', ', ')}
  (\`regen-stub\` alone keeps the contract's defaults: standard=100/1h, burst=10/1m, write=50/1h, auth=10/15m)`);

if (once) {
  // Proves the printed line works, as written, before stopping.
  const check = spawnSync('sh', ['-c', `${curlLine} -o /dev/null -w '%{http_code}'`], { encoding: 'utf8' });
  console.log(`\ncurl check: HTTP ${check.stdout.trim() || 'none'}`);
  stop();
  process.exit(check.status === 0 && check.stdout.trim() === '200' ? 0 : 1);
}
console.log('\nThe stub keeps serving; press Ctrl-C to stop it.');
