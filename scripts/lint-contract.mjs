#!/usr/bin/env node
/**
 * @module Lints the hand-written contract (openapi/openapi.yaml and the files it references).
 *
 * 1. `redocly lint` (recommended-strict, redocly.yaml) and `spectral lint` (.spectral.yaml):
 *    any error or warning fails.
 * 2. Bundles the document and checks, with Ajv (JSON Schema 2020-12 + formats), that every
 *    example validates against its schema: media-type, schema, parameter and header examples.
 * 3. Checks the project rules: scoped operations accept every scheme with their
 *    `x-required-scopes`; idempotent ones document 409 and 422; required status codes and headers are documented;
 *    every body and response has a named example; object schemas are closed; the documented defaults
 *    (`x-token-lifetimes`, `x-rate-limit-tiers`) are present and well formed.
 *
 * Exits 1 with one line per violation; prints a one-line summary on success.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { documentedDefaultsProblems } from './generate/documented-defaults.mjs';
import { authMode, effectiveSecurity, takesIdempotencyKey } from './generate/operation-rules.mjs';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = 'openapi/openapi.yaml';
const bin = (name) => join(root, 'node_modules', '.bin', name);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const STANDARD_HEADERS = ['X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];

const violations = [];
const fail = (where, message) => violations.push(`${where}: ${message}`);

/** Runs a command and resolves with its exit code and output (never rejects on exit code). */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: String(error) }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function parseJson(text, tool) {
  try {
    return JSON.parse(text.slice(text.search(/[[{]/)));
  } catch {
    fail(tool, 'could not read its JSON output');
    return null;
  }
}

async function lintRedocly() {
  const { code, stdout, stderr } = await run(bin('redocly'), ['lint', entry, '--format=json']);
  const report = parseJson(stdout, 'redocly');
  if (!report) {
    process.stderr.write(stderr);
    return 0;
  }
  for (const problem of report.problems ?? []) {
    const location = problem.location?.[0];
    const file = location?.source?.ref ? relative(root, location.source.ref) : entry;
    fail(
      `redocly ${problem.severity} ${problem.ruleId}`,
      `${file}${location?.pointer ?? ''} ${problem.message}`,
    );
  }
  if (code !== 0 && (report.problems ?? []).length === 0) fail('redocly', `exited with ${code}`);
  return (report.problems ?? []).length;
}

async function lintSpectral() {
  const { code, stdout, stderr } = await run(bin('spectral'), [
    'lint',
    entry,
    '--ruleset',
    '.spectral.yaml',
    '--fail-severity=warn',
    '--format=json',
    '--quiet',
  ]);
  const results = parseJson(stdout, 'spectral');
  if (!results) {
    process.stderr.write(stderr);
    return 0;
  }
  const severities = ['error', 'warning', 'info', 'hint'];
  const counted = results.filter((result) => result.severity <= 1);
  for (const result of counted) {
    const file = result.source ? relative(root, result.source) : entry;
    fail(
      `spectral ${severities[result.severity]} ${result.code}`,
      `${file}#/${result.path.join('/')} ${result.message}`,
    );
  }
  if (code !== 0 && counted.length === 0) fail('spectral', `exited with ${code}: ${stderr.trim()}`);
  return counted.length;
}

async function bundle() {
  const dir = mkdtempSync(join(tmpdir(), 'regen-contract-'));
  try {
    const out = join(dir, 'openapi.json');
    const { code, stderr } = await run(bin('redocly'), ['bundle', entry, '--output', out]);
    if (code !== 0) {
      fail('redocly bundle', stderr.trim());
      return null;
    }
    return JSON.parse(readFileSync(out, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Bundled-document checks

const COMPONENTS_ID = 'urn:regen:contract:components';

/** Deep copy with `#/components/schemas/X` refs pointed at the Ajv registry of components. */
function rewriteRefs(value) {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/schemas/')) {
      out[key] = `${COMPONENTS_ID}#/$defs/${inner.slice('#/components/schemas/'.length)}`;
    } else if (key === 'discriminator') {
      out[key] = inner; // annotation only; Ajv ignores it with strict: false
    } else {
      out[key] = rewriteRefs(inner);
    }
  }
  return out;
}

function createValidator(doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('password', true);
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(doc.components?.schemas ?? {}) });
  const cache = new Map();
  let count = 0;
  return {
    get count() {
      return count;
    },
    check(schema, value, where) {
      if (schema === undefined) {
        fail(where, 'example has no schema to validate against');
        return;
      }
      const key = JSON.stringify(schema);
      let validate = cache.get(key);
      if (!validate) {
        try {
          validate = ajv.compile(rewriteRefs(schema));
        } catch (error) {
          fail(where, `schema does not compile: ${error.message}`);
          return;
        }
        cache.set(key, validate);
      }
      count += 1;
      if (!validate(value)) {
        const errors = validate.errors.map((error) => `${error.instancePath || '/'} ${error.message}`);
        fail(where, `example does not match its schema: ${[...new Set(errors)].join('; ')}`);
      }
    },
  };
}

function resolver(doc) {
  return (node) => {
    let current = node;
    const seen = new Set();
    while (current && typeof current.$ref === 'string') {
      if (seen.has(current.$ref) || !current.$ref.startsWith('#/')) return current;
      seen.add(current.$ref);
      current = current.$ref
        .slice(2)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((object, part) => object?.[part], doc);
    }
    return current;
  };
}

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMA_SINGLE = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
];

/** Visits a schema and all its subschemas (not following $ref). */
function walkSchema(schema, where, visit) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  visit(schema, where);
  for (const key of SUBSCHEMA_MAPS) {
    for (const [name, inner] of Object.entries(schema[key] ?? {}))
      walkSchema(inner, `${where}/${key}/${name}`, visit);
  }
  for (const key of SUBSCHEMA_LISTS) {
    for (const [index, inner] of (schema[key] ?? []).entries())
      walkSchema(inner, `${where}/${key}/${index}`, visit);
  }
  for (const key of SUBSCHEMA_SINGLE) walkSchema(schema[key], `${where}/${key}`, visit);
}

