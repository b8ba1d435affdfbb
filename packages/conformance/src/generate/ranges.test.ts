import { describe, expect, it } from 'vitest';
import { normalizeRanges } from './ranges.ts';

describe('normalizeRanges', () => {
  it('orders bounds, strictly', () => {
    expect(normalizeRanges({ from: '2030-02-01T00:00:00Z', to: '2030-01-01T00:00:00Z' })).toEqual({
      from: '2030-01-01T00:00:00Z',
      to: '2030-02-01T00:00:00Z',
    });
    expect(normalizeRanges({ from: '2030-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' })).toEqual({
      from: '2030-01-01T00:00:00Z',
      to: '2030-01-02T00:00:00Z',
    });
  });

  it('keeps long date ranges within a period servers accept, and bounds a lone start', () => {
    expect(
      normalizeRanges({ createdAfter: '2030-01-01T00:00:00Z', createdBefore: '2090-01-01T00:00:00Z' }),
    ).toEqual({
      createdAfter: '2089-12-02T00:00:00Z',
      createdBefore: '2090-01-01T00:00:00Z',
    });
    expect(normalizeRanges({ from: '2030-01-01T00:00:00Z' })).toEqual({
      from: '2030-01-01T00:00:00Z',
      to: '2030-01-31T00:00:00Z',
    });
  });

  it('leaves other parameters alone', () => {
    expect(normalizeRanges({ limit: 5, to: '2030-01-01T00:00:00Z' })).toEqual({
      limit: 5,
      to: '2030-01-01T00:00:00Z',
    });
  });
});
