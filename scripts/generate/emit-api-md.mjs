/**
 * @module Emits packages/client/api.md from the SDK model: every namespace and method of the client
 * with its parameter and return types (as openai-node's api.md). Hand-written methods (src/lib,
 * named in custom.json) show the signature of their one-line declaration.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { kebabCase } from './emit-client.mjs';
import { signatureOf } from './emit-method.mjs';
import { GENERATED_NOTE } from './header.mjs';

/** The return type as a reader wants it: the contract's schema name rather than a type helper. */
function readableReturn(m) {
  const sig = signatureOf(m);
  if (m.success.envelope === 'list' && m.success.dataRef) return `PagePromise<${m.success.dataRef}>`;
  if (m.success.envelope === 'data' && m.success.dataRef) return `APIPromise<${m.success.dataRef}>`;
  if (m.success.envelope === 'none' && m.success.schemaRef) return `APIPromise<${m.success.schemaRef}>`;
  return sig.returns;
}

function methodLine(m, file) {
  const sig = signatureOf(m);
  const target = ['client', ...m.resource, m.name].join('.');
  const flags = [
    m.idempotent ? 'idempotent' : null,
    m.credential.mode === 'none' ? 'no credential' : null,
    m.credential.mode === 'optional' ? 'credential optional' : null,
    m.deprecated ? '**deprecated**' : null,
  ].filter(Boolean);
  return `- <code title="${m.httpMethod.toLowerCase()} ${m.path}">${target.replace(/\.(\w+)$/, `.<a href="${file}">$1</a>`)}(${sig.params.join(', ').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}) -> ${readableReturn(m).replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</code> — \`${m.httpMethod} ${m.path}\` (${m.operationId})${flags.length ? `; ${flags.join(', ')}` : ''}`;
}

function types(resource) {
  const names = new Set();
  for (const m of resource.methods) {
    for (const ref of [m.body?.schemaRef, m.success.dataRef ?? m.success.schemaRef]) if (ref) names.add(ref);
  }
  return [...names];
}

function section(resource, custom, depth, libDir) {
  const key = resource.path.join('.');
  const file = `./src/generated/resources/${kebabCase(resource.path[0])}.ts`;
  const entry = custom[key];
  const out = [`${'#'.repeat(depth)} ${resource.className} (\`client.${key}\`)`, ''];
  if (resource.description) out.push(resource.description, '');
  const typeNames = types(resource);
  if (typeNames.length) {
    out.push(`Types (\`@regen/contract\`): ${typeNames.map((t) => `<code>${t}</code>`).join(', ')}`, '');
  }
  out.push('Methods:', '');
  for (const m of resource.methods) {
    if (entry?.replaces?.includes(m.name)) out.push(customLine(key, m.name, entry, libDir, m));
    else out.push(methodLine(m, file));
  }
  for (const name of entry?.adds ?? []) out.push(customLine(key, name, entry, libDir, null));
  out.push('');
  for (const child of resource.resources) out.push(...section(child, custom, depth + 1, libDir));
  return out;
}

/** `(params)` and return type of a hand-written method, from its one-line declaration in src/lib. */
function customSignature(entry, name, libDir) {
  let source;
  try {
    source = readFileSync(path.join(libDir, entry.module), 'utf8');
  } catch {
    return null;
  }
  const declaration = new RegExp(`^\\s+(?:async\\s+)?${name}\\((.*)\\):\\s*(.+?)\\s*\\{$`);
  const match = source
    .split('\n')
    .map((l) => l.match(declaration))
    .find(Boolean);
  return match ? { params: match[1], returns: match[2] } : null;
}

const html = (text) => text.replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function customLine(key, name, entry, libDir, operation) {
  const file = entry.module.replace(/^\.\//, '');
  const sig = libDir ? customSignature(entry, name, libDir) : null;
  const call = sig ? `(${html(sig.params)}) -> ${html(sig.returns)}` : '(…)';
  const where = operation ? `\`${operation.httpMethod} ${operation.path}\` (${operation.operationId}); ` : '';
  return `- <code>client.${key}.<a href="./src/lib/${file}">${name}</a>${call}</code> — ${where}custom, in [\`src/lib/${file}\`](./src/lib/${file})`;
}

/** Writes api.md for `model` to `file`; `libDir` is the client's src/lib (signatures of custom methods). */
export async function emitApiMd(model, file, custom = {}, libDir = undefined) {
  const out = [
    `<!-- ${GENERATED_NOTE} -->`,
    '',
    `# ${model.title} — client API`,
    '',
    'Every method takes `options?: RequestOptions` last (`signal`, `timeout`, `idempotencyKey`, `maxRetries`, `headers`).',
    "`APIPromise<T>` resolves to `T` (the envelope's `data`); `.withResponse()` adds the response, request id and rate limit.",
    '`PagePromise<T>` resolves to the first `Page<T>`; `for await` iterates every item of every page.',
    'Type helpers (`BodyInput`, `Query`, `Data`, `Item`) take an operationId; schema types come from `@regen/contract`.',
    '',
  ];
  if (model.rootMethods.length) {
    out.push('## RegenClient', '', 'Methods:', '');
    for (const m of model.rootMethods) out.push(methodLine(m, './src/generated/client-namespaces.ts'));
    out.push('');
  }
  for (const r of model.resources) out.push(...section(r, custom, 2, libDir));
  if (model.unexposed.length) {
    out.push('## Not methods', '');
    for (const u of model.unexposed)
      out.push(`- \`${u.httpMethod} ${u.path}\` (${u.operationId}): ${u.reason}`);
    out.push('');
  }
  await writeFile(file, `${out.join('\n').trimEnd()}\n`);
  return [file];
}
