/**
 * @module The `regen-stub` command: parses flags, starts the stub and prints one JSON line
 * `{"event":"listening","url":…,"demoUser":{…}}` on stdout when ready. Logs go to stderr;
 * no key or secret is ever printed.
 */
import { startStub } from './app/start.ts';
import { CliError, HELP, parseArgs } from './config/cli-args.ts';
import { STUB_VERSION } from './handlers/health.ts';

async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`regen-stub: ${error.message}\nRun regen-stub --help for the options.\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (parsed.version) {
    process.stdout.write(`${STUB_VERSION}\n`);
    return 0;
  }
  let stub: Awaited<ReturnType<typeof startStub>>;
  try {
    stub = await startStub(parsed.options);
  } catch (error) {
    process.stderr.write(`regen-stub: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: stub.url, demoUser: stub.demoUser })}\n`);
  const stop = () => {
    void stub.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`regen-stub: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
