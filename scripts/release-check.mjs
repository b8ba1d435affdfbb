#!/usr/bin/env node
/**
 * @module `npm run release:check`: which version bump the changes since the last release require,
 * why, and whether the pending changesets declare it (a step of `npm test`, so CI fails when not).
 *
 * - The contract: regen-diff of the released contract (`packages/contract/etc/released/openapi.json`)
 *   against `openapi/` — breaking → major; an addition, a deprecation or a widened response → minor;
 *   documentation → patch.
 * - The public API: each api-extractor report (`packages/{client,contract}/etc/*.api.md`) against its
 *   released copy — a declaration line gone or changed → major, lines only added → minor.
 * - `.changeset/contract-changes.md` must hold exactly that bump for the fixed group and regen-diff's
 *   Markdown (so the changelog lists every contract change); `--write` writes it.
 * - The pending changesets together must declare at least the required bump.
 *
 * Usage: node scripts/release-check.mjs [--write] [--base REV] [--record-release] [--repo DIR]
 *   --base REV        compare with a git revision instead (what a branch alone requires); reports only
 *   --record-release  after `npx changeset version`: record the work tree as the released state
 * Exit: 0 declared, 1 not declared or the generated changeset is stale, 2 cannot tell (one line why).
 * Needs `npm run build` (it runs the built `@regen/diff`).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiReportBump } from './release/api-report-bump.mjs';
import { covers, FIXED, maxBump } from './release/bumps.mjs';
import { declaredBump, pendingChangesets } from './release/changesets.mjs';
import { CONTRACT_CHANGESET, contractChangeset } from './release/contract-changeset.mjs';
import { git } from './release/git.mjs';
import { lastRelease, REPORTED, recordRelease, releasedReport } from './release/released-state.mjs';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const repo = path.resolve(option('--repo') ?? here);
const base = option('--base');

function cannot(message) {
  console.error(`release:check: ${message}`);
  process.exit(2);
}

if (!existsSync(path.join(here, 'packages/diff/dist/index.js')))
  cannot('packages/diff/dist is missing: run `npm run build` first');
const { diffSpecs, formatMarkdown, loadSpec, requiredBump } = await import('@regen/diff');
const load = async (input) => {
  try {
    return await loadSpec(input, repo);
  } catch (error) {
    cannot(`${input}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const current = await load('openapi/openapi.yaml');

if (args.includes('--record-release')) {
  const { version } = JSON.parse(readFileSync(path.join(repo, 'packages/contract/package.json'), 'utf8'));
  recordRelease(repo, version, current);
  console.log(`recorded the work tree as the released state of ${version} (packages/*/etc/released/)`);
  process.exit(0);
}

let since;
let before;
let releasedText;
if (base !== undefined) {
  since = `revision ${base}`;
  before = await load(`${base}:openapi/openapi.yaml`);
  releasedText = (name, file) => {
    try {
      return git(repo, 'show', `${base}:packages/${name}/etc/${file}`);
    } catch {
      return null;
    }
  };
} else {
  const release = lastRelease(repo);
  if (release === null)
    cannot(
      'no release is recorded in packages/contract/etc/released/: run `npm run release:version` when releasing, or pass --base REV',
    );
  since = `release ${release.version}`;
  before = await load(release.contractPath);
  releasedText = (name, file) => releasedReport(repo, name, file);
}

const contract = diffSpecs(before, current);
const fromContract = requiredBump(contract);
const fromApi = apiReportBump(repo, REPORTED, releasedText);
const required = maxBump(fromContract.bump, fromApi.bump);

console.log(`since ${since}`);
console.log(
  `contract: ${fromContract.bump}${fromContract.reasons.length ? ` (${fromContract.reasons.join('; ')})` : ''}`,
);
console.log(
  `public API reports: ${fromApi.bump}${fromApi.reasons.length ? ` (${fromApi.reasons.join('; ')})` : ''}`,
);

if (base !== undefined) {
  console.log(`required by the changes since ${base}: ${required}`);
  if (covers(fromContract.bump, 'patch')) console.log(`\n${formatMarkdown(contract)}`);
  process.exit(0);
}

// The generated changeset: exactly what the changes since the release require, and their list.
const generated = path.join(repo, CONTRACT_CHANGESET);
const expected =
  required === 'none'
    ? null
    : contractChangeset(
        required,
        covers(fromContract.bump, 'patch') ? formatMarkdown(contract) : null,
        fromApi.reasons,
      );
const actual = existsSync(generated) ? readFileSync(generated, 'utf8') : null;
if (args.includes('--write') && actual !== expected) {
  if (expected === null) rmSync(generated);
  else writeFileSync(generated, expected);
  console.log(`${expected === null ? 'removed' : 'wrote'} ${CONTRACT_CHANGESET}`);
}
const stale = !args.includes('--write') && actual !== expected;

const declared = declaredBump(pendingChangesets(repo));
console.log(`required: ${required}; declared by the pending changesets for ${FIXED.join(', ')}: ${declared}`);
let failed = false;
if (stale) {
  console.log(
    `✘ ${CONTRACT_CHANGESET} ${actual === null ? 'is missing' : 'is out of date'}: run \`npm run release:check -- --write\` and commit it`,
  );
  failed = true;
}
if (!covers(declared, required)) {
  console.log(`✘ the changes need a ${required} changeset; the pending ones declare ${declared}`);
  failed = true;
}
if (failed) process.exit(1);
console.log('✔ the pending changesets declare what the changes require');
