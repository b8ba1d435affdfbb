#!/usr/bin/env node
/**
 * @module Regenerates every derived artefact from the hand-written contract in `openapi/`.
 *
 * Outputs (all committed, all starting with a `@generated` line, never edited by hand):
 * - packages/contract/openapi.json, openapi.yaml — the bundled document
 * - packages/contract/src/generated/openapi-types.ts — openapi-typescript
 * - packages/contract/src/generated/zod.gen.ts — @hey-api/openapi-ts zod plugin
 * - packages/contract/src/generated/zod-responses.ts — operationId → zod schema of the success body
 * - packages/contract/src/generated/operations.ts — the runtime operation index
 * - packages/contract/src/generated/scopes.ts — scope names, aliases and roles
 * - packages/contract/src/generated/defaults.ts, packages/stub/src/generated/contract-defaults.ts —
 *   the documented defaults (token lifetimes, rate-limit tiers), one source for both
 * - packages/stub/src/generated/body-validators.js, param-validators.js (+ .d.ts) — Ajv standalone validators
 * - packages/stub/src/generated/response-checks.js (+ .d.ts) — fast checks of response bodies (Ajv explains a failure)
 * - packages/stub/src/generated/operation-validators.ts — operationId → validators
 * - packages/stub/src/generated/operations.ts — the stub's operation registry (route table) and handler table type
 * - openapi/README.md — only its operations table, between the `operations:start`/`end` markers
 * - packages/client/src/generated/ — the client surface, emitted from the SDK model (generate/sdk-model.mjs)
 *
 * One reader, generate/contract-model.mjs, turns the bundled document into the contract model;
 * the operation index, the stub's registry, the documented defaults, the README table and the SDK
 * model all read it.
 * - packages/client/api.md — every namespace and method of the client
 * - packages/python-sdk/src/regen/_generated/ and packages/python-sdk/api.md — the Python SDK, emitted
 *   from the same SDK model (generate/emit-python.mjs), with its types from the document's schemas
 *
 * Running it twice changes nothing: output depends only on `openapi/` (and on the client's
 * `src/lib/`: `custom.json` names the namespaces with hand-written parts, api.md shows their signatures).
 *
 * `node scripts/generate.mjs [outRoot] [openapiDir]`: write under `outRoot` instead of the
 * repository (the drift check and the proof tests), from a contract copy in `openapiDir`.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleContract } from './generate/bundle.mjs';
import { buildContractModel, unexposedPaths } from './generate/contract-model.mjs';
import { generateDefaults } from './generate/defaults.mjs';
import { emitApiMd } from './generate/emit-api-md.mjs';
import { emitClient, readCustom } from './generate/emit-client.mjs';
import { emitPython } from './generate/emit-python.mjs';
import { emitPythonApiMd } from './generate/emit-python-api-md.mjs';
import { generateOperations } from './generate/operations.mjs';
import { generateReadmeOperations } from './generate/readme-operations.mjs';
import { generateScopes } from './generate/scopes.mjs';
import { sdkModelOf } from './generate/sdk-model.mjs';
import { generateStubRegistry } from './generate/stub-registry.mjs';
import { generateTypes } from './generate/types.mjs';
import { generateValidators } from './generate/validators.mjs';
import { generateZod } from './generate/zod.mjs';
import { generateZodResponses } from './generate/zod-responses.mjs';

/** Where the Python SDK's generated modules go (the drift check compares the same folder). */
const PYTHON_GENERATED = 'packages/python-sdk/src/regen/_generated';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = process.argv[2] ? path.resolve(process.argv[2]) : root;
const openapiDir = process.argv[3] ? path.resolve(process.argv[3]) : path.join(root, 'openapi');

async function hashContract() {
  const hash = createHash('sha256');
  const files = (await readdir(openapiDir, { recursive: true })).filter((f) => /\.(ya?ml|json)$/.test(f));
  for (const file of files.sort()) {
    hash.update(file.replaceAll('\\', '/'));
    hash.update(await readFile(path.join(openapiDir, file)));
  }
  return hash.digest('hex');
}

const contractDir = path.join(outRoot, 'packages/contract');
const contractGen = path.join(contractDir, 'src/generated');
const stubGen = path.join(outRoot, 'packages/stub/src/generated');
await rm(contractGen, { recursive: true, force: true });
await rm(stubGen, { recursive: true, force: true });
await mkdir(contractGen, { recursive: true });
await mkdir(stubGen, { recursive: true });
const clientGen = path.join(outRoot, 'packages/client/src/generated');
await rm(clientGen, { recursive: true, force: true });
await mkdir(clientGen, { recursive: true });

const contractHash = await hashContract();
const doc = await bundleContract(path.join(openapiDir, 'openapi.yaml'), contractDir, contractHash);
const contractModel = buildContractModel(doc);
const sdkModel = sdkModelOf(contractModel);
const clientLib = path.join(root, 'packages/client/src/lib');
const clientCustom = readCustom(clientLib);
const outputs = [
  ...(await generateTypes(path.join(contractDir, 'openapi.json'), contractGen)),
  ...(await generateZod(path.join(contractDir, 'openapi.json'), contractGen)),
  ...(await generateZodResponses(doc, contractGen)),
  ...(await generateOperations(contractModel, contractGen)),
  ...(await generateScopes(doc, contractGen)),
  ...(await generateDefaults(contractModel, contractGen, stubGen)),
  ...(await generateValidators(doc, stubGen)),
  ...(await generateStubRegistry(contractModel, stubGen)),
  ...(await generateReadmeOperations(contractModel, openapiDir, path.join(outRoot, 'openapi'))),
  ...(await emitClient(sdkModel, clientGen, clientCustom, unexposedPaths(contractModel))),
  ...(await emitApiMd(sdkModel, path.join(outRoot, 'packages/client/api.md'), clientCustom, clientLib)),
  ...(await emitPython(sdkModel, doc.components?.schemas ?? {}, path.join(outRoot, PYTHON_GENERATED))),
  ...(await emitPythonApiMd(
    sdkModel,
    doc.components?.schemas ?? {},
    path.join(outRoot, 'packages/python-sdk/api.md'),
  )),
];
await writeFile(
  path.join(contractGen, 'contract-hash.ts'),
  `// @generated by scripts/generate.mjs from openapi/ — do not edit.\n/** SHA-256 of the files under openapi/ this output was generated from. */\nexport const CONTRACT_SHA256 = '${contractHash}';\n`,
);
console.log(`generated ${outputs.length + 3} files from openapi/ (sha256 ${contractHash.slice(0, 12)})`);
