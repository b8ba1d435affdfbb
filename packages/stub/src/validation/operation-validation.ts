import type { OperationSpec } from '../generated/operations.ts';
import type { ErrorDetail } from '../http/api-error.ts';
import { type Issue, toDetails } from './details.ts';

/** A generated standalone Ajv validator (see `src/generated/validator-types.ts`). */
export interface Validator {
  (data: unknown): boolean;
  errors?: readonly Issue[] | null;
}

/**
 * A generated response serializer (see `scripts/generate/serializers.mjs`): the body's JSON text when
 * it certainly matches the schema, `undefined` when the validator has to look.
 */
export type Serializer = (data: unknown) => string | undefined;

/** The generated validators of one operation. */
export interface OperationValidators {
  readonly params: { readonly path?: Validator; readonly query?: Validator; readonly header?: Validator };
  readonly body: Readonly<Record<string, Validator>>;
  readonly responses: Readonly<Record<string, Validator>>;
  /** By status, for the responses whose schema compiled to a serializer. */
  readonly serializers?: Readonly<Record<string, Serializer>>;
}

/** Result of a check: the (coerced, defaulted) value, or what is wrong. */
export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly details: ErrorDetail[] };

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});
const NO_DETAILS: readonly ErrorDetail[] = Object.freeze([]);

/**
 * Request and response checks of one operation with the validators generated from the
 * contract (JSON Schema 2020-12, compiled ahead of time by Ajv).
 */
export class OperationValidation {
  readonly contentTypes: readonly string[];
  readonly bodyRequired: boolean;
  private readonly headerNames: readonly string[];
  /** Serializers by numeric status: an array lookup, no string conversion per response. */
  private readonly serializers: readonly (Serializer | undefined)[];

  constructor(
    private readonly op: OperationSpec,
    private readonly validators: OperationValidators,
  ) {
    this.contentTypes = op.requestBody?.contentTypes ?? [];
    this.bodyRequired = op.requestBody?.required ?? false;
    const names = op.requiredHeaders.map((h) => h.toLowerCase());
    if (op.idempotent) names.push('idempotency-key');
    this.headerNames = [...new Set(names)];
    const serializers: (Serializer | undefined)[] = [];
    for (const [status, serialize] of Object.entries(validators.serializers ?? {})) {
      serializers[Number(status)] = serialize;
    }
    this.serializers = serializers;
  }

  /** Path parameters as the router decoded them. */
  checkPath(params: Readonly<Record<string, string>>): Checked<Readonly<Record<string, string>>> {
    const validate = this.validators.params.path;
    if (!validate || validate(params)) return { ok: true, value: params };
    return { ok: false, details: toDetails(validate.errors, true) };
  }

  /** The query string: repeated names become arrays, Ajv coerces types and fills defaults. */
  checkQuery(rawQuery: string): Checked<Readonly<Record<string, unknown>>> {
    const validate = this.validators.params.query;
    if (!validate) return { ok: true, value: EMPTY };
    const value: Record<string, unknown> = {};
    if (rawQuery !== '') {
      for (const [name, item] of new URLSearchParams(rawQuery)) {
        const prior = value[name];
        if (prior === undefined) value[name] = item;
        else if (Array.isArray(prior)) prior.push(item);
        else value[name] = [prior, item];
      }
    }
    if (validate(value)) return { ok: true, value };
    return { ok: false, details: toDetails(validate.errors, true) };
  }

  /** Declared header parameters (`Idempotency-Key`, …). */
  checkHeaders(source: { header(lowerCaseName: string): string | undefined }): readonly ErrorDetail[] {
    const validate = this.validators.params.header;
    if (!validate) return NO_DETAILS;
    const value: Record<string, string> = {};
    for (const name of this.headerNames) {
      const v = source.header(name);
      if (v !== undefined) value[name] = v;
    }
    if (validate(value)) return NO_DETAILS;
    return toDetails(validate.errors, true).map((d) => ({ ...d, path: headerName(d.path) }));
  }

  /** A parsed body of media type `type`. */
  checkBody(type: string, body: unknown): Checked<unknown> {
    const validate = this.validators.body[type];
    if (!validate || validate(body)) return { ok: true, value: body };
    return { ok: false, details: toDetails(validate.errors) };
  }

  /**
   * A JSON response checked and written in one pass by the generated serializer; when there is
   * none or it is not sure, the validator checks (its details are the answer's) and
   * `JSON.stringify` writes. Either way the text is what `JSON.stringify(body)` gives.
   */
  writeResponse(status: number, body: unknown): Checked<string> {
    const serialize = this.serializers[status];
    if (serialize !== undefined) {
      const text = serialize(body);
      if (text !== undefined) return { ok: true, value: text };
    }
    const check = this.checkResponse(status, body, true);
    return check.ok ? { ok: true, value: JSON.stringify(body) } : check;
  }

  /**
   * A response: the status must be declared by the operation; a JSON body must match its
   * schema (`body` undefined for non-JSON responses, which are checked by status only).
   */
  checkResponse(status: number, body: unknown, json: boolean): Checked<undefined> {
    const validate = this.validators.responses[String(status)];
    if (validate === undefined) {
      if (this.op.statuses.includes(status) && !json) return { ok: true, value: undefined };
      const reason = this.op.statuses.includes(status) ? 'declares no JSON body' : 'is not declared';
      return {
        ok: false,
        details: [{ path: '', message: `status ${status} ${reason} for ${this.op.operationId}` }],
      };
    }
    if (!json)
      return { ok: false, details: [{ path: '', message: `status ${status} must have a JSON body` }] };
    if (validate(body)) return { ok: true, value: undefined };
    return { ok: false, details: toDetails(validate.errors) };
  }
}

function headerName(lower: string): string {
  return lower.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
