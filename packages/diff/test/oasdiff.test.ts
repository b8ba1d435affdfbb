/**
 * The corpus side by side with oasdiff (the anchor: 300+ checks, Go). Each pair is classified by both;
 * the worst level each reports is compared, and every pair where they differ must be one of
 * `DISAGREEMENTS`, with the reason which is right. Every disagreeing row is in the package README as
 * this run produced it (so the table readers see is true); `REGEN_UPDATE_AGREEMENT=1` writes the whole
 * table to bench/results/oasdiff-agreement.md to paste from. Skipped, saying so, where oasdiff is not
 * installed — except in CI with Go on the machine, where `.ci/run` builds it and its absence fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSpecs, type Level, RULES } from '../src/index.ts';
import { MUTATIONS, pairOf } from './corpus.ts';
import { DISAGREEMENTS } from './oasdiff-disagreements.ts';
import { ROOT } from './support.ts';

const OASDIFF = [process.env.REGEN_OASDIFF, path.join(homedir(), 'go/bin/oasdiff')]
  .concat((process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'oasdiff')))
  .find((candidate): candidate is string => candidate !== undefined && existsSync(candidate));

const RANK: Record<Level | 'none', number> = { none: 0, 'non-breaking': 1, warning: 2, breaking: 3 };

/** oasdiff's levels: 3 (or "error") breaks clients, 2 ("warning") may, 1 ("info") does not. */
function oasdiffLevel(level: unknown): Level {
  if (level === 3 || level === 'error') return 'breaking';
  if (level === 2 || level === 'warning') return 'warning';
  return 'non-breaking';
}

function worst(levels: Level[]): Level | 'none' {
  return levels.reduce<Level | 'none'>((acc, level) => (RANK[level] > RANK[acc] ? level : acc), 'none');
}

const WHY =
  OASDIFF === undefined
    ? ' (skipped: no oasdiff on PATH or in ~/go/bin; go install github.com/oasdiff/oasdiff@v1.39.0)'
    : '';

const goInstalled = spawnSync('go', ['version']).status === 0;
it.runIf(process.env.CI === 'true' && goInstalled)('CI has oasdiff, built by .ci/run', () => {
  expect(
    OASDIFF,
    'Go is installed but oasdiff is not: .ci/run runs `go install github.com/oasdiff/oasdiff@v1.39.0`',
  ).toBeDefined();
});

describe.skipIf(OASDIFF === undefined)(`the corpus beside oasdiff${WHY}`, () => {
  it('agrees pair by pair, except where DISAGREEMENTS says which is right and why', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'regen-diff-oasdiff-'));
    const rows: string[] = [];
    const disagreeing: { name: string; row: string }[] = [];
    for (const mutation of MUTATIONS) {
      const { oldDoc, newDoc } = pairOf(mutation);
      const base = path.join(dir, 'old.json');
      const revision = path.join(dir, 'new.json');
      writeFileSync(base, JSON.stringify(oldDoc));
      writeFileSync(revision, JSON.stringify(newDoc));
      const run = spawnSync(OASDIFF as string, ['changelog', base, revision, '--format', 'json'], {
        encoding: 'utf8',
      });
      expect(run.status, run.stderr).toBe(0);
      const theirs = (JSON.parse(run.stdout || '[]') as Array<{ id: string; level: unknown }>) ?? [];
      const ours = diffSpecs(oldDoc, newDoc).findings;
      const ourLevel = worst(ours.map((f) => RULES[f.rule].level));
      const theirLevel = worst(theirs.map((c) => oasdiffLevel(c.level)));
      // oasdiff's changelog leaves documentation out; "nothing" and "non-breaking" both let a release through.
      const gate = (level: Level | 'none') => (level === 'none' ? 'non-breaking' : level);
      const agree = gate(ourLevel) === gate(theirLevel);
      const ids = [...new Set(theirs.map((c) => `${c.id} (${oasdiffLevel(c.level)})`))].join(', ') || '—';
      const row = `| ${mutation.name} | \`${mutation.rules.join(', ') || '—'}\` → ${ourLevel} | ${ids} → ${theirLevel} | ${agree ? 'yes' : `no: ${DISAGREEMENTS[mutation.name] ?? '(unexplained)'}`} |`;
      rows.push(row);
      if (!agree) disagreeing.push({ name: mutation.name, row });
    }
    if (process.env.REGEN_UPDATE_AGREEMENT === '1') {
      mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
      writeFileSync(
        path.join(ROOT, 'bench/results/oasdiff-agreement.md'),
        [
          '| pair | regen-diff | oasdiff 1.39.0 (`changelog`) | agree |',
          '|---|---|---|---|',
          ...rows,
          '',
        ].join('\n'),
      );
    }
    expect(disagreeing.map((d) => d.name).sort()).toEqual(Object.keys(DISAGREEMENTS).sort());
    const readme = readFileSync(path.join(ROOT, 'packages/diff/README.md'), 'utf8');
    const missing = disagreeing.filter((d) => !readme.includes(d.row)).map((d) => d.row);
    expect(
      missing,
      'disagreements not in packages/diff/README.md as produced (REGEN_UPDATE_AGREEMENT=1 writes the table)',
    ).toEqual([]);
  }, 300_000);
});
