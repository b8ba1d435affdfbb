import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    zod: 'src/zod.ts',
    operations: 'src/operations.ts',
    scopes: 'src/scopes.ts',
    defaults: 'src/defaults.ts',
    http: 'src/http.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
  treeshake: true,
});
