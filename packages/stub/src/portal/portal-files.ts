import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);

/** One file of the built portal, with its gzip encoding. */
export interface PortalFile {
  readonly contentType: string;
  readonly plain: Buffer;
  readonly gzip: Buffer;
}

/** The built portal: `index.html` and the hashed files of `assets/`, by file name. */
export interface PortalFiles {
  readonly index: PortalFile;
  readonly assets: ReadonlyMap<string, PortalFile>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * Where the built portal is: beside the bundled stub (`dist/portal/`, copied there by the build,
 * so the published package serves its own files), else the workspace package's `dist/` (running
 * from source in this repository). `undefined` when neither exists.
 */
export function portalDistPath(): string | undefined {
  const bundled = fileURLToPath(new URL('./portal/', import.meta.url));
  if (existsSync(join(bundled, 'index.html'))) return bundled;
  try {
    const pkg = createRequire(import.meta.url).resolve('@regen/portal/package.json');
    const dist = join(dirname(pkg), 'dist');
    return existsSync(join(dist, 'index.html')) ? dist : undefined;
  } catch {
    return undefined;
  }
}

async function load(path: string): Promise<PortalFile> {
  const plain = await readFile(path);
  const contentType = TYPES[extname(path)] ?? 'application/octet-stream';
  return { contentType, plain, gzip: await gzipAsync(plain, { level: 9 }) };
}

let loading: Promise<PortalFiles | undefined> | undefined;

/**
 * Reads and gzips the whole portal (≈ 100 kB) on the first `/portal` request only, then serves
 * it from memory: start-up and the API routes never pay for it.
 */
export function loadPortalFiles(): Promise<PortalFiles | undefined> {
  loading ??= (async () => {
    const root = portalDistPath();
    if (root === undefined) return undefined;
    const index = await load(join(root, 'index.html'));
    const assets = new Map<string, PortalFile>();
    const dir = join(root, 'assets');
    const names = existsSync(dir) ? await readdir(dir) : [];
    for (const name of names) {
      // Source maps stay out: the portal is served minified only.
      if (!name.endsWith('.map')) assets.set(name, await load(join(dir, name)));
    }
    return { index, assets };
  })().catch(() => {
    loading = undefined;
    return undefined;
  });
  return loading;
}
