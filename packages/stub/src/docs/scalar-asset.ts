import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { SCALAR_FILE } from './scalar-version.ts';

const gzipAsync = promisify(gzip);

/** The browser build of Scalar's API reference, and its gzip encoding. */
export interface ScalarAsset {
  readonly plain: Buffer;
  readonly gzip: Buffer;
}

/**
 * Where the browser build is: beside the bundled stub (`dist/docs/`, copied there by the build,
 * so the published package serves its own file), else the installed devDependency (running from
 * source in this repository). `undefined` when neither exists.
 */
export function scalarAssetPath(): string | undefined {
  const bundled = fileURLToPath(new URL(`./docs/${SCALAR_FILE}`, import.meta.url));
  if (existsSync(bundled)) return bundled;
  try {
    return createRequire(import.meta.url).resolve('@scalar/api-reference/browser/standalone.js');
  } catch {
    return undefined;
  }
}

let loading: Promise<ScalarAsset | undefined> | undefined;

/**
 * Reads (3.5 MB) and gzips (≈ 1 MB, ≈ 70 ms on the libuv pool, off the event loop) the asset on
 * the first `/docs` request only, then serves both from memory: start-up and the API routes never
 * pay for the docs page.
 */
export function loadScalarAsset(): Promise<ScalarAsset | undefined> {
  loading ??= (async () => {
    const path = scalarAssetPath();
    if (path === undefined) return undefined;
    const plain = await readFile(path);
    return { plain, gzip: await gzipAsync(plain, { level: 6 }) };
  })().catch(() => {
    loading = undefined;
    return undefined;
  });
  return loading;
}
