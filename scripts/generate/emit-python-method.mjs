/**
 * @module Python rendering of one SDK method (from the model), for ./emit-python.mjs and
 * ./emit-python-api-md.mjs: its parameters, return type, parser, the call it makes, its docstring.
 */
import { pyType } from './emit-python-types.mjs';
import { docstring, pyStr, snakeCase } from './python-names.mjs';

const QUERY_TYPES = { integer: 'int', number: 'float', boolean: 'bool' };

/** Python type of a path or query parameter: its component alias, else its JSON type. */
function paramType(p, schemas) {
  if (p.schemaRef && (schemas.aliases.has(p.schemaRef) || schemas.objects.has(p.schemaRef)))
    return p.schemaRef;
  return QUERY_TYPES[p.type] ?? 'str';
}

/** What the method returns and how the body is parsed: `{ kind, parse, type, envelope }`. */
export function resultOf(m, schemas) {
  const s = m.success;
  const model = (name) =>
    schemas.objects.has(name)
      ? { parse: `${name}.model_validate`, type: name }
      : { parse: 'as_is', type: name };
  if (s.envelope === 'list')
    return { kind: 'list', ...(s.dataRef ? model(s.dataRef) : { parse: 'as_is', type: 'Any' }) };
  if (s.envelope === 'data') {
    if (s.dataRef) return { kind: 'data', envelope: true, ...model(s.dataRef) };
    const data = schemas.objects.get(s.schemaRef ?? '')?.properties?.data;
    const item = data?.items?.$ref?.replace('#/components/schemas/', '');
    if (data?.type === 'array' && item && schemas.objects.has(item))
      return { kind: 'data', envelope: true, parse: `list_of(${item})`, type: `List[${item}]` };
    return { kind: 'data', envelope: true, parse: 'as_is', type: data ? pyType(data, schemas) : 'Any' };
  }
  if (s.envelope === 'none' && s.schemaRef) return { kind: 'data', envelope: false, ...model(s.schemaRef) };
  return { kind: 'empty', parse: null, type: 'None' };
}

/**
 * The method's parameters: path parameters positional, then keyword-only query parameters and
 * body fields (flattened when the body is one object schema, else one `body` argument).
 */
export function paramsOf(m, schemas) {
  const positional = m.pathParams.map((p) => ({ py: snakeCase(p.name), wire: p.name, type: 'str' }));
  const keywords = [];
  const query = m.queryParams.map((p) => {
    const entry = { py: snakeCase(p.name), wire: p.name, type: paramType(p, schemas), required: p.required };
    keywords.push(entry);
    return entry;
  });
  let body = null;
  if (m.body) {
    const object = m.body.schemaRef ? schemas.objects.get(m.body.schemaRef) : null;
    if (object) {
      const required = new Set(m.body.required ? (object.required ?? []) : []);
      const fields = Object.entries(object.properties).map(([prop, sub]) => ({
        py: snakeCase(prop),
        wire: prop,
        type: pyType(sub, schemas, true),
        required: required.has(prop),
      }));
      keywords.push(...fields);
      body = { kind: 'fields', schema: m.body.schemaRef, fields };
    } else {
      const type = m.body.schemaRef
        ? pyType({ $ref: `#/components/schemas/${m.body.schemaRef}` }, schemas, true)
        : 'Any';
      const entry = { py: 'body', wire: null, type, required: m.body.required };
      keywords.push(entry);
      body = { kind: 'whole', schema: m.body.schemaRef, entry };
    }
  }
  const names = [...positional, ...keywords].map((p) => p.py);
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash)
    throw new Error(
      `python emitter: ${m.operationId} has two arguments named ${clash}; add x-sdk-name or rename`,
    );
  return { positional, keywords, query, body };
}

