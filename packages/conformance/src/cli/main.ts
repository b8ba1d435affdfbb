/** @module The CLI's behaviour, separate from process globals so tests can call it. */
import { CheckRegistry } from '../checks/registry.ts';
import { toConsoleReport } from '../report/console.ts';
import { loadCheckModules } from '../run/load-checks.ts';
import { runConformance } from '../run/run-conformance.ts';
import { VERSION } from '../version.ts';
import { helpText } from './help.ts';
import { parseCli } from './parse-args.ts';
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
        if (event.kind === 'start')
          io.err(
            event.operations > 0
              ? `checking ${event.operations} operations, seed ${event.seed}\n`
              : `seed ${event.seed} (semantic checks only: no operation-by-operation pass)\n`,
          );
        else if (event.kind === 'probe' && event.name === 'semantics') io.err('semantic checks\n');
        else if (event.kind === 'operation')
          io.err(`[${event.index + 1}/${event.total}] ${event.operationId}\n`);
        else if (event.kind === 'exchange' && command.verbose) {
          io.err(`  ${event.phase.padEnd(11)} ${event.method} ${event.url} → ${event.status}\n`);
        }
      },
    });
  } catch (error) {
    io.err(`regen-conformance: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  io.out(toConsoleReport(report));
  for (const target of command.reports) io.err(await writeReport(target, report));
  return report.exitCode;
}
