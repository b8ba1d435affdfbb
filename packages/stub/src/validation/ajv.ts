import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorDetail } from '../http/api-error.ts';
import { isRecord, type OpenApiDocument } from './openapi-document.ts';

/** The `$id` under which the contract document is registered with ajv. */
export const CONTRACT_ID = 'contract';

/**
 * An ajv (JSON Schema 2020-12, the contract's `jsonSchemaDialect`) instance holding the whole
 * contract document, so any schema can be compiled by pointer with its `$ref`s intact.
 * `forRequests` collects every error and fills `default`s; responses stop at the first error.
 */
export function createContractAjv(doc: OpenApiDocument, forRequests: boolean): Ajv2020 {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: forRequests,
    useDefaults: forRequests,
    validateSchema: false,
    addUsedSchema: false,
    code: { optimize: true },
  });
  addFormats(ajv);
  ajv.addSchema(doc as unknown as Record<string, unknown>, CONTRACT_ID);
  return ajv;
}

/** Compiles the schema at `pointer` (a JSON Pointer into the contract). */
export function compileAt(ajv: Ajv2020, pointer: string): ValidateFunction {
  return ajv.compile({ $ref: `${CONTRACT_ID}#${pointer}` });
}

/** Rewrites local `$ref`s (`#/components/…`) of an inlined schema so they resolve into the contract. */
export function anchorRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchorRefs);
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#') ? CONTRACT_ID + value : anchorRefs(value);
  }
  return out;
}

/**
 * Turns ajv errors into `details`: `path` is a JSON Pointer (RFC 6901) into the body, or a
 * parameter name when `asNames`; unknown and missing properties are named themselves.
 */
export function toDetails(errors: readonly ErrorObject[] | null | undefined, asNames = false): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    let path = error.instancePath;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      path += `/${String(error.params.missingProperty)}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      const name = error.params.additionalProperty ?? error.params.unevaluatedProperty;
      path += `/${String(name)}`;
      message = 'is not a known field';
    }
    if (asNames) path = path.replace(/^\//, '');
    else if (path === '') path = '/';
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
  }
  return out;
}
