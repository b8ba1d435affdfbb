/** @module The runner's model of an OpenAPI 3.1 document: only what the checks need. */

/** A JSON value as parsed from a document or a response body. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A JSON object (an OpenAPI object or a JSON Schema object). */
export type JsonObject = { readonly [key: string]: Json };

/** A JSON Schema (2020-12): an object or a boolean schema. */
export type Schema = JsonObject | boolean;

/** The HTTP methods an OpenAPI path item can hold (OpenAPI 3.1 §4.8.9). */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';

/** A schema together with its JSON Pointer in the document, so Ajv can compile it in place. */
export interface LocatedSchema {
  readonly schema: Schema;
  /** JSON Pointer (RFC 6901) from the document root, e.g. `/components/schemas/Order`. */
  readonly pointer: string;
}

/** A parameter (path, query, header or cookie) of an operation. */
export interface ParameterSpec {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: LocatedSchema | undefined;
  /** `explode` as OpenAPI resolves it (true for form style, the query default). */
  readonly explode: boolean;
  readonly description: string;
  /** Examples documented on the parameter itself (`example`, `examples.*.value`). */
  readonly examples: readonly Json[];
}

/** One media type of a request or response body. */
export interface MediaTypeSpec {
  readonly contentType: string;
  readonly schema: LocatedSchema | undefined;
  /** Example values documented on the media type (`example`, `examples.*.value`). */
  readonly examples: readonly Json[];
}

/** A response header as documented. */
export interface HeaderSpec {
  readonly name: string;
  readonly required: boolean;
  readonly schema: LocatedSchema | undefined;
  /** The documented example value, if any. */
  readonly example: Json | undefined;
}

/** An OpenAPI link (OpenAPI 3.1 §4.8.20): how to reach another operation from a response. */
export interface LinkSpec {
  readonly name: string;
  readonly operationId: string;
  /** Parameter name → runtime expression (`$response.body#/data/id`) or constant. */
  readonly parameters: Readonly<Record<string, Json>>;
}

/** One documented response: a status code, a range (`4XX`) or `default`. */
export interface ResponseSpec {
  readonly status: string;
  readonly content: readonly MediaTypeSpec[];
  readonly headers: readonly HeaderSpec[];
  readonly links: readonly LinkSpec[];
}

/** A security scheme as it affects a request. */
export interface SecuritySchemeSpec {
  readonly name: string;
  readonly type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  /** For apiKey schemes: where the key travels and under which name. */
  readonly in?: 'header' | 'query' | 'cookie';
  readonly paramName?: string;
  /** For http schemes: `bearer`, `basic`, … */
  readonly scheme?: string;
}

/** How an operation requires a credential. */
export type AuthMode = 'none' | 'optional' | 'required';

/** Everything the runner knows about one operation. */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly tags: readonly string[];
  readonly auth: AuthMode;
  /** Schemes any of which satisfies the operation (an empty `{}` requirement is not listed). */
  readonly securitySchemes: readonly SecuritySchemeSpec[];
  readonly parameters: readonly ParameterSpec[];
  readonly requestBody: { readonly required: boolean; readonly content: readonly MediaTypeSpec[] } | null;
  readonly responses: readonly ResponseSpec[];
  /** JSON Pointer of the operation object, for messages. */
  readonly pointer: string;
}

/** The parsed document with its operations in document order. */
export interface ApiSpec {
  readonly document: JsonObject;
  readonly title: string;
  readonly version: string;
  /** Where it was read from (a file path), for the report. */
  readonly source: string;
  readonly operations: readonly OperationSpec[];
  /** Path template → documented methods, in document order. */
  readonly pathMethods: ReadonlyMap<string, readonly HttpMethod[]>;
}
