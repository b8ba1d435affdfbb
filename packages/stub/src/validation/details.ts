import type { ErrorDetail } from '../http/api-error.ts';

/** The parts of an Ajv error the stub reads (as the generated validators leave them). */
export interface Issue {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * Turns Ajv errors into the envelope's `details`: `path` is a JSON Pointer (RFC 6901) into
 * the body, or a parameter name when `asNames`; unknown and missing properties are named.
 */
export function toDetails(issues: readonly Issue[] | null | undefined, asNames = false): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const issue of issues ?? []) {
    let path = issue.instancePath;
    let message = issue.message ?? 'is invalid';
    if (issue.keyword === 'required') {
      path += `/${String(issue.params.missingProperty)}`;
      message = 'is required';
    } else if (issue.keyword === 'additionalProperties' || issue.keyword === 'unevaluatedProperties') {
      path += `/${String(issue.params.additionalProperty ?? issue.params.unevaluatedProperty)}`;
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
