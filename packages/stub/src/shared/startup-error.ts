/** A configuration the stub cannot start with; the CLI prints the message as one line and exits 1. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
