/**
 * The corpus side by side with oasdiff (the anchor: 300+ checks, Go). Each pair is classified by both;
 * the worst level each reports is compared, and every pair where they differ must be one of
 * `DISAGREEMENTS`, with the reason which is right. Writes the whole table to
 * bench/results/oasdiff-agreement.md. Skipped, saying so, where oasdiff is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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

describe.skipIf(OASDIFF === undefined)(`the corpus beside oasdiff${WHY}`, () => {
  it('agrees pair by pair, except where DISAGREEMENTS says which is right and why', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'regen-diff-oasdiff-'));
    const rows: string[] = [];
    const disagreeing: string[] = [];
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
      if (!agree) disagreeing.push(mutation.name);
      const ids = [...new Set(theirs.map((c) => `${c.id} (${oasdiffLevel(c.level)})`))].join(', ') || '—';
      rows.push(
        `| ${mutation.name} | \`${mutation.rules.join(', ') || '—'}\` → ${ourLevel} | ${ids} → ${theirLevel} | ${agree ? 'yes' : `no: ${DISAGREEMENTS[mutation.name] ?? '(unexplained)'}`} |`,
      );
    }
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(
      path.join(ROOT, 'bench/results/oasdiff-agreement.md'),
      ['| pair | regen-diff | oasdiff | agree |', '|---|---|---|---|', ...rows, ''].join('\n'),
    );
    expect(disagreeing.sort()).toEqual(Object.keys(DISAGREEMENTS).sort());
  }, 300_000);
});
