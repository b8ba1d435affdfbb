/**
 * @module The bump a public API change requires, read from the committed api-extractor reports
 * (`packages/{client,contract}/etc/*.api.md`) as released and now: a declaration line gone or
 * changed is major, lines only added are minor.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { maxBump } from './bumps.mjs';

/**
 * `{ bump, reasons }` for the reports of `repo` against `releasedText(name, file)`, which gives a
 * report's released text or null (an entry point new since then: nothing to compare with).
 */
export function apiReportBump(repo, packages, releasedText) {
  let bump = 'none';
  const reasons = [];
  for (const name of packages) {
    const dir = path.join(repo, 'packages', name, 'etc');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.api.md'))) {
      const before = releasedText(name, file);
      if (before === null) continue;
      const was = declarations(before);
      const now = declarations(readFileSync(path.join(dir, file), 'utf8'));
      const gone = [...was].filter((line) => !now.has(line)).length;
      const added = [...now].filter((line) => !was.has(line)).length;
      const needed = gone > 0 ? 'major' : added > 0 ? 'minor' : 'none';
      if (needed !== 'none')
        reasons.push(
          `${needed}: packages/${name}/etc/${file} (${gone} lines gone or changed, ${added} added)`,
        );
      bump = maxBump(bump, needed);
    }
  }
  return { bump, reasons };
}

/** The report's declaration lines (comments and blank lines say nothing about the API). */
function declarations(text) {
  return new Set(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('//')),
  );
}
