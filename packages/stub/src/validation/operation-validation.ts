import type { OperationSpec } from '../generated/operations.ts';
import type { ErrorDetail } from '../http/api-error.ts';
import { type Issue, toDetails } from './details.ts';
import { writeJson } from './write-json.ts';

/** A generated standalone Ajv validator (see `src/generated/validator-types.ts`). */
export interface Validator {
  (data: unknown): boolean;
  errors?: readonly Issue[] | null;
}

/**
 * A generated fast check of a response body (see `scripts/generate/response-checks.mjs`): true when
 * the body certainly matches its schema, false when the validator has to look.
 */
export type ResponseCheck = (data: unknown) => boolean;

/** The generated validators of one operation. */
export interface OperationValidators {
  readonly params: { readonly path?: Validator; readonly query?: Validator; readonly header?: Validator };
  readonly body: Readonly<Record<string, Validator>>;
  readonly responses: Readonly<Record<string, Validator>>;
  /** By status, for the responses whose schema compiled to a fast check. */
  readonly checks?: Readonly<Record<string, ResponseCheck>>;
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
  /** Fast checks by numeric status: an array lookup, no string conversion per response. */
  private readonly checks: readonly (ResponseCheck | undefined)[];

  constructor(
    private readonly op: OperationSpec,
    private readonly validators: OperationValidators,
  ) {
    this.contentTypes = op.requestBody?.contentTypes ?? [];
    this.bodyRequired = op.requestBody?.required ?? false;
    const names = op.requiredHeaders.map((h) => h.toLowerCase());
    if (op.idempotent) names.push('idempotency-key');
    this.headerNames = [...new Set(names)];
    const checks: (ResponseCheck | undefined)[] = [];
    for (const [status, check] of Object.entries(validators.checks ?? {})) checks[Number(status)] = check;
    this.checks = checks;
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
   * A JSON response's text, `JSON.stringify(body)`, once the body is checked: by the generated fast
   * check, or when it is not sure, by the Ajv validator (whose details are then the answer's). A
   * sealed record's check and JSON are each worked out once (see `records/sealed.ts`).
   */
  writeResponse(status: number, body: unknown): Checked<string> {
    if (this.checks[status]?.(body) !== true) {
      const check = this.checkResponse(status, body, true);
      if (!check.ok) return check;
    }
    return { ok: true, value: writeJson(body) };
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
