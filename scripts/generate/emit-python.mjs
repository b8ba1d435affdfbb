/**
 * @module Python emitter: reads the same SDK model (./sdk-model.d.mts) as the TypeScript emitter
 * (./emit-client.mjs), plus the document's component schemas for types (as the TypeScript client
 * takes its types from openapi-typescript), and writes packages/python-sdk/src/regen/_generated/:
 * one module per top-level namespace under resources/ (sync, async and `with_response` classes),
 * the client's namespaces and own methods (namespaces.py), the operation table (operations.py),
 * models (pydantic), params (TypedDicts), the wire-name table and the `KnownErrorCode` Literal.
 * Nothing about an operation is written by hand in Python.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callLines, docLines, signatureLines } from './emit-python-method.mjs';
import {
  collectSchemas,
  modelsSource,
  paramsSource,
  requestSchemas,
  TYPING,
  usedNames,
  wireFieldsSource,
} from './emit-python-types.mjs';
import { GENERATED_NOTE } from './header.mjs';
import { docstring, pyStr, snakeCase } from './python-names.mjs';

/** Prefixes Python source with the generated marker, as a comment. */
export const withPythonHeader = (source) =>
  `# ${GENERATED_NOTE}\n${source.endsWith('\n') ? source : `${source}\n`}`;

const VARIANTS = [
  { isAsync: false, withResponse: false, prefix: '', suffix: '', base: 'SyncResource' },
  { isAsync: true, withResponse: false, prefix: 'Async', suffix: '', base: 'AsyncResource' },
  { isAsync: false, withResponse: true, prefix: '', suffix: 'WithResponse', base: 'SyncResource' },
  { isAsync: true, withResponse: true, prefix: 'Async', suffix: 'WithResponse', base: 'AsyncResource' },
];

const flatten = (r) => [...r.resources.flatMap(flatten), r];

function methodSource(m, schemas, variant, self) {
  const { head } = signatureLines(m, schemas, variant);
  return `${head}\n${docLines(m)}\n${callLines(m, schemas, { ...variant, self })}`;
}

function classSource(r, schemas, v) {
  const name = `${v.prefix}${r.className}${v.suffix}`;
  const doc = docstring(
    `\`client.${r.path.map(snakeCase).join('.')}\`${v.withResponse ? ' (`with_response`: each call returns an `APIResponse`)' : ''}${r.description ? `: ${r.description}` : '.'}`,
    '    ',
  );
  const fields = r.resources.map(
    (c) => `        self.${snakeCase(c.name)} = ${v.prefix}${c.className}${v.suffix}(client)`,
  );
  const init = fields.length
    ? [
        `    def __init__(self, client: ${v.isAsync ? 'AsyncAPIClient' : 'SyncAPIClient'}) -> None:`,
        '        super().__init__(client)',
        ...fields,
        '',
      ]
    : [];
  const methods = r.methods.map((m) => methodSource(m, schemas, v, 'self._client'));
  return `class ${name}(${v.base}):\n${doc}\n\n${[...init, ...methods].join('\n\n')}`.trimEnd();
}

