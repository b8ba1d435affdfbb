/** Verbosity, most to least chatty. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** Anything console-like: where the client's log lines go (credentials are always redacted). */
export interface Logger {
  debug(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}
