/**
 * @module The contract reader of the SDK: turns the bundled OpenAPI document into the SDK model
 * (types in ./sdk-model.d.mts). Emitters (./emit-client.mjs, ./emit-api-md.mjs) read only the
 * model, never the document, so another language's emitter can sit beside the TypeScript one.
 */
import { className, nameOperation, resourceSegments } from './sdk-naming.mjs';
import { deref, walkOperations } from './walk-operations.mjs';

const SCHEMA_PREFIX = '#/components/schemas/';
const refName = (node) =>
  typeof node?.$ref === 'string' && node.$ref.startsWith(SCHEMA_PREFIX)
    ? node.$ref.slice(SCHEMA_PREFIX.length)
    : null;

/** `security` → 'none' (no requirement), 'optional' (`{}` among them) or 'required'. */
function credentialOf(doc, operation) {
  const security = operation.security ?? doc.security ?? [];
  const mode =
    security.length === 0
      ? 'none'
      : security.some((r) => Object.keys(r).length === 0)
        ? 'optional'
        : 'required';
  const schemes = [...new Set(security.flatMap((r) => Object.keys(r)))];
  const fromSecurity = security.map((r) => Object.values(r)[0]).find((s) => Array.isArray(s) && s.length > 0);
  const scopes = mode === 'none' ? [] : (operation['x-required-scopes'] ?? fromSecurity ?? []).map(String);
  return { mode, schemes, scopes };
}

function paramOf(doc, p) {
  const schema = deref(doc, p.schema) ?? {};
  const example =
    p.example ?? Object.values(p.examples ?? {}).map((e) => deref(doc, e)?.value)[0] ?? schema.examples?.[0];
  return {
    name: p.name,
    required: p.required === true,
    description: p.description ?? null,
    type: schemaType(schema),
    schemaRef: refName(p.schema),
    ...(example === undefined ? {} : { example }),
  };
}

function schemaType(schema) {
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (schema.type) return schema.type;
  if (schema.enum) return 'string';
  return 'unknown';
}

function examplesOf(doc, media) {
  const out = [];
  for (const [name, raw] of Object.entries(media?.examples ?? {})) {
    const ex = deref(doc, raw);
    out.push({ name, summary: ex?.summary ?? null, value: ex?.value });
  }
  if (out.length === 0 && media?.example !== undefined)
    out.push({ name: 'example', summary: null, value: media.example });
  return out;
}

/** What a success body is: the `{ success, data }` envelope, a list envelope (a page), another JSON body, or nothing. */
function successOf(doc, operation) {
  const statuses = Object.keys(operation.responses ?? {})
    .filter((s) => /^2\d\d$/.test(s))
    .sort();
  const status = Number(statuses[0] ?? 200);
  const response = deref(doc, operation.responses?.[String(status)]) ?? {};
  const contentTypes = Object.keys(response.content ?? {});
  const media = response.content?.['application/json'];
  if (!media) {
    return {
      status,
      contentTypes,
      schemaRef: null,
      envelope: contentTypes.length ? 'other' : 'empty',
      dataRef: null,
      examples: [],
    };
  }
  const schema = deref(doc, media.schema) ?? {};
  const props = schema.properties ?? {};
  const examples = examplesOf(doc, media);
  if (props.data && props.success) {
    const data = deref(doc, props.data) ?? {};
    if (props.hasMore && props.nextCursor && data.type === 'array') {
      return {
        status,
        contentTypes,
        schemaRef: refName(media.schema),
        envelope: 'list',
        dataRef: refName(data.items),
        examples,
      };
    }
    return {
      status,
      contentTypes,
      schemaRef: refName(media.schema),
      envelope: 'data',
      dataRef: refName(props.data),
      examples,
    };
  }
  return {
    status,
    contentTypes,
    schemaRef: refName(media.schema),
    envelope: 'none',
    dataRef: null,
    examples,
  };
}

/** Documented error statuses and the error codes their examples show (`error.code`, or OAuth's `error`). */
function errorsOf(doc, operation) {
  const out = [];
  for (const [status, raw] of Object.entries(operation.responses ?? {})) {
    if (!/^[45]\d\d$/.test(status)) continue;
    const response = deref(doc, raw) ?? {};
    const codes = new Set();
    for (const media of Object.values(response.content ?? {})) {
      for (const ex of examplesOf(doc, media)) {
        const err = ex.value?.error;
        const code = typeof err === 'string' ? err : err?.code;
        if (typeof code === 'string') codes.add(code);
      }
    }
    out.push({
      status: Number(status),
      codes: [...codes].sort(),
      schemaRef: refName(Object.values(response.content ?? {})[0]?.schema),
    });
  }
  return out.sort((a, b) => a.status - b.status);
}

