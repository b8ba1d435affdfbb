import { APIError, type APIErrorInit } from './APIError.ts';

/** 403: the credential lacks a scope; `scope` names the missing one. */
export class PermissionDeniedError extends APIError {
  static override readonly brand: string = 'PermissionDeniedError';
  /** The scope the operation requires and the credential lacks (e.g. `write:orders`). */
  readonly scope: string | undefined;

  constructor(init: APIErrorInit) {
    super(init.scope ? { ...init, message: `${init.message} (missing scope: ${init.scope})` } : init);
    this.scope = init.scope;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), scope: this.scope };
  }
}
