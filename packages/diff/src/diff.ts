/**
 * @module The comparison's public result: findings per operation, and the same findings grouped
 * by change so a shared component edited once is counted once.
 */
import { compareOperations } from './compare/operations.ts';
import { type Level, RULES, type RuleId } from './compare/rules.ts';
import type { JsonObject } from './model/json.ts';

/** One change as it reaches one operation. */
export interface Finding {
  readonly rule: RuleId;
  readonly level: Level;
  /** `METHOD /path` (the new version's path when both exist). */
  readonly operation: string;
  /** JSON Pointer in the old document; null when the thing is new. */
  readonly oldPointer: string | null;
  /** JSON Pointer in the new document; null when the thing is gone. */
  readonly newPointer: string | null;
  readonly detail: string;
}

/** One change, with every operation it reaches. */
export interface ChangeSummary {
  readonly rule: RuleId;
  readonly level: Level;
  readonly oldPointer: string | null;
  readonly newPointer: string | null;
  readonly detail: string;
  readonly operations: readonly string[];
}

/** What `diffSpecs` returns. */
export interface DiffResult {
  readonly findings: readonly Finding[];
  /** Findings grouped by (rule, old pointer, new pointer): the summary a reviewer reads. */
  readonly changes: readonly ChangeSummary[];
  /** Number of changes (not findings) per level. */
  readonly counts: Readonly<Record<Level, number>>;
}

const ORDER: Record<Level, number> = { breaking: 0, warning: 1, 'non-breaking': 2 };

/** Compares two bundled OpenAPI 3.x documents (local `$ref`s only) and classifies every change. */
export function diffSpecs(oldDoc: JsonObject, newDoc: JsonObject): DiffResult {
  const findings: Finding[] = [];
  for (const { operation, changes } of compareOperations(oldDoc, newDoc)) {
    const seen = new Set<string>();
    for (const change of changes) {
      // One operation can reach the same component along two paths; it is one finding there.
      const key = `${change.rule} ${change.oldPointer} ${change.newPointer} ${change.detail}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ ...change, level: RULES[change.rule].level, operation });
    }
  }
  findings.sort((x, y) => ORDER[x.level] - ORDER[y.level]);
  const groups = new Map<string, ChangeSummary & { operations: string[] }>();
  for (const finding of findings) {
    const key = `${finding.rule} ${finding.oldPointer} ${finding.newPointer} ${finding.detail}`;
    const group = groups.get(key);
    if (group === undefined) {
      const { rule, level, oldPointer, newPointer, detail } = finding;
      groups.set(key, { rule, level, oldPointer, newPointer, detail, operations: [finding.operation] });
    } else {
      group.operations.push(finding.operation);
    }
  }
  const changes = [...groups.values()];
  const counts: Record<Level, number> = { breaking: 0, warning: 0, 'non-breaking': 0 };
  for (const change of changes) counts[change.level] += 1;
  return { findings, changes, counts };
}
