/**
 * Proof that the stub's operation registry follows the contract: a copy of the contract with one
 * more operation, generated into a temporary directory, makes the stub's handler index fail to
 * compile with an error naming the new operation.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationRegistry } from '../src/generated/operations.ts';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));

const REFUND_PATH = `refund:
  get:
    operationId: getRefund
    summary: Retrieve a refund
    description: A refund of an order.
    tags: [orders]
    security:
      - ApiKeyAuth: [read:orders]
      - BearerAuth: [read:orders]
      - OAuth2: [read:orders]
    x-required-scopes: [read:orders]
    parameters:
      - name: id
        in: path
        required: true
        schema: { type: string, pattern: '^ref_[A-Za-z0-9]+$' }
    responses:
      '200':
        description: The refund.
        content:
          application/json:
            schema:
              type: object
              additionalProperties: false
              required: [success, data]
              properties:
                success: { const: true }
                data:
                  type: object
                  additionalProperties: false
                  required: [id]
                  properties: { id: { type: string } }
`;

/** Copies `openapi/` into `dir` and rewrites its root document with `edit`. */
async function contractCopy(dir: string, edit: (root: string) => string): Promise<string> {
  const openapi = path.join(dir, 'openapi');
  await cp(path.join(repo, 'openapi'), openapi, { recursive: true });
  const root = path.join(openapi, 'openapi.yaml');
  const text = await readFile(root, 'utf8');
  const edited = edit(text);
  expect(edited).not.toBe(text);
  await writeFile(root, edited);
  return openapi;
}

/** Copies `openapi/` and adds `GET /api/v1/refunds/{id}` (`getRefund`) on the existing `orders` tag. */
async function contractWithRefund(dir: string): Promise<string> {
  const openapi = await contractCopy(dir, (root) =>
    root.replace(/^paths:\n/m, 'paths:\n  /api/v1/refunds/{id}:\n    $ref: ./paths/refunds.yaml#/refund\n'),
  );
  await writeFile(path.join(openapi, 'paths/refunds.yaml'), REFUND_PATH);
  return openapi;
}

/** Generates from `openapi` into `<dir>/out` and type-checks the stub there; resolves to tsc's error lines. */
async function generateAndTypecheck(
  dir: string,
  openapi: string,
): Promise<{ out: string; errors: string[] }> {
  const out = path.join(dir, 'out');
  await run(process.execPath, [path.join(repo, 'scripts/generate.mjs'), out, openapi], { cwd: repo });
  const tsconfig = await typecheckProject(out);
  const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
  const output = await run(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], { cwd: out }).then(
    () => '',
    (error: { stdout: string }) => error.stdout,
  );
  // Continuation lines of a message belong to the error line above them.
  return { out, errors: output.split(/\n(?=\S)/).filter((entry) => entry.includes('error TS')) };
}

/** Copies the stub's and the contract's hand-written sources beside the generated ones, with a tsconfig. */
async function typecheckProject(out: string): Promise<string> {
  const handWritten = (from: string) => !from.split(path.sep).includes('generated');
  await cp(path.join(repo, 'packages/stub/src'), path.join(out, 'packages/stub/src'), {
    recursive: true,
    filter: handWritten,
  });
  await cp(path.join(repo, 'packages/contract/src'), path.join(out, 'packages/contract/src'), {
    recursive: true,
    filter: handWritten,
  });
  await symlink(path.join(repo, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  const tsconfig = path.join(out, 'tsconfig.json');
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: path.join(repo, 'tsconfig.base.json'),
      compilerOptions: {
        // The copy of the contract, not the workspace package the node_modules link leads to.
        paths: {
          '@regen/contract': ['./packages/contract/src/index.ts'],
          '@regen/contract/*': ['./packages/contract/src/*.ts'],
        },
      },
      files: ['packages/stub/src/app/routes.ts'],
    }),
  );
  return tsconfig;
}

describe('the stub registry is generated from the contract', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'regen-stub-proof-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('matches the contract index today', async () => {
    const { operationIndex } = await import('@regen/contract/operations');
    expect(Object.keys(operationRegistry)).toEqual(Object.keys(operationIndex));
    for (const op of Object.values(operationRegistry)) {
      const info = operationIndex[op.operationId];
      expect([op.method, op.path, op.auth, op.idempotent]).toEqual([
        info.method,
        info.path,
        info.auth,
        info.idempotent,
      ]);
    }
  });

  it('a new contract operation without a stub handler is a compile error naming it', async () => {
    const added = path.join(dir, 'added');
    const { out, errors } = await generateAndTypecheck(added, await contractWithRefund(added));

    const registry = await readFile(path.join(out, 'packages/stub/src/generated/operations.ts'), 'utf8');
    expect(registry).toContain(
      'getRefund: {"operationId":"getRefund","method":"GET","path":"/api/v1/refunds/{id}"',
    );
    // The registry imports nothing of the stub's: handlers/types.ts maps its ids to handlers.
    expect(registry).not.toMatch(/^import /m);
    const readme = await readFile(path.join(out, 'openapi/README.md'), 'utf8');
    expect(readme).toContain('| GET | /api/v1/refunds/{id} | getRefund | orders |');

    // One error, in the handler index, and it names the operation that has no handler.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(path.join('packages', 'stub', 'src', 'handlers', 'index.ts'));
    expect(errors[0]).toMatch(
      /Property 'getRefund' is missing in type .* but required in type 'HandlerTable'/,
    );
  }, 120_000);

  it('a handler of an operation the contract no longer has is a compile error naming it', async () => {
    const removed = path.join(dir, 'removed');
    const openapi = await contractCopy(removed, (root) =>
      root.replace('  /api/v1/orders/{id}/cancel:\n    $ref: ./paths/orders.yaml#/orderCancel\n', ''),
    );
    const { out, errors } = await generateAndTypecheck(removed, openapi);
    const registry = await readFile(path.join(out, 'packages/stub/src/generated/operations.ts'), 'utf8');
    expect(registry).not.toContain('cancelOrder');
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.every((e) => e.includes(path.join('packages', 'stub', 'src', 'handlers', 'orders.ts'))),
    ).toBe(true);
    expect(errors.join('\n')).toContain(
      `Type '"cancelOrder"' is not assignable to type '"getHealth" | "login"`,
    );
  }, 120_000);
});
