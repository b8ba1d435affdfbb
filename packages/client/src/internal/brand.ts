/**
 * A registry-wide symbol (`Symbol.for`) that marks SDK errors, so `instanceof` holds when an error
 * thrown by the CJS build is tested against a class from the ESM build (or another copy).
 */
export const ERROR_BRAND: unique symbol = Symbol.for('@regen/client.error') as never;

/** Whether `value` carries the brand `name` (set by the `RegenError` constructor). */
export function hasBrand(value: unknown, name: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const brands = (value as { [ERROR_BRAND]?: unknown })[ERROR_BRAND];
  return Array.isArray(brands) && brands.includes(name);
}
