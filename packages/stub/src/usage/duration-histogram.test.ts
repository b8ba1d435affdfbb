import { describe, expect, it } from 'vitest';
import { HISTOGRAM_SIZE, histogramIndex, percentile } from './duration-histogram.ts';

describe('duration histogram', () => {
  it('reads percentiles within 10 % of the true value', () => {
    const durations = Array.from({ length: 10_000 }, (_, i) => 0.1 * 1.0007 ** i); // 0.1 ms … ≈ 110 ms
    const histogram = new Uint32Array(HISTOGRAM_SIZE);
    for (const ms of durations) {
      const i = histogramIndex(ms);
      histogram[i] = (histogram[i] ?? 0) + 1;
    }
    for (const p of [0.5, 0.95, 0.99]) {
      const exact = durations[Math.ceil(p * durations.length) - 1] as number;
      const read = percentile(histogram, durations.length, p) as number;
      expect(Math.abs(read - exact) / exact).toBeLessThanOrEqual(0.1);
    }
  });

  it('is null when empty and clamps very slow answers into the last bucket', () => {
    expect(percentile(new Uint32Array(HISTOGRAM_SIZE), 0, 0.5)).toBeNull();
    expect(histogramIndex(10 * 60_000)).toBe(HISTOGRAM_SIZE - 1);
    expect(histogramIndex(0)).toBe(0);
  });
});
