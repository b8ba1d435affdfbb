/**
 * @module JSON Schema 2020-12 validation (Ajv) of values against schemas that live inside the
 * OpenAPI document. The whole document is registered once, and every schema is compiled by
 * reference to its place in it, so `#/components/...` references resolve as written.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { joinPointer } from './json-pointer.ts';
import { schemaPointers } from './schema-pointers.ts';
import type { JsonObject, LocatedSchema } from './types.ts';

const DOCUMENT_ID = 'https://conformance.invalid/openapi.json';

/** One problem found by Ajv, in a form fit for a report. */
export interface SchemaError {
  /** JSON Pointer into the validated value. */
  readonly path: string;
  readonly message: string;
  /** The JSON Schema keyword violated (`format`, `type`, `minLength`, …). */
  readonly keyword: string;
  /** The keyword with the value it states (`format: date-time`, `minLength: 3`), for messages. */
  readonly constraint: string;
  /**
   * Where in the document the violated rule is stated (JSON Pointer, no `#`): the keyword
   * (`/components/schemas/St/enum`), or the property a `required` or `additionalProperties` error
   * names (`/components/schemas/P/properties/x`). Absent for a schema outside the document.
   */
  readonly location?: string;
}

/** The outcome of one validation. */
export type Validation =
  | { readonly valid: true }
  | { readonly valid: false; readonly errors: readonly SchemaError[] };

function encodePointer(pointer: string): string {
  return pointer.split('/').map(encodeURIComponent).join('/');
}

/** The value a keyword states, from Ajv's error parameters (`undefined` for enum, const, …). */
function statedValue(e: ErrorObject): unknown {
  const p = e.params as Record<string, unknown>;
  return p.format ?? p.type ?? p.limit ?? p.pattern ?? p.missingProperty ?? p.additionalProperty;
}

/**
 * The place of the violated rule in the document. Ajv's `schemaPath` is relative to whichever
 * schema it compiled as a function (it depends on how refs were inlined), so the schema object
 * itself (`parentSchema`, kept by `verbose`) is looked up by identity instead.
 */
function locationOf(e: ErrorObject, pointers: ReadonlyMap<object, string>): string | undefined {
  const parent = typeof e.parentSchema === 'object' ? pointers.get(e.parentSchema) : undefined;
  if (parent === undefined) return undefined;
  const p = e.params as Record<string, unknown>;
  const property = p.missingProperty ?? p.additionalProperty ?? p.unevaluatedProperty;
  return typeof property === 'string'
    ? joinPointer(parent, 'properties', property)
    : joinPointer(parent, e.keyword);
}

function toErrors(
  errors: readonly ErrorObject[] | null | undefined,
  pointers: ReadonlyMap<object, string>,
): SchemaError[] {
  return (errors ?? []).map((e) => {
    const stated = statedValue(e);
    const location = locationOf(e, pointers);
    return {
      ...(location !== undefined ? { location } : {}),
      path: e.instancePath === '' ? '/' : e.instancePath,
      message:
        e.keyword === 'additionalProperties'
          ? `${e.message}: ${String(e.params.additionalProperty)}`
          : (e.message ?? e.keyword),
      keyword: e.keyword,
      constraint: stated === undefined ? e.keyword : `${e.keyword}: ${String(stated)}`,
    };
  });
}

function createAjv(coerce: boolean): Ajv2020 {
  // strict: false — OpenAPI adds keywords (discriminator, example, xml, x-*) Ajv must ignore.
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    validateSchema: false,
    logger: false,
    // Errors carry the schema object they come from, to name the rule's place in the document.
    verbose: true,
    ...(coerce ? { coerceTypes: 'array' as const } : {}),
  });
  addFormats(ajv);
  return ajv;
}

/** Validates values against schemas of one document; compiled functions are cached. */
export class SpecValidator {
  private readonly strict: Ajv2020;
  private readonly coercing: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();
  private pointerIndex: ReadonlyMap<object, string> | undefined;

  constructor(private readonly document: JsonObject) {
    this.strict = createAjv(false);
    this.coercing = createAjv(true);
    // The document is not itself a JSON Schema (e.g. `required: true` on parameters); only the
    // schemas compiled by reference below are, so the meta-schema check is off.
    this.strict.addSchema(document as object, DOCUMENT_ID);
    this.coercing.addSchema(document as object, DOCUMENT_ID);
  }

  /** Validates a JSON value (a body) exactly, without type coercion. */
  validate(located: LocatedSchema, value: unknown): Validation {
    const fn = this.compile('strict', located.pointer, () =>
      this.strict.compile({ $ref: `${DOCUMENT_ID}#${encodePointer(located.pointer)}` }),
    );
    return fn(value) ? { valid: true } : { valid: false, errors: toErrors(fn.errors, this.pointers()) };
  }

  /**
   * Validates a parameter as it travels (a string, or strings for exploded arrays): values are
   * coerced as a server would, so `"5"` satisfies `type: integer` and `"abc"` does not.
   */
  validateParameter(located: LocatedSchema, value: string | readonly string[]): Validation {
    const fn = this.compile('coerce', located.pointer, () =>
      this.coercing.compile({
        type: 'object',
        properties: { value: { $ref: `${DOCUMENT_ID}#${encodePointer(located.pointer)}` } },
      }),
    );
    // Ajv coerces in place, so the value is wrapped in a fresh object each time.
    const holder = { value: Array.isArray(value) ? [...value] : value };
    return fn(holder)
      ? { valid: true }
      : {
          valid: false,
          errors: toErrors(fn.errors, this.pointers()).map((e) => ({
            ...e,
            path: e.path.replace(/^\/value/, '') || '/',
          })),
        };
  }

  /** Built on the first failure: runs without one never walk the document. */
  private pointers(): ReadonlyMap<object, string> {
    this.pointerIndex ??= schemaPointers(this.document);
    return this.pointerIndex;
  }

  private compile(kind: string, pointer: string, build: () => ValidateFunction): ValidateFunction {
    const key = `${kind}:${pointer}`;
    let fn = this.cache.get(key);
    if (!fn) {
      fn = build();
      this.cache.set(key, fn);
    }
    return fn;
  }
}
