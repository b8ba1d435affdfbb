import { describe, expect, it } from 'vitest';
import { bundledSpecPath, loadDocument } from '../spec/load-document.ts';
import { parseSpec } from '../spec/parse-spec.ts';
import { SpecValidator } from '../spec/validator.ts';
import { allNegativeCases } from './negative.ts';
import { partsValid, positiveCases } from './positive.ts';

const spec = parseSpec(await loadDocument(bundledSpecPath()), 'bundled');
const validator = new SpecValidator(spec.document);
const gen = { document: spec.document, validator };

describe('generation over the whole contract', () => {
  it('parses every operation of the contract', () => {
    expect(spec.operations.length).toBeGreaterThanOrEqual(40);
    expect(
      spec.operations.find((o) => o.operationId === 'createOrder')?.responses.some((r) => r.links.length > 0),
    ).toBe(true);
  });

  it.each(spec.operations.map((o) => [o.operationId, o] as const))(
    '%s: positive cases are valid and reproducible',
    (_, op) => {
      const cases = positiveCases(op, gen, 3, 7);
      expect(cases.length).toBeGreaterThan(0);
      for (const c of cases) {
        const parts = {
          pathParams: { ...c.pathParams },
          query: { ...c.query },
          headers: { ...c.headers },
          body: c.body?.value,
        };
        expect(partsValid(op, validator, parts)).toBe(true);
      }
      expect(positiveCases(op, gen, 3, 7)).toEqual(cases);
    },
  );

  it('finds something to break in every operation that takes input', () => {
    for (const op of spec.operations) {
      const [base] = positiveCases(op, gen, 1, 1);
      if (!base) continue;
      const negatives = allNegativeCases(op, gen, base, 1);
      const takesInput = op.requestBody !== null || op.parameters.some((p) => p.schema && p.in !== 'cookie');
      if (takesInput && op.parameters.some((p) => p.in === 'path' || p.name === 'limit'))
        expect(negatives.length, op.operationId).toBeGreaterThan(0);
    }
  });
});
