import { defineConfig } from 'tsup';

/**
 * ESM + CJS + d.ts for the five entry points. `@regen/contract` (types for the core, runtime
 * tables for `./validation`), `zod` and `undici` (imported by `./node` only) stay external
 * dependencies, except `@regen/contract/http` (Retry-After parsing and redaction, shared with
 * the conformance runner): a few hundred bytes bundled from source, so the core keeps no runtime import and loads in a browser as plain ESM.
 * Error classes carry a `Symbol.for` brand, so `instanceof` holds when ESM and CJS copies meet
 * in one process.
 */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    oauth: 'src/oauth.ts',
    webhooks: 'src/webhooks.ts',
    validation: 'src/validation.ts',
    node: 'src/node.ts',
  },
  format: ['esm', 'cjs'],
  // `@internal` members (the resource plumbing) stay out of the published types.
  dts: { compilerOptions: { stripInternal: true } },
  clean: true,
  sourcemap: false,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  splitting: true,
  external: ['@regen/contract', 'zod', 'undici', /^node:/],
  noExternal: ['@regen/contract/http'],
  // Keep `node:stream` as written (`./node` only): the prefix is what Deno and Bun resolve, and
  // the platform is neutral, so esbuild must be told it is external.
  removeNodeProtocol: false,
  // Resolve that subpath to its TypeScript source: the client's build never waits on the contract's.
  esbuildOptions(options) {
    options.conditions = ['@regen/source'];
  },
});
