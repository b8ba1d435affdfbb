import { defineConfig } from 'tsup';

// The CLI's shebang lives in src/cli.ts itself: esbuild keeps an entry's hashbang, and tsup
// marks such outputs executable, so no banner has to be scoped to one entry.
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
  // `import.meta.url` locates the bundled contract at run time, in the CJS build as well.
  shims: true,
  treeshake: true,
});
