import { describe, expect, it } from 'vitest';
import { seal } from '../records/sealed.ts';
import { writeJson } from './write-json.ts';

const record = (id: string) => seal({ id, name: `“${id}”\n`, price: { amount: 1.5, currency: 'EUR' } });

describe('writeJson', () => {
  it('writes envelopes around sealed records exactly as JSON.stringify does', () => {
    const bodies: unknown[] = [
      { success: true, data: [record('a'), record('b')], hasMore: true, nextCursor: 'YQ' },
      { success: true, data: record('c') },
      { success: true, data: [record('d')], hasMore: false, nextCursor: null, skipped: undefined },
      { data: [record('e')], fn: () => 1, when: new Date(0), list: [1, undefined], 'k"ey': 'v' },
      record('f'),
      // Not all sealed, or nothing sealed: the native writer's output either way.
      { success: true, data: [record('g'), { id: 'h' }] },
      { success: true, data: [{ id: 'i' }, record('j')] },
      { success: true, data: [] },
      [record('k')],
      'text',
      null,
    ];
    for (const body of bodies) expect(writeJson(body)).toBe(JSON.stringify(body));
  });

  it('leaves an envelope with its own toJSON to the native writer', () => {
    const body = { data: [record('x')], toJSON: () => ({ replaced: true }) };
    expect(writeJson(body)).toBe('{"replaced":true}');
  });
});
