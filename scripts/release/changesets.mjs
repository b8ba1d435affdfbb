/**
 * @module The pending changesets (every `.changeset/*.md` but the README: `npx changeset version`
 * deletes them when it releases) and the bump they declare for the fixed group.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXED, maxBump } from './bumps.mjs';

/** `[{ file, bump, body }]` for each pending changeset of `repo`. */
export function pendingChangesets(repo) {
  const dir = path.join(repo, '.changeset');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .sort()
    .map((file) => ({ file: `.changeset/${file}`, ...parse(readFileSync(path.join(dir, file), 'utf8')) }));
}

/** The highest bump the changesets give a package of the fixed group. */
export function declaredBump(changesets) {
  return changesets.reduce((bump, changeset) => maxBump(bump, changeset.bump), 'none');
}

function parse(text) {
  const [, front = '', ...rest] = text.split(/^---\s*$/m);
  let bump = 'none';
  for (const match of front.matchAll(/["']?(@regen\/[\w-]+)["']?\s*:\s*(major|minor|patch)/g)) {
    if (FIXED.includes(match[1])) bump = maxBump(bump, match[2]);
  }
  return { bump, body: rest.join('---').trim() };
}
