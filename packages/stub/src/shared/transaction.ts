import type pg from 'pg';

/**
 * Runs `work` on one client of `pool` in a transaction holding the advisory lock `lock` (so
 * instances doing the same at once take turns): committed when it resolves, rolled back when it
 * throws; the client is released either way.
 */
export async function inLockedTransaction<T>(
  pool: pg.Pool,
  lock: number,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [lock]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
