import { ApiError } from '../http/api-error.ts';

/** Seconds a client is told to wait when PostgreSQL or Redis cannot be reached. */
export const UNAVAILABLE_RETRY_AFTER = 1;

/** 503 `service_unavailable` with `Retry-After`: a shared store is unreachable, so no answer is given rather than a wrong one. */
export function storageUnavailable(what: 'PostgreSQL' | 'Redis'): ApiError {
  return new ApiError('service_unavailable', `${what} is unreachable; retry later`, {
    headers: { 'retry-after': String(UNAVAILABLE_RETRY_AFTER) },
  });
}

/** Runs `work`; any failure of the store (not an `ApiError`) becomes 503. */
export async function guarded<T>(what: 'PostgreSQL' | 'Redis', work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw storageUnavailable(what);
  }
}
