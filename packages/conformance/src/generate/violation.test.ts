import { describe, expect, it } from 'vitest';
import { contract } from '../../test/support/contract.ts';
import { SpecValidator } from '../spec/validator.ts';
import type { Case } from './case.ts';
import { allNegativeCases } from './negative.ts';
import type { CaseGenerator } from './positive.ts';
import { mutateValue } from './value-mutations.ts';
import { describeViolation } from './violation.ts';

const listOrders = contract.operations.find((o) => o.operationId === 'listOrders');
if (!listOrders) throw new Error('listOrders not in the contract');
const generator: CaseGenerator = {
  document: contract.document,
  validator: new SpecValidator(contract.document),
  ids: () => [],
  opaque: () => undefined,
};
const base: Case = {
  pathParams: {},
  query: { createdAfter: '2026-01-01T00:00:00Z' },
  headers: {},
  body: undefined,
  auth: 'default',
  description: 'positive: base',
};

describe('negative cases name the keyword they violate', () => {
  it('a date-time query parameter sent as 12345 violates format: date-time, not type', () => {
    const cases = allNegativeCases(listOrders, generator, base).filter((c) => 'createdAfter' in c.query);
    const sentAsNumber = cases.find((c) => c.query.createdAfter === 12345);
    expect(sentAsNumber?.description).toBe(
      'negative: query parameter "createdAfter" "12345" violates format: date-time',
    );
    // The mutations that arrive as meant keep their own words.
    const format = cases.find((c) => c.kind === 'format');
    expect(format?.description).toBe(
      'negative: query parameter "createdAfter" "not-a-date-time" is not a valid date-time',
    );
  });

  it("keeps a mutation's own description when the validator finds the keyword it aimed at", () => {
    const schema = { type: 'object', properties: { n: { type: 'integer', minimum: 1 } } };
    const [wrongType] = mutateValue(contract.document, schema, { n: 3 }).filter(
      (m) => m.keyword === 'type' && m.pointer === '/n',
    );
    if (!wrongType) throw new Error('no type mutation');
    const errors = [{ path: '/n', message: 'must be integer', keyword: 'type', constraint: 'type: integer' }];
    expect(describeViolation(wrongType, errors, 'x')).toBe(wrongType.description);
    const format = [
      { path: '/n', message: 'must match', keyword: 'format', constraint: 'format: date-time' },
    ];
    expect(describeViolation(wrongType, format, 'x')).toBe('/n: "x" violates format: date-time');
  });
});
