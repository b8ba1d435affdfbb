/**
 * @module Schema-driven mutations of one value: each candidate breaks exactly one constraint
 * the schema states (type, required, range, length, pattern, enum, format, extra property).
 */
import { isObject } from '../spec/json-pointer.ts';
import type { Json, JsonObject, Schema } from '../spec/types.ts';
import { effectiveSchema, num, schemaTypes, toRegExp } from './schema-utils.ts';

/** The kinds of mutation, named as in reports. */
export type MutationKind =
  | 'wrong-type'
  | 'missing-required'
  | 'out-of-range'
  | 'length'
  | 'pattern'
  | 'enum'
  | 'format'
  | 'unknown-field'
  | 'array-size'
  | 'duplicate-items';

/** One invalid variant of a value. */
export interface ValueMutation {
  readonly kind: MutationKind;
  /** JSON Pointer of the changed place inside the value (`''` for the value itself). */
  readonly pointer: string;
  /** The JSON Schema keyword the mutation breaks (`type`, `format`, `minLength`, …). */
  readonly keyword: string;
  readonly description: string;
  /** The mutated whole value; `undefined` removes the value (a missing property). */
  readonly value: Json | undefined;
}

/** Options for {@link mutateValue}. */
export interface MutationOptions {
  /** Leave out kinds that cannot be expressed in the carrier (form bodies are all strings). */
  readonly stringly?: boolean;
  readonly maxDepth?: number;
}

const REMOVE = Symbol('remove');

