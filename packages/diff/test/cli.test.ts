import { describe, expect, it } from 'vitest';
import { at, CONTRACT, pairOf } from './corpus.ts';
import { run, serve, tempFile } from './support.ts';

const BUNDLED = 'packages/contract/openapi.json';
const removedPaidAt = pairOf({
  name: 'remove paidAt',
  rules: [],
  after: (d) => void delete at(d, 'components', 'schemas', 'Payout', 'properties').paidAt,
});
const NEW = tempFile('new.json', JSON.stringify(removedPaidAt.newDoc));

describe('regen-diff OLD NEW', () => {
  it('finds nothing between the multi-file contract and its published bundle (same pointers)', async () => {
    const result = await run('openapi/openapi.yaml', BUNDLED);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^0 breaking, 0 warnings, 0 non-breaking changes/m);
  });

  it('reads git revisions, bundling a multi-file contract on the fly', async () => {
    const result = await run('HEAD:openapi/openapi.yaml', `HEAD:${BUNDLED}`, '--format', 'json');
    expect(result.err).toBe('');
    expect(JSON.parse(result.out)).toMatchObject({
      version: 1,
      counts: { breaking: 0, warning: 0, 'non-breaking': 0 },
    });
  });

  it('reads a running server’s document over HTTP', async () => {
    const { server, url } = await serve(JSON.stringify(CONTRACT));
    try {
      const result = await run(`${url}/openapi.json`, NEW, '--format', 'json');
      expect(result.err).toBe('');
      const report = JSON.parse(result.out) as {
        counts: { breaking: number };
        changes: Array<{ rule: string }>;
      };
      expect(report.counts.breaking).toBe(1);
      expect(report.changes.map((c) => c.rule)).toEqual(['response-property-removed']);
    } finally {
      server.close();
    }
  });

  it('text: the change, both pointers and the operations', async () => {
    const result = await run(BUNDLED, NEW);
    expect(result.code).toBe(0);
    expect(result.out).toContain('BREAKING response-property-removed: property paidAt removed');
    expect(result.out).toContain(
      'old #/components/schemas/Payout/properties/paidAt → new #/components/schemas/Payout/properties',
    );
    expect(result.out).toContain('GET /api/v1/payouts/{id}');
  });

  it('markdown: a table per level for a pull-request comment', async () => {
    const result = await run(BUNDLED, NEW, '--format', 'markdown');
    expect(result.out).toMatch(/^## Contract changes\n/);
    expect(result.out).toContain('### Breaking changes');
    expect(result.out).toContain('| `response-property-removed` | property paidAt removed |');
  });

  it('--fail-on sets the exit code', async () => {
    expect((await run(BUNDLED, NEW, '--fail-on', 'breaking')).code).toBe(1);
    expect((await run(BUNDLED, NEW, '--fail-on', 'warning')).code).toBe(1);
    expect((await run(BUNDLED, BUNDLED, '--fail-on', 'warning')).code).toBe(0);
    const deprecated = pairOf({
      name: 'deprecate',
      rules: [],
      after: (d) => {
        at(d, 'paths', '/api/v1/orders', 'get').deprecated = true;
      },
    });
    const file = tempFile('deprecated.json', JSON.stringify(deprecated.newDoc));
    expect((await run(BUNDLED, file, '--fail-on', 'breaking')).code).toBe(0);
    expect((await run(BUNDLED, file, '--fail-on', 'warning')).code).toBe(1);
  });

  it('--help', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Usage: regen-diff OLD NEW/);
  });
});
