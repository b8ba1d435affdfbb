/**
 * @module Compiles the contract's request and response schemas into standalone Ajv validators.
 *
 * The stub validates with JSON Schema 2020-12 exactly as the contract states it (unknown
 * fields are rejected where `additionalProperties: false` says so, which zod's generated
 * schemas do not enforce), and compiling ahead of time keeps the stub's start-up fast.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';
import { withHeader } from './header.mjs';
import { deref, walkOperations } from './walk-operations.mjs';

const DOC_ID = 'regen:openapi';

function pointer(...parts) {
  return `${DOC_ID}#/${parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

function makeAjv(coerce) {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: false,
    coerceTypes: coerce,
    useDefaults: coerce,
    code: { source: true, esm: true, lines: false, optimize: true, formats: undefined },
  });
  addFormats(ajv);
  return ajv;
}

/** A JSON-Schema object for a set of parameters, validated after the server collects them as strings. */
function paramsSchema(params) {
  const properties = {};
  const required = [];
  for (const p of params) {
    properties[p.in === 'header' ? p.name.toLowerCase() : p.name] = p.schema ?? {};
    if (p.required) required.push(p.in === 'header' ? p.name.toLowerCase() : p.name);
  }
  return { type: 'object', properties, required };
}

/** Ajv's ESM output still `require`s its runtime helpers (formats, ucs2length): give it a `require`. */
function esmWithRuntime(code) {
  const body = code.replace(/^"use strict";/, '');
  return `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${body}`;
}

export async function generateValidators(doc, outDir) {
  const bodyAjv = makeAjv(false);
  const paramAjv = makeAjv('array');
  // The whole document is registered once so `#/components/...` refs resolve inside it.
  bodyAjv.addSchema({ ...doc, $id: DOC_ID });
  paramAjv.addSchema({ ...doc, $id: DOC_ID });
  const bodyRefs = {};
  const paramRefs = {};
  const map = {};
  for (const { path: route, method, operation, parameters } of walkOperations(doc)) {
    const id = operation.operationId;
    const entry = { params: {}, body: {}, responses: {} };
    for (const location of ['path', 'query', 'header']) {
      const params = parameters.filter((p) => p.in === location);
      if (params.length === 0) continue;
      const name = `${id}_${location}`;
      paramAjv.addSchema({ $id: `regen:${name}`, ...paramsSchema(params), additionalProperties: location !== 'query' });
      paramRefs[name] = `regen:${name}`;
      entry.params[location] = name;
    }
    const body = deref(doc, operation.requestBody);
    for (const type of Object.keys(body?.content ?? {})) {
      const name = `${id}_body_${type.replace(/[^a-z0-9]+/gi, '_')}`;
      bodyAjv.addSchema({
        $id: `regen:${name}`,
        $ref: pointer('paths', route, method, 'requestBody', 'content', type, 'schema'),
      });
      bodyRefs[name] = `regen:${name}`;
      entry.body[type] = name;
    }
    for (const [status, rawResponse] of Object.entries(operation.responses ?? {})) {
      const response = deref(doc, rawResponse);
      const json = response.content?.['application/json'];
      if (!json?.schema) continue;
      const name = `${id}_response_${status}`;
      const schemaPath = rawResponse.$ref
        ? [...rawResponse.$ref.slice(2).split('/'), 'content', 'application/json', 'schema']
        : ['paths', route, method, 'responses', status, 'content', 'application/json', 'schema'];
      bodyAjv.addSchema({ $id: `regen:${name}`, $ref: pointer(...schemaPath) });
      bodyRefs[name] = `regen:${name}`;
      entry.responses[status] = name;
    }
    map[id] = entry;
  }
  const bodyFile = path.join(outDir, 'body-validators.js');
  const paramFile = path.join(outDir, 'param-validators.js');
  await writeFile(bodyFile, withHeader(esmWithRuntime(standaloneCode(bodyAjv, bodyRefs))));
  await writeFile(paramFile, withHeader(esmWithRuntime(standaloneCode(paramAjv, paramRefs))));
  const dts = (names) =>
    withHeader(
      `import type { GeneratedValidator } from './validator-types.ts';\n${names
        .map((n) => `export declare const ${n}: GeneratedValidator;`)
        .join('\n')}\n`,
    );
  await writeFile(
    path.join(outDir, 'validator-types.ts'),
    withHeader(`/** The shape of an Ajv error this project reads. */
export interface ValidationIssue {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** A standalone Ajv validate function: returns whether the data is valid and leaves the issues on its errors property. */
export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: readonly ValidationIssue[] | null;
}
`),
  );
  await writeFile(path.join(outDir, 'body-validators.d.ts'), dts(Object.keys(bodyRefs)));
  await writeFile(path.join(outDir, 'param-validators.d.ts'), dts(Object.keys(paramRefs)));
  const mapFile = path.join(outDir, 'operation-validators.ts');
  const mapSource = `import * as body from './body-validators.js';
import * as param from './param-validators.js';
import type { GeneratedValidator } from './validator-types.ts';

/** Validators of one operation: parameters by location, bodies by media type, responses by status. */
export interface OperationValidators {
  readonly params: { readonly path?: GeneratedValidator; readonly query?: GeneratedValidator; readonly header?: GeneratedValidator };
  readonly body: Readonly<Record<string, GeneratedValidator>>;
  readonly responses: Readonly<Record<string, GeneratedValidator>>;
}

/** Ajv validators compiled from the contract, keyed by operationId. */
export const operationValidators = {
${Object.entries(map)
  .map(([id, e]) => {
    const params = Object.entries(e.params)
      .map(([loc, n]) => `${loc}: param.${n}`)
      .join(', ');
    const bodies = Object.entries(e.body)
      .map(([t, n]) => `'${t}': body.${n}`)
      .join(', ');
    const responses = Object.entries(e.responses)
      .map(([s, n]) => `'${s}': body.${n}`)
      .join(', ');
    return `  ${id}: { params: { ${params} }, body: { ${bodies} }, responses: { ${responses} } },`;
  })
  .join('\n')}
} as const satisfies Record<string, OperationValidators>;
`;
  await writeFile(mapFile, withHeader(mapSource));
  return [bodyFile, paramFile, mapFile, path.join(outDir, 'validator-types.ts')];
}
