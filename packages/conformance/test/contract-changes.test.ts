/**
 * `--spec OLD` against a server of a newer contract: the reference stub (serving the bundled
 * contract at /openapi.json) behind the semantic proxy, checked against an older version written
 * here — `Product.sku` was `stockCode` before, and `limit` went up to 500. The failures those
 * changes cause (response bodies, a refused page size) are reported as predicted by the contract
 * change, at the operation and pointer; a fault the proxy injects
 * (getHealth answering `authenticated: "yes"`), which no change explains, is reported as a
 * likely server defect. Over real HTTP, with only the checks and operations that show it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Report, runConformance } from '../src/index.ts';
import {
  type BrokenSemanticsServer,
  SEMANTICS_FIXTURE,
  startBrokenSemantics,
  type Tamper,
} from './support/broken-semantics.ts';
import { cli } from './support/cli.ts';
import { contract } from './support/contract.ts';
import { errorAnswer } from './support/partial-server.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'regen-conformance-spec-'));

/**
 * The bundled contract as it stood "before": `Product.sku` was called `stockCode`, and a page
 * could hold up to 500 items (`limit` ≤ 500, now ≤ 100).
 */
function olderContract(): string {
  const document = structuredClone(contract.document) as {
    components: {
      schemas: { Product: { required: string[]; properties: Record<string, unknown> } };
      parameters: { Limit: { schema: { maximum: number } } };
    };
  };
  document.components.parameters.Limit.schema.maximum = 500;
  const product = document.components.schemas.Product;
  const { sku, ...rest } = product.properties;
  product.properties = { ...rest, stockCode: sku };
  product.required = product.required.map((name) => (name === 'sku' ? 'stockCode' : name));
  const file = path.join(dir, 'openapi-old.json');
  writeFileSync(file, JSON.stringify(document));
  return file;
}

/** The fault: a health answer the contract never allowed, in either version. */
const healthDefect: Tamper = (p) => {
  if (p.method !== 'GET' || p.url.pathname !== '/api/health' || p.answer.status !== 200) return undefined;
  const body = JSON.parse(p.answer.body.toString('utf8')) as { data: Record<string, unknown> };
  body.data.authenticated = 'yes';
  return { ...p.answer, body: Buffer.from(JSON.stringify(body)) };
};

const OPERATIONS = ['getHealth', 'listProducts', 'getProduct'];
const CHECKS = [
  'response_schema_conformance',
  'status_code_conformance',
  'positive_data_acceptance',
] as const;

let oldSpec: string;
let faulty: BrokenSemanticsServer;
let faithful: BrokenSemanticsServer;
beforeAll(async () => {
  oldSpec = olderContract();
  [faulty, faithful] = await Promise.all([
    startBrokenSemantics({ tamper: healthDefect }),
    startBrokenSemantics({}),
  ]);
});
afterAll(async () => {
  await Promise.all([faulty?.close(), faithful?.close()]);
});

function run(server: BrokenSemanticsServer, extra: Partial<Parameters<typeof runConformance>[0]> = {}) {
  return runConformance({
    baseUrl: server.url,
    apiKey: SEMANTICS_FIXTURE.apiKey,
    rateLimits: SEMANTICS_FIXTURE.rateLimits,
    seed: 7,
    maxExamples: 2,
    operations: OPERATIONS,
    checks: [...CHECKS],
    spec: oldSpec,
    ...extra,
  });
}

const testcase = (report: Report, check: string, operationId: string) =>
  report.results.find((r) => r.check === check && r.operationId === operationId);

