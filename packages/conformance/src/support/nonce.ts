/** @module Strings a server cannot guess: reproducible from the run seed, or new on every call. */
import { createHash, randomBytes } from 'node:crypto';
import type { CheckContext } from './context.ts';

/**
 * A base62 string of `length` derived from the run seed, the run id and `parts`: reproducible
 * with both, unguessable by the server, and never one an earlier run sent (idempotency keys and
 * names the server keeps must not collide with a previous run's).
 */
export function nonce(ctx: CheckContext, length: number, ...parts: readonly (string | number)[]): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256')
      .update(`${ctx.settings.seed}:${ctx.settings.runId}:${parts.join(':')}:${i}`)
      .digest('base64')
      .replace(/[^A-Za-z0-9]/g, '');
  }
  return out.slice(0, length);
}

/**
 * A base62 string of `length` that differs on every call: for accounts that must be new to the
 * server (a per-account failure budget spent by an earlier run must not decide this one).
 */
export function fresh(length: number): string {
  return randomBytes(length * 2)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, length);
}
