import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import type { ErrorDetail } from '../http/api-error.ts';
import { anchorRefs, compileAt, toDetails } from './ajv.ts';
import { deref, escapePointer, isRecord, type OpenApiDocument, type ParameterObject } from './openapi-document.ts';

/** Result of validating one part of a request. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly details: ErrorDetail[] };

interface ParamInfo {
  readonly name: string;
  readonly types: readonly string[];
  readonly itemTypes: readonly string[];
  readonly explode: boolean;
}

/** Validators of one operation's parameters and body, compiled from the contract. */
export class RequestValidator {
  /** Media types the operation accepts (`requestBody.content` keys). */
  readonly contentTypes: readonly string[];
  readonly bodyRequired: boolean;
  private readonly query: readonly ParamInfo[];
  private readonly queryNames: ReadonlySet<string>;
  private readonly validateQuery: ValidateFunction | undefined;
  private readonly validatePath: ValidateFunction | undefined;
  private readonly headers: readonly { name: string; validate: ValidateFunction }[];
  private readonly bodies = new Map<string, ValidateFunction>();

  constructor(ajv: Ajv2020, doc: OpenApiDocument, path: string, method: string) {
    const opPointer = `/paths/${escapePointer(path)}/${method.toLowerCase()}`;
    const pathItem = doc.paths[path] ?? {};
    const op = pathItem[method.toLowerCase()];
    if (!isRecord(op)) throw new Error(`Operation ${method} ${path} not in the contract`);
    const params = new Map<string, ParameterObject>();
    const collect = (list: unknown, at: string) => {
      if (!Array.isArray(list)) return;
      list.forEach((p, i) => {
        const param = deref(doc, p, `${at}/${i}`).value as ParameterObject;
        params.set(`${param.in}:${param.name}`, param);
      });
    };
    collect(pathItem.parameters, `/paths/${escapePointer(path)}/parameters`);
    collect(op.parameters, `${opPointer}/parameters`);
    const byIn = (where: string) => [...params.values()].filter((p) => p.in === where);

    const query = byIn('query');
    this.query = query.map((p) => paramInfo(doc, p));
    this.queryNames = new Set(query.map((p) => p.name));
    this.validateQuery = query.length > 0 ? ajv.compile(objectSchema(query)) : undefined;
    const pathParams = byIn('path');
    this.validatePath = pathParams.length > 0 ? ajv.compile(objectSchema(pathParams)) : undefined;
    this.headers = byIn('header').map((p) => ({
      name: p.name.toLowerCase(),
      validate: ajv.compile(objectSchema([{ ...p, name: p.name }])),
    }));

    const body = deref(doc, op.requestBody, `${opPointer}/requestBody`);
    const content = isRecord(body.value) && isRecord(body.value.content) ? body.value.content : {};
    this.contentTypes = Object.keys(content);
    this.bodyRequired = isRecord(body.value) && body.value.required === true;
    for (const type of this.contentTypes) {
      const media = content[type];
      if (isRecord(media) && media.schema !== undefined) {
        this.bodies.set(type, compileAt(ajv, `${body.pointer}/content/${escapePointer(type)}/schema`));
      }
    }
  }

  /** Parses and validates the query string; unknown parameters are errors. Applies defaults. */
  checkQuery(rawQuery: string): Checked<Record<string, unknown>> {
    const value: Record<string, unknown> = {};
    const details: ErrorDetail[] = [];
    if (rawQuery !== '') {
      const search = new URLSearchParams(rawQuery);
      for (const name of new Set(search.keys())) {
        if (!this.queryNames.has(name)) details.push({ path: name, message: 'is not a known query parameter' });
      }
      for (const info of this.query) {
        const raw = search.getAll(info.name);
        if (raw.length === 0) continue;
        if (info.types.includes('array')) {
          const parts = info.explode && raw.length > 1 ? raw : raw.flatMap((r) => r.split(','));
          value[info.name] = parts.map((p) => coerce(p, info.itemTypes));
        } else if (raw.length > 1) {
          details.push({ path: info.name, message: 'must not be repeated' });
        } else {
          value[info.name] = coerce(raw[0] ?? '', info.types);
        }
      }
    }
    if (this.validateQuery && !this.validateQuery(value)) details.push(...toDetails(this.validateQuery.errors, true));
    return details.length > 0 ? { ok: false, details } : { ok: true, value };
  }

  /** Validates path parameters (already decoded by the router). */
  checkPath(params: Readonly<Record<string, string>>): Checked<Readonly<Record<string, string>>> {
    if (!this.validatePath || this.validatePath(params)) return { ok: true, value: params };
    return { ok: false, details: toDetails(this.validatePath.errors, true) };
  }

  /** Validates declared header parameters (e.g. `Idempotency-Key`). */
  checkHeaders(get: (name: string) => string | undefined): ErrorDetail[] {
    const details: ErrorDetail[] = [];
    for (const { name, validate } of this.headers) {
      const value = get(name);
      const data = value === undefined ? {} : { [name]: value };
      if (!validate(data)) details.push(...toDetails(validate.errors, true));
    }
    return details;
  }

  /** Validates a parsed body of media type `type`; fills schema defaults in place. */
  checkBody(type: string, body: unknown): Checked<unknown> {
    const validate = this.bodies.get(type);
    if (!validate || validate(body)) return { ok: true, value: body };
    return { ok: false, details: toDetails(validate.errors) };
  }
}

function objectSchema(params: readonly ParameterObject[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const p of params) {
    const key = p.in === 'header' ? p.name.toLowerCase() : p.name;
    properties[key] = anchorRefs(p.schema ?? {});
    if (p.required) required.push(key);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

function paramInfo(doc: OpenApiDocument, p: ParameterObject): ParamInfo {
  const schema = deref(doc, p.schema ?? {}, '').value;
  const types = typesOf(doc, schema);
  const items = isRecord(schema) ? schema.items : undefined;
  return { name: p.name, types, itemTypes: typesOf(doc, items), explode: p.explode ?? (p.style ?? 'form') === 'form' };
}

function typesOf(doc: OpenApiDocument, schema: unknown): string[] {
  const s = deref(doc, schema, '').value;
  if (!isRecord(s)) return [];
  if (typeof s.type === 'string') return [s.type];
  if (Array.isArray(s.type)) return s.type.filter((t): t is string => typeof t === 'string');
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const list = s[key];
    if (Array.isArray(list)) return list.flatMap((sub) => typesOf(doc, sub));
  }
  return [];
}

/** Query values are strings; convert the ones the schema wants as numbers or booleans. */
function coerce(raw: string, types: readonly string[]): unknown {
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}
