/**
 * @module @regen/conformance — checks a running server against the Regen API contract, at the
 * level of Schemathesis: response conformance, positive and negative data, auth, methods, and
 * stateful checks through OpenAPI links.
 *
 * Exported: the runner, its options and report types, the report serialisers, the check names
 * and profiles. Internal machinery (generation, HTTP, planning) is left out on purpose: it may
 * change between minor versions.
 */
export {
  type Check,
  type CheckContext,
  type CheckDefinition,
  type CheckEnvironment,
  type CheckPhase,
  defineCheck,
  type Exchange,
  fail,
  notApplicable,
  PASS,
  type PathProbe,
  type ProfileExemption,
  type RuleDeclaration,
  type RuleId,
  ruleOf,
  type Suite,
  skip,
  type Verdict,
} from './checks/api.ts';
export {
  CHECK_DESCRIPTIONS,
  CHECK_NAMES,
  type CheckName,
  SUITES,
  type SuiteName,
} from './checks/registry.ts';
export { type CliIo, main } from './cli/main.ts';
export type { RateLimitNotice } from './http/rate-limited-client.ts';
export type { ConformanceOptions, ProgressEvent } from './options.ts';
export { toConsoleReport } from './report/console.ts';
export type {
  ChangeLevel,
  ContractChange,
  ContractComparison,
  GroupedContractChange,
  Prediction,
} from './report/contract-change.ts';
export { toJsonReport } from './report/json.ts';
export { toJunitReport } from './report/junit.ts';
export type {
  Failure,
  RecordedRequest,
  RecordedResponse,
  Report,
  ReportedCheckName,
  Summary,
  TestcaseResult,
  TestcaseStatus,
} from './report/types.ts';
export { testcaseName } from './report/types.ts';
export { type Exemption, parseExemption } from './run/exemptions.ts';
export { PROFILES } from './run/profiles.ts';
export { runConformance } from './run/run-conformance.ts';
export type { FailureLocation } from './support/verdict.ts';
export { VERSION } from './version.ts';
