/**
 * @module The check API: what a check declares and what it sees of a run. A check is one
 * `defineCheck({ name, phase, suite, description, clause, … })` in its own file, listed once in
 * `all.ts` (or loaded with `--check-module`); the engine runs the registry by phase and never
 * names a check.
 */
import type { OperationId } from '@regen/contract';
import type { Case } from '../generate/case.ts';
import type { ApiSpec, Json } from '../spec/types.ts';
import type { SpecValidator } from '../spec/validator.ts';
import type { CheckContext } from '../support/context.ts';
import type { Exchange } from '../support/exchange.ts';
import type { OperationPlan } from '../support/plan.ts';
import type { SemanticSettings } from '../support/settings.ts';
import type { Verdict } from '../support/verdict.ts';

export type { CheckContext } from '../support/context.ts';
export type { Exchange } from '../support/exchange.ts';
export type { OperationPlan } from '../support/plan.ts';
export { type RuleId, ruleOf } from '../support/rule.ts';
export type { SemanticSettings } from '../support/settings.ts';
export { fail, notApplicable, PASS, skip, type Verdict } from '../support/verdict.ts';

/** The named sets of checks (`--suite`); `all` is every one. */
export type Suite = 'schema' | 'security' | 'semantics';

/** What response checks may read besides the exchange. */
export interface CheckEnvironment {
  readonly spec: ApiSpec;
  readonly validator: SpecValidator;
}

/** What a known target (a profile such as `prism`) cannot pass by design, and why. */
export interface ProfileExemption {
  /** Only failures of this variant; every failure of the check when absent. */
  readonly variant?: string;
  readonly reason: string;
  /** Narrows the exemption to failures it recognises (e.g. answers the mock wrote itself). */
  readonly when?: (failure: { readonly response?: { readonly body: string } }) => boolean;
}

/**
 * A rule a check enforces, reported as its own testcase (`check/rule`): one rule's pass never
 * hides that another could not be verified. Record its verdicts under `ruleOf(check, rule)`.
 */
export interface RuleDeclaration {
  /** One line: what the server must do. */
  readonly description: string;
  /**
   * Where its testcase is filed when the check ends before reaching the rule (an earlier step
   * failed or could not be judged): reported skipped, "not reached", never silently absent.
   * `probe`: the probe operation (support/probe-operation.ts), for rules judged there.
   */
  readonly operation: OperationId | 'probe';
}

interface Declared<Name extends string> {
  /** snake_case, as Schemathesis names its checks; the CLI's `--checks` name. */
  readonly name: Name;
  readonly suite: Suite;
  /** One line, for `--help` and the README. */
  readonly description: string;
  /** Where the contract states the rule: its section ("Security", "Rate limits", …) or the OpenAPI part. */
  readonly clause: string;
  /** Exemptions by profile name (`--profile prism`). */
  readonly profiles?: Readonly<Record<string, readonly ProfileExemption[]>>;
  /** The rules it reports one by one, by name (`replay` → testcase `session_lifecycle/replay`). */
  readonly rules?: Readonly<Record<string, RuleDeclaration>>;
}

/** Judges every response of a documented operation, whatever sent it. */
export interface ResponseCheckDefinition<Name extends string = string> extends Declared<Name> {
  readonly phase: 'response';
  /**
   * The generated requests this check is the verdict on: when the engine cannot send one of
   * them (no response, no resource to act on) it records that as this check's error.
   */
  readonly judges?: 'valid-requests' | 'invalid-requests';
  /** `undefined` when the exchange is not this check's business. */
  evaluate(exchange: Exchange, env: CheckEnvironment): Verdict | undefined;
}

/** Probes one operation after its valid and invalid requests, starting from a valid `base` case. */
export interface OperationCheckDefinition<Name extends string = string> extends Declared<Name> {
  readonly phase: 'operation';
  run(ctx: CheckContext, plan: OperationPlan, base: Case): Promise<void>;
}

