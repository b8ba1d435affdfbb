import type { OperationId, OperationSpec } from '../generated/operations.ts';
import type { RawHandler } from '../handlers/raw-handler.ts';
import type { InternalRoute } from '../http/internal-route.ts';
import { OperationValidation, type OperationValidators } from '../validation/operation-validation.ts';

/** A contract operation bound to its handler and validators. */
/** Health checks stay reachable under random chaos, so harnesses can wait for the server. */
const HEALTH: OperationId = 'getHealth';

export class OperationRoute {
  readonly kind = 'operation';
  /** `POST`, `PUT`, `PATCH`, `DELETE` also count against the write tier. */
  readonly isWrite: boolean;
  /** `/oauth/*` answers RFC 6749 §5.2 errors instead of the envelope for 400 and 401. */
  readonly oauthErrors: boolean;
  /** Health checks are exempt from random chaos so harnesses can wait for the server. */
  readonly randomChaos: boolean;
  readonly validation: OperationValidation;

  constructor(
    readonly op: OperationSpec,
    readonly handler: RawHandler,
    validators: OperationValidators,
    /** Turns a body that failed validation into a more specific error (e.g. `unsupported_grant_type`). */
    readonly invalidBody?: (body: unknown) => Error | undefined,
    /**
     * Checks a valid body that needs more than its schema (a webhook URL's addresses), before the
     * handler and outside any write transaction (it may wait on a resolver); throws an `ApiError`.
     */
    readonly precheck?: (body: unknown) => Promise<void>,
  ) {
    this.isWrite = op.method !== 'GET' && op.method !== 'HEAD';
    this.oauthErrors = op.path.startsWith('/oauth/');
    this.randomChaos = op.operationId !== HEALTH;
    this.validation = new OperationValidation(op, validators);
  }
}

export type Route = OperationRoute | InternalRoute;
