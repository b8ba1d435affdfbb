/**
 * The README's check index is generated from the registry: this test fails when they drift.
 * Rewrite it with `REGEN_UPDATE_README=1 npx vitest run test/readme-checks.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILT_IN } from '../src/checks/registry.ts';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const START = '<!-- check-index:start (generated from src/checks/all.ts; see test/readme-checks.test.ts) -->';
const END = '<!-- check-index:end -->';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** What a check holds, and its rules when it reports them one by one. */
function holds(c: (typeof BUILT_IN.checks)[number]): string {
  const rules = Object.keys(c.rules ?? {});
  if (rules.length === 0) return cell(c.description);
  return `${cell(c.description)} Rules (a testcase each): ${rules.map((r) => `\`${c.name}/${r}\``).join(', ')}.`;
}

/** One row per built-in check, in registry (run) order. */
function checkIndex(): string {
  const rows = BUILT_IN.checks.map(
    (c) => `| \`${c.name}\` | ${c.suite} | ${c.phase} | ${holds(c)} | ${cell(c.clause)} |`,
  );
  return [
    '| check | suite | phase | what it holds | contract clause |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

describe('README check index', () => {
  it('matches the registry', () => {
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect(start, `README.md has no ${START} marker`).toBeGreaterThan(-1);
    const current = readme.slice(start + START.length, end).trim();
    const generated = checkIndex();
    if (process.env.REGEN_UPDATE_README === '1' && current !== generated)
      writeFileSync(README, `${readme.slice(0, start + START.length)}\n${generated}\n${readme.slice(end)}`);
    else expect(current, 'rewrite with REGEN_UPDATE_README=1 (see this file)').toBe(generated);
  });
});
