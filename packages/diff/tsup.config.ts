import { defineConfig } from 'tsup';

// ESM only: @redocly/openapi-core 2 is an ES module, and the package is a command first; Node ≥ 20.19
// (our engines floor) is the audience. The CLI's shebang lives in src/cli.ts (esbuild keeps it).
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: false,
  target: 'es2022',
  treeshake: true,
});
