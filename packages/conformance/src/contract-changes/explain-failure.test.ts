import { describe, expect, it } from 'vitest';
import type { ContractChange } from '../report/contract-change.ts';
import type { Failure, TestcaseResult } from '../report/types.ts';
import type { JsonObject } from '../spec/types.ts';
import { explainFailure, type LocatedChange } from './explain-failure.ts';

const schemas = (product: JsonObject): JsonObject => ({
  openapi: '3.1.0',
  components: { schemas: { Product: product, Sku: { type: 'string' }, Status: { enum: ['a', 'b'] } } },
});
/** The checked contract has `code`; the server's renamed it `sku`. */
const documents = {
  checked: schemas({
    type: 'object',
    required: ['code', 'status'],
    properties: {
      code: { $ref: '#/components/schemas/Sku' },
      status: { $ref: '#/components/schemas/Status' },
    },
  }),
  served: schemas({
    type: 'object',
    required: ['sku', 'status'],
    properties: {
      sku: { $ref: '#/components/schemas/Sku' },
      status: { $ref: '#/components/schemas/Status' },
    },
  }),
};

function change(
  rule: string,
  oldPointer: string | null,
  newPointer: string | null,
  operation = 'GET /p/{id}',
) {
  return {
    change: {
      rule,
      level: 'breaking',
      operation,
      oldPointer,
      newPointer,
      detail: rule,
    } satisfies ContractChange,
    operationId: operation === 'GET /p/{id}' ? 'getP' : undefined,
    path: operation.split(' ')[1] ?? '',
  } satisfies LocatedChange;
}

const testcase = (check: string, path = '/p/{id}'): TestcaseResult => ({
  check,
  operationId: 'getP',
  method: 'GET',
  path,
  status: 'failed',
  checked: 1,
  failures: [],
  durationMs: 0,
});

const failure = (extra: Partial<Failure> = {}): Failure => ({
  check: 'x',
  operationId: 'getP',
  message: 'm',
  seed: 1,
  ...extra,
});

const explain = (f: Failure, t: TestcaseResult, changes: readonly LocatedChange[]) =>
  explainFailure(f, t, changes, documents).map((c) => c.rule);

const removed = change(
  'response-property-removed',
  '/components/schemas/Sku',
  '/components/schemas/Product/properties',
);
const added = change(
  'response-property-added',
  '/components/schemas/Product/properties',
  '/components/schemas/Sku',
);
const missingCode = { pointer: '/components/schemas/Product/properties/code', keyword: 'required' };
const extraSku = { pointer: '/components/schemas/Product/properties/sku', keyword: 'additionalProperties' };
const badStatus = { pointer: '/components/schemas/Status/enum', keyword: 'enum' };

describe('explainFailure', () => {
  it('ties a schema failure to the changes at each rule it found broken, following $refs on each side', () => {
    const f = failure({ locations: [missingCode, extraSku] });
    expect(explain(f, testcase('response_schema_conformance'), [removed, added]).sort()).toEqual([
      'response-property-added',
      'response-property-removed',
    ]);
  });

  it('does not explain a failure that is only partly a contract change (a server defect rides along)', () => {
    const f = failure({ locations: [missingCode, extraSku, badStatus] });
    expect(explain(f, testcase('response_schema_conformance'), [removed, added])).toEqual([]);
  });

  it('explains an enum value the server sends by the widened enum, and nothing by a change elsewhere', () => {
    const widened = change(
      'response-enum-widened',
      '/components/schemas/Status/enum',
      '/components/schemas/Status/enum',
    );
    const f = failure({ locations: [badStatus] });
    expect(explain(f, testcase('response_schema_conformance'), [widened, removed])).toEqual([
      'response-enum-widened',
    ]);
    expect(explain(f, testcase('response_schema_conformance'), [removed, added])).toEqual([]);
  });

  it('needs the change on the failing operation', () => {
    const elsewhere = { ...removed, operationId: 'listP' };
    const f = failure({ locations: [missingCode] });
    expect(explain(f, testcase('response_schema_conformance'), [elsewhere])).toEqual([]);
  });

  it('ties an undocumented status to the status the server contract added, by the response code', () => {
    const status409 = change(
      'response-status-added',
      '/paths/~1p~1{id}/get/responses',
      '/paths/~1p~1{id}/get/responses/409',
    );
    const answered = (status: number) => failure({ response: { status, headers: {}, body: '' } });
    expect(explain(answered(409), testcase('status_code_conformance'), [status409])).toEqual([
      'response-status-added',
    ]);
    expect(explain(answered(500), testcase('status_code_conformance'), [status409])).toEqual([]);
  });

  it('uses only the rules that can make the check fail', () => {
    const status409 = change(
      'response-status-added',
      '/paths/~1p~1{id}/get/responses',
      '/paths/~1p~1{id}/get/responses/409',
    );
    expect(
      explain(failure({ locations: [missingCode] }), testcase('response_schema_conformance'), [status409]),
    ).toEqual([]);
    expect(explain(failure(), testcase('not_a_server_error'), [removed, added, status409])).toEqual([]);
  });

  it('explains any failure on a removed operation, and an undocumented method by an operation added on its path', () => {
    const gone = change('operation-removed', '/paths/~1p~1{id}/get', null);
    expect(explain(failure(), testcase('not_a_server_error'), [gone])).toEqual(['operation-removed']);
    const put = change('operation-added', null, '/paths/~1p~1{id}/put', 'PUT /p/{id}');
    expect(explain(failure(), testcase('unsupported_method'), [put])).toEqual(['operation-added']);
    expect(explain(failure(), testcase('unsupported_method', '/q'), [put])).toEqual([]);
  });
});

