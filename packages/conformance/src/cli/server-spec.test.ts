import { describe, expect, it } from 'vitest';
import { rerunCommand } from '../report/rerun-command.ts';
import { parseCli } from './parse-args.ts';

const base = ['--base-url', 'http://127.0.0.1:4010'];

function options(argv: readonly string[]) {
  const command = parseCli(argv);
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
  return command.options;
}

describe('--server-spec and --allow-predicted', () => {
  it('are read into the options and kept by the rerun line', () => {
    const given = options([
      ...base,
      '--spec',
      'old.yaml',
      '--server-spec',
      'main~3:openapi/openapi.yaml',
      '--allow-predicted',
    ]);
    expect(given).toMatchObject({
      spec: 'old.yaml',
      serverSpec: 'main~3:openapi/openapi.yaml',
      allowPredicted: true,
    });
    expect(rerunCommand(given, 1, 5)).toContain(
      "--spec old.yaml --server-spec 'main~3:openapi/openapi.yaml' --allow-predicted",
    );
  });

  it('refuses --allow-predicted without a comparison to predict from', () => {
    expect(() => parseCli([...base, '--allow-predicted'])).toThrow(/--allow-predicted needs a comparison/);
    expect(options([...base, '--server-spec', 'served.json', '--allow-predicted']).allowPredicted).toBe(true);
  });
});
