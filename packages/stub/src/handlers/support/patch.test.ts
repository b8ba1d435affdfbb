import { describe, expect, it } from 'vitest';
import { patched } from './patch.ts';

interface Item {
  readonly id: string;
  readonly name: string;
  readonly note: string | null;
  readonly updatedAt: string;
}

const item: Item = Object.freeze({
  id: 'itm_1',
  name: 'Old',
  note: 'kept',
  updatedAt: '2020-01-01T00:00:00Z',
});

describe('patched', () => {
  it('sets the fields given, keeps the rest and the record itself, and stamps updatedAt', () => {
    const next = patched(item, { name: 'New', note: undefined });
    expect(next).toEqual({ id: 'itm_1', name: 'New', note: 'kept', updatedAt: expect.any(String) });
    expect(Date.parse(next.updatedAt)).toBeGreaterThan(Date.parse(item.updatedAt));
    expect(patched(item, { note: null }).note).toBeNull();
    expect(item.name).toBe('Old');
  });

  it('refuses, at compile time, a field the record does not have', () => {
    const body = { name: 'New', colour: 'red' };
    // @ts-expect-error `colour` is not a field of Item
    expect(patched(item, body)).toHaveProperty('colour');
  });
});
