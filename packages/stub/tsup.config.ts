import { existsSync, rmSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';
import { SCALAR_FILE, SCALAR_VERSION } from './src/docs/scalar-version.ts';

// Two builds so only the bin gets the shebang. They share dist/, which is emptied once before both:
// tsup's own `clean` also deletes every .d.ts of the folder when a build's types start, racing
// the other build (a missing declaration, or a failed unlink of one the other deleted first).
const shared = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  dts: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node' as const,
  shims: true,
};

/**
 * Copies Scalar's browser build (a devDependency) into `dist/docs/`, so the published stub
 * serves `/docs` from its own files (never a CDN). Fails the build when the installed version
 * is not the one the asset's URL (and its year-long cache) names.
 */
async function bundleScalar(): Promise<void> {
  const require = createRequire(import.meta.url);
  const source = require.resolve('@scalar/api-reference/browser/standalone.js');
  const pkg = JSON.parse(await readFile(join(dirname(source), '../../package.json'), 'utf8'));
  if (pkg.version !== SCALAR_VERSION) {
    throw new Error(
      `@scalar/api-reference ${pkg.version} is installed, src/docs/scalar-version.ts names ${SCALAR_VERSION}`,
    );
  }
  await mkdir('dist/docs', { recursive: true });
  await copyFile(source, join('dist/docs', SCALAR_FILE));
}

/**
 * Copies the built partner portal (`@regen/portal`'s `dist/`, a devDependency built first by
 * turbo) into `dist/portal/`, so the published stub serves `/portal` from its own files.
 */
async function bundlePortal(): Promise<void> {
  const require = createRequire(import.meta.url);
  const source = join(dirname(require.resolve('@regen/portal/package.json')), 'dist');
  if (!existsSync(join(source, 'index.html'))) {
    throw new Error(`${source}/index.html is missing: build @regen/portal first (turbo does)`);
  }
  await rm('dist/portal', { recursive: true, force: true });
  await cp(source, 'dist/portal', { recursive: true });
}

export default defineConfig(() => {
  rmSync('dist', { recursive: true, force: true });
  return [
    {
      ...shared,
      entry: { index: 'src/index.ts' },
      onSuccess: async () => {
        await bundleScalar();
        await bundlePortal();
      },
    },
    { ...shared, entry: { cli: 'src/cli.ts' }, banner: { js: '#!/usr/bin/env node' } },
  ];
});
