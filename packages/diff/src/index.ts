/**
 * @module `@regen/diff`: compare two versions of an OpenAPI 3.x contract and classify every change.
 *
 * Public: loading (`loadSpec`), comparing (`diffSpecs`), the rule table and the three reports.
 * Left out on purpose: the comparison internals (`compare/`) and the CLI's `main`, which may change.
 */
export { type Level, RULE_IDS, RULES, type RuleId } from './compare/rules.ts';
export { type ChangeSummary, type DiffResult, diffSpecs, type Finding } from './diff.ts';
export { InputError } from './load/input-error.ts';
export { type InputKind, inputKind, loadSpec } from './load/load-spec.ts';
export type { Json, JsonObject } from './model/json.ts';
export { BUMPS, type Bump, requiredBump } from './release/required-bump.ts';
export { formatJson, JSON_REPORT_VERSION } from './report/json.ts';
export { formatMarkdown } from './report/markdown.ts';
export { formatText } from './report/text.ts';
