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

  it('pages like its items map after many deletions and re-additions', () => {
    // A reference model of the listing order: a Map's (an id added again goes last) filtered by
    // each id's first position, walked newest first.
    const c = new Collection<{ id: string; v: number }>();
    const model = new Map<string, { id: string; v: number }>();
    const position = new Map<string, number>();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const expected = (limit: number, before: number) => {
      const out: string[] = [];
      for (const item of [...model.values()].reverse()) {
        if ((position.get(item.id) ?? 0) >= before) continue;
        if (out.length === limit) break;
        out.push(item.id);
      }
      return out;
    };
    for (let step = 0; step < 6000; step++) {
      const id = `x_${random(40)}`;
      if (random(3) === 0) {
        c.delete(id);
        model.delete(id);
      } else {
        const item = { id, v: step };
        c.insert(item);
        if (!position.has(id)) position.set(id, position.size);
        model.set(id, item);
      }
      if (step % 97 === 0) {
        const first = c.page(7, undefined);
        expect(first.data.map((x) => x.id)).toEqual(expected(7, Number.POSITIVE_INFINITY));
        const last = first.data[first.data.length - 1];
        if (first.nextCursor !== null && last !== undefined) {
          const at = position.get(last.id) ?? 0;
          expect(c.page(50, first.nextCursor).data.map((x) => x.id)).toEqual(expected(50, at));
        }
      }
    }
  });
});
