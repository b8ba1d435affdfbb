import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { Collection } from './collection.ts';

describe('Collection', () => {
  const make = () =>
    new Collection(Array.from({ length: 5 }, (_, i) => ({ id: `x_${i}`, even: i % 2 === 0 })));

  it('pages newest first with opaque cursors', () => {
    const c = make();
    const first = c.page(2, undefined);
    expect(first.data.map((x) => x.id)).toEqual(['x_4', 'x_3']);
    expect(first.hasMore).toBe(true);
    const second = c.page(2, first.nextCursor ?? undefined);
    expect(second.data.map((x) => x.id)).toEqual(['x_2', 'x_1']);
    const third = c.page(2, second.nextCursor ?? undefined);
    expect(third).toEqual({ data: [{ id: 'x_0', even: true }], hasMore: false, nextCursor: null });
  });

  it('filters, and keeps cursors valid after their item is deleted', () => {
    const c = make();
    const first = c.page(1, undefined, (x) => x.even);
    expect(first.data.map((x) => x.id)).toEqual(['x_4']);
    c.delete('x_4');
    expect(c.page(5, first.nextCursor ?? undefined, (x) => x.even).data.map((x) => x.id)).toEqual([
      'x_2',
      'x_0',
    ]);
  });

  it('refuses a cursor it did not issue', () => {
    expect(() => make().page(2, 'bm9wZQ')).toThrow(ApiError);
  });
});
