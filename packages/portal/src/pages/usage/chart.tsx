import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

/** One line of a chart. */
export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly values: readonly (number | null)[];
}

interface ChartProps {
  readonly title: string;
  /** Text alternative: what the chart shows, with its totals (the canvas is an image to assistive tech). */
  readonly summary: string;
  /** Bucket starts, Unix seconds. */
  readonly times: readonly number[];
  readonly series: readonly ChartSeries[];
  readonly unit: string;
}

/**
 * A uPlot line chart (≈ 20 kB gzip, canvas, no dependencies). uPlot styles its elements through
 * the CSSOM only, so the page's CSP needs no `'unsafe-inline'`.
 */
export function Chart({ title, summary, times, series, unit }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = box.current;
    if (!target) return;
    const plot = new uPlot(
      {
        width: Math.max(320, target.clientWidth || 640),
        height: 220,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        // Every time in the portal is UTC, the axis too.
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        axes: [{ label: 'time (UTC)' }, { label: unit, size: 60 }],
        series: [
          { label: 'bucket (UTC)' },
          // Points too: a bucket with traffic between empty ones has no line to draw.
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            points: { show: true, size: 5 },
          })),
        ],
      },
      [times as number[], ...series.map((s) => s.values as (number | null)[])],
      target,
    );
    return () => plot.destroy();
  }, [times, series, unit]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} role="img" aria-label={summary} />
    </figure>
  );
}
