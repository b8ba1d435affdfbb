/**
 * @module TypeScript emitter of the client surface: reads only the SDK model (./sdk-model.d.mts)
 * and writes packages/client/src/generated/ — one file per top-level namespace under resources/,
 * the client's namespaces and own methods (client-namespaces.ts), the resource class types
 * (resource-types.ts), the transport flags (operation-flags.ts) and the `ErrorCode` union
 * (error-codes.ts).
 *
 * Custom code: `src/lib/custom.json` names, per namespace, a hand-written module whose class of
 * the same name extends the generated one and takes its place on the client; methods it lists in
 * `replaces` are left out of the generated class (their signatures are the custom class's own).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withHeader } from './header.mjs';
import { camelCase } from './sdk-naming.mjs';

const FORM = 'application/x-www-form-urlencoded';

/** `apiKeys` → `api-keys` (file names). */
export const kebabCase = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** Reads `src/lib/custom.json` of the client (absent: no custom namespaces). */
export function readCustom(libDir) {
  const file = path.join(libDir, 'custom.json');
  if (!existsSync(file)) return {};
  const { $comment: _, ...entries } = JSON.parse(readFileSync(file, 'utf8'));
  return entries;
}

const q = (s) => `'${String(s).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const safe = (text) => String(text).replaceAll('*/', '*\\/');

/** The TypeScript signature pieces of a method: parameters, return type, and the call it makes. */
export function signatureOf(m) {
  const id = q(m.operationId);
  const params = m.pathParams.map((p) => `${camelCase(p.name)}: string`);
  const form = m.body?.contentType === FORM;
  if (m.body) {
    params.push(`body${m.body.required ? '' : '?'}: ${form ? `FormBody<${id}>` : `BodyInput<${id}>`}`);
  }
  if (m.queryParams.length > 0) {
    params.push(`query${m.queryParams.some((p) => p.required) ? '' : '?'}: Query<${id}>`);
  }
  params.push('options?: RequestOptions');

  const paramsInit = [];
  if (m.pathParams.length > 0)
    paramsInit.push(`path: { ${m.pathParams.map((p) => pathArg(p.name)).join(', ')} }`);
  if (m.queryParams.length > 0) paramsInit.push('query');
  const init = [];
  if (paramsInit.length > 0) init.push(`params: { ${paramsInit.join(', ')} }`);
  if (m.body) init.push(form ? 'body: toForm(body)' : 'body');
  const initSource = `{${init.length ? ` ${init.join(', ')} ` : ''}}${form ? ' as never' : ''}`;
  const verb = q(m.httpMethod.toLowerCase());
  const route = q(m.path);

  switch (m.success.envelope) {
    case 'list':
      return {
        params,
        returns: `PagePromise<Item<${id}>>`,
        call: `CLIENT._list(${route}, ${initSource}, options)`,
      };
    case 'data':
      return {
        params,
        returns: `APIPromise<Data<${id}>>`,
        call: `CLIENT._call(${verb}, ${route}, ${initSource}, options)`,
      };
    case 'none':
      return {
        params,
        returns: `APIPromise<SuccessBody<${id}>>`,
        call: `CLIENT._callBody(${verb}, ${route}, ${initSource}, options)`,
      };
    default:
      return {
        params,
        returns: 'APIPromise<undefined>',
        call: `CLIENT._callBody(${verb}, ${route}, ${initSource}, options) as APIPromise<undefined>`,
      };
  }
}

function pathArg(name) {
  const local = camelCase(name);
  return local === name ? name : `${q(name)}: ${local}`;
}

/** JSDoc of a method: summary, description, HTTP operation, scopes, credential, idempotency, deprecation, one example. */
export function jsDocOf(m, indent) {
  const lines = [];
  if (m.summary) lines.push(`${m.summary}.`.replace(/\.\.$/, '.'));
  if (m.description) lines.push('', ...m.description.trim().split('\n'));
  lines.push('', `\`${m.httpMethod} ${m.path}\` (\`${m.operationId}\`).`);
  const credential =
    m.credential.mode === 'none'
      ? 'No credential (none is sent).'
      : m.credential.mode === 'optional'
        ? 'Credential optional: sent when the client has one.'
        : `Scopes: ${m.credential.scopes.map((s) => `\`${s}\``).join(', ') || 'none'}.`;
  lines.push(credential);
  if (m.idempotent) {
    lines.push(
      'Idempotent: sends an `Idempotency-Key` (`options.idempotencyKey`, else a generated one), the same on every retry.',
    );
  }
  if (m.pagination) lines.push('Resolves to the first page; `for await` iterates every item of every page.');
  if (m.deprecated) lines.push('@deprecated Deprecated by the contract.');
  const example = exampleOf(m);
  if (example) lines.push('@example', '```ts', ...example, '```');
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${safe(l)}` : ''}`).join('\n')}\n${indent} */`;
}

