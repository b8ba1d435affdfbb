import { RegenError } from '../errors/RegenError.ts';
import { isLoopback } from './is-loopback.ts';

/** The production API origin: the contract's first `servers` entry. */
export const DEFAULT_BASE_URL = 'https://gateway.regentherapy.com';

/**
 * Normalises a base URL (no trailing slash) and refuses to send credentials over plain `http://`
 * except to a loopback host (the contract's security requirement: HTTPS only), unless the caller
 * opts in.
 */
export function checkBaseUrl(baseUrl: string, allowInsecureHttp: boolean | undefined): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new RegenError(`Invalid baseUrl: ${trimmed}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RegenError(`Unsupported protocol in baseUrl: ${trimmed}`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new RegenError(
      `Refusing to send credentials over plain http:// to ${url.host}: use https://, ` +
        'a loopback host, or set allowInsecureHttp: true.',
    );
  }
  return trimmed;
}
