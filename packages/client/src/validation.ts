/**
 * `@regen/client/validation`: optional runtime validation of 2xx responses against the
 * contract's zod schemas (`@regen/contract/zod`). Kept off the core entry: zod and the schemas
 * weigh far more than the client.
 *
 * ```ts
 * import { contractValidator } from '@regen/client/validation';
 * const regen = new RegenClient({ apiKey, validate: contractValidator() });
 * ```
 *
 * @module
 */
import { operationIndex } from '@regen/contract/operations';
import { responseSchemas } from '@regen/contract/zod';
import type { ResponseValidator } from './core/response-validator.ts';
import { ResponseValidationError, type ValidationIssue } from './errors/ResponseValidationError.ts';

export { ResponseValidationError, type ValidationIssue };

interface SafeParser {
  safeParse(value: unknown): {
    success: boolean;
    data?: unknown;
    error?: { issues: { path: PropertyKey[]; message: string }[] };
  };
}

/** The schema of an operation's JSON success body, from the contract's generated map. */
function responseSchema(operationId: string): SafeParser | undefined {
  return (responseSchemas as Readonly<Record<string, SafeParser>>)[operationId];
}

/** Options of {@link contractValidator}. */
export interface ValidatorOptions {
  /** `throw` (default) rejects the call with `ResponseValidationError`; `warn` reports and passes the body through. */
  mode?: 'throw' | 'warn' | undefined;
  /** Receives the error in `warn` mode (default `console.warn`). */
  onInvalid?: ((error: ResponseValidationError) => void) | undefined;
}

/** A `validate` hook for `new RegenClient({ validate })` that checks every 2xx body against the contract. */
export function contractValidator(options: ValidatorOptions = {}): ResponseValidator {
  const byRoute = new Map<string, { id: string; schema: SafeParser | undefined }>();
  for (const [id, op] of Object.entries(operationIndex)) {
    byRoute.set(`${op.method} ${op.path}`, { id, schema: responseSchema(id) });
  }
  return (method, path, _status, body) => {
    const entry = byRoute.get(`${method} ${path}`);
    if (!entry?.schema) return body;
    const result = entry.schema.safeParse(body);
    if (result.success) return result.data;
    const issues: ValidationIssue[] = (result.error?.issues ?? []).map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    const error = new ResponseValidationError(entry.id, issues);
    if (options.mode === 'warn') {
      (options.onInvalid ?? ((e) => console.warn(e.message)))(error);
      return body;
    }
    throw error;
  };
}
