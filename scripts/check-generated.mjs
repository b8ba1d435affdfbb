#!/usr/bin/env node
/**
 * @module Drift check: regenerates everything from `openapi/` into a scratch directory and
 * fails when any committed generated file differs, is missing, or is stale.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GENERATED = [
  'packages/contract/openapi.json',
  'packages/contract/openapi.yaml',
  'packages/contract/src/generated',
  'packages/stub/src/generated',
  'openapi/README.md',
  'packages/client/src/generated',
  'packages/client/api.md',
  'packages/python-sdk/src/regen/_generated',
  'packages/python-sdk/api.md',
];

async function listFiles(base, entry) {
  const full = path.join(base, entry);
  try {
    const names = await readdir(full, { recursive: true, withFileTypes: true });
    // Python's bytecode caches (ignored by git) are written beside the generated modules by any run.
    return names
      .filter((d) => d.isFile() && !d.parentPath.split(path.sep).includes('__pycache__'))
      .map((d) => path.relative(base, path.join(d.parentPath, d.name)));
  } catch (error) {
    if (error.code === 'ENOTDIR') return [entry];
    if (error.code === 'ENOENT') return [];
    throw error;
  }
}

const scratch = await mkdtemp(path.join(tmpdir(), 'regen-generate-'));
try {
  execFileSync(process.execPath, [path.join(root, 'scripts/generate.mjs'), scratch], {
    stdio: 'inherit',
    cwd: root,
  });
  const problems = [];
  for (const entry of GENERATED) {
    const fresh = new Set(await listFiles(scratch, entry));
    const committed = new Set(await listFiles(root, entry));
    for (const file of new Set([...fresh, ...committed])) {
      if (!fresh.has(file)) problems.push(`stale (no longer generated): ${file}`);
      else if (!committed.has(file)) problems.push(`missing (not committed): ${file}`);
      else if (!(await readFile(path.join(scratch, file))).equals(await readFile(path.join(root, file)))) {
        problems.push(`differs from a fresh generation: ${file}`);
      }
    }
  }
  if (problems.length > 0) {
    console.error(
      `Generated code is out of date with openapi/ — run \`npm run generate\` and commit:\n  ${problems.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log('generated code matches openapi/');
} finally {
  await rm(scratch, { recursive: true, force: true });
}