function bodyOf(doc, operation) {
  const body = deref(doc, operation.requestBody);
  if (!body) return null;
  const contentTypes = Object.keys(body.content ?? {});
  const contentType = contentTypes[0];
  const media = body.content[contentType];
  return {
    required: body.required === true,
    description: body.description ?? null,
    contentType,
    contentTypes,
    schemaRef: refName(media.schema),
    examples: examplesOf(doc, media),
  };
}

/** A browser page (an HTML answer or a redirect), not an API call: success content, none of it JSON. */
function isNavigation(success) {
  return success.envelope === 'other';
}

/**
 * Builds the SDK model of a bundled document.
 * @param {object} doc the bundled OpenAPI 3.1 document (packages/contract/openapi.json without `x-generated`)
 * @returns {import('./sdk-model.d.mts').SdkModel}
 */
export function buildSdkModel(doc) {
  const raw = [];
  for (const { path: route, method, operation, parameters } of walkOperations(doc)) {
    const params = parameters.map((p) => paramOf(doc, p));
    const byIn = (where) => params.filter((_, i) => parameters[i].in === where);
    const success = successOf(doc, operation);
    const queryParams = byIn('query');
    raw.push({
      operationId: operation.operationId,
      tag: operation.tags?.[0] ?? 'default',
      httpMethod: method.toUpperCase(),
      path: route,
      summary: operation.summary ?? null,
      description: operation.description ?? null,
      deprecated: operation.deprecated === true,
      pathParams: byIn('path'),
      queryParams,
      headerParams: byIn('header'),
      body: bodyOf(doc, operation),
      success,
      pagination:
        success.envelope === 'list'
          ? {
              style: 'cursor',
              cursorParam: queryParams.some((p) => p.name === 'cursor') ? 'cursor' : null,
              limitParam: queryParams.some((p) => p.name === 'limit') ? 'limit' : null,
              itemRef: success.dataRef,
            }
          : null,
      idempotent: params.some(
        (p, i) => parameters[i].in === 'header' && p.name.toLowerCase() === 'idempotency-key',
      ),
      credential: credentialOf(doc, operation),
      errors: errorsOf(doc, operation),
      exposed: !isNavigation(success),
      overrideName: operation['x-sdk-name'],
      overrideResource: operation['x-sdk-resource'],
    });
  }

  const tags = new Map((doc.tags ?? []).map((t) => [t.name, t]));
  const collections = new Set(
    raw
      .filter((o) => o.success.envelope === 'list')
      .map((o) => `${o.tag} ${resourceSegments(o.path).join('/')}`),
  );
  const isCollectionOf = (tag) => (prefix) => collections.has(`${tag} ${prefix.join('/')}`);

  const root = {
    name: '',
    path: [],
    className: '',
    tag: null,
    description: null,
    resources: [],
    methods: [],
  };
  const find = (path, collection, tag) => {
    let node = root;
    for (let i = 0; i < path.length; i++) {
      let child = node.resources.find((r) => r.name === path[i]);
      if (!child) {
        const sub = path.slice(0, i + 1);
        const tagInfo = tags.get(tag);
        child = {
          name: path[i],
          path: sub,
          className: className(sub, collection, i === 0 ? tagInfo?.['x-sdk-class-name'] : undefined),
          tag,
          description: i === 0 ? (tagInfo?.description ?? null) : null,
          resources: [],
          methods: [],
        };
        node.resources.push(child);
      }
      node = child;
    }
    return node;
  };

  const unexposed = [];
  const seen = new Map();
  for (const op of raw) {
    const { overrideName, overrideResource, exposed, ...rest } = op;
    if (!exposed) {
      unexposed.push({
        ...rest,
        name: null,
        resource: [],
        reason: 'browser navigation (no JSON success response)',
      });
      continue;
    }
    const naming = nameOperation(
      {
        tag: op.tag,
        route: op.path,
        method: op.httpMethod,
        isList: op.pagination !== null,
        overrideName,
        overrideResource,
        operationId: op.operationId,
      },
      isCollectionOf(op.tag),
    );
    const key = [...naming.resource, naming.name].join('.');
    if (seen.has(key))
      throw new Error(`naming rule: ${op.operationId} and ${seen.get(key)} are both ${key}; add x-sdk-name`);
    seen.set(key, op.operationId);
    find(naming.resource, naming.collection, op.tag).methods.push({
      ...rest,
      name: naming.name,
      resource: naming.resource,
    });
  }

  // Namespaces and methods keep the document's order (first appearance of each).
  const errorCodes = doc.components?.schemas?.ErrorCode?.enum ?? [];
  return {
    title: doc.info?.title ?? '',
    version: doc.info?.version ?? '',
    errorCodes: [...errorCodes],
    rootMethods: root.methods,
    resources: root.resources,
    unexposed,
  };
}

/** Every method of the model (client root first, then each namespace depth-first), with its namespace path. */
export function allMethods(model) {
  const out = [...model.rootMethods];
  const visit = (r) => {
    out.push(...r.methods);
    for (const child of r.resources) visit(child);
  };
  for (const r of model.resources) visit(r);
  return out;
}
