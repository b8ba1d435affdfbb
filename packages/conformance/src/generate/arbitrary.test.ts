import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, Schema } from '../spec/types.ts';
import { SpecValidator } from '../spec/validator.ts';
import { arbitraryFor } from './arbitrary.ts';
import { sampleValid } from './sample.ts';

/** A document holding the schemas under test, so refs and Ajv resolve as in a contract. */
function doc(schemas: Record<string, Schema>): JsonObject {
  return { openapi: '3.1.0', components: { schemas } } as JsonObject;
}

const schemas: Record<string, Schema> = {
  Id: { type: 'string', pattern: '^ord_[A-Za-z0-9]+$', maxLength: 64 },
  Money: {
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'currency'],
    properties: {
      amount: { type: 'integer', minimum: 0, maximum: 100 },
      currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    },
  },
  Kitchen: {
    type: 'object',
    additionalProperties: false,
    required: [
      'id',
      'kind',
      'fixed',
      'when',
      'email',
      'site',
      'tags',
      'note',
      'price',
      'choice',
      'ratio',
      'meta',
      'both',
    ],
    minProperties: 13,
    properties: {
      id: { $ref: '#/components/schemas/Id' },
      kind: { enum: ['a', 'b'] },
      fixed: { const: 7 },
      when: { type: 'string', format: 'date-time' },
      email: { type: 'string', format: 'email' },
      site: { type: 'string', format: 'uri' },
      tags: {
        type: 'array',
        items: { type: 'string', minLength: 1, maxLength: 3 },
        minItems: 1,
        maxItems: 4,
        uniqueItems: true,
      },
      note: { type: ['string', 'null'], maxLength: 5 },
      price: { $ref: '#/components/schemas/Money', description: 'siblings beside $ref' },
      choice: {
        oneOf: [
          { type: 'integer', minimum: 1, maximum: 3 },
          { type: 'string', enum: ['x'] },
        ],
      },
      ratio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      meta: {
        type: 'object',
        maxProperties: 2,
        propertyNames: { maxLength: 4 },
        additionalProperties: { type: 'string', maxLength: 5 },
      },
      both: { allOf: [{ type: 'integer', minimum: 10 }, { maximum: 12 }] },
      optional: { type: 'boolean' },
    },
  },
};

const document = doc(schemas);
const validator = new SpecValidator(document);
const kitchen = { schema: { $ref: '#/components/schemas/Kitchen' }, pointer: '/components/schemas/Kitchen' };

describe('arbitraryFor', () => {
  it('generates values valid against types, enums, const, patterns, formats, ranges, arrays, nullables, oneOf and allOf', () => {
    fc.assert(
      fc.property(arbitraryFor(kitchen.schema, { document }), (value) => {
        const result = validator.validate(kitchen, value);
        if (!result.valid) throw new Error(JSON.stringify({ value, errors: result.errors }));
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('uses real ids for id schemas when it knows some', () => {
    const ids = () => ['ord_real1', 'ord_real2'];
    const values = fc.sample(arbitraryFor({ $ref: '#/components/schemas/Id' }, { document, ids }), {
      seed: 1,
      numRuns: 20,
    });
    expect(new Set(values)).toEqual(new Set(['ord_real1', 'ord_real2']));
  });

  it('prefers documented examples in the examples phase', () => {
    const schema: Schema = { type: 'string', pattern: '^[A-Z]{3}$', examples: ['USD'] };
    expect(
      fc.sample(arbitraryFor(schema, { document, preferExamples: true }), { seed: 3, numRuns: 5 }),
    ).toEqual(Array(5).fill('USD'));
  });

  it('keeps header values to visible ASCII (RFC 9110 §5.5)', () => {
    const values = fc.sample(arbitraryFor({ type: 'string', minLength: 1 }, { document, target: 'header' }), {
      seed: 5,
      numRuns: 50,
    });
    for (const v of values) expect(v).toMatch(/^[\x21-\x7e]+$/);
  });

  it('is reproducible: same seed, same values', () => {
    const arb = arbitraryFor(kitchen.schema, { document });
    const valid = (v: unknown) => validator.validate(kitchen, v).valid;
    expect(sampleValid(arb, valid, 5, 99)).toEqual(sampleValid(arb, valid, 5, 99));
    expect(sampleValid(arb, valid, 5, 99)).not.toEqual(sampleValid(arb, valid, 5, 100));
  });
});
