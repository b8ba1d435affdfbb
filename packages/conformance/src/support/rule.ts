/**
 * @module A check's rules as testcases: `session_lifecycle/replay` is the replay rule of
 * session_lifecycle. Each rule is its own testcase, so one rule's pass never hides that another
 * could not be verified. The id goes wherever a check name does (`record`, `call`, `error`).
 */

/** A check's name, or one of its rules: `check/rule`. */
export type RuleId = `${string}/${string}`;

/** The id under which a check records the verdicts of one of its rules. */
export function ruleOf(check: string, rule: string): RuleId {
  return `${check}/${rule}`;
}

/** The check and rule an id names (`rule` absent for a plain check name). */
export function splitCheckId(id: string): { readonly check: string; readonly rule?: string } {
  const slash = id.indexOf('/');
  return slash < 0 ? { check: id } : { check: id.slice(0, slash), rule: id.slice(slash + 1) };
}
