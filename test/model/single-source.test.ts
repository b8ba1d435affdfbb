/**
 * Proof that every generator reads one contract model: a copy of the contract whose new
 * operations inherit the document-level `security` (no `security`, no `x-required-scopes` of
 * their own) is generated into a temporary directory, and the contract's operation index, the
 * stub's registry, the README table and the SDK model all give them the same credential, scopes,
 * idempotency and pagination. A second browser page (HTML success) joins `/oauth/authorize`, and
 * the client's generated `ClientPaths` leaves out exactly the model's unexposed paths. The Python
 * SDK (packages/python-sdk) sees the new operations too: methods, flags and api.md, none hand-written.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContractModel, unexposedPaths } from '../../scripts/generate/contract-model.mjs';
import { allMethods, buildSdkModel } from '../../scripts/generate/sdk-model.mjs';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));

type Doc = {
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, unknown>>;
};

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
const INHERITED = ['read:orders'];

/** The bundled contract with document-level security and three operations that inherit it. */
function withInheritedSecurity(doc: Doc): Doc {
  doc.security = [{ ApiKeyAuth: INHERITED }, { BearerAuth: INHERITED }];
  doc.paths['/api/v1/refunds'] = {
    get: {
      operationId: 'listRefunds',
      tags: ['orders'],
      summary: 'List refunds',
      parameters: [ref('parameters', 'Limit'), ref('parameters', 'Cursor')],
      responses: {
        '200': {
          description: 'A page.',
          content: { 'application/json': { schema: ref('schemas', 'OrderList') } },
        },
      },
    },
    post: {
      operationId: 'createRefund',
      tags: ['orders'],
      summary: 'Create a refund',
      parameters: [ref('parameters', 'IdempotencyKey')],
      responses: {
        '201': {
          description: 'Created.',
          content: { 'application/json': { schema: ref('schemas', 'OrderResponse') } },
        },
      },
    },
  };
  doc.paths['/oauth/consent-done'] = {
    get: {
      operationId: 'consentDone',
      tags: ['oauth'],
      summary: 'Consent page',
      security: [],
      responses: {
        '200': { description: 'A page.', content: { 'text/html': { schema: { type: 'string' } } } },
      },
    },
  };
  return doc;
}

let out: string;
let doc: Doc;

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'regen-model-proof-'));
  doc = JSON.parse(await readFile(path.join(repo, 'packages/contract/openapi.json'), 'utf8'));
  delete (doc as Record<string, unknown>)['x-generated'];
  withInheritedSecurity(doc);
  await mkdir(path.join(out, 'openapi'));
  // JSON is YAML: the bundled document is a one-file contract the generator can read.
  await writeFile(path.join(out, 'openapi/openapi.yaml'), JSON.stringify(doc, null, 2));
  await cp(path.join(repo, 'openapi/README.md'), path.join(out, 'openapi/README.md'));
  await run(process.execPath, [path.join(repo, 'scripts/generate.mjs'), out, path.join(out, 'openapi')], {
    cwd: repo,
  });
}, 120_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

type Entry = { auth: string; scopes: readonly string[] | null; idempotent: boolean };
const generated = async (file: string) => import(path.join(out, file));

describe('one contract model for every generator', () => {
  it('an operation that inherits document-level security gets the same scopes everywhere', async () => {
    const { operationIndex } = await generated('packages/contract/src/generated/operations.ts');
    const { operationRegistry } = await generated('packages/stub/src/generated/operations.ts');
    const sdk = allMethods(buildSdkModel(doc));
    const readme = await readFile(path.join(out, 'openapi/README.md'), 'utf8');
    for (const id of ['listRefunds', 'createRefund']) {
      const index: Entry = operationIndex[id];
      const stub: Entry = operationRegistry[id];
      const method = sdk.find((m) => m.operationId === id);
      expect([index.auth, index.scopes]).toEqual(['required', INHERITED]);
      expect([stub.auth, stub.scopes]).toEqual(['required', INHERITED]);
      expect([method?.credential.mode, method?.credential.scopes]).toEqual(['required', INHERITED]);
      expect(readme).toMatch(
        new RegExp(`\\| ${id} \\| orders \\| ApiKeyAuth, BearerAuth \\| read:orders \\|`),
      );
      expect([index.idempotent, stub.idempotent, method?.idempotent]).toEqual(
        Array(3).fill(id === 'createRefund'),
      );
    }
  });

  it('the client pages with the model cursor parameter', async () => {
    const flags = await readFile(path.join(out, 'packages/client/src/generated/operations.ts'), 'utf8');
    const list = buildContractModel(doc).operations.find((op) => op.operationId === 'listRefunds');
    expect(list?.pagination?.cursorParam).toBe('cursor');
    expect(flags).toContain(`'/api/v1/refunds': { GET: 'cursor' }`);
  });

  it("the client's ClientPaths leaves out exactly the model's unexposed paths", async () => {
    const model = buildContractModel(doc);
    const hidden = unexposedPaths(model);
    expect(hidden).toEqual(['/oauth/authorize', '/oauth/consent-done']);
    expect(buildSdkModel(doc).unexposed.map((u) => u.path)).toEqual(hidden);
    const client = await readFile(path.join(out, 'packages/client/src/generated/operations.ts'), 'utf8');
    const omitted = client.match(/export type ClientPaths = Omit<paths, (.+)>;/)?.[1];
    expect(omitted?.split(' | ')).toEqual(hidden.map((p) => `'${p}'`));
  });

  it("the repository's ClientPaths is the model's too", async () => {
    const real = JSON.parse(await readFile(path.join(repo, 'packages/contract/openapi.json'), 'utf8'));
    const client = await readFile(path.join(repo, 'packages/client/src/generated/operations.ts'), 'utf8');
    const omitted = client.match(/export type ClientPaths = Omit<paths, (.+)>;/)?.[1];
    expect(omitted?.split(' | ')).toEqual(unexposedPaths(buildContractModel(real)).map((p) => `'${p}'`));
  });

  it('the Python SDK gets the new operations from the same model, with the same flags', async () => {
    const pyGen = path.join(out, 'packages/python-sdk/src/regen/_generated');
    const orders = await readFile(path.join(pyGen, 'resources/orders.py'), 'utf8');
    const operations = await readFile(path.join(pyGen, 'operations.py'), 'utf8');
    const apiMd = await readFile(path.join(out, 'packages/python-sdk/api.md'), 'utf8');
    const sdk = allMethods(buildSdkModel(doc));
    for (const id of ['listRefunds', 'createRefund']) {
      const method = sdk.find((m) => m.operationId === id);
      expect(method).toBeDefined();
      expect(orders).toContain(`OPERATIONS["${id}"]`);
      expect(apiMd).toContain(`(${id})`);
    }
    // A collection of its own under the orders tag: the nested namespace `client.orders.refunds`.
    expect(orders).toContain('self.refunds = Refunds(client)');
    expect(operations).toContain(
      '"listRefunds": Operation("listRefunds", "GET", "/api/v1/refunds", cursor_param="cursor")',
    );
    expect(operations).toContain(
      '"createRefund": Operation("createRefund", "POST", "/api/v1/refunds", flags=IDEMPOTENT)',
    );
    // The browser page is a method in neither SDK.
    expect(operations).not.toContain('consentDone');
    expect(apiMd).toContain('`GET /oauth/consent-done` (consentDone)');
  });
});
