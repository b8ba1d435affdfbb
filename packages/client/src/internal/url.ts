import { RegenError } from '../errors/RegenError.ts';

export type QueryValue = string | number | boolean | Date | null | undefined | readonly unknown[] | object;

function encodeValue(value: unknown): string {
  return encodeURIComponent(value instanceof Date ? value.toISOString() : String(value));
}

/**
 * Appends a query string: arrays repeat the key (OpenAPI `form`, `explode: true`), objects use
 * `key[sub]=` (`deepObject`), undefined and null are left out.
 */
export function appendQuery(url: string, query: Record<string, unknown>): string {
  let qs = '';
  for (const key in query) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    const k = encodeURIComponent(key);
    if (Array.isArray(value)) {
      for (const item of value) qs += `&${k}=${encodeValue(item)}`;
    } else if (typeof value === 'object' && !(value instanceof Date)) {
      for (const sub in value) {
        const v = (value as Record<string, unknown>)[sub];
        if (v !== undefined && v !== null) qs += `&${k}%5B${encodeURIComponent(sub)}%5D=${encodeValue(v)}`;
      }
    } else {
      qs += `&${k}=${encodeValue(value)}`;
    }
  }
  if (qs === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${qs.slice(1)}`;
}

/** Substitutes `{name}` segments from `params`; an empty or missing value is an error, never `//`. */
export function fillPath(template: string, params: Record<string, unknown> | undefined): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new RegenError(`Missing path parameter "${name}" for ${template}`);
    }
    return encodeURIComponent(String(value));
  });
}
