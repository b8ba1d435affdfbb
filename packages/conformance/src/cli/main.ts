/** @module The CLI's behaviour, separate from process globals so tests can call it. */
import { CheckRegistry } from '../checks/registry.ts';
import { toConsoleReport } from '../report/console.ts';
import { loadCheckModules } from '../run/load-checks.ts';
import { runConformance } from '../run/run-conformance.ts';
import { VERSION } from '../version.ts';
import { helpText } from './help.ts';
import { parseCli } from './parse-args.ts';
import { progressLine, unjudgedLines } from './progress-lines.ts';
import { writeReport } from './write-report.ts';

/** Where the CLI writes. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Runs the CLI; resolves with the exit code (0 pass, 1 failures, 2 could not run). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let command: ReturnType<typeof parseCli>;
  try {
    command = parseCli(argv, io.env);
  } catch (error) {
    io.err(`regen-conformance: ${error instanceof Error ? error.message : String(error)}\nTry --help.\n`);
    return 2;
  }
  if (command.kind === 'help') {
    try {
      io.out(helpText(new CheckRegistry(await loadCheckModules(command.checkModules))));
    } catch (error) {
      io.err(`regen-conformance: ${error instanceof Error ? error.message : String(error)}\n`);
      return 2;
    }
    return 0;
  }
  if (command.kind === 'version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  let report: Awaited<ReturnType<typeof runConformance>>;
  try {
    report = await runConformance({
      ...command.options,
      onProgress: (event) => {
        const line = progressLine(event, command.verbose);
        if (line !== undefined) io.err(`${line}\n`);
      },
    });
  } catch (error) {
    io.err(`regen-conformance: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  io.out(toConsoleReport(report));
  for (const line of unjudgedLines(report))
    io.err(`${line}
`);
  for (const target of command.reports) io.err(await writeReport(target, report));
  return report.exitCode;
}
