/**
 * The printed rerun line runs as printed: credentials are shell variables, and pasted into a
 * shell where they are set it reproduces the failure it was printed under.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrokenServer, startBrokenServer } from './support/broken-server.ts';
import { cli } from './support/cli.ts';
import { contract, TEST_KEY } from './support/contract.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const built = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Runs `line` with `sh -c` (asynchronously: the server runs in this process). */
function shell(line: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile('sh', ['-c', line], { cwd: packageDir, env: { ...process.env, ...env } }, (error, stdout) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout });
    });
  });
}

/** The failure lines of `check × operation` in a console report (message, case, seed, curl). */
function failureOf(out: string, check: string, operationId: string): string {
  const block = out.split('\n\n').find((b) => b.startsWith(`✘ ${check} × ${operationId} `));
  return (block ?? '').replace(/\n {4}rerun: .*/, '');
}

let server: BrokenServer;
beforeAll(async () => {
  server = await startBrokenServer({ spec: contract, apiKey: TEST_KEY, fault: 'schema-violation' });
});
afterAll(async () => {
  await server.close();
});

describe.skipIf(!existsSync(built))('the rerun line', () => {
  it('names credentials by variable and, run with sh -c, reproduces the same verdicts', async () => {
    const first = await cli(
      [
        ...['--base-url', server.url, '--api-key', TEST_KEY, '--seed', '77', '--max-examples', '2'],
        ...['--operations', 'getOrder,listOrders', '--timeout', '5000'],
        ...['--exempt', "status_code_conformance:listOrders=a reason with spaces, and 'quotes'"],
      ],
      {},
    );
    expect(first.code).toBe(1);
    const line = /rerun: (.*)/.exec(first.out)?.[1] ?? '';
    expect(line).toContain('--api-key "$REGEN_API_KEY"');
    expect(line).not.toContain(TEST_KEY);
    expect(line).not.toContain('<');
    expect(line).toContain('--timeout 5000');
    expect(line).toMatch(/--operations getOrder --checks response_schema_conformance$/);

    const rerun = await shell(line, { REGEN_API_KEY: TEST_KEY });
    expect(rerun.code).toBe(1);
    const failure = failureOf(first.out, 'response_schema_conformance', 'getOrder');
    expect(failure).toContain('seed: 77');
    expect(failureOf(rerun.stdout, 'response_schema_conformance', 'getOrder')).toBe(failure);
    expect(rerun.stdout).toMatch(/^response_schema_conformance +0 +1 +0 +0 +0$/m);
  });
});
