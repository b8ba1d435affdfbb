/** @module Builds the runner's operation model from a bundled OpenAPI 3.1 document. */
import { isObject, joinPointer } from './json-pointer.ts';
import { deref, derefObject } from './resolve.ts';
import type {
  ApiSpec,
  AuthMode,
  HeaderSpec,
  HttpMethod,
  Json,
  JsonObject,
  LinkSpec,
  LocatedSchema,
  MediaTypeSpec,
  OperationSpec,
  ParameterSpec,
  ResponseSpec,
  SecuritySchemeSpec,
} from './types.ts';

const METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

function str(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function locatedSchema(owner: JsonObject, ownerPointer: string): LocatedSchema | undefined {
  const schema = owner.schema;
  if (schema === undefined) return undefined;
  if (typeof schema === 'boolean') return { schema, pointer: joinPointer(ownerPointer, 'schema') };
  if (!isObject(schema)) return undefined;
  return { schema, pointer: joinPointer(ownerPointer, 'schema') };
}

function examplesOf(doc: JsonObject, media: JsonObject, pointer: string): Json[] {
  const out: Json[] = [];
  if (media.example !== undefined) out.push(media.example);
  if (isObject(media.examples)) {
    for (const [name, raw] of Object.entries(media.examples)) {
      const example = derefObject(doc, raw, joinPointer(pointer, 'examples', name));
      if (example && example.node.value !== undefined) out.push(example.node.value);
    }
  }
  return out;
}

function firstExample(doc: JsonObject, examples: JsonObject): Json | undefined {
  const [name, raw] = Object.entries(examples)[0] ?? [];
  if (name === undefined || raw === undefined) return undefined;
  return derefObject(doc, raw, '')?.node.value;
}

function mediaTypes(doc: JsonObject, content: Json | undefined, pointer: string): MediaTypeSpec[] {
  if (!isObject(content)) return [];
  return Object.entries(content).flatMap(([contentType, raw]) => {
    const at = joinPointer(pointer, contentType);
    if (!isObject(raw)) return [];
    return [{ contentType, schema: locatedSchema(raw, at), examples: examplesOf(doc, raw, at) }];
  });
}

function parameters(doc: JsonObject, list: Json | undefined, pointer: string): ParameterSpec[] {
  if (!Array.isArray(list)) return [];
  return (list as readonly Json[]).flatMap((raw, index) => {
    const located = derefObject(doc, raw, joinPointer(pointer, index));
    if (!located) return [];
    const p = located.node;
    const name = str(p.name);
    const where = str(p.in);
    if (!name || (where !== 'path' && where !== 'query' && where !== 'header' && where !== 'cookie'))
      return [];
    const style = str(p.style) ?? (where === 'query' || where === 'cookie' ? 'form' : 'simple');
    return [
      {
        name,
        in: where,
        required: where === 'path' || p.required === true,
        schema: locatedSchema(p, located.pointer),
        explode: typeof p.explode === 'boolean' ? p.explode : style === 'form',
        description: str(p.description) ?? '',
        examples: examplesOf(doc, p, located.pointer),
      },
    ];
  });
}

function headers(doc: JsonObject, raw: Json | undefined, pointer: string): HeaderSpec[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).flatMap(([name, value]) => {
    const located = derefObject(doc, value, joinPointer(pointer, name));
    if (!located) return [];
    return [
      {
        name,
        required: located.node.required === true,
        schema: locatedSchema(located.node, located.pointer),
        example:
          located.node.example ??
          (isObject(located.node.examples) ? firstExample(doc, located.node.examples) : undefined),
      },
    ];
  });
}

function links(doc: JsonObject, raw: Json | undefined, pointer: string): LinkSpec[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).flatMap(([name, value]) => {
    const located = derefObject(doc, value, joinPointer(pointer, name));
    const operationId = located ? str(located.node.operationId) : undefined;
    if (!located || !operationId) return [];
    const params = isObject(located.node.parameters) ? located.node.parameters : {};
    return [{ name, operationId, parameters: params }];
  });
}

