import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../spec/types.ts';
import { SpecValidator } from '../spec/validator.ts';
import { mutateValue } from './value-mutations.ts';

const document = {
  openapi: '3.1.0',
  components: {
    schemas: {
      Create: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'items', 'currency'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 10 },
          currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          status: { enum: ['active', 'inactive'] },
          at: { type: 'string', format: 'date-time' },
          items: {
            type: 'array',
            minItems: 1,
            maxItems: 3,
            uniqueItems: true,
            items: {
              type: 'object',
              required: ['qty'],
              additionalProperties: false,
              properties: { qty: { type: 'integer', minimum: 1, maximum: 9 } },
            },
          },
        },
      },
    },
  },
} as JsonObject;
const located = { schema: { $ref: '#/components/schemas/Create' }, pointer: '/components/schemas/Create' };
const valid: Json = {
  name: 'n',
  currency: 'USD',
  status: 'active',
  at: '2030-01-01T00:00:00Z',
  items: [{ qty: 2 }],
};

describe('mutateValue', () => {
  const validator = new SpecValidator(document);
  const mutations = mutateValue(document, located.schema, valid);

  it('starts from a valid value', () => {
    expect(validator.validate(located, valid).valid).toBe(true);
  });

  it('covers every kind of constraint the schema states', () => {
    const kinds = new Set(mutations.map((m) => m.kind));
    for (const kind of [
      'wrong-type',
      'missing-required',
      'out-of-range',
      'length',
      'pattern',
      'enum',
      'format',
      'unknown-field',
      'array-size',
      'duplicate-items',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(mutations.map((m) => m.description)).toContain('/items/0: required property "qty" left out');
  });

  it('produces only invalid values (each breaks what it says)', () => {
    for (const m of mutations) {
      expect(validator.validate(located, m.value).valid, m.description).toBe(false);
    }
  });

  it('leaves out wrong types and extra fields for string-only carriers (form bodies)', () => {
    const kinds = new Set(
      mutateValue(document, located.schema, valid, { stringly: true }).map((m) => m.kind),
    );
    expect(kinds).not.toContain('unknown-field');
  });
});
