/**
 * @module Valid requests for an operation: the documented examples first (Schemathesis's
 * "explicit examples" phase), then generated ones, every part checked against its schema.
 */
import fc from 'fast-check';
import type { Json, JsonObject, MediaTypeSpec, OperationSpec, ParameterSpec } from '../spec/types.ts';
import type { SpecValidator } from '../spec/validator.ts';
import { arbitraryFor } from './arbitrary.ts';
import type { Case, CaseBody } from './case.ts';
import type { GenerationOptions } from './generation-options.ts';
import { normalizeRanges } from './ranges.ts';
import { runScopedIdempotencyKey } from './run-id.ts';
import { sampleValid } from './sample.ts';
import { effectiveSchema, idPrefixOf } from './schema-utils.ts';

/** What generation of one operation's requests needs. */
export interface CaseGenerator {
  readonly document: JsonObject;
  readonly validator: SpecValidator;
  readonly ids?: (prefix: string) => readonly string[] | undefined;
  /**
   * Values an opaque parameter (a pagination cursor) may take: only ones the server handed
   * out. An empty list leaves the parameter out; `undefined` generates it from its schema.
   */
  readonly opaque?: (param: ParameterSpec) => readonly string[] | undefined;
  /** The run's id: generated `Idempotency-Key`s are scoped to it (see run-id.ts). */
  readonly runId?: string;
}

interface Parts {
  readonly pathParams: Record<string, Json>;
  readonly query: Record<string, Json>;
  readonly headers: Record<string, Json>;
  readonly body: Json | undefined;
}

/** Headers the runner sets itself; parameters of these names are not generated. */
const RESERVED_HEADERS = new Set([
  'accept',
  'content-type',
  'content-length',
  'authorization',
  'x-api-key',
  'host',
]);

/** The media type the runner sends: JSON when offered, else form, else the first. */
export function requestMediaType(op: OperationSpec): MediaTypeSpec | undefined {
  const content = op.requestBody?.content ?? [];
  return (
    content.find((m) => /^application\/json$/i.test(m.contentType)) ??
    content.find((m) => /\+json$/i.test(m.contentType)) ??
    content.find((m) => /x-www-form-urlencoded/i.test(m.contentType)) ??
    content[0]
  );
}

/** Parameters the runner generates values for. */
export function generatedParameters(op: OperationSpec): ParameterSpec[] {
  return op.parameters.filter(
    (p) => p.in !== 'cookie' && !(p.in === 'header' && RESERVED_HEADERS.has(p.name.toLowerCase())),
  );
}

function parameterArbitrary(p: ParameterSpec, options: GenerationOptions): fc.Arbitrary<Json> {
  if (!p.schema) return fc.constant('x');
  // A documented example id names nothing on the server; real ids win over it.
  const prefix = idPrefixOf(effectiveSchema(options.document, p.schema.schema));
  const real = prefix ? options.ids?.(prefix) : undefined;
  if (options.preferExamples && p.examples.length > 0 && !(real && real.length > 0))
    return fc.constant(p.examples[0] as Json);
  // Idempotency keys must not collide across a run (a collision replays another request).
  if (p.in === 'header' && p.name.toLowerCase() === 'idempotency-key') return fc.uuid();
  return arbitraryFor(p.schema.schema, { ...options, target: p.in === 'header' ? 'header' : 'parameter' });
}

function partsArbitrary(
  op: OperationSpec,
  gen: CaseGenerator,
  preferExamples: boolean,
  exampleWeight = 1,
): fc.Arbitrary<Parts> {
  const options: GenerationOptions = {
    document: gen.document,
    preferExamples,
    exampleWeight,
    direction: 'request',
    ...(gen.ids ? { ids: gen.ids } : {}),
  };
  const group = (where: ParameterSpec['in']): fc.Arbitrary<Record<string, Json>> => {
    const model: Record<string, fc.Arbitrary<Json>> = {};
    const requiredKeys: string[] = [];
    for (const p of generatedParameters(op).filter((q) => q.in === where)) {
      const issued = gen.opaque?.(p);
      if (issued && issued.length === 0 && !p.required) continue;
      model[p.name] =
        issued && issued.length > 0 ? fc.constantFrom(...issued) : parameterArbitrary(p, options);
      if (p.required) requiredKeys.push(p.name);
    }
    // The examples phase sends only what is required: the plainest valid request.
    if (preferExamples) {
      const only: Record<string, fc.Arbitrary<Json>> = {};
      for (const k of requiredKeys) only[k] = model[k] as fc.Arbitrary<Json>;
      return fc.record(only);
    }
    return fc.record(model, { requiredKeys });
  };
  const media = requestMediaType(op);
  const bodySchema = media?.schema?.schema;
  let body: fc.Arbitrary<Json | undefined> = fc.constant(undefined);
  if (media && bodySchema !== undefined) {
    const value = arbitraryFor(bodySchema, options);
    body = op.requestBody?.required || preferExamples ? value : fc.option(value, { nil: undefined });
  }
  return fc.record({ pathParams: group('path'), query: group('query'), headers: group('header'), body });
}

/** Whether every part of a generated request is valid against its schema. */
export function partsValid(op: OperationSpec, validator: SpecValidator, parts: Parts): boolean {
  for (const p of generatedParameters(op)) {
    const bucket = p.in === 'path' ? parts.pathParams : p.in === 'query' ? parts.query : parts.headers;
    const value = bucket[p.name];
    if (value === undefined) {
      if (p.required) return false;
      continue;
    }
    if (p.schema && !validator.validateParameter(p.schema, stringify(value)).valid) return false;
  }
  const media = requestMediaType(op);
  if (parts.body !== undefined && media?.schema && !validator.validate(media.schema, parts.body).valid)
    return false;
  return !(op.requestBody?.required && parts.body === undefined);
}

function stringify(value: Json): string | string[] {
  if (Array.isArray(value))
    return (value as readonly Json[]).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function toCase(op: OperationSpec, parts: Parts, description: string, runId: string | undefined): Case {
  const media = requestMediaType(op);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(parts.headers)) {
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    headers[k] =
      runId !== undefined && k.toLowerCase() === 'idempotency-key'
        ? runScopedIdempotencyKey(runId, text)
        : text;
  }
  const body: CaseBody | undefined =
    parts.body === undefined || !media ? undefined : { contentType: media.contentType, value: parts.body };
  return {
    pathParams: parts.pathParams,
    query: normalizeRanges(parts.query),
    headers,
    body,
    auth: 'default',
    description,
  };
}

/**
 * Up to `count` valid requests: one built from documented examples, then generated ones.
 * The same `seed` (and the same known ids) gives the same requests.
 */
export function positiveCases(
  op: OperationSpec,
  gen: CaseGenerator,
  count: number,
  seed: number,
  exampleWeight = 1,
): Case[] {
  const valid = (parts: Parts): boolean => partsValid(op, gen.validator, parts);
  const cases: Case[] = [];
  const seen = new Set<string>();
  const add = (parts: Parts, description: string): void => {
    const key = JSON.stringify(parts);
    if (seen.has(key) || cases.length >= count) return;
    seen.add(key);
    cases.push(toCase(op, parts, description, gen.runId));
  };
  for (const parts of sampleValid(partsArbitrary(op, gen, true), valid, 1, seed))
    add(parts, 'positive: documented examples');
  let n = 0;
  for (const parts of sampleValid(partsArbitrary(op, gen, false, exampleWeight), valid, count, seed + 1)) {
    add(parts, `positive: generated #${++n}`);
  }
  return cases;
}
