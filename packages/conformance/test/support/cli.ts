/** @module The CLI run in-process, its output captured (the servers the tests start run here too). */
import { main } from '../../src/index.ts';

/** Runs `regen-conformance args` with `env` as its environment; resolves with the exit code and output. */
export async function cli(args: readonly string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    env,
  });
  return { code, out, err };
}
