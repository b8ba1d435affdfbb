/**
 * @module TypeScript emitter of the client surface: reads only the SDK model (./sdk-model.d.mts)
 * and writes packages/client/src/generated/ — one file per top-level namespace under resources/,
 * the client's namespaces and own methods (client-namespaces.ts), the resource class types
 * (resource-types.ts), the operation table (operations.ts: transport flags, cursor parameters,
 * the typed paths) and the `ErrorCode` union (error-codes.ts).
 *
 * Custom code: `src/lib/custom.json` names, per namespace, a hand-written module whose class of
 * the same name extends the generated one and takes its place on the client; methods it lists in
 * `replaces` are left out of the generated class (their signatures are the custom class's own).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FORM, jsDocOf, q, safe, signatureOf } from './emit-method.mjs';
import { withHeader } from './header.mjs';

/** `apiKeys` → `api-keys` (file names). */
export const kebabCase = (name) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** Reads `src/lib/custom.json` of the client (absent: no custom namespaces). */
export function readCustom(libDir) {
  const file = path.join(libDir, 'custom.json');
  if (!existsSync(file)) return {};
  const { $comment: _, ...entries } = JSON.parse(readFileSync(file, 'utf8'));
  return entries;
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
      (child) =>
        `  /** \`client.${child.path.join('.')}\`${child.description ? `: ${safe(child.description)}` : '.'} */\n  readonly ${child.name}: ${child.className} = new ${child.className}(this._client);`,
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
    const doc = `  /** ${r.description ? safe(r.description) : `\`client.${r.name}\` (tag \`${r.tag}\`).`} */\n`;
    fields.push(
      `${doc}  readonly ${r.name}: ${r.className} = new ${r.className}(this as unknown as ClientCore);`,
    );
  }
  const { types } = collectImports(model.rootMethods);
  const typeImports = importLines(types, 1);
  const methods = model.rootMethods.map((m) => methodSource(m, '(this as unknown as ClientCore)'));
  return `${[...typeImports, "import type { ClientCore } from '../core/client-core.ts';", ...imports].join('\n')}

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

/** `'/a': { GET: X }, …` lines of a table keyed by path template, then method. */
function byPathLines(entries) {
  const byPath = new Map();
  for (const [route, method, value] of entries)
    byPath.set(route, [...(byPath.get(route) ?? []), `${method}: ${value}`]);
  return [...byPath].map(([route, methods]) => `  ${q(route)}: { ${methods.join(', ')} },`);
}

/** The client's one operation table: transport flags, cursor parameters, and the paths it calls. */
function operationsFile(allOps, unexposedPaths) {
  const flagged = [];
  for (const m of allOps) {
    const flags = [];
    if (m.idempotent) flags.push('IDEMPOTENT');
    if (m.credential.mode === 'none') flags.push('NO_AUTH');
    if (m.credential.mode === 'optional') flags.push('OPTIONAL_AUTH');
    if (flags.length) flagged.push([m.path, m.httpMethod, flags.join(' | ')]);
  }
  const cursors = allOps
    .filter((m) => m.pagination?.cursorParam)
    .map((m) => [m.path, m.httpMethod, q(m.pagination.cursorParam)]);
  const left = unexposedPaths.map((route) => {
    const why = allOps.filter((m) => m.path === route).map((m) => `${m.httpMethod}: ${m.unexposed}`);
    return `\n * - \`${route}\` (${why.join('; ')})`;
  });
  return `import type { paths } from '@regen/contract';
import { IDEMPOTENT, NO_AUTH, OPTIONAL_AUTH } from '../internal/transport.ts';

/**
 * Transport flags of the operations that need any, by path template, then method: idempotent
 * POSTs (an \`Idempotency-Key\` on every attempt), operations without a credential, and those where
 * it is optional. Every other operation needs a credential and is not idempotent. Keyed by path
 * first: the path is a literal of the calling code, so the lookup costs what a \`Set.has\` does.
 */
const FLAGS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
${byPathLines(flagged).join('\n')}
};

/** Transport flags of a call by method (upper case) and path template. */
export function flagsFor(method: string, path: string): number {
  return FLAGS[path]?.[method] ?? 0;
}

/** The query parameter each list operation takes the next page's cursor in, by path template, then method. */
const CURSOR_PARAMS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
${byPathLines(cursors).join('\n')}
};

/** The query parameter that takes the next page's cursor, for a list call by method and path template. */
export function cursorParamFor(method: string, path: string): string | undefined {
  return CURSOR_PARAMS[path]?.[method];
}

/**
 * The contract's paths, as the typed calls see them: all but those the client has no call at
 * (the contract model's unexposed operations)${left.length ? ':' : ': none.'}${left.join('')}
 */
export type ClientPaths = Omit<paths, ${unexposedPaths.length ? unexposedPaths.map(q).join(' | ') : 'never'}>;
`;
}

function errorCodesFile(model) {
  return `/**
 * The error codes of the contract's error envelope (\`ErrorCode\` schema).
 *
 * @inline
 */
export type KnownErrorCode =
${model.errorCodes.map((c) => `  | ${q(c)}`).join('\n')};
`;
}

/**
 * Writes the client surface for `model` into `outDir` (packages/client/src/generated);
 * `unexposedPaths` (the contract model's) are left out of the typed paths.
 */
export async function emitClient(model, outDir, custom = {}, unexposedPaths = []) {
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
  await write('operations.ts', operationsFile(all, unexposedPaths));
  await write('error-codes.ts', errorCodesFile(model));
  return files;
}
