import { RegenError } from './RegenError.ts';

/** One problem found in a response body. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** A 2xx response body does not match the contract's schema for that operation. */
export class ResponseValidationError extends RegenError {
  static override readonly brand: string = 'ResponseValidationError';
  readonly operationId: string;
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