describe('explainFailure, request checks: by the part of the request the change is about', () => {
  const limit = { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100 } };
  const region = { name: 'region', in: 'query', required: true, schema: { type: 'string' } };
  const withParameters = (parameters: readonly JsonObject[]): JsonObject => ({
    openapi: '3.1.0',
    components: { parameters: { Limit: limit } },
    paths: { '/p/{id}': { get: { operationId: 'getP', parameters: [...parameters] } } },
  });
  const docs = {
    checked: withParameters([{ $ref: '#/components/parameters/Limit' }]),
    served: withParameters([{ $ref: '#/components/parameters/Limit' }, region]),
  };
  const sent = (url: string, body?: string) =>
    failure({ request: { method: 'GET', url, headers: {}, ...(body === undefined ? {} : { body }) } });
  const rules = (f: Failure, changes: readonly LocatedChange[]) =>
    explainFailure(f, testcase('positive_data_acceptance'), changes, docs).map((c) => c.rule);

  const narrowed = change(
    'request-range-narrowed',
    '/components/parameters/Limit/schema/maximum',
    '/components/parameters/Limit/schema/maximum',
  );
  const required = change(
    'parameter-added-required',
    '/paths/~1p~1{id}/get/parameters',
    '/paths/~1p~1{id}/get/parameters/1',
  );
  const bodyField = change(
    'request-property-added-required',
    '/components/schemas/PCreate/properties',
    '/components/schemas/PCreate/properties/x',
  );

  it('a tightened parameter explains a refusal of a request that sent it, not of one that did not', () => {
    expect(rules(sent('http://h/p/1?limit=250'), [narrowed])).toEqual(['request-range-narrowed']);
    expect(rules(sent('http://h/p/1'), [narrowed])).toEqual([]);
  });

  it('a parameter made required explains a refusal of a request that left it out', () => {
    expect(rules(sent('http://h/p/1'), [required])).toEqual(['parameter-added-required']);
    expect(rules(sent('http://h/p/1?region=eu'), [required])).toEqual([]);
  });

  it('a body change explains a refusal of a request with a body only', () => {
    expect(rules(sent('http://h/p/1', '{}'), [bodyField])).toEqual(['request-property-added-required']);
    expect(rules(sent('http://h/p/1'), [bodyField])).toEqual([]);
  });
});

describe('response headers', () => {
  it('a header the server no longer promises explains the headers failure on its operation only', () => {
    const gone = change(
      'response-header-removed',
      '/paths/~1p~1{id}/get/responses/200/headers/X-RateLimit-Remaining',
      '/paths/~1p~1{id}/get/responses/200/headers',
    );
    const elsewhere = change('response-header-removed', '/x', '/y', 'GET /q');
    expect(explain(failure(), testcase('response_headers_conformance'), [gone, elsewhere])).toEqual([
      'response-header-removed',
    ]);
    expect(explain(failure(), testcase('response_schema_conformance'), [gone])).toEqual([]);
  });
});
