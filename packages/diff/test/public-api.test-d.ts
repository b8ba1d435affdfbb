/** Type tests of the public API: what a release script can rely on. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  type DiffResult,
  diffSpecs,
  type Finding,
  type JsonObject,
  type Level,
  loadSpec,
  RULES,
  type RuleId,
} from '../src/index.ts';

describe('public types', () => {
  it('loads documents and compares them', () => {
    expectTypeOf(loadSpec).returns.resolves.toEqualTypeOf<JsonObject>();
    expectTypeOf(diffSpecs).parameters.toEqualTypeOf<[JsonObject, JsonObject]>();
    expectTypeOf(diffSpecs).returns.toEqualTypeOf<DiffResult>();
  });

  it('names rules and levels as closed unions', () => {
    expectTypeOf<Level>().toEqualTypeOf<'breaking' | 'warning' | 'non-breaking'>();
    expectTypeOf<Finding['rule']>().toEqualTypeOf<RuleId>();
    expectTypeOf(RULES['operation-removed'].level).toEqualTypeOf<'breaking'>();
    // @ts-expect-error not a rule
    const wrong: RuleId = 'anything-changed';
    void wrong;
  });

  it('gives pointers on both sides, null where the thing does not exist', () => {
    expectTypeOf<Finding['oldPointer']>().toEqualTypeOf<string | null>();
    expectTypeOf<DiffResult['counts']>().toEqualTypeOf<Readonly<Record<Level, number>>>();
  });
});
