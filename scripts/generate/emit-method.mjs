/**
 * @module TypeScript rendering of one SDK method (from the model): its signature, the call it
 * makes, its JSDoc and its example. Used by ./emit-client.mjs and ./emit-api-md.mjs.
 */
import { camelCase } from './sdk-naming.mjs';

/** The media type of form bodies (sent as `URLSearchParams`). */
export const FORM = 'application/x-www-form-urlencoded';

/** A TypeScript single-quoted string literal. */
export const q = (s) => `'${String(s).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
/** Text safe inside a JSDoc block. */
export const safe = (text) => String(text).replaceAll('*/', '*\\/');

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
