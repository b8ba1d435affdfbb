/**
 * The contract suite: the client against a Prism mock of the contract and against the reference
 * stub, plus type tests. Run from the repository root: `npx vitest run --config test/vitest.config.ts`.
 */
import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

export default mergeConfig(shared, {
  // Root is test/, so the shared type-test glob cannot reach into packages/*.
  root: here,
  test: {
    include: ['**/*.test.ts'],
    typecheck: { include: ['**/*.test-d.ts'], tsconfig: `${here}tsconfig.json` },
    // Each file starts its own servers; two cores run two files at a time.
    maxWorkers: 2,
    // Prism can take many seconds to start on a loaded CI machine.
    hookTimeout: 90_000,
  },
});
