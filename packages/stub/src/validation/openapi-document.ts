/** The parts of an OpenAPI 3.1 document the stub reads (it is validated by the contract build). */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

/** A parameter object, after `$ref` resolution. */
export interface ParameterObject {
  readonly name: string;
  readonly in: 'query' | 'path' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: Readonly<Record<string, unknown>>;
  readonly style?: string;
  readonly explode?: boolean;
}

/** A located schema: a JSON Pointer into the document, usable as an ajv `$ref`. */
export interface SchemaPointer {
  readonly pointer: string;
}

/** Escapes one JSON Pointer token (RFC 6901 §3). */
export function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Follows a local `$ref` (`#/components/...`) chain; returns the object and its pointer. */
export function deref(doc: OpenApiDocument, value: unknown, pointer: string): { value: unknown; pointer: string } {
  let current = value;
  let at = pointer;
  for (let hops = 0; hops < 20; hops++) {
    const ref = isRecord(current) ? current.$ref : undefined;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return { value: current, pointer: at };
    at = ref.slice(1);
    current = at
      .slice(1)
      .split('/')
      .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, token) => (isRecord(node) ? node[token] : undefined), doc);
  }
  throw new Error(`$ref chain too deep at ${pointer}`);
}

/** True for a plain object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
