import type { Problem } from '../session/describe-error.ts';

/** A problem in the page (`role="alert"`, read out at once), with Retry when trying again can help. */
export function ProblemBanner({ problem, onRetry }: { problem: Problem | null; onRetry?: () => void }) {
  if (problem === null) return null;
  return (
    <div class="problem" role="alert">
      <p>{problem.message}</p>
      {problem.retry && onRetry ? (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
