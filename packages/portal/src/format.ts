/** `2026-03-15 12:05 UTC`: one unambiguous form for every time in the portal. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `12.5 %`, or `—` without requests. */
export function formatPercent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)} %`;
}

/** `42 ms` (`0.4 ms` below 10 ms), or `—` when there is no figure. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  // Sub-millisecond answers are common on a local stub: keep one decimal below 10 ms.
  return ms < 10 ? `${Math.round(ms * 10) / 10} ms` : `${Math.round(ms)} ms`;
}
