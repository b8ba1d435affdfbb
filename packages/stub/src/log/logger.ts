/** Log levels, most verbose first; `silent` disables output. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A structured log record; never put secrets (keys, tokens, passwords) in one. */
export type LogFields = Readonly<Record<string, unknown>>;

/** A tiny JSON-lines logger. */
export interface Logger {
  readonly level: LogLevel;
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** Where log lines go: one JSON string per call, without a newline. */
export type LogSink = (line: string) => void;

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** True when `value` names a log level. */
export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** Creates a logger writing JSON lines to `sink` (stderr by default, so stdout stays machine-readable). */
export function createLogger(level: LogLevel = 'info', sink?: LogSink): Logger {
  const write: LogSink = sink ?? ((line) => process.stderr.write(`${line}\n`));
  const min = RANK[level];
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields): void => {
    if (RANK[lvl] < min) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
  };
  return {
    level,
    enabled: (lvl) => RANK[lvl] >= min,
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}
