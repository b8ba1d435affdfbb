import { APIError, type APIErrorInit } from './APIError.ts';

/** 403: the credential lacks a scope; `scope` names the missing one. */
export class PermissionDeniedError extends APIError {
  static override readonly brand: string = 'PermissionDeniedError';
  /** The scope the operation requires and the credential lacks (e.g. `write:orders`). */
  readonly scope: string | undefined;

  constructor(init: APIErrorInit) {
    // The server's message is kept verbatim; the scope is added only when it does not name it already.
    const scope = init.scope;
    super(
      scope && !init.message.includes(scope)
        ? { ...init, message: `${init.message} (missing scope: ${scope})` }
        : init,
    );
    this.scope = init.scope;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), scope: this.scope };
  }
}