function checkSchemaTree(schema, where, validator) {
  walkSchema(schema, where, (node, at) => {
    if (Array.isArray(node.examples)) {
      for (const [index, value] of node.examples.entries())
        validator.check(node, value, `${at}/examples/${index}`);
    }
    if ('example' in node) validator.check(node, node.example, `${at}/example`);
    if (node.properties && node.additionalProperties !== false && node.unevaluatedProperties !== false) {
      fail(at, 'object schema with properties must set additionalProperties: false');
    }
  });
}

// Shared components are checked once, where first met, and reported under their own pointer.
const checked = new WeakSet();
const firstVisit = (object) => {
  if (!object || typeof object !== 'object' || checked.has(object)) return false;
  checked.add(object);
  return true;
};
const label = (raw, fallback) => (typeof raw?.$ref === 'string' ? raw.$ref : fallback);

/** Parameter or header: `example` / `examples` against its `schema`. */
function checkParameterLike(object, where, validator, resolve) {
  if (!firstVisit(object)) return;
  if (object.schema) checkSchemaTree(object.schema, `${where}/schema`, validator);
  if ('example' in object) validator.check(object.schema, object.example, `${where}/example`);
  for (const [name, example] of Object.entries(object.examples ?? {})) {
    const resolved = resolve(example);
    if (resolved && 'value' in resolved)
      validator.check(object.schema, resolved.value, `${where}/examples/${name}`);
  }
}

/** Media types of a request body or response: named examples required and valid. */
function checkContent(content, where, validator, resolve) {
  if (!firstVisit(content)) return;
  for (const [mediaType, media] of Object.entries(content ?? {})) {
    const at = `${where}/content/${mediaType}`;
    if (media.schema) checkSchemaTree(media.schema, `${at}/schema`, validator);
    const examples = Object.entries(media.examples ?? {});
    if (examples.length === 0) fail(at, 'needs at least one named example under `examples`');
    for (const [name, example] of examples) {
      const resolved = resolve(example);
      if (!resolved || !('value' in resolved)) fail(`${at}/examples/${name}`, 'example has no `value`');
      else validator.check(media.schema, resolved.value, `${at}/examples/${name}`);
    }
    if ('example' in media) validator.check(media.schema, media.example, `${at}/example`);
  }
}

const sameList = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
const SCHEMES = ['ApiKeyAuth', 'BearerAuth', 'OAuth2'];

/**
 * Scopes and idempotency, per operation: an operation with `x-required-scopes` accepts every
 * scheme with that same scope list; one that accepts `Idempotency-Key` documents 409 and 422.
 * (The operations table of openapi/README.md is generated from the document by `npm run generate`.)
 */
function checkScopesAndIdempotency(doc, path, item, method, operation, resolve) {
  const where = `${method.toUpperCase()} ${path}`;
  const security = effectiveSecurity(doc, operation);
  const required = operation['x-required-scopes'];
  if (required !== undefined) {
    if (!Array.isArray(required)) fail(where, 'x-required-scopes must be a list');
    else {
      for (const scheme of SCHEMES) {
        const requirement = security.find((entry) => scheme in entry);
        if (!requirement || !sameList(requirement[scheme], required))
          fail(where, `security must include {${scheme}: ${JSON.stringify(required)}}`);
      }
    }
  } else if (security.some((entry) => Object.values(entry).some((scopes) => scopes.length > 0))) {
    fail(where, 'an operation with scopes repeats them as x-required-scopes');
  }
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
  if (takesIdempotencyKey(parameters)) {
    for (const status of ['409', '422'])
      if (!operation.responses?.[status]) fail(where, `an idempotent operation must document ${status}`);
  }
}

