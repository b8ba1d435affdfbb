/**
 * @module Types of the SDK model: what `buildSdkModel` (./sdk-model.mjs) reads out of the bundled
 * contract, and all an emitter may know about it. Plain JSON data (no functions, no cycles).
 */

/** A bundled OpenAPI 3.1 document (only what the reader needs is typed). */
export type OpenApiDocument = Record<string, unknown>;

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD' | 'TRACE';

/** The SDK: namespaces hung off the client, and methods on the client itself. */
export interface SdkModel {
  /** `info.title` / `info.version` of the contract. */
  title: string;
  version: string;
  /** The contract's `ErrorCode` enum: every `error.code` an error envelope may carry. */
  errorCodes: string[];
  /** Methods on the client itself (`client.health()`), from `x-sdk-resource: ''`. */
  rootMethods: SdkMethod[];
  /** Top-level namespaces (`client.orders`), in the document's order of first appearance. */
  resources: SdkResource[];
  /** Operations of the contract that get no method (e.g. a browser page), with the reason. */
  unexposed: (Omit<SdkMethod, 'name'> & { name: null; reason: string })[];
}

/** A namespace: `client.orders`, or nested, `client.inventory.adjustments`. */
export interface SdkResource {
  /** Property name on its parent (`adjustments`). */
  name: string;
  /** Property path from the client (`['inventory', 'adjustments']`). */
  path: string[];
  /** Class name (`InventoryAdjustments`); `x-sdk-class-name` on a tag overrides it (`OAuth`). */
  className: string;
  /** The contract tag its operations carry. */
  tag: string;
  /** The tag's description (top-level namespaces only). */
  description: string | null;
  resources: SdkResource[];
  methods: SdkMethod[];
}

/** One operation of the contract, as an SDK method. */
export interface SdkMethod {
  /** Method name (`retrieve`, `cancel`); `x-sdk-name` overrides the rule. */
  name: string;
  /** Namespace path the method lives on (`[]` for the client itself). */
  resource: string[];
  operationId: string;
  /** The operation's first tag. */
  tag: string;
  httpMethod: HttpMethod;
  /** Path template, e.g. `/api/v1/orders/{id}`. */
  path: string;
  summary: string | null;
  description: string | null;
  deprecated: boolean;
  /** In path order; every path parameter is required. */
  pathParams: SdkParam[];
  queryParams: SdkParam[];
  /** Header parameters (`Idempotency-Key`); the SDK passes them through request options. */
  headerParams: SdkParam[];
  body: SdkBody | null;
  success: SdkSuccess;
  /** Set when the success body is a list envelope: the method returns a page. */
  pagination: SdkPagination | null;
  /** The operation accepts an `Idempotency-Key` header (the client sends one on every attempt). */
  idempotent: boolean;
  credential: SdkCredential;
  /** Documented 4xx/5xx responses, by status. */
  errors: SdkError[];
}

export interface SdkParam {
  name: string;
  required: boolean;
  description: string | null;
  /** JSON Schema `type` of the parameter (after `$ref`), `a | b` for a list. */
  type: string;
  /** Component schema name when the schema is a `$ref` (`OrderId`). */
  schemaRef: string | null;
  /** The contract's example value, when it gives one. */
  example?: unknown;
}

export interface SdkExample {
  name: string;
  summary: string | null;
  value: unknown;
}

export interface SdkBody {
  required: boolean;
  description: string | null;
  /** The media type the SDK sends: the first one the contract lists. */
  contentType: string;
  /** Every media type the contract accepts. */
  contentTypes: string[];
  schemaRef: string | null;
  /** Examples of the sent media type. */
  examples: SdkExample[];
}

export interface SdkSuccess {
  /** The lowest 2xx status documented. */
  status: number;
  contentTypes: string[];
  /** Component schema of the JSON body (`OrderResponse`). */
  schemaRef: string | null;
  /**
   * `data`: `{ success, data }` (the method resolves to `data`); `list`: a list envelope (a page);
   * `none`: JSON without the envelope (OAuth); `empty`: no body; `other`: not JSON (a page for a browser).
   */
  envelope: 'data' | 'list' | 'none' | 'empty' | 'other';
  /** Component schema of `data`, or of one item for `list` (`Order`). */
  dataRef: string | null;
  examples: SdkExample[];
}

export interface SdkPagination {
  style: 'cursor';
  /** Query parameter that takes the previous page's `nextCursor`. */
  cursorParam: string | null;
  limitParam: string | null;
  /** Component schema of one item. */
  itemRef: string | null;
}

export interface SdkCredential {
  /** `none`: `security: []`; `optional`: `{}` among the requirements; `required` otherwise. */
  mode: 'none' | 'optional' | 'required';
  /** Security schemes that satisfy it (`ApiKeyAuth`, `BearerAuth`, `OAuth2`). */
  schemes: string[];
  /** Scopes required (`x-required-scopes`, else the first scheme's list). */
  scopes: string[];
}

export interface SdkError {
  status: number;
  /** Error codes the response's examples show (`error.code`, or OAuth's `error`). */
  codes: string[];
  schemaRef: string | null;
}

/** Builds the model of a bundled document. Throws when the naming rule cannot name an operation. */
export function buildSdkModel(doc: OpenApiDocument): SdkModel;

/** Every method of the model: the client's own, then each namespace depth-first. */
export function allMethods(model: SdkModel): SdkMethod[];
