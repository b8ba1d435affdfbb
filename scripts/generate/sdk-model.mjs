/**
 * @module The contract reader of the SDK: turns the bundled OpenAPI document into the SDK model
 * (types in ./sdk-model.d.mts). Emitters (./emit-client.mjs, ./emit-api-md.mjs) read only the
 * model, never the document, so another language's emitter can sit beside the TypeScript one.
 */
import { className, nameOperation, resourceSegments } from './sdk-naming.mjs';
import { bodyOf, credentialOf, errorsOf, isNavigation, paramOf, successOf } from './sdk-operation.mjs';
import { walkOperations } from './walk-operations.mjs';

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
