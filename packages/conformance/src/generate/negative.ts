/**
 * @module Invalid requests for an operation: a valid request with exactly one part broken
 * (a body constraint, a parameter, a missing required parameter, malformed JSON). Every
 * mutated part is confirmed invalid with Ajv, so a server that accepts it is at fault.
 */
import { getAtPointer } from '../spec/json-pointer.ts';
import type { Json, OperationSpec, ParameterSpec } from '../spec/types.ts';
import { arbitraryFor } from './arbitrary.ts';
import type { Case } from './case.ts';
import { type CaseGenerator, generatedParameters, requestMediaType } from './positive.ts';
import { sampleValid } from './sample.ts';
import { createRandom } from './seed.ts';
import { type MutationKind, mutateValue } from './value-mutations.ts';
import { describeViolation } from './violation.ts';

/** Where a mutation applies. */
export type MutationLocation = 'body' | 'path' | 'query' | 'header';

/** An invalid request and what was broken. */
export interface NegativeCase extends Case {
  readonly location: MutationLocation;
  readonly kind: MutationKind | 'malformed-json' | 'missing-body';
}

function asParam(value: Json): string | string[] {
  if (Array.isArray(value))
    return (value as readonly Json[]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A valid value for an optional parameter the base request left out, so it can be mutated too. */
function validValue(gen: CaseGenerator, p: ParameterSpec, seed: number): Json | undefined {
  if (!p.schema) return undefined;
  const located = p.schema;
  const arb = arbitraryFor(located.schema, {
    document: gen.document,
    target: p.in === 'header' ? 'header' : 'parameter',
  });
  return sampleValid(arb, (v) => gen.validator.validateParameter(located, asParam(v)).valid, 1, seed)[0];
}

function parameterMutations(gen: CaseGenerator, base: Case, p: ParameterSpec, seed: number): NegativeCase[] {
  const bucketName = p.in === 'path' ? 'pathParams' : p.in === 'query' ? 'query' : 'headers';
  const bucket: Readonly<Record<string, Json>> = base[bucketName];
  const current = bucket[p.name] ?? validValue(gen, p, seed);
  const location = p.in as MutationLocation;
  const out: NegativeCase[] = [];
  const withValue = (value: Json | undefined): Case => {
    const next: Record<string, Json> = { ...bucket };
    if (value === undefined) delete next[p.name];
    else next[p.name] = p.in === 'header' ? String(asParam(value)) : value;
    return { ...base, [bucketName]: next } as Case;
  };
  if (p.required && p.in !== 'path' && bucket[p.name] !== undefined) {
    out.push({
      ...withValue(undefined),
      location,
      kind: 'missing-required',
      description: `negative: ${p.in} parameter "${p.name}" left out (required)`,
    });
  }
  if (!p.schema || current === undefined) return out;
  for (const m of mutateValue(gen.document, p.schema.schema, current)) {
    if (m.value === undefined || m.pointer !== '') continue;
    // Parameters travel as strings: a mutation only counts if the server-side reading is invalid.
    const text = asParam(m.value);
    const validation = gen.validator.validateParameter(p.schema, text);
    if (validation.valid) continue;
    if (p.in === 'header' && (typeof text !== 'string' || !/^[\x21-\x7e]*$/.test(text))) continue;
    // An empty query or header value reads as "absent" to many HTTP stacks (OpenAPI deprecates
    // `allowEmptyValue` over it): too ambiguous to call a server wrong for accepting it.
    if (text === '' || (Array.isArray(text) && text.length === 0)) continue;
    out.push({
      ...withValue(m.value),
      location,
      kind: m.kind,
      description: `negative: ${p.in} parameter "${p.name}" ${describeViolation(m, validation.errors, text).replace(/^\(root\): /, '')}`,
    });
  }
  return out;
}

function bodyMutations(op: OperationSpec, gen: CaseGenerator, base: Case): NegativeCase[] {
  const media = requestMediaType(op);
  if (!media) return [];
  const out: NegativeCase[] = [];
  const json = /json/i.test(media.contentType);
  if (json && base.body) {
    out.push({
      ...base,
      body: { contentType: media.contentType, value: null, raw: '{"malformed": ' },
      location: 'body',
      kind: 'malformed-json',
      description: 'negative: malformed JSON body',
    });
  }
  if (op.requestBody?.required) {
    out.push({
      ...base,
      body: undefined,
      location: 'body',
      kind: 'missing-body',
      description: 'negative: required body left out',
    });
  }
  if (!base.body || !media.schema) return out;
  for (const m of mutateValue(gen.document, media.schema.schema, base.body.value, { stringly: !json })) {
    if (m.value === undefined) continue;
    const validation = gen.validator.validate(media.schema, m.value);
    if (validation.valid) continue;
    out.push({
      ...base,
      body: { contentType: media.contentType, value: m.value },
      location: 'body',
      kind: m.kind,
      description: `negative: body ${describeViolation(m, validation.errors, getAtPointer(m.value, m.pointer))}`,
    });
  }
  return out;
}

/** Every negative case derived from `base` (a valid request), in a stable order. */
export function allNegativeCases(
  op: OperationSpec,
  gen: CaseGenerator,
  base: Case,
  seed = 0,
): NegativeCase[] {
  const params = generatedParameters(op).flatMap((p) => parameterMutations(gen, base, p, seed));
  return [...bodyMutations(op, gen, base), ...params];
}

/**
 * Up to `count` negative cases, chosen reproducibly from `seed` and spread over locations and
 * kinds (round robin), so a small budget still covers body, parameters and each kind.
 */
export function negativeCases(
  op: OperationSpec,
  gen: CaseGenerator,
  base: Case,
  count: number,
  seed: number,
): NegativeCase[] {
  const random = createRandom(seed);
  const groups = new Map<string, NegativeCase[]>();
  for (const c of allNegativeCases(op, gen, base, seed)) {
    const key = `${c.location}:${c.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  };
  const queues = shuffle([...groups.values()].map((g) => shuffle([...g])));
  const picked: NegativeCase[] = [];
  while (picked.length < count && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const next = q.shift();
      if (next && picked.length < count) picked.push(next);
    }
  }
  return picked;
}
