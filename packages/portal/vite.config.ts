import { defineConfig } from 'vite';

/**
 * Production build of the portal into `dist/`: served by the stub at `/portal/`, assets under
 * `/portal/assets/` with content hashes in their names (cached for a year), an `index.html` with
 * no inline script or style (the page's CSP allows neither).
 */
export default defineConfig({
  base: '/portal/',
  resolve: { conditions: ['@regen/source', 'module', 'browser', 'import', 'default'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The polyfill is for browsers without modulepreload; it would be the one inline-able snippet.
    modulePreload: { polyfill: false },
    // Never inline an asset as a data: URL into JS (keeps the CSP's img-src honest).
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
});
