import type { LogLevel } from '../core/logger.ts';

export const LEVELS: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  off: 99,
};

/** Parses a level name (e.g. from `REGEN_LOG`), falling back when it is unknown. */
export function parseLogLevel(value: string | undefined, fallback: LogLevel): LogLevel {
  return value !== undefined && Object.hasOwn(LEVELS, value) ? (value as LogLevel) : fallback;
}