function responses(doc: JsonObject, raw: Json | undefined, pointer: string): ResponseSpec[] {
  if (!isObject(raw)) return [];
  return Object.entries(raw).flatMap(([status, value]) => {
    const located = derefObject(doc, value, joinPointer(pointer, status));
    if (!located) return [];
    const r = located.node;
    return [
      {
        status,
        content: mediaTypes(doc, r.content, joinPointer(located.pointer, 'content')),
        headers: headers(doc, r.headers, joinPointer(located.pointer, 'headers')),
        links: links(doc, r.links, joinPointer(located.pointer, 'links')),
      },
    ];
  });
}

function securityScheme(doc: JsonObject, name: string): SecuritySchemeSpec | undefined {
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const located = derefObject(doc, schemes[name] ?? null, `/components/securitySchemes/${name}`);
  if (!located) return undefined;
  const s = located.node;
  const type = str(s.type);
  if (
    type !== 'apiKey' &&
    type !== 'http' &&
    type !== 'oauth2' &&
    type !== 'openIdConnect' &&
    type !== 'mutualTLS'
  ) {
    return undefined;
  }
  const where = str(s.in);
  const paramName = str(s.name);
  const scheme = str(s.scheme)?.toLowerCase();
  return {
    name,
    type,
    ...(where === 'header' || where === 'query' || where === 'cookie' ? { in: where } : {}),
    ...(paramName ? { paramName } : {}),
    ...(scheme ? { scheme } : {}),
  };
}

function security(doc: JsonObject, raw: Json | undefined): { auth: AuthMode; schemes: SecuritySchemeSpec[] } {
  const requirements = Array.isArray(raw) ? (raw as readonly Json[]).filter(isObject) : [];
  if (requirements.length === 0) return { auth: 'none', schemes: [] };
  const optional = requirements.some((req) => Object.keys(req).length === 0);
  const names = [...new Set(requirements.flatMap((req) => Object.keys(req)))];
  const schemes = names.flatMap((name) => securityScheme(doc, name) ?? []);
  return { auth: optional ? 'optional' : 'required', schemes };
}

/** Parses every operation of `document`; operations without an operationId are skipped. */
export function parseSpec(document: JsonObject, source: string): ApiSpec {
  const info = isObject(document.info) ? document.info : {};
  const operations: OperationSpec[] = [];
  const pathMethods = new Map<string, HttpMethod[]>();
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [route, rawItem] of Object.entries(paths)) {
    const item = derefObject(document, rawItem, joinPointer('/paths', route));
    if (!item) continue;
    const methods: HttpMethod[] = [];
    for (const method of METHODS) {
      const opPointer = joinPointer(item.pointer, method.toLowerCase());
      const op = item.node[method.toLowerCase()];
      if (!isObject(op)) continue;
      methods.push(method);
      const operationId = str(op.operationId);
      if (!operationId) continue;
      const byKey = new Map<string, ParameterSpec>();
      for (const p of [
        ...parameters(document, item.node.parameters, joinPointer(item.pointer, 'parameters')),
        ...parameters(document, op.parameters, joinPointer(opPointer, 'parameters')),
      ]) {
        byKey.set(`${p.in}:${p.name.toLowerCase()}`, p);
      }
      const body =
        op.requestBody === undefined
          ? undefined
          : deref(document, op.requestBody, joinPointer(opPointer, 'requestBody'));
      const bodyNode = body && isObject(body.node) ? body.node : undefined;
      const sec = security(document, op.security ?? document.security);
      operations.push({
        operationId,
        method,
        path: route,
        tags: Array.isArray(op.tags) ? (op.tags as readonly Json[]).flatMap((t) => str(t) ?? []) : [],
        auth: sec.auth,
        securitySchemes: sec.schemes,
        parameters: [...byKey.values()],
        requestBody:
          bodyNode && body
            ? {
                required: bodyNode.required === true,
                content: mediaTypes(document, bodyNode.content, joinPointer(body.pointer, 'content')),
              }
            : null,
        responses: responses(document, op.responses, joinPointer(opPointer, 'responses')),
        pointer: opPointer,
      });
    }
    pathMethods.set(route, methods);
  }
  return {
    document,
    title: str(info.title) ?? 'untitled',
    version: str(info.version) ?? 'unknown',
    source,
    operations,
    pathMethods,
  };
}
