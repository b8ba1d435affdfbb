import { ApiError } from '../../http/api-error.ts';

/** 422 `unprocessable_entity` whose one detail names the body field at fault (a JSON pointer). */
export function unprocessable(message: string, path: string): ApiError {
  return new ApiError('unprocessable_entity', message, { details: [{ path, message }] });
}
