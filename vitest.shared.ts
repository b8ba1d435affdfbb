/**
 * Shared vitest settings: resolve workspace packages to their TypeScript sources through
 * the `@regen/source` export condition, so tests never need a build step.
 */
import { defineConfig } from 'vitest/config';

export const sourceConditions = ['@regen/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@regen/source'] } },
  test: {
    typecheck: { enabled: true, include: ['**/*.test-d.ts'] },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
