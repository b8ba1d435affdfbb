import { describe, expect, it } from 'vitest';
import { rerunCommand } from '../report/rerun-command.ts';
import { parseCli } from './parse-args.ts';

const base = ['--base-url', 'http://127.0.0.1:4010'];

/** The options of a command line that runs. */
function options(argv: readonly string[]) {
  const command = parseCli(argv);
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
  return command.options;
}

describe('--oauth-public-client', () => {
  it('is read into oauthPublicClient and kept by the rerun line as written', () => {
    const given = options([...base, '--oauth-public-client', 'cli_regen_public']);
    expect(given.oauthPublicClient).toBe('cli_regen_public');
    expect(rerunCommand(given, 1, 5)).toContain('--oauth-public-client cli_regen_public');
  });

  it('takes an id only: a secret would make it a confidential client', () => {
    expect(() => parseCli([...base, '--oauth-public-client', 'cli_x:secret'])).toThrow(
      /--oauth-public-client takes a client id/,
    );
  });

  it('is absent from the options and the rerun line when not given', () => {
    const given = options(base);
    expect(given).not.toHaveProperty('oauthPublicClient');
    expect(rerunCommand(given, 1, 5)).not.toContain('--oauth-public-client');
  });
});