/** Follows a successful create or delete of the run's own (stateful checks). */
export interface AfterSuccessCheckDefinition<Name extends string = string> extends Declared<Name> {
  readonly phase: 'after-success';
  readonly after: 'create' | 'delete';
  run(ctx: CheckContext, exchange: Exchange): Promise<void>;
}

/** A documented path, aimed so that a request to it can do no harm. */
export interface PathProbe {
  readonly path: string;
  /** Values naming a resource the run created, or generated ids that name nothing. */
  readonly pathParams: Readonly<Record<string, Json>>;
  /** `none` for session endpoints (the run's credential could be ended) and public paths. */
  readonly auth: Case['auth'];
}

/** Probes each documented path once (the methods it does not document). */
export interface PathCheckDefinition<Name extends string = string> extends Declared<Name> {
  readonly phase: 'path';
  run(ctx: CheckContext, probe: PathProbe): Promise<void>;
}

/** Sends its own probes once per run. */
export interface SecurityCheckDefinition<Name extends string = string> extends Declared<Name> {
  readonly phase: 'security';
  /**
   * `probe`: after the operations, before clean-up. `last`: after clean-up, because it spends
   * a budget the run's own credential may need (failed-authentication limits).
   */
  readonly stage: 'probe' | 'last';
  run(ctx: CheckContext): Promise<void>;
}

/** Sends its own scenario once per run, after the security probes, before clean-up. */
export interface ScenarioCheckDefinition<Name extends string = string> extends Declared<Name> {
  readonly phase: 'scenario';
  /**
   * The operations it reports on (`scoped`: every one with x-required-scopes); with `--operations`
   * it runs only when one of them is selected. A function derives them from the document.
   */
  readonly operations: readonly OperationId[] | 'scoped' | ((ctx: CheckContext) => readonly string[]);
  run(ctx: CheckContext, settings: SemanticSettings): Promise<void>;
}

/** Everything a check may declare, by phase. */
export type CheckDefinition<Name extends string = string> =
  | ResponseCheckDefinition<Name>
  | OperationCheckDefinition<Name>
  | AfterSuccessCheckDefinition<Name>
  | PathCheckDefinition<Name>
  | SecurityCheckDefinition<Name>
  | ScenarioCheckDefinition<Name>;

/** When the engine runs a check. */
export type CheckPhase = CheckDefinition['phase'];

/** Marks values made by `defineCheck`; global, so a check built against another copy of the package still loads. */
const DEFINED = Symbol.for('@regen/conformance/check');

/** A check, as `defineCheck` returns it. */
export type Check<Definition extends CheckDefinition = CheckDefinition> = Definition & {
  readonly [DEFINED]: true;
};

/** The check of `phase`. */
export type CheckOfPhase<Phase extends CheckPhase> = Check<Extract<CheckDefinition, { phase: Phase }>>;

const NAME = /^[a-z][a-z0-9_]*$/;
const RULE = /^[a-z][a-z0-9_-]*$/;

/** Declares a check. Its file is the whole check: list it in `all.ts`, or load it with `--check-module`. */
export function defineCheck<const Definition extends CheckDefinition>(
  definition: Definition,
): Check<Definition> {
  if (!NAME.test(definition.name))
    throw new Error(`check name "${definition.name}" must be snake_case (a-z, 0-9, _)`);
  if (definition.description.trim() === '' || definition.clause.trim() === '')
    throw new Error(`check ${definition.name} needs a description and the contract clause it enforces`);
  for (const rule of Object.keys(definition.rules ?? {}))
    if (!RULE.test(rule)) throw new Error(`rule "${rule}" of ${definition.name} must be a-z, 0-9, _ or -`);
  return Object.freeze(Object.assign({}, definition, { [DEFINED]: true as const }));
}

/** Whether `value` was made by `defineCheck`. */
export function isCheck(value: unknown): value is Check {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DEFINED] === true;
}
