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
import { emitResponseChecks } from './response-checks.mjs';
import { deref, walkOperations } from './walk-operations.mjs';

const DOC_ID = 'regen:openapi';

function makeAjv(coerce) {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: false,
    // Shared component schemas compile to one function each instead of being inlined per use.
    inlineRefs: false,
    coerceTypes: coerce,
    useDefaults: coerce,
    code: { source: true, esm: true, lines: false, optimize: true, formats: undefined },
  });
  addFormats(ajv);
  return ajv;
}

const SCHEMA_PREFIX = '#/components/schemas/';

/**
 * Re-anchors local refs: a component schema becomes its own `regen:schemas/<Name>` resource
 * (so Ajv compiles it once, not once per use), anything else points into the document.
 */
function anchorRefs(node) {
  if (Array.isArray(node)) return node.map(anchorRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, key === '$ref' ? anchorRef(value) : anchorRefs(value)]),
  );
}

function anchorRef(ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return ref;
  if (!ref.startsWith(SCHEMA_PREFIX)) return `${DOC_ID}${ref}`;
  const [name, ...rest] = ref.slice(SCHEMA_PREFIX.length).split('/');
  return rest.length > 0 ? `regen:schemas/${name}#/${rest.join('/')}` : `regen:schemas/${name}`;
}

/** Registers every component schema as its own resource, and the document for everything else. */
function registerContract(ajv, doc) {
  ajv.addSchema({ ...anchorRefs(doc), $id: DOC_ID });
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    ajv.addSchema({ ...anchorRefs(schema), $id: `regen:schemas/${name}` });
  }
}

/** A JSON-Schema object for a set of parameters, validated after the server collects them as strings. */
function paramsSchema(params) {
  const properties = {};
  const required = [];
  for (const p of params) {
    properties[p.in === 'header' ? p.name.toLowerCase() : p.name] = anchorRefs(p.schema ?? {});
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
  registerContract(bodyAjv, doc);
  registerContract(paramAjv, doc);
  const bodyRefs = {};
  const paramRefs = {};
  const map = {};
  /** Response schemas by validator name, for the fast checks compiled from the same schemas. */
  const responseSchemas = {};
  /**
   * One validator per distinct schema: a `$ref` to a component shares `schema_<Name>` (so the
   * error envelope compiles once, not once per operation); an inline schema gets its own.
   */
  const useSchema = (schema, inlineName) => {
    const ref = schema.$ref;
    if (
      typeof ref === 'string' &&
      ref.startsWith(SCHEMA_PREFIX) &&
      !ref.slice(SCHEMA_PREFIX.length).includes('/')
    ) {
      const name = `schema_${ref.slice(SCHEMA_PREFIX.length)}`;
      bodyRefs[name] = `regen:schemas/${ref.slice(SCHEMA_PREFIX.length)}`;
      return name;
    }
    bodyAjv.addSchema({ ...anchorRefs(schema), $id: `regen:${inlineName}` });
    bodyRefs[inlineName] = `regen:${inlineName}`;
    return inlineName;
  };
  for (const { operation, parameters } of walkOperations(doc)) {
    const id = operation.operationId;
    const entry = { params: {}, body: {}, responses: {} };
    for (const location of ['path', 'query', 'header']) {
      const params = parameters.filter((p) => p.in === location);
      if (params.length === 0) continue;
      const name = `${id}_${location}`;
      paramAjv.addSchema({
        $id: `regen:${name}`,
        ...paramsSchema(params),
        additionalProperties: location !== 'query',
      });
      paramRefs[name] = `regen:${name}`;
      entry.params[location] = name;
    }
    const body = deref(doc, operation.requestBody);
    for (const [type, media] of Object.entries(body?.content ?? {})) {
      const name = useSchema(media.schema, `${id}_body_${type.replace(/[^a-z0-9]+/gi, '_')}`);
      entry.body[type] = name;
    }
    for (const [status, rawResponse] of Object.entries(operation.responses ?? {})) {
      const json = deref(doc, rawResponse).content?.['application/json'];
      if (!json?.schema) continue;
      entry.responses[status] = useSchema(json.schema, `${id}_response_${status}`);
      responseSchemas[entry.responses[status]] = json.schema;
    }
    map[id] = entry;
  }
  const bodyFile = path.join(outDir, 'body-validators.js');
  const paramFile = path.join(outDir, 'param-validators.js');
  await writeFile(bodyFile, withHeader(esmWithRuntime(standaloneCode(bodyAjv, bodyRefs))));
  await writeFile(paramFile, withHeader(esmWithRuntime(standaloneCode(paramAjv, paramRefs))));
  // A sealed record's check is remembered (see packages/stub/src/records/sealed.ts).
  const checks = emitResponseChecks(doc, responseSchemas, '../records/sealed.ts');
  const checkFile = path.join(outDir, 'response-checks.js');
  await writeFile(checkFile, withHeader(checks.source));
  const checkable = new Set(checks.names);
  await writeFile(
    path.join(outDir, 'response-checks.d.ts'),
    withHeader(
      `import type { GeneratedResponseCheck } from './validator-types.ts';\n${checks.names
        .map((n) => `export declare const ${n}: GeneratedResponseCheck;`)
        .join('\n')}\n`,
    ),
  );
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

/**
 * Whether a response body certainly matches the schema it was compiled from (false: it may not,
 * the validator decides); never true for a body the validator refuses.
 */
export type GeneratedResponseCheck = (data: unknown) => boolean;
`),
  );
  await writeFile(path.join(outDir, 'body-validators.d.ts'), dts(Object.keys(bodyRefs)));
  await writeFile(path.join(outDir, 'param-validators.d.ts'), dts(Object.keys(paramRefs)));
  const mapFile = path.join(outDir, 'operation-validators.ts');
  const mapSource = `import * as body from './body-validators.js';
import * as param from './param-validators.js';
import * as check from './response-checks.js';
import type { GeneratedResponseCheck, GeneratedValidator } from './validator-types.ts';

/**
 * Validators of one operation: parameters by location, bodies by media type, responses by status,
 * and the fast checks of response bodies compiled from the same schemas.
 */
export interface OperationValidators {
  readonly params: { readonly path?: GeneratedValidator; readonly query?: GeneratedValidator; readonly header?: GeneratedValidator };
  readonly body: Readonly<Record<string, GeneratedValidator>>;
  readonly responses: Readonly<Record<string, GeneratedValidator>>;
  readonly checks: Readonly<Record<string, GeneratedResponseCheck>>;
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
    const fast = Object.entries(e.responses)
      .filter(([, n]) => checkable.has(n))
      .map(([s, n]) => `'${s}': check.${n}`)
      .join(', ');
    return `  ${id}: { params: { ${params} }, body: { ${bodies} }, responses: { ${responses} }, checks: { ${fast} } },`;
  })
  .join('\n')}
} as const satisfies Record<string, OperationValidators>;
`;
  await writeFile(mapFile, withHeader(mapSource));
  return [bodyFile, paramFile, checkFile, mapFile, path.join(outDir, 'validator-types.ts')];
}