/** One call of the method, with the contract's parameter and body examples. */
export function exampleOf(m) {
  const target = ['client', ...m.resource, m.name].join('.');
  const args = m.pathParams.map((p) => toJs(p.example ?? p.name, ''));
  const body = m.body?.examples[0]?.value;
  if (m.body && body !== undefined) {
    args.push(toJs(body, ''));
  } else if (m.body?.required) {
    return null;
  }
  const call = `${target}(${args.join(', ')})`;
  const variable = m.success.dataRef ? camelCase(m.success.dataRef) : 'result';
  const source = m.pagination
    ? `for await (const ${variable} of ${call}) console.log(${variable});`
    : m.success.envelope === 'empty'
      ? `await ${call};`
      : `const ${variable} = await ${call};`;
  return source.split('\n');
}

/** A value as a TypeScript literal: single quotes, bare keys where they are identifiers, 2-space indent. */
export function toJs(value, indent) {
  if (typeof value === 'string') return q(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${indent}  ${toJs(v, `${indent}  `)}`).join(',\n')},\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : q(k));
    return `{\n${entries.map(([k, v]) => `${indent}  ${key(k)}: ${toJs(v, `${indent}  `)}`).join(',\n')},\n${indent}}`;
  }
  return JSON.stringify(value);
}

function methodSource(m, self) {
  const sig = signatureOf(m);
  const call = sig.call.replace('CLIENT', self);
  return `${jsDocOf(m, '  ')}
  ${m.name}(${sig.params.join(', ')}): ${sig.returns} {
    return ${call};
  }`;
}

function collectImports(methods) {
  const types = new Set(methods.length ? ['RequestOptions'] : []);
  let form = false;
  for (const m of methods) {
    const sig = signatureOf(m);
    for (const t of [
      'APIPromise',
      'PagePromise',
      'BodyInput',
      'Data',
      'Item',
      'Query',
      'FormBody',
      'SuccessBody',
    ]) {
      if ([...sig.params, sig.returns].some((s) => s.includes(`${t}<`))) types.add(t);
    }
    if (m.body?.contentType === FORM) form = true;
    if (m.success.envelope === 'empty') types.add('APIPromise');
  }
  return { types, form };
}

const TYPE_SOURCES = {
  APIPromise: '../../core/api-promise.ts',
  PagePromise: '../../core/pagination.ts',
  RequestOptions: '../../core/request-options.ts',
  BodyInput: '../../core/operation-types.ts',
  Data: '../../core/operation-types.ts',
  Item: '../../core/operation-types.ts',
  Query: '../../core/operation-types.ts',
  FormBody: '../../core/form-body.ts',
  SuccessBody: '../../core/operation-types.ts',
};

function importLines(types, depth) {
  const bySource = new Map();
  for (const t of types) {
    const source = TYPE_SOURCES[t].replace('../../', depth === 1 ? '../' : '../../');
    bySource.set(source, [...(bySource.get(source) ?? []), t]);
  }
  return [...bySource]
    .sort(([a], [b]) => (a.startsWith('@') ? -1 : b.startsWith('@') ? 1 : a.localeCompare(b)))
    .map(([source, names]) => `import type { ${names.sort().join(', ')} } from ${q(source)};`);
}

function flatten(resource) {
  return [...resource.resources.flatMap(flatten), resource];
}

function resourceFile(top, custom) {
  const classes = flatten(top);
  const methods = classes.flatMap((r) =>
    r.methods.filter((m) => !custom[r.path.join('.')]?.replaces?.includes(m.name)),
  );
  const { types, form } = collectImports(methods);
  const imports = [...importLines(types, 2), "import { APIResource } from '../../core/resource.ts';"];
  if (form) imports.push("import { toForm } from '../../internal/to-form.ts';");
  const nestedCustom = new Set();
  for (const r of classes) {
    for (const child of r.resources) {
      const entry = custom[child.path.join('.')];
      if (entry)
        nestedCustom.add(
          `import { ${child.className} } from ${q(path.posix.join('../../lib', entry.module))};`,
        );
    }
  }
  imports.push(...nestedCustom);
  const body = classes.map((r) => {
    const entry = custom[r.path.join('.')];
    const own = r.methods.filter((m) => !entry?.replaces?.includes(m.name));
    const fields = r.resources.map(
      (child) => `  readonly ${child.name}: ${child.className} = new ${child.className}(this._client);`,
    );
    const doc = [
      `/**`,
      ` * \`client.${r.path.join('.')}\`${r.description ? `: ${safe(r.description)}` : ` (tag \`${r.tag}\`).`}`,
      ...(entry
        ? [
            ` * Generated part; \`src/lib/${entry.module.replace(/^\.\//, '')}\` extends it with custom methods.`,
          ]
        : []),
      ' */',
    ];
    const members = [...fields, ...own.map((m) => methodSource(m, 'this._client'))];
    const inside = members.length ? `\n${members.join('\n\n')}\n` : '';
    return `${doc.join('\n')}\nexport class ${r.className} extends APIResource {${inside}}`;
  });
  return `${imports.join('\n')}\n\n${body.join('\n\n')}\n`;
}

