/**
 * @module The command's logic, free of `process` so tests run it in memory: arguments in, text
 * out, an exit code back.
 */
import { parseArgs } from 'node:util';
import type { Level } from '../compare/rules.ts';
import { type DiffResult, diffSpecs } from '../diff.ts';
import { InputError } from '../load/input-error.ts';
import { loadSpec } from '../load/load-spec.ts';
import { formatJson } from '../report/json.ts';
import { formatMarkdown } from '../report/markdown.ts';
import { formatText } from '../report/text.ts';
import { HELP } from './help.ts';

/** Where the command writes, and where it runs. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
}

const FORMATS = { text: formatText, json: formatJson, markdown: formatMarkdown } as const;
const FAIL_LEVELS: Record<string, readonly Level[]> = {
  breaking: ['breaking'],
  warning: ['breaking', 'warning'],
};

/** Runs `regen-diff` with `args`; resolves to the exit code and never rejects on bad input. */
export async function main(args: readonly string[], io: CliIo): Promise<number> {
  const usage = (message: string) => {
    io.err(`regen-diff: ${message} (regen-diff --help)\n`);
    return 2;
  };
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.out(HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!(format in FORMATS)) return usage(`--format must be text, json or markdown, not "${format}"`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(failOn in FAIL_LEVELS)) {
    return usage(`--fail-on must be breaking or warning, not "${failOn}"`);
  }
  const [oldArg, newArg] = positionals;
  if (oldArg === undefined || newArg === undefined || positionals.length > 2) {
    return usage('expected two arguments, OLD and NEW');
  }
  let result: DiffResult;
  try {
    const [oldDoc, newDoc] = await Promise.all([load(oldArg, io.cwd), load(newArg, io.cwd)]);
    result = diffSpecs(oldDoc, newDoc);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.err(`regen-diff: ${error.message}\n`);
    return 2;
  }
  io.out(FORMATS[format as keyof typeof FORMATS](result));
  const failing = failOn === undefined ? [] : (FAIL_LEVELS[failOn] ?? []);
  return result.changes.some((change) => failing.includes(change.level)) ? 1 : 0;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      'fail-on': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Names the input in its error, so "no such file" says which. */
async function load(argument: string, cwd: string) {
  try {
    return await loadSpec(argument, cwd);
  } catch (error) {
    if (error instanceof InputError) throw new InputError(`${argument}: ${error.message}`);
    // Anything the parser or bundler throws about the input is still about the input.
    const message = error instanceof Error ? error.message : String(error);
    throw new InputError(`${argument}: ${message.split('\n')[0]}`);
  }
}