/** `def name(self, …) -> T:` lines (without the body) for a variant: sync/async, plain/with_response. */
export function signatureLines(m, schemas, { isAsync, withResponse }) {
  const { positional, keywords } = paramsOf(m, schemas);
  const result = resultOf(m, schemas);
  const args = ['self', ...positional.map((p) => `${p.py}: ${p.type}`)];
  const kw = [
    ...keywords.filter((k) => k.required).map((k) => `${k.py}: ${k.type}`),
    ...keywords
      .filter((k) => !k.required)
      .map((k) =>
        k.py === 'body'
          ? `body: Optional[${k.type}] = None`
          : `${k.py}: Union[${k.type}, NotGiven] = NOT_GIVEN`,
      ),
    'options: Optional[RequestOptions] = None',
  ];
  args.push('*', ...kw);
  const returns = returnType(result, isAsync, withResponse);
  const lazyList = isAsync && !withResponse && result.kind === 'list';
  const def = isAsync && !lazyList ? 'async def' : 'def';
  return {
    head: `    ${def} ${m.name}(\n${args.map((a) => `        ${a},`).join('\n')}\n    ) -> ${returns}:`,
    returns,
  };
}

export function returnType(result, isAsync, withResponse) {
  let base = result.type;
  if (result.kind === 'list')
    base = withResponse
      ? `${isAsync ? 'AsyncPage' : 'SyncPage'}[${result.type}]`
      : `${isAsync ? 'AsyncPageRequest' : 'SyncPage'}[${result.type}]`;
  return withResponse ? `APIResponse[${base}]` : base;
}

/** The method's body: the one call into the client core. */
export function callLines(m, schemas, { isAsync, withResponse, self }) {
  const { positional, query, body } = paramsOf(m, schemas);
  const result = resultOf(m, schemas);
  const suffix = withResponse ? '_response' : '';
  const lazyList = isAsync && !withResponse && result.kind === 'list';
  const aw = isAsync && !lazyList ? 'await ' : '';
  const args = [`OPERATIONS[${pyStr(m.operationId)}]`];
  if (result.kind !== 'empty') args.push(result.parse);
  if (result.kind === 'data' && !result.envelope) args.push('envelope=False');
  if (positional.length) args.push(`path={${positional.map((p) => `${pyStr(p.wire)}: ${p.py}`).join(', ')}}`);
  if (query.length) args.push(`query={${query.map((p) => `${pyStr(p.wire)}: ${p.py}`).join(', ')}}`);
  if (body?.kind === 'fields') {
    args.push(
      `body=to_wire(${pyStr(body.schema)}, {${body.fields.map((f) => `${pyStr(f.py)}: ${f.py}`).join(', ')}})`,
    );
  } else if (body?.kind === 'whole') {
    args.push(`body=to_wire(${body.schema ? pyStr(body.schema) : 'None'}, body)`);
  }
  args.push('options=options');
  const fn = result.kind === 'list' ? '_list' : result.kind === 'empty' ? '_empty' : '_data';
  const call = `${self}.${fn}${suffix}(\n${args.map((a) => `            ${a},`).join('\n')}\n        )`;
  return `        return ${aw}${call}`;
}

/** The method's docstring: summary, description, operation, credential, idempotency. */
export function docLines(m) {
  const lines = [];
  lines.push(m.summary ? `${m.summary}.`.replace(/\.\.$/, '.') : `${m.httpMethod} ${m.path}.`);
  if (m.description) lines.push('', ...m.description.trim().split('\n'));
  lines.push('', `\`${m.httpMethod} ${m.path}\` (\`${m.operationId}\`).`);
  if (m.credential.mode === 'none') lines.push('No credential (none is sent).');
  else if (m.credential.mode === 'optional') lines.push('Credential optional: sent when the client has one.');
  else lines.push(`Scopes: ${m.credential.scopes.map((s) => `\`${s}\``).join(', ') || 'none'}.`);
  if (m.idempotent)
    lines.push(
      'Idempotent: sends an `Idempotency-Key` (`options["idempotency_key"]`, else a generated one), the same on every retry.',
    );
  if (m.pagination) lines.push('Iterating the page yields every item of every page.');
  if (m.deprecated) lines.push('Deprecated by the contract.');
  return docstring(lines.join('\n'), '        ');
}