function namespacesFile(model, custom) {
  const imports = [];
  const fields = [];
  for (const r of model.resources) {
    const entry = custom[r.path.join('.')];
    const source = entry ? path.posix.join('../lib', entry.module) : `./resources/${kebabCase(r.name)}.ts`;
    imports.push(`import { ${r.className} } from ${q(source)};`);
    const doc = r.description ? `  /** ${safe(r.description)} */\n` : '';
    fields.push(
      `${doc}  readonly ${r.name}: ${r.className} = new ${r.className}(this as unknown as RegenClient);`,
    );
  }
  const { types } = collectImports(model.rootMethods);
  const typeImports = importLines(types, 1);
  const methods = model.rootMethods.map((m) => methodSource(m, '(this as unknown as RegenClient)'));
  return `${[...typeImports, "import type { RegenClient } from '../core/client.ts';", ...imports].join('\n')}

/**
 * The namespaces of \`RegenClient\` and the methods on the client itself, one per operation of the
 * contract; \`RegenClient\` (core/client.ts) extends this class with the transport.
 */
export class RegenNamespaces {
${[...fields, ...methods].join('\n\n')}
}
`;
}

function resourceTypesFile(model, custom) {
  const lines = [];
  for (const top of model.resources) {
    const classes = flatten(top);
    const generated = classes.filter((r) => !custom[r.path.join('.')]).map((r) => r.className);
    if (generated.length) {
      lines.push(
        `export type { ${generated.join(', ')} } from ${q(`./resources/${kebabCase(top.name)}.ts`)};`,
      );
    }
    for (const r of classes.filter((c) => custom[c.path.join('.')])) {
      lines.push(
        `export type { ${r.className} } from ${q(path.posix.join('../lib', custom[r.path.join('.')].module))};`,
      );
    }
  }
  return `/** The class of every namespace of the client (custom ones from src/lib), by name, for \`src/index.ts\`. */\n${lines.join('\n')}\n`;
}

function flagsFile(allOps) {
  const byPath = new Map();
  for (const m of allOps) {
    const flags = [];
    if (m.idempotent) flags.push('IDEMPOTENT');
    if (m.credential.mode === 'none') flags.push('NO_AUTH');
    if (m.credential.mode === 'optional') flags.push('OPTIONAL_AUTH');
    if (flags.length)
      byPath.set(m.path, [...(byPath.get(m.path) ?? []), `${m.httpMethod}: ${flags.join(' | ')}`]);
  }
  const entries = [...byPath].map(([route, methods]) => `  ${q(route)}: { ${methods.join(', ')} },`);
  return `import { IDEMPOTENT, NO_AUTH, OPTIONAL_AUTH } from '../internal/transport.ts';

/**
 * Transport flags of the operations that need any, by path template, then method: idempotent
 * POSTs (an \`Idempotency-Key\` on every attempt), operations without a credential, and those where
 * it is optional. Every other operation needs a credential and is not idempotent. Keyed by path
 * first: the path is a literal of the calling code, so the lookup costs what a \`Set.has\` does.
 */
const FLAGS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
${entries.join('\n')}
};

/** Transport flags of a call by method (upper case) and path template. */
export function flagsFor(method: string, path: string): number {
  return FLAGS[path]?.[method] ?? 0;
}
`;
}

function errorCodesFile(model) {
  return `/** The error codes of the contract's error envelope (\`ErrorCode\` schema). */
export type KnownErrorCode =
${model.errorCodes.map((c) => `  | ${q(c)}`).join('\n')};
`;
}

/** Writes the client surface for `model` into `outDir` (packages/client/src/generated). */
export async function emitClient(model, outDir, custom = {}) {
  await mkdir(path.join(outDir, 'resources'), { recursive: true });
  const files = [];
  const write = async (name, source) => {
    const file = path.join(outDir, name);
    await writeFile(file, withHeader(source));
    files.push(file);
  };
  for (const top of model.resources)
    await write(`resources/${kebabCase(top.name)}.ts`, resourceFile(top, custom));
  await write('client-namespaces.ts', namespacesFile(model, custom));
  await write('resource-types.ts', resourceTypesFile(model, custom));
  const all = [
    ...model.rootMethods,
    ...model.resources.flatMap(flatten).flatMap((r) => r.methods),
    ...model.unexposed,
  ];
  await write('operation-flags.ts', flagsFile(all));
  await write('error-codes.ts', errorCodesFile(model));
  return files;
}
