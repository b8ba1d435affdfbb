import {
  APIConnectionError,
  APIError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '@regen/client';

/** What went wrong, in words for the page, and whether trying again can help. */
export interface Problem {
  readonly kind: 'session' | 'rate' | 'offline' | 'gone' | 'denied' | 'other';
  readonly message: string;
  readonly retry: boolean;
}

/** Turns an SDK error (typed by `@regen/client`) into a message for the page. */
export function describeError(error: unknown): Problem {
  if (error instanceof AuthenticationError) {
    return { kind: 'session', message: 'Your session has expired. Sign in again.', retry: false };
  }
  if (error instanceof RateLimitError) {
    return {
      kind: 'rate',
      message: `Too many requests: the API asks to wait ${waitOf(error.retryAfterMs)} before trying again.`,
      retry: true,
    };
  }
  if (error instanceof APIConnectionError) {
    return {
      kind: 'offline',
      message: 'The server cannot be reached. Nothing was lost: check that it is running, then retry.',
      retry: true,
    };
  }
  if (error instanceof NotFoundError) {
    return {
      kind: 'gone',
      message:
        'It no longer exists (perhaps deleted in another tab or by someone else). The list was refreshed.',
      retry: false,
    };
  }
  if (error instanceof PermissionDeniedError) {
    const scope = error.scope ? ` (needs ${error.scope})` : '';
    return { kind: 'denied', message: `Your role cannot do this${scope}.`, retry: false };
  }
  if (error instanceof APIError) {
    return { kind: 'other', message: error.message, retry: (error.status ?? 500) >= 500 };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error), retry: true };
}

/** `1 second`, `45 seconds`, `15 minutes`: the wait a 429 named (RFC 9110 §10.2.3 Retry-After). */
function waitOf(ms: number | undefined): string {
  const seconds = Math.max(1, Math.ceil((ms ?? 1000) / 1000));
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
