/**
 * @module About how many requests a run sends and how long it takes at the given tiers, from
 * the plan alone, so a user sees up front whether a run takes seconds or hours. The per-part
 * counts are averages measured against the reference stub (default settings); "about" is meant.
 */

import type { OperationPlan } from '../support/plan.ts';
import type { Tier } from '../support/rate-limits.ts';

/** The auth and header probes of one operation (`ignored_auth`, `missing_required_header`). */
const PROBES_PER_OPERATION = 3;
/** `unsupported_method`'s probes per documented path. */
const METHOD_PROBES_PER_PATH = 3;
/** The security probes' requests per selected operation (they probe every selected operation). */
const SECURITY_PER_OPERATION = 3;
/** The semantic scenarios' requests per selected operation. */
const SEMANTICS_PER_OPERATION = 5;
/** A request's round trip to a server nearby, when no tier holds it up. */
const ROUND_TRIP_S = 0.01;

/** What the estimate is made from. */
export interface EstimateInput {
  /** Operations of the operation-by-operation pass. */
  readonly operations: readonly OperationPlan[];
  /** Selected operations, for the probes and scenarios that report on them. */
  readonly selected: number;
  readonly listings: number;
  readonly paths: number;
  readonly maxExamples: number;
  readonly security: boolean;
  readonly semantics: boolean;
  /** The tiers the run is paced to, if any. */
  readonly tiers: readonly Tier[] | undefined;
}

/** About how many requests, and about how many seconds. */
export interface RunEstimate {
  readonly requests: number;
  readonly writes: number;
  readonly seconds: number;
}

function requestsOf(plan: OperationPlan, maxExamples: number): number {
  // Valid and invalid requests, the probes, and a fresh target (created, maybe prepared) per valid request.
  const targets = plan.freshTarget ? maxExamples * (1 + plan.prepare.length) : 0;
  return 2 * maxExamples + PROBES_PER_OPERATION + targets;
}

/** Seconds a tier makes `count` requests take: its burst at once, the rest at its sustainable rate. */
function pacedSeconds(tier: Tier, count: number): number {
  return tier.limit > 0 ? (Math.max(0, count - tier.limit) * tier.windowS) / tier.limit : 0;
}

/** Estimates the run described by `input`. */
export function estimateRun(input: EstimateInput): RunEstimate {
  let requests = input.listings;
  let writes = 0;
  for (const plan of input.operations) {
    const n = requestsOf(plan, input.maxExamples);
    requests += n;
    if (plan.op.method !== 'GET') writes += n;
  }
  if (input.operations.length > 0) requests += input.paths * METHOD_PROBES_PER_PATH;
  if (input.security) requests += input.selected * SECURITY_PER_OPERATION;
  if (input.semantics) requests += input.selected * SEMANTICS_PER_OPERATION;
  const paced = (input.tiers ?? []).map((tier) =>
    tier.name === 'auth' ? 0 : pacedSeconds(tier, tier.name === 'write' ? writes : requests),
  );
  return { requests, writes, seconds: Math.max(requests * ROUND_TRIP_S, ...paced) };
}
