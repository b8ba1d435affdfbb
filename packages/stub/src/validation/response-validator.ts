import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import type { ErrorDetail } from '../http/api-error.ts';
import { compileAt, toDetails } from './ajv.ts';
import { deref, escapePointer, isRecord, type OpenApiDocument } from './openapi-document.ts';

/** Outcome of checking one response body against the contract. */
export type ResponseCheck = { readonly ok: true } | { readonly ok: false; readonly details: ErrorDetail[] };

const OK: ResponseCheck = { ok: true };

/**
 * Validates the JSON responses of one operation against the contract: the status must be
 * declared (exactly, as `4XX`, or `default`) and the body must match its schema.
 */
export class ResponseValidator {
  private readonly byStatus = new Map<string, ValidateFunction | null>();
  private readonly responses: Readonly<Record<string, unknown>>;
  private readonly pointer: string;

  constructor(
    private readonly ajv: Ajv2020,
    private readonly doc: OpenApiDocument,
    path: string,
    method: string,
  ) {
    this.pointer = `/paths/${escapePointer(path)}/${method.toLowerCase()}/responses`;
    const op = doc.paths[path]?.[method.toLowerCase()];
    this.responses = isRecord(op) && isRecord(op.responses) ? op.responses : {};
  }

  /** Checks `body` (the value before serialization) for `status`. */
  check(status: number, body: unknown): ResponseCheck {
    const key = String(status);
    let validate = this.byStatus.get(key);
    if (validate === undefined) {
      validate = this.compile(key);
      this.byStatus.set(key, validate);
    }
    if (validate === null) return { ok: false, details: [{ path: '', message: `status ${status} is not declared` }] };
    if (validate(body)) return OK;
    return { ok: false, details: toDetails(validate.errors) };
  }

  private compile(status: string): ValidateFunction | null {
    const declared = [status, `${status[0]}XX`, 'default'].find((k) => k in this.responses);
    if (declared === undefined) return null;
    const response = deref(this.doc, this.responses[declared], `${this.pointer}/${declared}`);
    const content = isRecord(response.value) ? response.value.content : undefined;
    const media = isRecord(content) ? (content['application/json'] ?? Object.values(content)[0]) : undefined;
    if (!isRecord(media) || media.schema === undefined) {
      // A declared response without a body schema accepts anything.
      return Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;
    }
    const type = isRecord(content) && 'application/json' in content ? 'application/json' : Object.keys(content ?? {})[0];
    return compileAt(this.ajv, `${response.pointer}/content/${escapePointer(type ?? '')}/schema`);
  }
}