function setAt(root: Json, tokens: readonly string[], value: Json | typeof REMOVE): Json | undefined {
  if (tokens.length === 0) return value === REMOVE ? undefined : value;
  const [head, ...rest] = tokens as [string, ...string[]];
  if (Array.isArray(root)) {
    const copy = [...(root as readonly Json[])];
    const next = setAt(copy[Number(head)] ?? null, rest, value);
    if (next === undefined) copy.splice(Number(head), 1);
    else copy[Number(head)] = next;
    return copy;
  }
  const copy: Record<string, Json> = { ...(isObject(root) ? root : {}) };
  const next = setAt(copy[head] ?? null, rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** Values that fail a pattern, tried in order. */
const PATTERN_BREAKERS = ['!', '~~ invalid ~~', ' ', 'ZZZ-not-matching-0', '0'];
const FORMAT_BREAKERS: Readonly<Record<string, string>> = {
  'date-time': 'not-a-date-time',
  date: '2024-13-45',
  email: 'not-an-email',
  uri: 'not a uri',
  url: 'not a url',
  uuid: 'not-a-uuid',
  ipv4: '999.1.1.1',
};

function wrongTypeValue(types: readonly string[]): Json | undefined {
  if (!types.includes('integer') && !types.includes('number')) return 12345;
  if (!types.includes('string')) return 'not-a-number';
  if (!types.includes('boolean')) return true;
  if (!types.includes('object')) return { unexpected: 'object' };
  return undefined;
}

interface Walk {
  readonly document: JsonObject;
  /** The whole value being mutated: every mutation is a modified copy of it. */
  readonly root: Json;
  readonly out: ValueMutation[];
  readonly options: MutationOptions;
}

/** Every single-constraint mutation of `value` under `schema`, outermost first. */
export function mutateValue(
  document: JsonObject,
  schema: Schema,
  value: Json,
  options: MutationOptions = {},
): ValueMutation[] {
  const ctx: Walk = { document, root: value, out: [], options };
  walk(ctx, schema, value, [], 0);
  return ctx.out;
}

function walk(ctx: Walk, schema: Schema, value: Json, path: readonly string[], depth: number): void {
  const { document, out, options } = ctx;
  const s = effectiveSchema(document, schema);
  const root = (v: Json | typeof REMOVE): Json | undefined => setAt(ctx.root, path, v);
  const pointer = path.map((t) => `/${t.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
  const at = pointer || '(root)';
  const push = (kind: MutationKind, keyword: string, description: string, v: Json | typeof REMOVE): void => {
    out.push({ kind, pointer, keyword, description: `${at}: ${description}`, value: root(v) });
  };
  const types = schemaTypes(s);

  if (!options.stringly || !types.includes('string')) {
    const wrong = wrongTypeValue(types);
    if (wrong !== undefined && s.const === undefined)
      push('wrong-type', 'type', `${JSON.stringify(wrong)} where ${types.join('|')} is expected`, wrong);
  }
  if (s.const !== undefined)
    push(
      'enum',
      'const',
      `a value other than const ${JSON.stringify(s.const)}`,
      typeof s.const === 'string' ? `${s.const}_x` : 'not-the-const',
    );
  if (Array.isArray(s.enum))
    push(
      'enum',
      'enum',
      'a value outside the enum',
      typeof s.enum[0] === 'number' ? 987654 : 'not_in_enum_x',
    );
  if (s.oneOf !== undefined || s.anyOf !== undefined) return;

  if (typeof value === 'string') {
    const minLength = num(s, 'minLength');
    const maxLength = num(s, 'maxLength');
    if (minLength !== undefined && minLength > 0)
      push('length', 'minLength', `shorter than minLength ${minLength}`, 'a'.repeat(minLength - 1));
    if (maxLength !== undefined && maxLength < 10_000)
      push('length', 'maxLength', `longer than maxLength ${maxLength}`, 'a'.repeat(maxLength + 1));
    if (typeof s.pattern === 'string') {
      const re = toRegExp(s.pattern);
      const breaker = PATTERN_BREAKERS.find(
        (b) => !re.test(b) && b.length >= (minLength ?? 0) && b.length <= (maxLength ?? 1e9),
      );
      if (breaker !== undefined)
        push('pattern', 'pattern', `${JSON.stringify(breaker)} does not match ${s.pattern}`, breaker);
    }
    const breaker = typeof s.format === 'string' ? FORMAT_BREAKERS[s.format] : undefined;
    if (breaker !== undefined)
      push('format', 'format', `${JSON.stringify(breaker)} is not a valid ${s.format}`, breaker);
  }
  if (typeof value === 'number') {
    const integer = types.includes('integer') && !types.includes('number');
    const min = num(s, 'minimum');
    const max = num(s, 'maximum');
    const exMin = num(s, 'exclusiveMinimum');
    const exMax = num(s, 'exclusiveMaximum');
    if (min !== undefined) push('out-of-range', 'minimum', `${min - 1} below minimum ${min}`, min - 1);
    if (exMin !== undefined)
      push('out-of-range', 'exclusiveMinimum', `${exMin} not above exclusiveMinimum ${exMin}`, exMin);
    if (max !== undefined) push('out-of-range', 'maximum', `${max + 1} above maximum ${max}`, max + 1);
    if (exMax !== undefined)
      push('out-of-range', 'exclusiveMaximum', `${exMax} not below exclusiveMaximum ${exMax}`, exMax);
    if (integer && !options.stringly)
      push('wrong-type', 'type', `${value + 0.5} where an integer is expected`, value + 0.5);
  }
  if (Array.isArray(value)) {
    const items = value as readonly Json[];
    const minItems = num(s, 'minItems');
    const maxItems = num(s, 'maxItems');
    if (minItems !== undefined && minItems > 0)
      push('array-size', 'minItems', `fewer than minItems ${minItems}`, items.slice(0, minItems - 1));
    if (maxItems !== undefined && maxItems < 1000 && items.length > 0) {
      push(
        'array-size',
        'maxItems',
        `more than maxItems ${maxItems}`,
        Array.from({ length: maxItems + 1 }, (_, i) => items[i % items.length] ?? null),
      );
    }
    if (s.uniqueItems === true && items.length > 0)
      push('duplicate-items', 'uniqueItems', 'a repeated item where items must be unique', [
        ...items,
        items[0] ?? null,
      ]);
    const itemSchema = s.items;
    if (
      items.length > 0 &&
      (isObject(itemSchema) || typeof itemSchema === 'boolean') &&
      depth < (options.maxDepth ?? 6)
    ) {
      walk(ctx, itemSchema, items[0] ?? null, [...path, '0'], depth + 1);
    }
  }
  if (isObject(value)) {
    const properties = isObject(s.properties) ? s.properties : {};
    const required = Array.isArray(s.required) ? (s.required as readonly Json[]) : [];
    for (const key of required) {
      if (typeof key === 'string' && key in value) {
        out.push({
          kind: 'missing-required',
          pointer: `${pointer}/${key}`,
          keyword: 'required',
          description: `${at}: required property "${key}" left out`,
          value: setAt(ctx.root, [...path, key], REMOVE),
        });
      }
    }
    if ((s.additionalProperties === false || s.unevaluatedProperties === false) && !options.stringly) {
      const extra = 'unexpectedField';
      const keyword = s.additionalProperties === false ? 'additionalProperties' : 'unevaluatedProperties';
      push('unknown-field', keyword, `unknown property "${extra}" where ${keyword} is false`, {
        ...value,
        [extra]: 'x',
      });
    }
    if (depth < (options.maxDepth ?? 6)) {
      for (const [key, child] of Object.entries(value)) {
        const childSchema = properties[key];
        if (childSchema !== undefined && (isObject(childSchema) || typeof childSchema === 'boolean')) {
          walk(ctx, childSchema, child, [...path, key], depth + 1);
        }
      }
    }
  }
}
