#!/usr/bin/env node
/**
 * @module `npm run release:check`: before merging, which version bump the change requires, why, and
 * whether the changesets added since the base declare it.
 *
 * - The contract: `regen-diff` of `openapi/` at the base against the work tree — breaking → major,
 *   an addition, a deprecation or a widened response → minor, documentation → patch.
 * - The public API: each committed api-extractor report (`packages/{client,contract}/etc/*.api.md`)
 *   at the base against now — a declaration line gone or changed → major, lines only added → minor.
 * - The changesets added since the base (committed or not): the highest bump they give a package of
 *   the fixed group (`@regen/contract`, `@regen/client`, `@regen/stub`, `@regen/conformance`, one version).
 *
 * Exit 1 when the declared bump is lower than the required one. Prints the contract changes as
 * Markdown, the text for the changeset. Needs `npm run build` (it runs the built `@regen/diff`).
 *
 * Usage: node scripts/release-check.mjs [--base REV]   (default: the merge base with main)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXED = ['@regen/contract', '@regen/client', '@regen/stub', '@regen/conformance'];
const BUMPS = ['none', 'patch', 'minor', 'major'];
const max = (a, b) => (BUMPS.indexOf(b) > BUMPS.indexOf(a) ? b : a);
const git = (...args) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

if (!existsSync(path.join(root, 'packages/diff/dist/index.js'))) {
  console.error('packages/diff/dist is missing: run `npm run build` first.');
  process.exit(2);
}
const { diffSpecs, formatMarkdown, loadSpec, requiredBump } = await import('@regen/diff');

const at = process.argv.indexOf('--base');
const base = at === -1 ? mergeBase() : process.argv[at + 1];
function mergeBase() {
  try {
    return git('merge-base', 'HEAD', 'main').trim();
  } catch {
    return 'HEAD';
  }
}

// 1. The contract.
const contract = diffSpecs(
  await loadSpec(`${base}:openapi/openapi.yaml`, root),
  await loadSpec('openapi/openapi.yaml', root),
);
const fromContract = requiredBump(contract);

// 2. The public API reports.
let fromApi = 'none';
const apiReasons = [];
for (const name of ['client', 'contract']) {
  const dir = path.join(root, 'packages', name, 'etc');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.api.md'))) {
    const relative = `packages/${name}/etc/${file}`;
    let before;
    try {
      before = git('show', `${base}:${relative}`);
    } catch {
      continue; // no report at the base: nothing to compare with
    }
    const after = readFileSync(path.join(dir, file), 'utf8');
    const declarations = (text) =>
      new Set(
        text
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== '' && !line.startsWith('//')),
      );
    const [was, now] = [declarations(before), declarations(after)];
    const gone = [...was].filter((line) => !now.has(line)).length;
    const added = [...now].filter((line) => !was.has(line)).length;
    const bump = gone > 0 ? 'major' : added > 0 ? 'minor' : 'none';
    if (bump !== 'none')
      apiReasons.push(`${bump}: ${relative} (${gone} lines gone or changed, ${added} added)`);
    fromApi = max(fromApi, bump);
  }
}

// 3. The changesets added since the base.
const added = new Set([
  ...git('diff', '--name-only', '--diff-filter=A', base, '--', '.changeset').split('\n'),
  ...git('ls-files', '--others', '--exclude-standard', '.changeset').split('\n'),
]);
let declared = 'none';
for (const file of [...added].filter((f) => f.endsWith('.md') && !f.endsWith('README.md'))) {
  const front = readFileSync(path.join(root, file), 'utf8').split('---')[1] ?? '';
  for (const match of front.matchAll(/["']?(@regen\/[\w-]+)["']?\s*:\s*(major|minor|patch)/g)) {
    if (FIXED.includes(match[1])) declared = max(declared, match[2]);
  }
}

const required = max(fromContract.bump, fromApi);
console.log(`base ${base.slice(0, 12)}`);
console.log(
  `contract: ${fromContract.bump}${fromContract.reasons.length ? ` (${fromContract.reasons.join('; ')})` : ''}`,
);
console.log(`public API reports: ${fromApi}${apiReasons.length ? ` (${apiReasons.join('; ')})` : ''}`);
console.log(`required: ${required}; declared by changesets for ${FIXED.join(', ')}: ${declared}`);
if (BUMPS.indexOf(fromContract.bump) >= BUMPS.indexOf('patch')) {
  console.log('\nFor the changeset:\n');
  console.log(formatMarkdown(contract));
}
if (BUMPS.indexOf(declared) < BUMPS.indexOf(required)) {
  console.log(`✘ the change needs a ${required} changeset: run \`npx changeset\` and choose ${required}`);
  process.exit(1);
}
console.log('✔ the changesets declare what the change requires');
