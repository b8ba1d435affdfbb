/** Reads an environment variable on Node, Bun and Deno; undefined elsewhere (browsers, edge). */
export function readEnv(name: string): string | undefined {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get?: (k: string) => string | undefined } };
  };
  try {
    const value = g.process?.env?.[name] ?? g.Deno?.env?.get?.(name);
    return value?.trim() || undefined;
  } catch {
    // Deno without --allow-env throws: treat as unset.
    return undefined;
  }
}
