/**
 * @module The helpers checks share (and the engine uses): cases, probes, keys, senders, bodies,
 * OAuth requests, plans, targets. Below both: it imports neither the engine nor any check.
 */
export * from './bodies.ts';
export * from './cases.ts';
export * from './consent-form.ts';
export * from './context.ts';
export * from './direct-sender.ts';
export * from './exchange.ts';
export * from './follow-up-reads.ts';
export * from './keys.ts';
export * from './linked-requests.ts';
export * from './nonce.ts';
export * from './oauth.ts';
export * from './plan.ts';
export * from './prism.ts';
export * from './probe.ts';
export * from './probe-operation.ts';
export * from './rate-limits.ts';
export * from './resource-pool.ts';
export * from './rule.ts';
export * from './scopes.ts';
export * from './session-timings.ts';
export * from './settings.ts';
export * from './state-conflict.ts';
export * from './targets.ts';
export * from './verdict.ts';
export * from './wait.ts';
