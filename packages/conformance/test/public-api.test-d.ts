/** Type tests of the public API: what a server team's script can rely on. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  type CHECK_NAMES,
  type CheckName,
  type ConformanceOptions,
  type ContractChange,
  type ContractComparison,
  type Failure,
  type Prediction,
  type Report,
  runConformance,
  SUITES,
  type SuiteName,
  type TestcaseResult,
  type TestcaseStatus,
} from '../src/index.ts';

describe('public types', () => {
  it('says which failures a contract change predicts, and only after a comparison', () => {
    expectTypeOf<Report['contractChanges']>().toEqualTypeOf<ContractComparison | undefined>();
    expectTypeOf<TestcaseResult['prediction']>().toEqualTypeOf<Prediction | undefined>();
    expectTypeOf<Failure['predictedBy']>().toEqualTypeOf<readonly ContractChange[] | undefined>();
    expectTypeOf<ContractChange['level']>().toEqualTypeOf<'breaking' | 'warning' | 'non-breaking'>();
    expectTypeOf<ConformanceOptions['serverSpec']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ConformanceOptions['allowPredicted']>().toEqualTypeOf<boolean | undefined>();
    const comparison = {} as ContractComparison;
    // @ts-expect-error the counts exist only when the contracts could be compared
    void comparison.predictedTestcases;
    if (comparison.available) expectTypeOf(comparison.notExercised).items.toHaveProperty('operations');
  });

  it('runConformance takes options and resolves with a report', () => {
    expectTypeOf(runConformance).parameter(0).toEqualTypeOf<ConformanceOptions>();
    expectTypeOf(runConformance).returns.resolves.toEqualTypeOf<Report>();
    expectTypeOf<Report['exitCode']>().toEqualTypeOf<0 | 1 | 2>();
  });

  it('names checks as a closed union', () => {
    expectTypeOf<(typeof CHECK_NAMES)[number]>().toEqualTypeOf<CheckName>();
    expectTypeOf<'ignored_auth'>().toMatchTypeOf<CheckName>();
    // @ts-expect-error not a check
    const wrong: CheckName = 'fuzz_everything';
    void wrong;
    expectTypeOf<TestcaseStatus>().toEqualTypeOf<'passed' | 'failed' | 'skipped' | 'exempt' | 'error'>();
  });

  it('requires a base URL and rejects unknown checks in options', () => {
    // @ts-expect-error baseUrl is required
    const missing: ConformanceOptions = { apiKey: 'k' };
    // @ts-expect-error checks are CheckNames
    const unknown: ConformanceOptions = { baseUrl: 'http://x', checks: ['nope'] };
    void missing;
    void unknown;
  });

  it('names suites of checks; the security set is one', () => {
    expectTypeOf<'security'>().toMatchTypeOf<SuiteName>();
    expectTypeOf<NonNullable<ConformanceOptions['suite']>>().toEqualTypeOf<SuiteName>();
    expectTypeOf(SUITES.security).toMatchTypeOf<readonly CheckName[]>();
    expectTypeOf<'schema' | 'semantics' | 'all'>().toMatchTypeOf<SuiteName>();
    expectTypeOf(SUITES.semantics).toMatchTypeOf<readonly CheckName[]>();
    expectTypeOf<ConformanceOptions['maxWaitMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ConformanceOptions['webhookListen']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error not a suite
    const wrong: ConformanceOptions = { baseUrl: 'http://x', suite: 'fuzz' };
    void wrong;
  });
});
