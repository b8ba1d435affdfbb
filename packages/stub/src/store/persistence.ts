import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Logger } from '../log/logger.ts';
import type { StoreSnapshot } from './store.ts';

/** Reads a `--data-file`; `undefined` when it does not exist yet. Throws on unreadable content. */
export function loadSnapshot(file: string): StoreSnapshot | undefined {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<StoreSnapshot>;
  if (data.version !== 1 || typeof data.jwtSecret !== 'string' || !Array.isArray(data.users)) {
    throw new Error(`${file} is not a regen-stub data file (version 1)`);
  }
  return data as StoreSnapshot;
}

/** Writes the state to disk shortly after changes (atomically: temp file, then rename). */
export class Persister {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => StoreSnapshot,
    private readonly logger: Logger,
    private readonly delayMs = 50,
  ) {}

  /** Schedules a write (coalescing bursts of changes). */
  schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Writes now. */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    try {
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(this.snapshot()), { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch (error) {
      this.logger.error('could not save the data file', { file: this.file, error: (error as Error).message });
    }
  }
}