function checkOperation(doc, path, item, method, operation, validator, resolve) {
  const where = `${method.toUpperCase()} ${path}`;
  for (const field of ['operationId', 'summary', 'description'])
    if (!operation[field]) fail(where, `missing ${field}`);
  if (!Array.isArray(operation.tags) || operation.tags.length !== 1) fail(where, 'must have exactly one tag');

  const responses = operation.responses ?? {};
  const has = (status) => status in responses;
  const secured = authMode(effectiveSecurity(doc, operation)) === 'required';
  const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
  const required = [
    ['429', 'every operation'],
    ['500', 'every operation'],
    ['503', 'every operation'],
  ];
  if (secured) required.push(['401', 'secured operations'], ['403', 'secured operations']);
  if (operation.requestBody) {
    required.push(
      ['400', 'operations with a body'],
      ['413', 'operations with a body'],
      ['415', 'operations with a body'],
    );
    if (path.startsWith('/api/')) required.push(['422', 'operations with a body']);
  }
  if (parameters.some((parameter) => parameter?.in === 'path'))
    required.push(['404', 'operations with path parameters']);
  if (parameters.some((parameter) => parameter?.in === 'query'))
    required.push(['400', 'operations with query parameters']);
  for (const [status, who] of required) if (!has(status)) fail(where, `must document ${status} (${who})`);
  if (path.startsWith('/api/v1/') && !Array.isArray(operation['x-required-scopes']))
    fail(where, 'missing x-required-scopes');
  if (!Object.keys(responses).some((status) => /^2/.test(status))) fail(where, 'no success response');

  const allParameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
  for (const [index, raw] of allParameters.entries()) {
    checkParameterLike(resolve(raw), label(raw, `${where} parameters/${index}`), validator, resolve);
  }
  if (operation.requestBody) {
    const body = resolve(operation.requestBody);
    checkContent(body.content, label(operation.requestBody, `${where} requestBody`), validator, resolve);
  }
  for (const [status, raw] of Object.entries(responses)) {
    const response = resolve(raw);
    const at = label(raw, `${where} responses/${status}`);
    const needed = [...STANDARD_HEADERS, ...(status === '429' || status === '503' ? ['Retry-After'] : [])];
    if (firstVisit(response)) {
      const headers = Object.fromEntries(
        Object.entries(response.headers ?? {}).map(([name, header]) => [name.toLowerCase(), header]),
      );
      for (const name of needed) {
        const header = resolve(headers[name.toLowerCase()]);
        if (!header) fail(at, `must declare header ${name}`);
        else if (header.required !== true) fail(at, `header ${name} must be required: true`);
      }
      for (const [name, header] of Object.entries(response.headers ?? {})) {
        checkParameterLike(resolve(header), label(header, `${at} headers/${name}`), validator, resolve);
      }
      checkContent(response.content, at, validator, resolve);
      for (const [name, link] of Object.entries(response.links ?? {})) {
        const target = resolve(link)?.operationId;
        if (target && !operationIds.has(target))
          fail(`${at} links/${name}`, `operationId ${target} does not exist`);
      }
    } else if (needed.includes('Retry-After') && !response.headers?.['Retry-After']) {
      fail(at, `must declare header Retry-After (used as ${status})`);
    }
  }
}

const operationIds = new Set();

function checkDocument(doc) {
  const resolve = resolver(doc);
  for (const item of [...Object.values(doc.paths ?? {}), ...Object.values(doc.webhooks ?? {})]) {
    for (const method of METHODS) if (item[method]?.operationId) operationIds.add(item[method].operationId);
  }
  const validator = createValidator(doc);
  if (doc.jsonSchemaDialect !== DIALECT) fail('jsonSchemaDialect', `must be ${DIALECT}`);
  for (const problem of documentedDefaultsProblems(doc)) fail('documented defaults', problem);

  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    checkSchemaTree(schema, `#/components/schemas/${name}`, validator);
  }
  let operations = 0;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      if (!item[method]) continue;
      operations += 1;
      checkOperation(doc, path, item, method, item[method], validator, resolve);
      checkScopesAndIdempotency(doc, path, item, method, item[method], resolve);
    }
  }
  for (const [name, item] of Object.entries(doc.webhooks ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const where = `webhook ${name}`;
      if (!operation.requestBody) fail(where, 'must have a request body');
      else checkContent(resolve(operation.requestBody).content, `${where} requestBody`, validator, resolve);
      for (const [index, raw] of (operation.parameters ?? []).entries()) {
        checkParameterLike(resolve(raw), label(raw, `${where} parameters/${index}`), validator, resolve);
      }
    }
  }
  return { operations, examples: validator.count };
}

// ---------------------------------------------------------------------------------------------

const [redoclyProblems, spectralProblems, doc] = await Promise.all([lintRedocly(), lintSpectral(), bundle()]);
const stats = doc ? checkDocument(doc) : null;

if (violations.length > 0) {
  for (const violation of violations) console.error(`✖ ${violation}`);
  console.error(`\ncontract lint failed: ${violations.length} violation(s).`);
  process.exit(1);
}
console.log(
  `contract OK: redocly ${redoclyProblems} and spectral ${spectralProblems} problems, ` +
    `${stats.operations} operations, ${stats.examples} examples valid.`,
);
