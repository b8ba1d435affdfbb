/**
 * The generated fast checks of response bodies against the Ajv validators compiled from the same
 * schemas: for every response schema of the contract, a body Ajv accepts passes the fast check and
 * is written exactly as `JSON.stringify` writes it, and a body Ajv rejects never passes it: the
 * stub answers it with the validator's own details, as it did before the fast checks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationValidators } from '../src/generated/operation-validators.ts';
import { type OperationSpec, operationRegistry } from '../src/generated/operations.ts';
import { seal } from '../src/records/sealed.ts';
import {
  OperationValidation,
  type ResponseCheck,
  type Validator,
} from '../src/validation/operation-validation.ts';
import { bodyOf, type Json, mutationOf, resolveRef } from './support/schema-arbitrary.ts';

const doc: Json = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@regen/contract/openapi.json'), 'utf8'),
);
const deref = (node: Json): Json => (node?.$ref ? deref(resolveRef(doc, node.$ref)) : node);

interface ResponseCase {
  readonly name: string;
  readonly operationId: string;
  readonly status: number;
  readonly schema: Json;
  readonly examples: Json[];
  readonly validate: Validator;
  readonly check: ResponseCheck;
}

/** One case per distinct response schema (its first operation and status), with every example seen. */
function responseCases(): ResponseCase[] {
  const byValidator = new Map<Validator, ResponseCase>();
  const validators: Json = operationValidators;
  for (const item of Object.values(doc.paths) as Json[]) {
    for (const op of Object.values(item) as Json[]) {
      if (!op?.operationId) continue;
      for (const [status, raw] of Object.entries(op.responses ?? {})) {
        const media = deref(raw).content?.['application/json'];
        if (!media?.schema) continue;
        const entry = validators[op.operationId];
        const validate: Validator = entry.responses[status];
        const check: ResponseCheck = entry.checks[status];
        const examples = [
          ...Object.values(media.examples ?? {}).map((e: Json) => deref(e).value),
          ...(media.example === undefined ? [] : [media.example]),
          ...(deref(media.schema).examples ?? []),
        ];
        const known = byValidator.get(validate);
        if (known) known.examples.push(...examples);
        else
          byValidator.set(validate, {
            name: media.schema.$ref ?? `${op.operationId} ${status}`,
            operationId: op.operationId,
            status: Number(status),
            schema: media.schema,
            examples,
            validate,
            check,
          });
      }
    }
  }
  return [...byValidator.values()];
}

const cases = responseCases();
const validationOf = (c: ResponseCase) =>
  new OperationValidation(
    (operationRegistry as Readonly<Record<string, OperationSpec>>)[c.operationId] as OperationSpec,
    (operationValidators as Json)[c.operationId],
  );

describe('fast response checks', () => {
  it('exist for every JSON response of every operation', () => {
    for (const [id, entry] of Object.entries(operationValidators)) {
      expect(Object.keys(entry.checks), id).toEqual(Object.keys(entry.responses));
    }
    expect(cases.length).toBeGreaterThan(20);
  });

  it('pass every example of the contract, written as JSON.stringify does', () => {
    let examples = 0;
    for (const c of cases) {
      const validation = validationOf(c);
      for (const example of c.examples) {
        expect(c.validate(example), `${c.name} example`).toBe(true);
        expect(c.check(example), c.name).toBe(true);
        expect(validation.writeResponse(c.status, example)).toEqual({
          ok: true,
          value: JSON.stringify(example),
        });
        examples++;
      }
    }
    expect(examples).toBeGreaterThan(20);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'pass valid bodies of %s, written as JSON.stringify does',
    (_, c) => {
      const validation = validationOf(c);
      let valid = 0;
      fc.assert(
        fc.property(bodyOf(doc, c.schema), (body) => {
          if (!c.validate(body)) return;
          valid++;
          expect(c.check(body)).toBe(true);
          expect(validation.writeResponse(c.status, body)).toEqual({ ok: true, value: JSON.stringify(body) });
        }),
        { numRuns: 150 },
      );
      expect(valid).toBeGreaterThan(0);
    },
  );

  it.each(cases.map((c) => [c.name, c] as const))(
    'refuse every body of %s that the validator refuses, with its details',
    (_, c) => {
      const validation = validationOf(c);
      let refused = 0;
      fc.assert(
        fc.property(
          bodyOf(doc, c.schema).chain((body) => mutationOf(body)),
          (body) => {
            const fast = c.check(body);
            const written = validation.writeResponse(c.status, body);
            if (c.validate(body)) {
              expect(written).toEqual({ ok: true, value: JSON.stringify(body) });
              return;
            }
            refused++;
            expect(fast).toBe(false);
            expect(written).toEqual(validation.checkResponse(c.status, body, true));
            expect(written.ok).toBe(false);
          },
        ),
        { numRuns: 150 },
      );
      expect(refused).toBeGreaterThan(0);
    },
  );

  it.each(cases.map((c) => [c.name, c] as const))(
    'write the sealed records of %s as JSON.stringify does, and remember only those that passed',
    (_, c) => {
      const validation = validationOf(c);
      let sealed = 0;
      fc.assert(
        fc.property(
          bodyOf(doc, c.schema).chain((body) => fc.oneof(fc.constant(body), mutationOf(body))),
          (body) => {
            if (!sealRecords(body)) return;
            sealed++;
            const expected = c.validate(body)
              ? { ok: true, value: JSON.stringify(body) }
              : validation.checkResponse(c.status, body, true);
            // Twice: the second answer comes from what the first remembered.
            expect(validation.writeResponse(c.status, body)).toEqual(expected);
            expect(validation.writeResponse(c.status, body)).toEqual(expected);
          },
        ),
        { numRuns: 100 },
      );
      if (isEnvelopeOfRecords(c.schema)) expect(sealed).toBeGreaterThan(0);
    },
  );

  it('answer bodies only JSON.stringify changes (non-finite numbers, undefined, toJSON) as before', () => {
    const list = cases.find((c) => c.name === '#/components/schemas/ProductList') as ResponseCase;
    const validation = validationOf(list);
    const [example] = list.examples;
    const product = example.data[0];
    const odd: Json[] = [
      { ...example, data: [{ ...product, price: { ...product.price, amount: Number.POSITIVE_INFINITY } }] },
      { ...example, data: [{ ...product, description: undefined }] },
      { ...example, data: [{ ...product, price: { amount: 1, currency: 'USD', toJSON: () => 'x' } }] },
    ];
    for (const body of odd) {
      const written = validation.writeResponse(list.status, body);
      expect(written.ok).toBe(list.validate(body));
      if (written.ok) expect(written.value).toBe(JSON.stringify(body));
    }
  });
});

/** Seals the records of an envelope's `data` (one object, or a list of them); false when it has none. */
function sealRecords(body: Json): boolean {
  const data = body?.data;
  if (Array.isArray(data)) {
    const records = data.filter((item) => typeof item === 'object' && item !== null);
    for (const record of records) seal(record);
    return records.length > 0;
  }
  if (typeof data === 'object' && data !== null) {
    seal(data);
    return true;
  }
  return false;
}

/** Whether the schema's `data` holds objects (every envelope of records: products, customers, …). */
function isEnvelopeOfRecords(schema: Json): boolean {
  const data = deref(deref(schema)?.properties?.data ?? {});
  const records = data.type === 'array' ? deref(data.items ?? {}) : data;
  return records.type === 'object';
}
