import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { StartupError } from './startup-error.ts';
import { inLockedTransaction } from './transaction.ts';

/** Advisory-lock id that serializes migrations between instances starting at once. */
const MIGRATION_LOCK = 0x7265_6d31;

/** `packages/stub/migrations`, from the sources (src/shared) or the build (dist). */
export function migrationsDir(): string {
  const here = typeof __dirname !== 'undefined' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (const rel of ['../migrations', '../../migrations']) {
    const dir = join(here, rel);
    if (existsSync(join(dir, '001_init.sql'))) return dir;
  }
  throw new StartupError(`the migrations of @regen/stub are missing (looked next to ${here})`);
}

/**
 * Applies the versioned migrations (`NNN_name.sql`, in order) that this database has not seen,
 * each in the same transaction as its entry in `regen_migrations`.
 */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const dir = migrationsDir();
  const files = readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .sort();
  const applied: number[] = [];
  await inLockedTransaction(pool, MIGRATION_LOCK, async (client) => {
    await client.query(
      'CREATE TABLE IF NOT EXISTS regen_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM regen_migrations');
    const done = new Set(rows.map((r) => r.version));
    for (const file of files) {
      const version = Number.parseInt(file, 10);
      if (done.has(version)) continue;
      await client.query(readFileSync(join(dir, file), 'utf8'));
      await client.query('INSERT INTO regen_migrations (version, name) VALUES ($1, $2)', [version, file]);
      applied.push(version);
    }
  });
  return applied;
}
