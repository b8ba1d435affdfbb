import { describe, expect, it } from 'vitest';
import { diffSpecs, requiredBump } from '../src/index.ts';
import { MUTATIONS, pairOf } from './corpus.ts';

const bumpOf = (name: string) => {
  const mutation = MUTATIONS.find((m) => m.name === name);
  if (mutation === undefined) throw new Error(`no pair ${name}`);
  const { oldDoc, newDoc } = pairOf(mutation);
  return requiredBump(diffSpecs(oldDoc, newDoc));
};

describe('the bump a contract change requires', () => {
  it('major for a breaking change, naming the rule', () => {
    expect(bumpOf('remove a response property')).toEqual({
      bump: 'major',
      reasons: ['major: response-property-removed'],
    });
  });

  it('minor for an addition, a deprecation or a widened response', () => {
    expect(bumpOf('add an operation').bump).toBe('minor');
    expect(bumpOf('deprecate an operation').bump).toBe('minor');
    expect(bumpOf('add a response enum value').bump).toBe('minor');
  });

  it('patch for documentation only, none for nothing', () => {
    expect(bumpOf('reword a schema description')).toEqual({
      bump: 'patch',
      reasons: ['patch: description-changed'],
    });
    expect(bumpOf('identical documents')).toEqual({ bump: 'none', reasons: [] });
  });
});
