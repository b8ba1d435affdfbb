/** @module The one error the CLI prints as a single line (exit 2) instead of a crash. */

/** A problem with an input the user gave: its message is one line, fit to print as is. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
