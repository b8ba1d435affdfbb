#!/usr/bin/env node
// The `regen-diff` command. This committed file, not dist/cli.js itself, is the package's bin so that
// `npm install` in a fresh clone links it into node_modules/.bin before anything is built (npm
// skips a bin whose target does not exist yet); the built CLI does the work.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('regen-diff: dist/cli.js is missing; run `npm run build` first');
  process.exit(2);
}
await import(cli.href);
