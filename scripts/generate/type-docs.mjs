/**
 * @module Doc comments for the generated TypeScript, so the TypeDoc reference (`npm run docs`)
 * documents every public symbol. openapi-typescript writes `@description`, `@constant` and no
 * comment at all on the structure it adds (`parameters`, `responses`, `content`, headers, a
 * `$ref`'d property); hey-api's zod output documents the schemas but not their fields. This pass
 * turns the tags into plain comments and gives every undocumented member the contract's own words
 * (the referenced schema's, header's or parameter's description), or says what the member is.
 */
import ts from 'typescript';
import { HTTP_METHODS } from './walk-operations.mjs';

const HTTP_METHOD_SET = new Set(HTTP_METHODS);
const LOCATIONS = new Set(['query', 'header', 'path', 'cookie']);

/** One line, safe inside a block comment. */
const clean = (text) =>
  String(text)
    .replace(/\*\//g, '*\\/')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

/** Descriptions of the contract, by where they are declared. */
function indexContract(doc) {
  const byProperty = new Map();
  const walk = (schema) => {
    if (!schema || typeof schema !== 'object') return;
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      const description = prop.description ?? refDescription(doc, prop.$ref);
      if (description && !byProperty.has(name)) byProperty.set(name, description);
      walk(prop);
      walk(prop.items);
    }
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])])
      walk(part);
    walk(schema.items);
  };
  for (const schema of Object.values(doc.components?.schemas ?? {})) walk(schema);
  const parameters = new Map();
  const operations = new Map();
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHOD_SET.has(method)) continue;
      if (op.operationId) operations.set(op.operationId, op);
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        const param = p.$ref ? resolve(doc, p.$ref) : p;
        if (param?.name && param.description && !parameters.has(param.name)) {
          parameters.set(param.name, param.description);
        }
      }
    }
  }
  for (const p of Object.values(doc.components?.parameters ?? {})) {
    if (p.name && p.description && !parameters.has(p.name)) parameters.set(p.name, p.description);
  }
  return { byProperty, parameters, operations };
}

function resolve(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

function refDescription(doc, ref) {
  return resolve(doc, ref)?.description;
}

/** openapi-typescript's tags as TypeDoc reads them: `@description` becomes the text, `@constant` goes. */
function rewriteTags(source) {
  return source.replace(/\/\*\*[\s\S]*?\*\//g, (comment) => {
    if (!comment.includes('\n')) {
      const text = comment
        .replace(/@description\s*/, '')
        .replace(/@constant\b\s*/, '')
        .replace(/^\/\*\*\s*\*\/$/, '');
      return /^\/\*\*\s*\*\/$/.test(text) ? '' : text;
    }
    const lines = comment.split('\n');
    const out = [];
    let seenText = false;
    for (const line of lines) {
      if (/^\s*\*\s*@constant\s*$/.test(line)) continue;
      const m = /^(\s*)\*\s@description\s?(.*)$/.exec(line);
      if (m) {
        if (seenText) out.push(`${m[1]}*`);
        out.push(`${m[1]}* ${m[2]}`);
        seenText = true;
        continue;
      }
      if (/^\s*\*\s*\S/.test(line) && !/^\s*\*\//.test(line)) seenText = true;
      out.push(line);
    }
    const body = out.slice(1, -1).filter((l) => !/^\s*\*\s*$/.test(l));
    return body.length === 0 ? '' : out.join('\n');
  });
}

/** A field of `z.object({...})`, not an option of some other call (`datetime({ offset: true })`). */
function isObjectField(node) {
  const call = node.parent?.parent;
  return Boolean(
    call &&
      ts.isCallExpression(call) &&
      /\.(object|strictObject|looseObject)$/.test(call.expression.getText()),
  );
}

function insertDocs(source, docFor, allFields = false) {
  const sf = ts.createSourceFile('generated.ts', source, ts.ScriptTarget.Latest, true);
  const edits = [];
  const hasDoc = (node) => /\/\*\*[\s\S]*\*\//.test(source.slice(node.getFullStart(), node.getStart()));
  const indentOf = (pos) => {
    const lineStart = source.lastIndexOf('\n', pos - 1) + 1;
    return source.slice(lineStart, pos);
  };
  const add = (node, text) => {
    if (!hasDoc(node) && text) {
      const indent = indentOf(node.getStart());
      const after = /^\s*$/.test(indent) ? `\n${indent}` : ' ';
      edits.push([node.getStart(), `/** ${clean(text)} */${after}`]);
    }
  };
  const nameOf = (name) =>
    ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)
      ? name.text
      : name.getText();
  const visit = (node, trail) => {
    let next = trail;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      next = [node.name.text];
      add(node, docFor({ kind: 'declaration', trail: next, node }));
    } else if (ts.isVariableStatement(node)) {
      const decl = node.declarationList.declarations[0];
      next = [decl.name.getText()];
      add(node, docFor({ kind: 'declaration', trail: next, node: decl }));
    } else if (
      ts.isPropertySignature(node) ||
      (ts.isPropertyAssignment(node) && (allFields || isObjectField(node)))
    ) {
      next = [...trail, nameOf(node.name)];
      add(node, docFor({ kind: 'property', trail: next, node }));
    }
    ts.forEachChild(node, (child) => visit(child, next));
  };
  visit(sf, []);
  edits.sort((a, b) => b[0] - a[0]);
  let out = source;
  for (const [pos, text] of edits) out = out.slice(0, pos) + text + out.slice(pos);
  return out;
}

