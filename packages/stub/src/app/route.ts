import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { StubRequest, StubResponse } from '../http/exchange.ts';
import type { OperationSpec } from '../http/operation.ts';
import type { OpenApiDocument } from '../validation/openapi-document.ts';
import { RequestValidator } from '../validation/request-validator.ts';
import { ResponseValidator } from '../validation/response-validator.ts';
import type { RawHandler } from './handler-types.ts';

/** A contract operation with its handler; validators compile on first use (fast startup). */
export class OperationRoute {
  readonly kind = 'operation';
  /** `POST`, `PUT`, `PATCH`, `DELETE` count against the write tier. */
  readonly isWrite: boolean;
  /** OAuth endpoints answer RFC 6749 errors instead of the envelope. */
  readonly oauthErrors: boolean;
  /** Exempt from random chaos (health checks keep working so harnesses can wait for the server). */
  readonly randomChaos: boolean;
  private requestValidator: RequestValidator | undefined;
  private responseValidator: ResponseValidator | undefined;

  constructor(
    readonly op: OperationSpec,
    readonly handler: RawHandler,
    private readonly doc: OpenApiDocument,
    private readonly requestAjv: () => Ajv2020,
    private readonly responseAjv: () => Ajv2020,
  ) {
    this.isWrite = op.method !== 'GET' && op.method !== 'HEAD';
    this.oauthErrors = op.path.startsWith('/oauth/');
    this.randomChaos = op.operationId !== 'getHealth';
  }

  get request(): RequestValidator {
    this.requestValidator ??= new RequestValidator(this.requestAjv(), this.doc, this.op.path, this.op.method);
    return this.requestValidator;
  }

  get response(): ResponseValidator {
    this.responseValidator ??= new ResponseValidator(this.responseAjv(), this.doc, this.op.path, this.op.method);
    return this.responseValidator;
  }
}

/** A route the stub serves beside the contract (`/openapi.json`, `/docs`, the authorize form). */
export interface InternalRoute {
  readonly kind: 'internal';
  handle(request: StubRequest, headers: Record<string, string>): Promise<StubResponse> | StubResponse;
}

export type Route = OperationRoute | InternalRoute;
