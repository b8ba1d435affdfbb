/**
 * `npm start`'s sandbox: after the quickstart it prints a ready-to-paste curl line with
 * a test key that has every scope, the docs URL and the limits in force; `--once` runs that line
 * as printed before it stops. Uses the existing build (`--no-build`; `npm test` builds first).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

it('npm start --once prints a curl line that works, the docs URL and the sandbox limits', async () => {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--once', '--no-build'], {
    cwd: root,
    env: { ...process.env, REGEN_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.resume();
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code, out).toBe(0);

  const url = /stub listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
  expect(url).not.toBe('');
  const quickstartEnd = out.indexOf('Retrieved ord_');
  const curl = new RegExp(
    `^  curl -sS -H 'X-API-Key: rg_test_[A-Za-z0-9]{32}' '${url.replace(/\./g, '\\.')}/api/v1/orders\\?limit=3'$`,
    'm',
  ).exec(out);
  expect(curl, out).not.toBeNull();
  expect(curl?.index ?? -1).toBeGreaterThan(quickstartEnd); // after the quickstart
  expect(out).toContain(`${url}/docs`);
  expect(out).toMatch(
    /Limits in force \(sandbox\): standard=10000\/1h, burst=600\/1m, write=5000\/1h, auth=50\/15m/,
  );
  expect(out).toMatch(/curl check: HTTP 200/);
}, 60_000);
