/** @module Finds what the document says about a given status code or media type. */
import type { MediaTypeSpec, OperationSpec, ResponseSpec } from './types.ts';

/**
 * The response documented for `status`: the exact code, else its range (`4XX`), else
 * `default` (OpenAPI 3.1 §4.8.16: the most specific definition wins).
 */
export function responseFor(op: OperationSpec, status: number): ResponseSpec | undefined {
  const exact = op.responses.find((r) => r.status === String(status));
  if (exact) return exact;
  const range = op.responses.find((r) => r.status.toUpperCase() === `${Math.floor(status / 100)}XX`);
  return range ?? op.responses.find((r) => r.status === 'default');
}

/** The bare media type of a `Content-Type` value, lower case, without parameters. */
export function bareMediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/** Whether a documented media range (`application/json`, `application/*`, `*\/*`) covers `actual`. */
export function mediaRangeCovers(range: string, actual: string): boolean {
  const [rType, rSub] = bareMediaType(range).split('/');
  const [aType, aSub] = bareMediaType(actual).split('/');
  if (!rType || !aType) return false;
  return (rType === '*' || rType === aType) && (rSub === '*' || rSub === aSub);
}

/** The documented media type entry for a response `Content-Type`, most specific first. */
export function mediaTypeFor(response: ResponseSpec, contentType: string): MediaTypeSpec | undefined {
  const actual = bareMediaType(contentType);
  return (
    response.content.find((m) => bareMediaType(m.contentType) === actual) ??
    response.content.find((m) => mediaRangeCovers(m.contentType, actual))
  );
}

/** Whether a media type carries JSON (`application/json`, `application/problem+json`, …). */
export function isJsonMediaType(contentType: string): boolean {
  const bare = bareMediaType(contentType);
  return bare === 'application/json' || /^application\/[\w.-]+\+json$/.test(bare);
}