describe('--spec OLD against a server of the new contract', () => {
  it('reports the rename as predicted, at the operation and pointer, and the injected fault as not', async () => {
    const report = await run(faulty);
    for (const operationId of ['listProducts', 'getProduct']) {
      const r = testcase(report, 'response_schema_conformance', operationId);
      expect(r?.status, operationId).toBe('failed');
      expect(r?.prediction?.predicted, operationId).toBe(true);
      // regen-diff points at a property by its schema on the side that has it (Sku, by $ref).
      const rules = r?.prediction?.by.map((c) => `${c.rule} ${c.oldPointer} → ${c.newPointer}`).sort();
      expect(rules).toEqual([
        'response-property-added /components/schemas/Product/properties → /components/schemas/Sku',
        'response-property-removed /components/schemas/Sku → /components/schemas/Product/properties',
      ]);
      expect(r?.prediction?.by.every((c) => c.operation === `GET ${r.path}`)).toBe(true);
    }
    // A page size the old contract allowed, refused now: predicted by the tightened maximum.
    const pageSize = testcase(report, 'positive_data_acceptance', 'listProducts');
    expect(pageSize?.status).toBe('failed');
    expect(pageSize?.prediction?.predicted).toBe(true);
    expect(pageSize?.prediction?.by.map((c) => `${c.rule} ${c.oldPointer}`)).toEqual([
      'request-range-narrowed /components/parameters/Limit/schema/maximum',
    ]);
    const health = testcase(report, 'response_schema_conformance', 'getHealth');
    expect(health?.status).toBe('failed');
    expect(health?.prediction).toEqual({ predicted: false, by: [] });
    expect(report.contractChanges).toMatchObject({
      available: true,
      served: `${faulty.url}/openapi.json`,
      predictedTestcases: 3,
      unexplainedTestcases: 1,
    });
    // The rename reaches operations this run did not select (createProduct, updateProduct): listed
    // there as not exercised; where it explained failures, it is not.
    const notExercised = report.contractChanges?.available ? report.contractChanges.notExercised : [];
    const removal = notExercised.find((c) => c.rule === 'response-property-removed');
    expect(removal?.operations).toEqual(['POST /api/v1/products', 'PATCH /api/v1/products/{id}']);
    // Failures still fail the run.
    expect(report.exitCode).toBe(1);
  }, 60_000);

  it('says so in the console, JUnit and JSON reports; --allow-predicted exits 0 only when every failure is predicted', async () => {
    const junit = path.join(dir, 'run.xml');
    const json = path.join(dir, 'run.json');
    const args = (url: string) => [
      '--base-url',
      url,
      '--seed',
      '7',
      '--max-examples',
      '2',
      '--operations',
      OPERATIONS.join(','),
      '--checks',
      CHECKS.join(','),
      '--rate-limits',
      SEMANTICS_FIXTURE.rateLimits,
      '--spec',
      oldSpec,
      '--allow-predicted',
    ];
    const env = { REGEN_API_KEY: SEMANTICS_FIXTURE.apiKey };
    const clean = await cli(
      [
        ...args(faithful.url),
        '--report',
        'junit',
        '--report-file',
        junit,
        '--report',
        'json',
        '--report-file',
        json,
      ],
      env,
    );
    expect(clean.out).toContain(
      'predicted by contract change: response-property-removed at GET /api/v1/products/{id} /components/schemas/Sku → /components/schemas/Product/properties (property stockCode removed)',
    );
    expect(clean.out).toContain(
      'every failure is predicted by a contract change: exit 0 (--allow-predicted)',
    );
    expect(clean.code, clean.out).toBe(0);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<property name="contractChange" value="predicted"/>');
    expect(xml).toMatch(
      /<system-out>predicted by contract change: response-property-(removed|added) at GET \/api\/v1\/products/,
    );
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(report.results.filter((r) => r.status === 'failed').every((r) => r.prediction?.predicted)).toBe(
      true,
    );

    const broken = await cli(args(faulty.url), env);
    expect(broken.out).toContain('not explained by any contract change (likely a server defect)');
    expect(broken.code).toBe(1);
  }, 60_000);

  it('runs without attribution when the server serves no /openapi.json, and --server-spec names it instead (a file or a git revision)', async () => {
    const server = await startBrokenSemantics({
      intercept: (_method, pathname) =>
        pathname === '/openapi.json' ? errorAnswer(404, 'not_found') : undefined,
    });
    try {
      const report = await run(server);
      expect(report.contractChanges).toMatchObject({
        available: false,
        reason: expect.stringContaining('404'),
      });
      expect(report.results.some((r) => r.prediction !== undefined)).toBe(false);
      expect(report.exitCode).toBe(1);
      const named = await run(server, { serverSpec: contract.source });
      expect(named.contractChanges).toMatchObject({
        available: true,
        served: contract.source,
        predictedTestcases: 3,
      });
      // A git revision of the multi-file source, bundled on the fly, gives the same pointers.
      const revision = await run(server, { serverSpec: 'HEAD:openapi/openapi.yaml' });
      expect(revision.contractChanges).toMatchObject({ available: true, predictedTestcases: 3 });
    } finally {
      await server.close();
    }
  }, 60_000);
});
