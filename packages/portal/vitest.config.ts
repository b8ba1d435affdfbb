import { mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// Browser tests: one Chromium and one stub per file; files run one after another (2 cores).
export default mergeConfig(shared, {
  test: { include: ['test/**/*.test.ts'], fileParallelism: false, testTimeout: 60_000 },
});
