/** Verbosity, most to least chatty. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** Anything console-like: where the client's log lines go (credentials are always redacted). */
export interface Logger {
  /** Each request and response (method, URL, status; headers redacted). */
  debug(message: string, ...rest: unknown[]): void;
  /** Each retry: how long the client waits and why. */
  info(message: string, ...rest: unknown[]): void;
  /** Failures the caller does not see as an error, such as a failed background token refresh. */
  warn(message: string, ...rest: unknown[]): void;
  /** Error-level lines (the client throws its errors rather than logging them). */
  error(message: string, ...rest: unknown[]): void;
}
