import { ApiError } from '../../http/api-error.ts';
import { mediaTypeOf, parseForm, parseJson } from '../../http/json-body.ts';
import type { Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';

/** 1 MiB: larger bodies are refused with 413. */
export const BODY_LIMIT = 1024 * 1024;

/** The request body: content type (415), size (413), syntax and schema (400), presence when required. */
export const readBody: Step<Exchange> = (ex, next) =>
  // Operations without a request body (every GET) pass straight on.
  ex.route.validation.contentTypes.length === 0 ? next() : readValidBody(ex).then(next);

async function readValidBody(ex: Exchange): Promise<void> {
  const { route, request } = ex;
  const validation = route.validation;
  const length = request.header('content-length');
  if ((length !== undefined && length !== '0') || request.header('transfer-encoding') !== undefined) {
    const type = mediaTypeOf(request.header('content-type'));
    if (type === undefined || !validation.contentTypes.includes(type)) {
      throw new ApiError(
        'unsupported_media_type',
        `Content-Type must be ${validation.contentTypes.join(' or ')}`,
      );
    }
    const raw = await request.readBody(BODY_LIMIT);
    if (raw.length > 0) {
      const body = type === 'application/x-www-form-urlencoded' ? parseForm(raw) : parseJson(raw);
      const checked = validation.checkBody(type, body);
      if (!checked.ok)
        throw (
          route.invalidBody?.(body) ??
          new ApiError('validation_error', undefined, { details: checked.details })
        );
      ex.body = body;
    }
  }
  if (ex.body === undefined && validation.bodyRequired) {
    throw new ApiError('validation_error', 'Request body is required', {
      details: [{ path: '/', message: 'is required' }],
    });
  }
}
