import { defineConfig } from 'tsup';

// Two builds so only the bin gets the shebang; each cleans its own files of the shared dist/.
const shared = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  dts: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node' as const,
  shims: true,
};

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, clean: ['index.*'] },
  { ...shared, entry: { cli: 'src/cli.ts' }, clean: ['cli.*'], banner: { js: '#!/usr/bin/env node' } },
]);
