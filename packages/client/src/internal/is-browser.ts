/** True in a browser page (a `window` with a `document`); false on Node, Deno, Bun and edge runtimes. */
export function isBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown } };
  return typeof g.window === 'object' && g.window !== null && typeof g.window.document === 'object';
}
