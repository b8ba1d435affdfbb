import { RegenError } from '../errors/RegenError.ts';

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
  // A hand-rolled scan: a regex replace with a callback costs microseconds on every call.
  let open = template.indexOf('{');
  if (open === -1) return template;
  let out = '';
  let from = 0;
  while (open !== -1) {
    const close = template.indexOf('}', open);
    const name = template.slice(open + 1, close);
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new RegenError(`Missing path parameter "${name}" for ${template}`);
    }
    out += template.slice(from, open) + encodeURIComponent(String(value));
    from = close + 1;
    open = template.indexOf('{', from);
  }
  return out + template.slice(from);
}
