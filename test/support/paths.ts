/** Absolute paths the contract suite needs. */
import { fileURLToPath } from 'node:url';

export const repoRoot: string = fileURLToPath(new URL('../../', import.meta.url));
export const bundledContract: string = fileURLToPath(
  new URL('../../packages/contract/openapi.json', import.meta.url),
);
export const prismBin: string = fileURLToPath(new URL('../../node_modules/.bin/prism', import.meta.url));
