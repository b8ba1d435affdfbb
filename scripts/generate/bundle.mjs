/**
 * @module Bundles the multi-file contract into one document (JSON and YAML) with Redocly.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { GENERATED_NOTE } from './header.mjs';

/** Bundles `entry` into `<outDir>/openapi.{json,yaml}` and returns the parsed document. */
export async function bundleContract(entry, outDir, contractHash) {
  const jsonPath = path.join(outDir, 'openapi.json');
  execFileSync(
    process.execPath,
    [require_redocly(), 'bundle', entry, '--output', jsonPath, '--ext', 'json', '--lint-config', 'off'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const doc = JSON.parse(await readFile(jsonPath, 'utf8'));
  // JSON has no comments: the generated marker is an extension field at the top.
  const marked = { 'x-generated': `${GENERATED_NOTE} sha256:${contractHash}`, ...doc };
  await writeFile(jsonPath, `${JSON.stringify(marked, null, 2)}\n`);
  await writeFile(
    path.join(outDir, 'openapi.yaml'),
    // `version: '1.1'` quotes every string a YAML 1.1 reader (PyYAML, …) would take for another
    // type (`yes`, timestamps): the file reads the same under YAML 1.1 and 1.2.
    `# ${GENERATED_NOTE}\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' })}`,
  );
  return doc;
}

function require_redocly() {
  return fileURLToPath(new URL('../../node_modules/@redocly/cli/bin/cli.js', import.meta.url));
}
