import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

export default mergeConfig(shared, {
  test: {
    // Builds dist/ once when stale: the examples and the browser test run the built package.
    globalSetup: ['test/support/build-once.ts'],
  },
});