function importsFor(body, schemas, extra) {
  const typing = usedNames(body, TYPING);
  const core = [
    ['.._core.types', ['NOT_GIVEN', 'NotGiven', 'RequestOptions']],
    ['.._core.pagination', ['AsyncPage', 'AsyncPageRequest', 'SyncPage']],
    ['.._core.response', ['APIResponse']],
    ['.._core.parse', ['as_is', 'list_of']],
    ['.._core.wire', ['to_wire']],
    ['.._core.api_client', ['AsyncAPIClient', 'SyncAPIClient']],
    ...extra,
  ];
  const lines = ['from __future__ import annotations', ''];
  if (typing.length) lines.push(`from typing import ${typing.join(', ')}`, '');
  for (const [mod, names] of core) {
    const used = usedNames(body, names);
    if (used.length) lines.push(`from ${mod} import ${used.join(', ')}`);
  }
  const models = usedNames(body, [...schemas.aliases.keys(), ...schemas.objects.keys()]);
  const params = usedNames(
    body,
    [...schemas.objects.keys(), ...schemas.aliases.keys()].map((n) => `${n}Param`),
  );
  if (models.length) lines.push(`from ..models import ${models.join(', ')}`);
  if (params.length) lines.push(`from ..params import ${params.join(', ')}`);
  if (/OPERATIONS\[/.test(body)) lines.push('from ..operations import OPERATIONS');
  return lines.join('\n');
}

function resourceFile(top, schemas) {
  const classes = flatten(top);
  const body = VARIANTS.flatMap((v) => classes.map((r) => classSource(r, schemas, v))).join('\n\n\n');
  const head = importsFor(body, schemas, [['.._core.resource', ['AsyncResource', 'SyncResource']]]);
  const doc = `"""\`client.${snakeCase(top.name)}\`${top.description ? `: ${top.description}` : ''}"""`;
  return `${doc}\n\n${head.replaceAll('from ..models', 'from ..models').replaceAll('from .._core', 'from ..._core')}\n\n\n${body}\n`;
}

/**
 * The client's namespaces are `cached_property`s that import their resource module on first use,
 * so `import regen` does not build the contract's response models (regen/_generated/models.py):
 * the first `client.<namespace>` (or root method) does. Types are imported for the checker only.
 */
function namespacesFile(model, schemas) {
  const modelNames = [...schemas.aliases.keys(), ...schemas.objects.keys()];
  const classes = [];
  for (const v of VARIANTS) {
    const self = v.withResponse ? 'self._client' : 'self';
    const name = `${v.prefix}Namespaces${v.suffix}`;
    const base = v.withResponse ? v.base : v.isAsync ? 'AsyncAPIClient' : 'SyncAPIClient';
    const namespaces = model.resources.flatMap((r) => {
      const cls = `${v.prefix}${r.className}${v.suffix}`;
      return [
        '    @cached_property',
        `    def ${snakeCase(r.name)}(self) -> ${cls}:`,
        `        from .resources.${snakeCase(r.name)} import ${cls}`,
        '',
        `        return ${cls}(${self})`,
        '',
      ];
    });
    // A root method imports the models it parses when it runs, not when the module loads.
    const methods = model.rootMethods.map((m) => {
      const text = methodSource(m, schemas, v, self);
      const used = usedNames(text.slice(text.indexOf('"""')), modelNames);
      return used.length
        ? text.replace(/\n(\s+)return /, `\n$1from .models import ${used.join(', ')}\n\n$1return `)
        : text;
    });
    const doc = docstring(
      v.withResponse
        ? "The client's namespaces and methods, each call returning an `APIResponse` (data, request id, rate limit)."
        : 'The namespaces of the client and its own methods, one per operation of the contract; the client (regen/_client.py) adds the transport.',
      '    ',
    );
    classes.push(`class ${name}(${base}):\n${doc}\n\n${[...namespaces, ...methods].join('\n')}`.trimEnd());
  }
  const body = classes.join('\n\n\n');
  const checked = model.resources.map((r) => {
    const names = VARIANTS.map((v) => `${v.prefix}${r.className}${v.suffix}`).sort();
    return `    from .resources.${snakeCase(r.name)} import ${names.join(', ')}`;
  });
  const head = importsFor(body, schemas, [['.._core.resource', ['AsyncResource', 'SyncResource']]])
    .replaceAll('from ..params', 'from .params')
    .replaceAll('from ..operations', 'from .operations')
    .replace(/\nfrom \.\.models import ([^\n]+)/, (_, names) => {
      checked.unshift(`    from .models import ${names}`);
      return '';
    })
    .replace(
      'from __future__ import annotations\n',
      'from __future__ import annotations\n\nfrom functools import cached_property',
    )
    .replace(
      /from typing import ([^\n]+)/,
      (_, names) => `from typing import ${['TYPE_CHECKING', ...names.split(', ')].join(', ')}`,
    );
  return `"""The client's namespaces and own methods (sync, async, and their \`with_response\` views)."""\n\n${head}\n\nif TYPE_CHECKING:\n${checked.join('\n')}\n\n\n${body}\n`;
}

function operationsFile(methods) {
  const rows = methods.map((m) => {
    const flags = [];
    if (m.idempotent) flags.push('IDEMPOTENT');
    if (m.credential.mode === 'none') flags.push('NO_AUTH');
    if (m.credential.mode === 'optional') flags.push('OPTIONAL_AUTH');
    const args = [pyStr(m.operationId), pyStr(m.httpMethod), pyStr(m.path)];
    if (flags.length) args.push(`flags=${flags.join(' | ')}`);
    if (m.body)
      args.push(`body=${m.body.contentType === 'application/x-www-form-urlencoded' ? '"form"' : '"json"'}`);
    if (m.pagination?.cursorParam) args.push(`cursor_param=${pyStr(m.pagination.cursorParam)}`);
    return `    ${pyStr(m.operationId)}: Operation(${args.join(', ')}),`;
  });
  const used = ['IDEMPOTENT', 'NO_AUTH', 'OPTIONAL_AUTH'].filter((f) => rows.some((r) => r.includes(f)));
  return `"""Every operation the client calls, by operationId: method, path template, transport flags."""

from __future__ import annotations

from typing import Dict

from .._core.types import ${[...used, 'Operation'].join(', ')}

OPERATIONS: Dict[str, Operation] = {
${rows.join('\n')}
}
`;
}

function errorCodesFile(model) {
  return `"""The error codes of the contract's error envelope (\`ErrorCode\` schema)."""

from __future__ import annotations

from typing import Literal

KnownErrorCode = Literal[
${model.errorCodes.map((c) => `    ${pyStr(c)},`).join('\n')}
]
`;
}

/** Every method of the model: the client's own, then each namespace's. */
export const pythonMethods = (model) => [
  ...model.rootMethods,
  ...model.resources.flatMap(flatten).flatMap((r) => r.methods),
];

/**
 * Writes the Python surface for `model` into `outDir` (packages/python-sdk/src/regen/_generated),
 * with the types of `components` (the bundled document's `components.schemas`).
 */
export async function emitPython(model, components, outDir) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(path.join(outDir, 'resources'), { recursive: true });
  const schemas = collectSchemas(components);
  const methods = pythonMethods(model);
  const requestNames = requestSchemas(methods.map((m) => m.body?.schemaRef).filter(Boolean), schemas);
  const files = [];
  const write = async (name, source) => {
    const file = path.join(outDir, name);
    await writeFile(file, withPythonHeader(source));
    files.push(file);
  };
  await write(
    '__init__.py',
    '"""Generated from the contract by scripts/generate/emit-python.mjs; never edited by hand."""\n',
  );
  await write('resources/__init__.py', '"""One module per top-level namespace of the client."""\n');
  for (const top of model.resources)
    await write(`resources/${snakeCase(top.name)}.py`, resourceFile(top, schemas));
  await write('namespaces.py', namespacesFile(model, schemas));
  await write('operations.py', operationsFile(methods));
  await write('error_codes.py', errorCodesFile(model));
  await write('models.py', modelsSource(schemas));
  await write('params.py', paramsSource([...requestNames], schemas));
  await write('wire_fields.py', wireFieldsSource([...requestNames], schemas));
  return files;
}
