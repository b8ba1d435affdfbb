/**
 * Proof that the client's surface follows the contract with no hand edit: a copy of the contract
 * with a new tag (`refunds`: list, create (idempotent), retrieve (deprecated)) and one more
 * operation on an existing tag (`orders.fulfill`) is generated into a temporary directory, and a
 * program using them type-checks (tsc, strict); a wrong body field does not. A copy without
 * `cancelOrder` makes a caller of `orders.cancel` fail to compile.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const scratch: string[] = [];

type Doc = {
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, unknown> };
};

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` });
const secured = (scope: string) => ({
  security: [{ ApiKeyAuth: [scope] }, { BearerAuth: [scope] }, { OAuth2: [scope] }],
  'x-required-scopes': [scope],
});
const errors = (...statuses: number[]) => {
  const names: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    409: 'Conflict',
    413: 'PayloadTooLarge',
    415: 'UnsupportedMediaType',
    422: 'UnprocessableEntity',
    429: 'TooManyRequests',
    500: 'InternalServerError',
    503: 'ServiceUnavailable',
  };
  return Object.fromEntries(statuses.map((s) => [String(s), ref('responses', names[s] as string)]));
};
const json = (schema: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref('schemas', schema) } },
});

/** The bundled contract plus the `refunds` tag and `fulfillOrder`. */
function withRefunds(doc: Doc): Doc {
  doc.tags.push({ name: 'refunds', description: 'Refunds of paid orders.' });
  Object.assign(doc.components.schemas, {
    Refund: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'orderId', 'amount', 'status'],
      properties: {
        id: { type: 'string', pattern: '^ref_[A-Za-z0-9]+$' },
        orderId: ref('schemas', 'OrderId'),
        amount: { type: 'integer', minimum: 1 },
        status: { type: 'string', enum: ['pending', 'succeeded'] },
      },
    },
    RefundCreate: {
      type: 'object',
      additionalProperties: false,
      required: ['orderId', 'amount'],
      properties: { orderId: ref('schemas', 'OrderId'), amount: { type: 'integer', minimum: 1 } },
    },
    RefundResponse: {
      type: 'object',
      additionalProperties: false,
      required: ['success', 'data'],
      properties: { success: { type: 'boolean', const: true }, data: ref('schemas', 'Refund') },
    },
    RefundList: {
      type: 'object',
      additionalProperties: false,
      required: ['success', 'data', 'hasMore', 'nextCursor'],
      properties: {
        success: { type: 'boolean', const: true },
        data: { type: 'array', items: ref('schemas', 'Refund') },
        hasMore: { type: 'boolean' },
        nextCursor: { type: ['string', 'null'] },
      },
    },
  });
  doc.paths['/api/v1/refunds'] = {
    get: {
      operationId: 'listRefunds',
      tags: ['refunds'],
      summary: 'List refunds',
      ...secured('read:orders'),
      parameters: [ref('parameters', 'Limit'), ref('parameters', 'Cursor')],
      responses: { '200': json('RefundList', 'A page of refunds.'), ...errors(400, 401, 403, 429, 500, 503) },
    },
    post: {
      operationId: 'createRefund',
      tags: ['refunds'],
      summary: 'Create a refund',
      ...secured('write:orders'),
      parameters: [ref('parameters', 'IdempotencyKey')],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: ref('schemas', 'RefundCreate'),
            examples: { refund: { value: { orderId: 'ord_8x2Kq9Lm3Np', amount: 1200 } } },
          },
        },
      },
      responses: {
        '201': json('RefundResponse', 'Created.'),
        ...errors(400, 401, 403, 409, 413, 415, 422, 429, 500, 503),
      },
    },
  };
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'ref_1' };
  doc.paths['/api/v1/refunds/{id}'] = {
    get: {
      operationId: 'getRefund',
      tags: ['refunds'],
      summary: 'Get a refund',
      deprecated: true,
      ...secured('read:orders'),
      parameters: [idParam],
      responses: { '200': json('RefundResponse', 'The refund.'), ...errors(401, 403, 404, 429, 500, 503) },
    },
  };
  doc.paths['/api/v1/orders/{id}/fulfill'] = {
    post: {
      operationId: 'fulfillOrder',
      tags: ['orders'],
      summary: 'Fulfil an order',
      ...secured('write:orders'),
      parameters: [ref('parameters', 'OrderIdPath')],
      responses: { '200': json('OrderResponse', 'Fulfilled.'), ...errors(401, 403, 404, 409, 429, 500, 503) },
    },
  };
  return doc;
}

/** The bundled contract without `cancelOrder`. */
function withoutCancel(doc: Doc): Doc {
  delete doc.paths['/api/v1/orders/{id}/cancel'];
  return doc;
}

/**
 * Generates from a changed contract into a temporary copy of the two packages' sources, with a
 * tsconfig that resolves `@regen/contract` to the copy. Returns the directory.
 */
