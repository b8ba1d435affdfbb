/**
 * @module Emits packages/python-sdk/api.md from the SDK model, as ./emit-api-md.mjs does for the
 * TypeScript client: every namespace and method of `RegenClient` with its parameters and return type.
 */
import { writeFile } from 'node:fs/promises';
import { paramsOf, resultOf, returnType } from './emit-python-method.mjs';
import { collectSchemas } from './emit-python-types.mjs';
import { GENERATED_NOTE } from './header.mjs';
import { snakeCase } from './python-names.mjs';

const html = (text) => text.replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function methodLine(m, schemas, file) {
  const { positional, keywords } = paramsOf(m, schemas);
  const args = [
    ...positional.map((p) => `${p.py}: ${p.type}`),
    ...(keywords.length ? ['*'] : []),
    ...keywords.map((k) => `${k.py}: ${k.type}${k.required ? '' : ' = …'}`),
  ];
  const target = ['client', ...m.resource.map(snakeCase), m.name].join('.');
  const flags = [
    m.idempotent ? 'idempotent' : null,
    m.credential.mode === 'none' ? 'no credential' : null,
    m.credential.mode === 'optional' ? 'credential optional' : null,
    m.deprecated ? '**deprecated**' : null,
  ].filter(Boolean);
  const returns = returnType(resultOf(m, schemas), false, false);
  return `- <code title="${m.httpMethod.toLowerCase()} ${m.path}">${target.replace(/\.(\w+)$/, `.<a href="${file}">$1</a>`)}(${html(args.join(', '))}) -> ${html(returns)}</code> — \`${m.httpMethod} ${m.path}\` (${m.operationId})${flags.length ? `; ${flags.join(', ')}` : ''}`;
}

function section(r, schemas, depth) {
  const file = `./src/regen/_generated/resources/${snakeCase(r.path[0])}.py`;
  const out = [`${'#'.repeat(depth)} ${r.className} (\`client.${r.path.map(snakeCase).join('.')}\`)`, ''];
  if (r.description) out.push(r.description, '');
  out.push('Methods:', '', ...r.methods.map((m) => methodLine(m, schemas, file)), '');
  for (const child of r.resources) out.push(...section(child, schemas, depth + 1));
  return out;
}

/** Writes the Python api.md for `model` to `file`. */
export async function emitPythonApiMd(model, components, file) {
  const schemas = collectSchemas(components);
  const out = [
    `<!-- ${GENERATED_NOTE} -->`,
    '',
    `# ${model.title} — Python API (\`regen-sdk\`)`,
    '',
    'Every method takes `options: RequestOptions` last (`timeout`, `max_retries`, `idempotency_key`, `headers`).',
    "Methods return the envelope's `data` as a pydantic model (`regen.types`); list methods return the first page, and iterating it yields every item of every page.",
    '`AsyncRegenClient` has the same methods with `await` (list methods: `async for`); `client.with_response.<same path>` returns an `APIResponse` (data, request id, rate limit).',
    '',
  ];
  if (model.rootMethods.length) {
    out.push('## RegenClient', '', 'Methods:', '');
    for (const m of model.rootMethods)
      out.push(methodLine(m, schemas, './src/regen/_generated/namespaces.py'));
    out.push('');
  }
  for (const r of model.resources) out.push(...section(r, schemas, 2));
  if (model.unexposed.length) {
    out.push('## Not methods', '');
    for (const u of model.unexposed)
      out.push(`- \`${u.httpMethod} ${u.path}\` (${u.operationId}): ${u.reason}`);
    out.push('');
  }
  await writeFile(file, `${out.join('\n').trimEnd()}\n`);
  return [file];
}
