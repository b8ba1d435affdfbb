import { describe, expect, it } from 'vitest';
import { diffSpecs, RULE_IDS, RULES } from '../src/index.ts';
import { at, CONTRACT, MUTATIONS, pairOf } from './corpus.ts';

describe('the mutation corpus', () => {
  it('has at least 40 pairs, breaking and not', () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(40);
    const levels = new Set(MUTATIONS.flatMap((m) => m.rules.map((rule) => RULES[rule].level)));
    expect([...levels].sort()).toEqual(['breaking', 'non-breaking', 'warning']);
  });

  it('covers every rule, so a rule that stops firing fails its pair', () => {
    const covered = new Set(MUTATIONS.flatMap((m) => m.rules));
    expect(RULE_IDS.filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it.each(MUTATIONS.map((m) => [m.name, m] as const))(
    '%s: classified by exactly its rule',
    (_name, mutation) => {
      const { oldDoc, newDoc } = pairOf(mutation);
      const result = diffSpecs(oldDoc, newDoc);
      expect([...new Set(result.findings.map((finding) => finding.rule))].sort()).toEqual(
        [...mutation.rules].sort(),
      );
      for (const finding of result.findings) {
        expect(finding.level).toBe(RULES[finding.rule].level);
        expect(finding.operation).toMatch(/^((GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) \/|WEBHOOK \S)/);
        expect(finding.oldPointer ?? finding.newPointer).toMatch(/^\//);
      }
    },
  );
});

describe('findings', () => {
  it('name the operation and the pointer of the component in both versions', () => {
    const { oldDoc, newDoc } = pairOf({
      name: 'remove a response property',
      rules: [],
      after: (d) => void delete at(d, 'components', 'schemas', 'Payout', 'properties').paidAt,
    });
    const result = diffSpecs(oldDoc, newDoc);
    const finding = result.findings.find((f) => f.operation === 'GET /api/v1/payouts/{id}');
    expect(finding).toMatchObject({
      rule: 'response-property-removed',
      level: 'breaking',
      oldPointer: '/components/schemas/Payout/properties/paidAt',
      newPointer: '/components/schemas/Payout/properties',
    });
  });

  it('report a shared component change on every operation that reaches it, once in the summary', () => {
    const { oldDoc, newDoc } = pairOf({
      name: 'remove a line price',
      rules: [],
      after: (d) => void delete at(d, 'components', 'schemas', 'OrderItem', 'properties').unitPrice,
    });
    const result = diffSpecs(oldDoc, newDoc);
    const removed = result.findings.filter((f) => f.rule === 'response-property-removed');
    expect(removed.length).toBeGreaterThanOrEqual(4);
    expect(new Set(removed.map((f) => f.operation)).size).toBe(removed.length);
    expect(result.changes.filter((c) => c.rule === 'response-property-removed')).toHaveLength(1);
    expect(result.counts.breaking).toBe(1);
  });

  it('follow webhooks: their payload is read as a response', () => {
    const { oldDoc, newDoc } = pairOf({
      name: 'remove an event field',
      rules: [],
      after: (d) => void delete at(d, 'components', 'schemas', 'OrderCreatedEvent', 'properties').createdAt,
    });
    const result = diffSpecs(oldDoc, newDoc);
    expect(result.findings.map((f) => [f.operation, f.rule])).toEqual([
      ['WEBHOOK order.created', 'response-property-removed'],
    ]);
  });

  it('find nothing between the contract and a copy of it', () => {
    expect(diffSpecs(CONTRACT, structuredClone(CONTRACT)).findings).toEqual([]);
  });
});