async function generateFrom(change: (doc: Doc) => Doc): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'regen-client-proof-'));
  scratch.push(dir);
  const doc = JSON.parse(await readFile(path.join(repo, 'packages/contract/openapi.json'), 'utf8'));
  delete doc['x-generated'];
  await mkdir(path.join(dir, 'openapi'));
  // JSON is YAML: the bundled document is a one-file contract the generator can read.
  await writeFile(path.join(dir, 'openapi/openapi.yaml'), JSON.stringify(change(doc), null, 2));
  await cp(path.join(repo, 'openapi/README.md'), path.join(dir, 'openapi/README.md'));
  const skipGenerated = (src: string) => !src.includes(`${path.sep}generated`);
  await cp(path.join(repo, 'packages/contract/src'), path.join(dir, 'packages/contract/src'), {
    recursive: true,
    filter: skipGenerated,
  });
  await cp(path.join(repo, 'packages/client/src'), path.join(dir, 'packages/client/src'), {
    recursive: true,
    filter: skipGenerated,
  });
  await symlink(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await run(process.execPath, [path.join(repo, 'scripts/generate.mjs'), dir, path.join(dir, 'openapi')], {
    cwd: repo,
  });
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: path.join(repo, 'tsconfig.base.json'),
      compilerOptions: {
        paths: {
          '@regen/contract': ['./packages/contract/src/index.ts'],
          '@regen/contract/*': ['./packages/contract/src/*.ts'],
        },
      },
      files: ['program.ts'],
    }),
  );
  return dir;
}

/** Type-checks `program` against the generated copy: tsc's exit code and output. */
async function typecheck(dir: string, program: string): Promise<{ ok: boolean; output: string }> {
  await writeFile(path.join(dir, 'program.ts'), program);
  const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
  return run(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { cwd: dir }).then(
    (r) => ({ ok: true, output: r.stdout }),
    (e: { stdout?: string; stderr?: string }) => ({
      ok: false,
      output: `${e.stdout ?? ''}${e.stderr ?? ''}`,
    }),
  );
}

const header = `import { RegenClient } from './packages/client/src/index.ts';
const client = new RegenClient({ apiKey: 'rg_test_${'A'.repeat(32)}', baseUrl: 'http://127.0.0.1:1' });
`;

afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true });
});

describe('a new tag and a new operation in the contract', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await generateFrom(withRefunds);
  }, 120_000);

  it('appear on the client, typed, with no hand edit', async () => {
    const result = await typecheck(
      dir,
      `${header}
export async function main(): Promise<void> {
  const refund = await client.refunds.create({ orderId: 'ord_1', amount: 1200 }, { idempotencyKey: 'refund-ord_1' });
  const id: string = refund.id;
  for await (const r of client.refunds.list({ limit: 10 })) {
    const status: 'pending' | 'succeeded' = r.status;
    console.log(id, status);
  }
  const again = await client.refunds.retrieve(refund.id);
  const order = await client.orders.fulfill('ord_1');
  console.log(again.amount, order.status);
  // @ts-expect-error \`reason\` is not a field of RefundCreate
  await client.refunds.create({ orderId: 'ord_1', amount: 1200, reason: 'duplicate' });
  // @ts-expect-error \`amount\` is required
  await client.refunds.create({ orderId: 'ord_1' });
}
`,
    );
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  }, 120_000);

  it('a wrong body field is a compile error naming the field', async () => {
    const result = await typecheck(
      dir,
      `${header}
export const p = client.refunds.create({ orderId: 'ord_1', amount: 1200, reason: 'duplicate' });
`,
    );
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/'reason' does not exist/);
  }, 120_000);

  it('the generated flags, api.md and JSDoc follow', async () => {
    const flags = await readFile(path.join(dir, 'packages/client/src/generated/operations.ts'), 'utf8');
    expect(flags).toContain("'/api/v1/refunds': { POST: IDEMPOTENT }");
    const api = await readFile(path.join(dir, 'packages/client/api.md'), 'utf8');
    expect(api).toMatch(/client\.refunds\.<a [^>]+>create<\/a>\(body: BodyInput&lt;'createRefund'&gt;/);
    expect(api).toContain('client.orders.<a href="./src/generated/resources/orders.ts">fulfill</a>');
    const source = await readFile(
      path.join(dir, 'packages/client/src/generated/resources/refunds.ts'),
      'utf8',
    );
    expect(source).toContain(
      "const refund = await client.refunds.create({\n   *   orderId: 'ord_8x2Kq9Lm3Np',",
    );
    expect(source).toMatch(/@deprecated[^/]*\*\/\n {2}retrieve\(id: string/);
    expect(api).toMatch(/refunds\.<a [^>]+>retrieve<\/a>.*\*\*deprecated\*\*/);
  });
});

describe('an operation removed from the contract', () => {
  it('makes its callers fail to compile', async () => {
    const dir = await generateFrom(withoutCancel);
    const result = await typecheck(dir, `${header}\nexport const p = client.orders.cancel('ord_1');\n`);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Property 'cancel' does not exist on type 'Orders'/);
  }, 120_000);
});
