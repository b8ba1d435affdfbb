/**
 * @module The SDK model (types in ./sdk-model.d.mts): the contract model (./contract-model.mjs)
 * with the SDK's names — namespaces, method names and class names (./sdk-naming.mjs). Emitters
 * (./emit-client.mjs, ./emit-api-md.mjs) read only this model, never the document, so another
 * language's emitter can sit beside the TypeScript one.
 */
import { buildContractModel } from './contract-model.mjs';
import { className, nameOperation, resourceSegments } from './sdk-naming.mjs';

/**
 * Builds the SDK model of a bundled document.
 * @param {object} doc the bundled OpenAPI 3.1 document (packages/contract/openapi.json without `x-generated`)
 * @returns {import('./sdk-model.d.mts').SdkModel}
 */
export function buildSdkModel(doc) {
  return sdkModelOf(buildContractModel(doc));
}

/**
 * The SDK view of a contract model: every operation gets a tag (`default` without one), then a
 * namespace and a method name, unless the client has no call for it.
 * @param {import('./contract-model.d.mts').ContractModel} contract
 * @returns {import('./sdk-model.d.mts').SdkModel}
 */
export function sdkModelOf(contract) {
  const raw = contract.operations.map((op) => ({ ...op, tag: op.tag ?? 'default' }));
  const tags = new Map(contract.tags.map((t) => [t.name, t]));
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
          className: className(sub, collection, i === 0 ? tagInfo?.sdkClassName : undefined),
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
    if (op.unexposed !== null) {
      unexposed.push({ ...op, name: null, resource: [], reason: op.unexposed });
      continue;
    }
    const naming = nameOperation(
      {
        tag: op.tag,
        route: op.path,
        method: op.httpMethod,
        isList: op.pagination !== null,
        overrideName: op.sdkName,
        overrideResource: op.sdkResource,
        operationId: op.operationId,
      },
      isCollectionOf(op.tag),
    );
    const key = [...naming.resource, naming.name].join('.');
    if (seen.has(key))
      throw new Error(`naming rule: ${op.operationId} and ${seen.get(key)} are both ${key}; add x-sdk-name`);
    seen.set(key, op.operationId);
    find(naming.resource, naming.collection, op.tag).methods.push({
      ...op,
      name: naming.name,
      resource: naming.resource,
    });
  }

  // Namespaces and methods keep the document's order (first appearance of each).
  return {
    title: contract.title,
    version: contract.version,
    errorCodes: contract.errorCodes,
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
