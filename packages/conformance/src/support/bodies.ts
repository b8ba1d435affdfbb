/** @module Reading what a server answered: JSON bodies, error envelopes, headers, JWT payloads. */
import { isObject } from '../spec/json-pointer.ts';
import { isJsonMediaType } from '../spec/lookup.ts';
import type { Json } from '../spec/types.ts';
import type { Exchange } from './exchange.ts';

/** Parses a body as JSON when the response says it is JSON. */
export function parseJson(headers: Readonly<Record<string, string>>, text: string): Json | undefined {
  const type = headers['content-type'];
  if (!type || !isJsonMediaType(type) || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** `error.code` (the contract's envelope) or `error` (RFC 6749 §5.2) of an error body. */
export function errorCode(json: Json | undefined): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const error = (json as { readonly [k: string]: Json }).error;
  if (typeof error === 'string') return error;
  if (typeof error === 'object' && error !== null && !Array.isArray(error)) {
    const code = (error as { readonly [k: string]: Json }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** `error.message` (or `error_description`) of an error body, `''` when none. */
export function errorMessage(json: Json | undefined): string {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return '';
  const body = json as { readonly [k: string]: Json };
  if (typeof body.error_description === 'string') return body.error_description;
  const error = body.error;
  if (typeof error === 'object' && error !== null && !Array.isArray(error)) {
    const message = (error as { readonly [k: string]: Json }).message;
    return typeof message === 'string' ? message : '';
  }
  return '';
}

/** `data` of a success envelope. */
export function data(exchange: Exchange | undefined): { readonly [k: string]: Json } | undefined {
  if (!exchange || !isObject(exchange.json)) return undefined;
  const d = exchange.json.data;
  return isObject(d) ? d : undefined;
}

/** `error` object of an error envelope. */
export function errorObject(exchange: Exchange | undefined): { readonly [k: string]: Json } | undefined {
  if (!exchange || !isObject(exchange.json)) return undefined;
  const e = exchange.json.error;
  return isObject(e) ? e : undefined;
}

/** Whether `exchange` is a 401 refusal with error code `code` (or with no code at all). */
export function refused401(exchange: Exchange, code: string): boolean {
  const got = errorObject(exchange)?.code;
  return exchange.response.status === 401 && (got === undefined || got === code);
}

/** `status code` of an exchange, for messages. */
export function said(exchange: Exchange): string {
  const code = errorObject(exchange)?.code;
  const oauth = isObject(exchange.json) ? exchange.json.error : undefined;
  const name = typeof code === 'string' ? code : typeof oauth === 'string' ? oauth : '';
  return `${exchange.response.status}${name ? ` ${name}` : ''}`;
}

/** Integer value of a response header, `undefined` when absent or not an integer. */
export function intHeader(exchange: Exchange, name: string): number | undefined {
  const v = exchange.response.headers[name.toLowerCase()];
  return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
}

/** Seconds of a `Retry-After` (delta-seconds or HTTP date, RFC 9110 §10.2.3), `undefined` when invalid. */
export function retryAfterSeconds(exchange: Exchange, now = Date.now()): number | undefined {
  const v = exchange.response.headers['retry-after']?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

/** The payload of a JWT (unverified), `undefined` when the token is not one. */
export function jwtPayload(token: string): { readonly [k: string]: Json } | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Json;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
