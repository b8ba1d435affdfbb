/** @module Iterates the operations of a bundled OpenAPI document in document order. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Resolves a local `#/…` JSON pointer against the document. */
export function deref(doc, value) {
  let node = value;
  while (node && typeof node === 'object' && typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    node = node.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((acc, key) => acc?.[key], doc);
  }
  return node;
}

/** Yields `{ path, method, operation, parameters }` with path-level parameters merged in. */
export function* walkOperations(doc) {
  for (const [route, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const byKey = new Map();
      for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const param = deref(doc, p);
        byKey.set(`${param.in}:${param.name}`, param);
      }
      yield { path: route, method, operation, parameters: [...byKey.values()] };
    }
  }
}