/** Documents openapi-typescript's output (`paths`, `webhooks`, `components`, `operations`, the aliases). */
export function documentOpenapiTypes(source, doc) {
  const { byProperty, parameters, operations } = indexContract(doc);
  const components = doc.components ?? {};
  const ROOTS = {
    paths: 'Every path of the contract, with its operations by HTTP method (openapi-typescript).',
    webhooks: 'The webhooks the API sends, by event name: each describes the POST delivered to an endpoint.',
    components: "The contract's reusable components: schemas, responses, parameters and headers.",
    operations: 'Every operation of the contract by operationId: parameters, request body and responses.',
    $defs: 'JSON Schema `$defs` of the contract (none are used).',
  };
  const docFor = ({ kind, trail, node }) => {
    const name = trail.at(-1);
    if (kind === 'declaration') {
      if (ROOTS[name]) return ROOTS[name];
      const target = /components\['schemas'\]\['([^']+)'\]/.exec(node.getText())?.[1];
      if (target) return components.schemas?.[target]?.description ?? `The contract's \`${target}\` schema.`;
      return `\`${name}\`.`;
    }
    const [root] = trail;
    const parent = trail.at(-2);
    const depth = trail.length;
    const type = node.type?.getText() ?? '';
    if (root === 'components' && depth === 2) {
      return type === 'never'
        ? `No reusable \`${name}\` in the contract.`
        : `The contract's reusable ${name} (\`components.${name}\`).`;
    }
    const ref = /^components\["(\w+)"\]\["([^"]+)"\](\[\])?$/.exec(type);
    if (ref) {
      const description = components[ref[1]]?.[ref[2]]?.description;
      if (description) return ref[3] ? `A list: ${description}` : description;
    }
    if (type === 'never') {
      if (HTTP_METHOD_SET.has(name)) return `No ${name.toUpperCase()} operation on this path.`;
      if (LOCATIONS.has(name)) return `No ${name} parameters.`;
      if (name === 'requestBody') return 'No request body.';
      return 'Never sent.';
    }
    if (root === 'paths' && depth === 2) return `The operations of \`${name}\`, by HTTP method.`;
    if (root === 'operations' && depth === 2) {
      const op = operations.get(name);
      return op?.summary ?? op?.description ?? `The \`${name}\` operation.`;
    }
    if (root === 'webhooks' && depth === 2) {
      const op = doc.webhooks?.[name]?.post;
      return op?.summary ?? op?.description ?? `The \`${name}\` webhook.`;
    }
    if (name === 'parameters') return 'Parameters, by location.';
    if (parent === 'parameters' && LOCATIONS.has(name)) return `The ${name} parameters.`;
    if (['query', 'header', 'path', 'cookie'].includes(trail.at(-3) ?? '') && trail.at(-4) !== 'components') {
      const description = parameters.get(name);
      if (description) return description;
    }
    if (name === 'requestBody') return 'The request body, by media type.';
    if (name === 'responses') return 'Responses, by status code.';
    if (parent === 'responses')
      return /^\d+$/.test(name) ? `The ${name} response.` : `The \`${name}\` response.`;
    if (name === 'headers') return 'Response headers, by name.';
    if (parent === 'headers') return components.headers?.[name]?.description ?? `The \`${name}\` header.`;
    if (name === 'content') return 'The body, by media type.';
    if (parent === 'content') return `A \`${name}\` body.`;
    if (name === 'success')
      return 'Whether the request succeeded: `true` in every success envelope (the contract\'s "Envelopes").';
    if (name === 'data') {
      return type.endsWith('[]') ? 'The items of this page, newest first.' : "The response's payload.";
    }
    return byProperty.get(name) ?? parameters.get(name) ?? `The \`${name}\` field.`;
  };
  return insertDocs(rewriteTags(source), docFor);
}

/** `order.created` → `OrderCreated`, as hey-api names the webhook's schemas. */
const camel = (event) =>
  event
    .split(/[._-]/)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

