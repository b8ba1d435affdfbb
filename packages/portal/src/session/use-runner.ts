import { useCallback, useState } from 'preact/hooks';
import { describeError, type Problem } from './describe-error.ts';
import { usePortal } from './portal-context.ts';

/** Runs API calls for a page: one problem at a time, a busy flag, an expired session ends it. */
export interface Runner {
  readonly problem: Problem | null;
  readonly busy: boolean;
  /** Runs `call`; on failure shows its problem (and returns `undefined`), unless `onError` takes it. */
  run<T>(call: () => Promise<T>, onError?: (problem: Problem) => boolean): Promise<T | undefined>;
  /** Shows a problem found elsewhere (after a refresh, say). */
  show(problem: Problem): void;
  clear(): void;
}

export function useRunner(): Runner {
  const { expire } = usePortal();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(0);
  const run = useCallback(
    async <T>(call: () => Promise<T>, onError?: (problem: Problem) => boolean): Promise<T | undefined> => {
      setPending((n) => n + 1);
      try {
        const value = await call();
        setProblem(null);
        return value;
      } catch (error) {
        const found = describeError(error);
        if (found.kind === 'session') expire(found.message);
        else if (!onError?.(found)) setProblem(found);
        return undefined;
      } finally {
        setPending((n) => n - 1);
      }
    },
    [expire],
  );
  const clear = useCallback(() => setProblem(null), []);
  return { problem, busy: pending > 0, run, clear, show: setProblem };
}
