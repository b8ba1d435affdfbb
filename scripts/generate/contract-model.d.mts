/**
 * @module Types of the contract model: what `buildContractModel` (./contract-model.mjs) reads out
 * of the bundled contract, and all an emitter may know about it. Plain JSON data (no functions, no cycles).
 */

/** A bundled OpenAPI 3.1 document (only what the reader needs is typed). */
export type OpenApiDocument = Record<string, unknown>;

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD' | 'TRACE';

/** The contract: its operations in document order, and the vocabulary they share. */
export interface ContractModel {
  /** `info.title` / `info.version` of the contract. */
  title: string;
  version: string;
  /** The contract's `ErrorCode` enum: every `error.code` an error envelope may carry. */
  errorCodes: string[];
  /** Names of `components.securitySchemes`, in document order. */
  securitySchemes: string[];
  /** The document's `tags`, in document order. */
  tags: ContractTag[];
  operations: ContractOperation[];
  /** The defaults the contract states machine-readably (`x-token-lifetimes`, `x-rate-limit-tiers`). */
  defaults: ContractDefaults;
}

/** Documented defaults (openapi/README.md, "Documented defaults"); every figure a positive integer. */
export interface ContractDefaults {
  /** `x-token-lifetimes` of the `BearerAuth` scheme. */
  bearerTokenLifetimes: {
    accessTokenSeconds: number;
    refreshTokenSeconds: number;
    /** How long after a refresh the spent refresh token still answers the same new pair. */
    refreshReuseLeewaySeconds: number;
  };
  /** `x-token-lifetimes` of the `OAuth2` scheme. */
  oauthTokenLifetimes: {
    accessTokenSeconds: number;
    authorizationCodeSeconds: number;
  };
  /** The root `x-rate-limit-tiers`: the default plan's tiers by name, in document order. */
  rateLimitTiers: Record<string, ContractRateLimitTier>;
}

/** One rate-limit tier: `limit` requests per `windowSeconds`. */
export interface ContractRateLimitTier {
  limit: number;
  windowSeconds: number;
}

export interface ContractTag {
  name: string;
  description: string | null;
  /** `x-sdk-class-name`: the class name of the SDK namespace the tag names (`OAuth`). */
  sdkClassName: string | undefined;
}

/** One operation of the contract. */
export interface ContractOperation {
  operationId: string;
  /** The operation's first tag, null without one. */
  tag: string | null;
  httpMethod: HttpMethod;
  /** Path template, e.g. `/api/v1/orders/{id}`. */
  path: string;
  summary: string | null;
  description: string | null;
  deprecated: boolean;
  /** In path order; every path parameter is required. Path-level parameters merged in. */
  pathParams: ContractParam[];
  queryParams: ContractParam[];
  /** Header parameters (`Idempotency-Key`). */
  headerParams: ContractParam[];
  body: ContractBody | null;
  /** Every status the operation declares, in document order. */
  statuses: number[];
  /** The lowest 2xx or 3xx status declared (200 when none is). */
  successStatus: number;
  /** The success body: the lowest 2xx status, and what its content is. */
  success: ContractSuccess;
  /** Documented 4xx/5xx responses, by status. */
  errors: ContractError[];
  /** Set when the success body is a list envelope: the operation returns a page. */
  pagination: ContractPagination | null;
  /** The operation takes an `Idempotency-Key` header. */
  idempotent: boolean;
  /** The credential the operation takes. */
  credential: ContractCredential;
  /** Why the client has no call for the operation (a browser page); null when it has one. */
  unexposed: string | null;
  /** `x-sdk-name` / `x-sdk-resource`: overrides of the SDK naming rule. */
  sdkName: string | undefined;
  sdkResource: string | undefined;
}

export interface ContractParam {
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

export interface ContractExample {
  name: string;
  summary: string | null;
  value: unknown;
}

export interface ContractBody {
  required: boolean;
  description: string | null;
  /** The media type a client sends: the first one the contract lists. */
  contentType: string;
  /** Every media type the contract accepts. */
  contentTypes: string[];
  schemaRef: string | null;
  /** Examples of the sent media type. */
  examples: ContractExample[];
}

export interface ContractSuccess {
  /** The lowest 2xx status documented. */
  status: number;
  contentTypes: string[];
  /** Component schema of the JSON body (`OrderResponse`). */
  schemaRef: string | null;
  /**
   * `data`: `{ success, data }`; `list`: a list envelope (a page); `none`: JSON without the
   * envelope (OAuth); `empty`: no body; `other`: not JSON (a page for a browser).
   */
  envelope: 'data' | 'list' | 'none' | 'empty' | 'other';
  /** Component schema of `data`, or of one item for `list` (`Order`). */
  dataRef: string | null;
  examples: ContractExample[];
}

export interface ContractPagination {
  style: 'cursor';
  /** Query parameter that takes the previous page's next cursor; null when the operation has none. */
  cursorParam: string | null;
  limitParam: string | null;
  /** Field of the list envelope holding the page's items (`data`). */
  itemsField: string;
  /** Field of the list envelope holding the next page's cursor (`nextCursor`). */
  nextCursorField: string;
  /** Component schema of one item. */
  itemRef: string | null;
}

export interface ContractCredential {
  /** `none`: no security in force (`security: []`); `optional`: `{}` among the requirements; `required` otherwise. */
  mode: 'none' | 'optional' | 'required';
  /** Security schemes that satisfy it (`ApiKeyAuth`, `BearerAuth`, `OAuth2`). */
  schemes: string[];
  /** Scopes required (`x-required-scopes`, else the first non-empty list of the security in force); `[]` for `none`. */
  scopes: string[];
}

export interface ContractError {
  status: number;
  /** Error codes the response's examples show (`error.code`, or OAuth's `error`). */
  codes: string[];
  schemaRef: string | null;
}

/** Builds the model of a bundled document. */
export function buildContractModel(doc: OpenApiDocument): ContractModel;

/** Paths at which every operation is unexposed. Throws when a path mixes both kinds. */
export function unexposedPaths(model: ContractModel): string[];