/** Documents hey-api's zod output: every schema constant and every field of an object schema. */
export function documentZod(source, doc) {
  const { byProperty, parameters, operations } = indexContract(doc);
  const schemas = doc.components?.schemas ?? {};
  const docFor = ({ kind, trail }) => {
    const name = trail.at(-1);
    const webhook = /^z(\w+)WebhookWebhookRequest$/.exec(trail[0])?.[1];
    const event = webhook && Object.keys(doc.webhooks ?? {}).find((e) => camel(e) === webhook);
    if (kind === 'declaration') {
      if (event) return `Zod schema of a \`${event}\` webhook delivery: its body and headers.`;
      const schema = schemas[name.slice(1)];
      if (schema)
        return `Zod schema of \`${name.slice(1)}\`${schema.description ? `: ${schema.description}` : '.'}`;
      const op = /^z([A-Z]\w*?)(Body|Response\d?|Query|Path|Headers)$/.exec(name);
      if (op) {
        const operationId = op[1][0].toLowerCase() + op[1].slice(1);
        const part =
          {
            Body: 'request body',
            Query: 'query parameters',
            Path: 'path parameters',
            Headers: 'header parameters',
          }[op[2]] ?? 'success body';
        if (operations.has(operationId)) return `Zod schema of the ${part} of \`${operationId}\`.`;
      }
      const target = /^z(\w+?)(Query|Path)$/.exec(name);
      const param = Object.values(doc.components?.parameters ?? {}).find(
        (p) => `${p.name}`.toLowerCase() === `${target?.[1] ?? name.slice(1)}`.toLowerCase(),
      );
      if (param?.description) return `Zod schema of a parameter: ${param.description}`;
      const header = doc.components?.headers?.[name.slice(1).replace(/([a-z])([A-Z])/g, '$1-$2')];
      if (header?.description)
        return `Zod schema of the \`${name.slice(1).replace(/([a-z])([A-Z])/g, '$1-$2')}\` header: ${header.description}`;
      return `Zod schema \`${name}\` (contract parameter or header).`;
    }
    if (event && trail.length === 2) {
      if (name === 'body') return `The \`${event}\` event delivered.`;
      if (name === 'headers') return 'The headers of the delivery (`Regen-Signature`, `Regen-Event-Id`).';
      return `Not used by webhook deliveries (no ${name} parameters).`;
    }
    // A field of an object schema: the schema's own words for it, else the contract's for that name.
    const owner = schemas[trail[0].slice(1)];
    const own = owner?.properties?.[name];
    return (
      own?.description ??
      refDescription(doc, own?.$ref) ??
      byProperty.get(name) ??
      parameters.get(name) ??
      (name === 'success'
        ? 'Whether the request succeeded (the contract\'s "Envelopes").'
        : `The \`${name}\` field.`)
    );
  };
  return insertDocs(source, docFor);
}

const OPERATION_FIELDS = {
  operationId: 'The operationId (the key of this entry).',
  method: 'HTTP method.',
  path: 'Path template, relative to the server URL.',
  tag: 'The tag: the client namespace the operation belongs to.',
  auth: '`required`, `optional` (a credential is used when sent) or `none` (credentials travel in the body).',
  securitySchemes: "Security schemes that may authorize the call (the contract's `security`).",
  scopes:
    'Scopes the call requires (any scheme), `[]` for any valid credential, `null` when the operation takes no credential.',
  idempotent: 'Whether the operation takes an `Idempotency-Key` (the contract\'s "Idempotency").',
  pathParams: 'Names of the path parameters.',
  queryParams: 'Names of the query parameters.',
  headerParams: 'Names of the header parameters.',
  requiredHeaders: 'Header parameters the call must send.',
  requestBody: 'The request body (`required`, media types), `null` when the operation takes none.',
  required: 'Whether the body is required.',
  contentTypes: 'Media types the body may be sent as.',
  successStatus: 'The documented success status.',
  statuses: 'Every documented status.',
};

/** Documents the generated operation index: each entry with its operation's summary, each field once per entry. */
export function documentOperationIndex(source, model) {
  const operations = new Map(model.operations.map((op) => [op.operationId, op]));
  const docFor = ({ kind, trail }) => {
    if (kind === 'declaration') return undefined;
    const name = trail.at(-1);
    if (trail.length === 2) {
      const op = operations.get(name);
      return op?.summary ? `${op.summary}.` : `The \`${name}\` operation.`;
    }
    return OPERATION_FIELDS[name] ?? `The \`${name}\` field.`;
  };
  return insertDocs(source, docFor, true);
}

/** Documents the generated scope tables: each role of `roleScopes`. */
export function documentScopes(source) {
  const docFor = ({ kind, trail }) =>
    kind === 'declaration' ? undefined : `Scopes a \`${trail.at(-1)}\` user holds (the contract's "Roles").`;
  return insertDocs(source, docFor, true);
}
