/**
 * @module The run id. Generation is seeded so a failure reproduces, but what the server keeps
 * between runs must not be: an `Idempotency-Key` (or a generated name) repeated by a rerun of the
 * same seed would be answered with the earlier run's replay, naming resources that run deleted.
 * Each run therefore scopes those values with an id of its own, random unless given.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A fresh run id: 8 base62 characters. */
export function newRunId(): string {
  let out = '';
  while (out.length < 8)
    out += randomBytes(12)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '');
  return out.slice(0, 8);
}

/**
 * The `Idempotency-Key` a generated `value` is sent as in run `runId`: equal values stay equal
 * within the run (replays keep working), and no two runs share one. Visible ASCII, 40 characters.
 */
export function runScopedIdempotencyKey(runId: string, value: string): string {
  const digest = createHash('sha256').update(value).digest('hex').slice(0, 24);
  return `conformance-${runId}-${digest}`.slice(0, 255);
}
