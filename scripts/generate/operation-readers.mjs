/**
 * @module Readers of one operation of a bundled OpenAPI document, for the contract model
 * (./contract-model.mjs): parameters, body, success body, documented errors.
 */
import { LIST_ENVELOPE } from './operation-rules.mjs';
import { deref } from './walk-operations.mjs';

const SCHEMA_PREFIX = '#/components/schemas/';
/** Component schema name of a `$ref` node, else null. */
export const refName = (node) =>
  typeof node?.$ref === 'string' && node.$ref.startsWith(SCHEMA_PREFIX)
    ? node.$ref.slice(SCHEMA_PREFIX.length)
    : null;

export function paramOf(doc, p) {
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

export function examplesOf(doc, media) {
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
export function successOf(doc, operation) {
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
    const { hasMoreField, nextCursorField } = LIST_ENVELOPE;
    if (props[hasMoreField] && props[nextCursorField] && data.type === 'array') {
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
export function errorsOf(doc, operation) {
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

export function bodyOf(doc, operation) {
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
