#!/usr/bin/env node
/** @module The `regen-diff` executable. */
import { main } from './cli/main.ts';

main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug of ours, not bad input: still one line, and exit 2 like any failure to compare.
    process.stderr.write(
      `regen-diff: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
