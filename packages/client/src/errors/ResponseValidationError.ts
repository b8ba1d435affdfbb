import { RegenError } from './RegenError.ts';

/** One problem found in a response body. */
export interface ValidationIssue {
  /** Where in the body, as a dotted path (`data.items.0.quantity`). */
  path: string;
  /** What zod found wrong there. */
  message: string;
}

/** A 2xx response body does not match the contract's schema for that operation. */
export class ResponseValidationError extends RegenError {
  static override readonly brand: string = 'ResponseValidationError';
  /** The operation whose response did not match. */
  readonly operationId: string;
  /** What did not match, as zod reports it. */
  readonly issues: readonly ValidationIssue[];

  constructor(operationId: string, issues: readonly ValidationIssue[]) {
    const first = issues[0];
    super(
      `Response of ${operationId} does not match the contract` +
        (first ? `: ${first.path || '(root)'} ${first.message}` : '') +
        (issues.length > 1 ? ` (+${issues.length - 1} more)` : ''),
    );
    this.operationId = operationId;
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), operationId: this.operationId, issues: this.issues };
  }
}
