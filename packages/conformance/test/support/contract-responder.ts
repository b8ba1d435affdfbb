/**
 * @module Answers the way the contract documents: the documented example of a response (or a
 * generated schema-valid body when there is none), with its documented headers.
 */
import { arbitraryFor } from '../../src/generate/arbitrary.ts';
import { sampleValid } from '../../src/generate/sample.ts';
import { isObject } from '../../src/spec/json-pointer.ts';
import { responseFor } from '../../src/spec/lookup.ts';
import type { ApiSpec, Json, MediaTypeSpec, OperationSpec, ResponseSpec } from '../../src/spec/types.ts';
import type { SpecValidator } from '../../src/spec/validator.ts';

/** A body ready to send. */
export interface Body {
  readonly contentType: string;
  readonly value: Json;
}

export class ContractResponder {
  private readonly cache = new Map<string, Body | null>();

  constructor(
    private readonly spec: ApiSpec,
    private readonly validator: SpecValidator,
  ) {}

  /** The documented response of `op` for `status` (exact, range or default). */
  response(op: OperationSpec, status: number): ResponseSpec | undefined {
    return responseFor(op, status);
  }

  /** The lowest documented 2xx/3xx status. */
  successStatus(op: OperationSpec): number {
    const codes = op.responses.map((r) => Number(r.status)).filter((s) => s >= 200 && s < 400);
    return Math.min(...codes);
  }

  /** A valid body for `op`'s `status` response: its first valid example, else a generated one. */
  body(op: OperationSpec, status: number): Body | undefined {
    const key = `${op.operationId}:${status}`;
    if (!this.cache.has(key)) this.cache.set(key, this.build(op, status) ?? null);
    const found = this.cache.get(key);
    // Copies, so per-request edits (ids, request ids) never leak into the cache.
    return found
      ? { contentType: found.contentType, value: structuredClone(found.value) as Json }
      : undefined;
  }

  /** Values for the documented headers of a response, from their examples. */
  headers(op: OperationSpec, status: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (const h of this.response(op, status)?.headers ?? []) {
      if (h.required && h.example !== undefined) out[h.name] = String(h.example);
    }
    return out;
  }

  private build(op: OperationSpec, status: number): Body | undefined {
    const media: MediaTypeSpec | undefined = this.response(op, status)?.content[0];
    if (!media) return undefined;
    const schema = media.schema;
    const valid = (v: Json): boolean => !schema || this.validator.validate(schema, v).valid;
    const example = media.examples.find(valid);
    if (example !== undefined) return { contentType: media.contentType, value: example };
    if (!schema) return { contentType: media.contentType, value: '' };
    const arb = arbitraryFor(schema.schema, {
      document: this.spec.document,
      preferExamples: true,
      direction: 'response',
    });
    const [generated] = sampleValid(arb, valid, 1, 7);
    return generated === undefined ? undefined : { contentType: media.contentType, value: generated };
  }
}

/** Sets `data.id` (or `data.<param>`) of an envelope to the id the request named or created. */
export function withResourceId(value: Json, field: string, id: string): Json {
  if (!isObject(value) || !isObject(value.data)) return value;
  const data = value.data;
  if (!(field in data)) return value;
  return { ...value, data: { ...data, [field]: id } };
}

/** Sets `error.requestId` of an error envelope. */
export function withRequestId(value: Json, requestId: string): Json {
  if (!isObject(value) || !isObject(value.error) || !('requestId' in value.error)) return value;
  return { ...value, error: { ...value.error, requestId } };
}
