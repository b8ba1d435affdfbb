/** @module How the run authenticates: an API key, or a user session from `login`. */
import type { OperationSpec } from '../spec/types.ts';

/** The credential of a run, applied to every authenticated request. */
export interface Credential {
  readonly kind: 'api-key' | 'session';
  /** Headers that authenticate a request to `op` (by the schemes it accepts). */
  headers(op: OperationSpec | undefined): Promise<Record<string, string>>;
  /** After a 401 to an authenticated request: renew if possible; true when renewed. */
  renew(): Promise<boolean>;
}

/** The header an API key travels in for `op`: its apiKey scheme, else `Authorization: Bearer`. */
export function apiKeyHeaders(
  op: OperationSpec | undefined,
  key: string,
  fallbackHeader: string,
): Record<string, string> {
  const schemes = op?.securitySchemes ?? [];
  const apiKey = schemes.find((s) => s.type === 'apiKey' && s.in === 'header' && s.paramName);
  if (apiKey?.paramName) return { [apiKey.paramName]: key };
  // The contract's BearerAuth accepts an API key as well as a JWT.
  if (schemes.some((s) => (s.type === 'http' && s.scheme === 'bearer') || s.type === 'oauth2')) {
    return { Authorization: `Bearer ${key}` };
  }
  return { [fallbackHeader]: key };
}

/** Authenticates with an API key (`--api-key`). */
export class ApiKeyCredential implements Credential {
  readonly kind = 'api-key';

  constructor(
    readonly key: string,
    private readonly fallbackHeader: string,
  ) {}

  async headers(op: OperationSpec | undefined): Promise<Record<string, string>> {
    return apiKeyHeaders(op, this.key, this.fallbackHeader);
  }

  async renew(): Promise<boolean> {
    return false;
  }
}
