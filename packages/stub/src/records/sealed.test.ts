import { describe, expect, it } from 'vitest';
import { Collection } from '../store/collection.ts';
import { isSealed, seal, sealedJson } from './sealed.ts';

describe('sealed records', () => {
  it('cannot be changed, down to their nested objects, so their JSON stays right', () => {
    const record = seal({ id: 'prd_1', price: { amount: 5, currency: 'USD' }, tags: ['a'] });
    expect(sealedJson(record)).toBe(JSON.stringify(record));
    expect(() => {
      (record as { id: string }).id = 'prd_2';
    }).toThrow(TypeError);
    expect(() => {
      record.price.amount = 6;
    }).toThrow(TypeError);
    expect(() => record.tags.push('b')).toThrow(TypeError);
    expect(sealedJson(record)).toBe('{"id":"prd_1","price":{"amount":5,"currency":"USD"},"tags":["a"]}');
  });

  it('are what a sealed collection holds: a change is a new record in the old one’s place', () => {
    const sealed = new Collection([{ id: 'a', n: 1 }], { sealed: true });
    const plain = new Collection([{ id: 'a', n: 1 }]);
    expect(isSealed(sealed.get('a'))).toBe(true);
    expect(isSealed(plain.get('a'))).toBe(false);
    sealed.insert({ id: 'b', n: 2 });
    sealed.insert({ id: 'a', n: 3 });
    expect(sealed.page(10, undefined).data.map((r) => [r.id, r.n, isSealed(r)])).toEqual([
      ['b', 2, true],
      ['a', 3, true],
    ]);
  });
});
