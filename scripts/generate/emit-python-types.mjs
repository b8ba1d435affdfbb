/**
 * @module Python types of the contract's component schemas, for ./emit-python.mjs: pydantic models
 * (responses; snake_case attributes aliased to the contract's names), `TypedDict`s (request bodies,
 * snake_case keys), `Literal` aliases (enums), and the table that renames request keys on the wire.
 * Like the TypeScript client's types (openapi-typescript), they come from the document's schemas;
 * which operations use them comes from the SDK model.
 */

import { docstring, pyStr, snakeCase } from './python-names.mjs';
import { pascalCase } from './sdk-naming.mjs';

const refName = (ref) => ref.replace('#/components/schemas/', '');

/**
 * Reads the component schemas once: object schemas (with inline object properties lifted into
 * schemas of their own, `AnalyticsSummaryPeriod`), and everything else as an alias.
 */
export function collectSchemas(components) {
  const objects = new Map();
  const aliases = new Map();
  const visit = (name, schema) => {
    if (schema.properties) {
      const props = {};
      for (const [prop, sub] of Object.entries(schema.properties)) {
        props[prop] = sub.properties
          ? { $ref: `#/components/schemas/${visit(name + pascalCase(prop), sub)}` }
          : sub;
      }
      objects.set(name, { ...schema, properties: props });
    } else {
      aliases.set(name, schema);
    }
    return name;
  };
  for (const [name, schema] of Object.entries(components)) visit(name, schema);
  return { objects, aliases };
}

/** The Python type of `schema`; `param` gives the request (`TypedDict`) spelling. */
export function pyType(schema, schemas, param = false) {
  if (!schema || typeof schema !== 'object') return 'Any';
  if (schema.$ref) {
    const name = refName(schema.$ref);
    if (!param) return name;
    // A request takes TypedDicts: an object's `…Param`, and a union of objects' `…Param` union.
    const alias = schemas.aliases.get(name);
    return schemas.objects.has(name) || alias?.oneOf || alias?.anyOf ? `${name}Param` : name;
  }
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) return union(variants.map((v) => pyType(v, schemas, param)));
  if (schema.allOf?.length === 1) return pyType(schema.allOf[0], schemas, param);
  if (schema.const !== undefined) return `Literal[${pyLiteral(schema.const)}]`;
  if (schema.enum) {
    const values = schema.enum.filter((v) => v !== null).map(pyLiteral);
    const literal = `Literal[${values.join(', ')}]`;
    return schema.enum.includes(null) ? `Optional[${literal}]` : literal;
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const nullable = types.includes('null');
  const base = types.filter((t) => t !== 'null' && t !== undefined);
  const one = (t) => {
    switch (t) {
      case 'string':
        return 'str';
      case 'integer':
        return 'int';
      case 'number':
        return 'float';
      case 'boolean':
        return 'bool';
      case 'array':
        return `${param ? 'Sequence' : 'List'}[${pyType(schema.items, schemas, param)}]`;
      case 'object': {
        const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : {};
        return `${param ? 'Mapping' : 'Dict'}[str, ${pyType(values, schemas, param)}]`;
      }
      default:
        return 'Any';
    }
  };
  const inner = base.length === 0 ? 'Any' : union(base.map(one));
  return nullable && inner !== 'Any' ? `Optional[${inner}]` : inner;
}

/** A JSON scalar as a Python literal (`true` → `True`). */
const pyLiteral = (v) => (v === true ? 'True' : v === false ? 'False' : JSON.stringify(v));

function union(types) {
  const unique = [...new Set(types)];
  return unique.length === 1 ? unique[0] : `Union[${unique.join(', ')}]`;
}

/** The object schema a property holds (through arrays and nullability), for nested renaming. */
function nestedObject(schema, schemas) {
  if (!schema) return null;
  if (schema.$ref) return schemas.objects.has(refName(schema.$ref)) ? refName(schema.$ref) : null;
  if (schema.items) return nestedObject(schema.items, schemas);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length === 1) return nestedObject(variants[0], schemas);
  return null;
}

// A property holds a credential when its name or schema says so: it never shows in a model's repr.
const SECRET_NAME = /(token|secret|password)$/i;
const SECRET_REFS = new Set(['ApiKeySecret', 'WebhookSecret']);
function isSecret(prop, schema) {
  return SECRET_NAME.test(prop) || (schema?.$ref !== undefined && SECRET_REFS.has(refName(schema.$ref)));
}

/** `models.py`: `Literal`/primitive aliases, then one pydantic model per object schema. */
export function modelsSource(schemas) {
  const out = [
    '"""Response types: the contract\'s component schemas as pydantic models, enums as `Literal`s."""',
    '',
    'from __future__ import annotations',
    '',
    'IMPORTS',
    '',
    'from pydantic import Field',
    '',
    'from .._core.model import RegenModel',
    '',
  ];
  for (const [name, schema] of schemas.objects) {
    out.push('', `class ${name}(RegenModel):`);
    if (schema.description) out.push(docstring(schema.description, '    '), '');
    const required = new Set(schema.required ?? []);
    const props = Object.entries(schema.properties);
    if (props.length === 0) out.push('    pass');
    for (const [prop, sub] of props) {
      const attr = snakeCase(prop);
      const args = [];
      if (!required.has(prop)) args.push('default=None');
      if (attr !== prop) args.push(`alias=${pyStr(prop)}`);
      if (isSecret(prop, sub)) args.push('repr=False');
      const type = pyType(sub, schemas);
      const annotated =
        required.has(prop) || type.startsWith('Optional[') || type === 'Any' ? type : `Optional[${type}]`;
      out.push(`    ${attr}: ${annotated}${args.length ? ` = Field(${args.join(', ')})` : ''}`);
      if (sub.description) out.push(docstring(sub.description, '    '));
    }
    out.push('');
  }
  // Aliases last: a union names model classes, which must exist when the line runs; the models'
  // own annotations are strings (PEP 563), resolved when pydantic first builds them.
  out.push('');
  for (const [name, schema] of schemas.aliases) {
    out.push(`${name} = ${pyType(schema, schemas)}`);
    if (schema.description) out.push(docstring(schema.description, ''));
    out.push('');
  }
  const body = out.join('\n').trimEnd();
  return `${body.replace('IMPORTS', `from typing import ${usedNames(body.replace('IMPORTS', ''), TYPING).join(', ')}`)}\n`;
}

/** Every object schema a request body reaches, from the bodies' schemas. */
export function requestSchemas(roots, schemas) {
  const seen = new Set();
  const visit = (name) => {
    if (!name || seen.has(name)) return;
    const schema = schemas.objects.get(name) ?? schemas.aliases.get(name);
    if (!schema) return;
    seen.add(name);
    const walk = (s) => {
      if (!s || typeof s !== 'object') return;
      if (s.$ref) visit(refName(s.$ref));
      for (const v of s.oneOf ?? s.anyOf ?? []) walk(v);
      if (s.items) walk(s.items);
      if (typeof s.additionalProperties === 'object') walk(s.additionalProperties);
      for (const p of Object.values(s.properties ?? {})) walk(p);
    };
    walk(schema);
  };
  for (const r of roots) visit(r);
  return seen;
}

/** `params.py`: a `TypedDict` per object schema a request reaches (snake_case keys), unions for `oneOf`s. */
export function paramsSource(names, schemas) {
  const out = [
    '"""Request types: the bodies\' schemas as `TypedDict`s with snake_case keys (renamed on the wire)."""',
    '',
    'from __future__ import annotations',
    '',
    'IMPORTS',
    '',
  ];
  const unions = [];
  for (const name of names) {
    const schema = schemas.objects.get(name);
    if (!schema) {
      const alias = schemas.aliases.get(name);
      // After the classes: the union's line names them when it runs.
      if (alias.oneOf || alias.anyOf) unions.push('', `${name}Param = ${pyType(alias, schemas, true)}`, '');
      continue;
    }
    const required = new Set(schema.required ?? []);
    const props = Object.entries(schema.properties);
    const field = ([prop, sub]) => `${snakeCase(prop)}: ${pyType(sub, schemas, true)}`;
    const req = props.filter(([p]) => required.has(p));
    const opt = props.filter(([p]) => !required.has(p));
    // Python 3.9 has no NotRequired: required keys live in a total base class, optional ones in a
    // `total=False` subclass (PEP 589's own pattern).
    if (req.length && opt.length) {
      out.push('', `class _${name}ParamRequired(TypedDict):`, ...req.map((p) => `    ${field(p)}`), '');
      out.push('', `class ${name}Param(_${name}ParamRequired, total=False):`);
      if (schema.description) out.push(docstring(schema.description, '    '), '');
      out.push(...opt.map((p) => `    ${field(p)}`), '');
    } else {
      out.push('', `class ${name}Param(TypedDict${req.length ? '' : ', total=False'}):`);
      if (schema.description) out.push(docstring(schema.description, '    '), '');
      out.push(...(props.length ? props.map((p) => `    ${field(p)}`) : ['    pass']), '');
    }
  }
  const body = [...out, ...unions].join('\n').trimEnd();
  const typing = usedNames(body, TYPING);
  const models = usedNames(body, [...schemas.aliases.keys(), ...schemas.objects.keys()]);
  const imports = [`from typing import ${[...typing, 'TypedDict'].sort().join(', ')}`];
  if (models.length) imports.push('', `from .models import ${models.join(', ')}`);
  return `${body.replace('IMPORTS', imports.join('\n'))}\n`;
}

/** The Python names of `typing` the emitters use. */
export const TYPING = ['Any', 'Dict', 'List', 'Literal', 'Mapping', 'Optional', 'Sequence', 'Union'];

/** Those of `names` that `source` mentions as a word (so generated imports are exactly the used ones). */
export function usedNames(source, names) {
  // Docstrings and string literals mention names without using them.
  const code = source.replace(/"""[\s\S]*?"""/g, '').replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
  return [...new Set(names)].filter((n) => new RegExp(`(?<![\\w.])${n}(?!\\w)`).test(code)).sort();
}

/** `wire_fields.py`: per request schema, each Python key's wire name and the object schema it holds. */
export function wireFieldsSource(names, schemas) {
  const entries = [];
  for (const name of names) {
    const schema = schemas.objects.get(name);
    const variants = schemas.aliases.get(name)?.oneOf ?? schemas.aliases.get(name)?.anyOf;
    const sources = schema
      ? [schema]
      : (variants ?? []).map((v) => schemas.objects.get(refName(v.$ref ?? '')));
    const fields = new Map();
    for (const s of sources.filter(Boolean)) {
      for (const [prop, sub] of Object.entries(s.properties)) {
        const nested = nestedObject(sub, schemas);
        fields.set(snakeCase(prop), `(${pyStr(prop)}, ${nested ? pyStr(nested) : 'None'})`);
      }
    }
    if (fields.size === 0) continue;
    entries.push(
      `    ${pyStr(name)}: {\n${[...fields].map(([k, v]) => `        ${pyStr(k)}: ${v},`).join('\n')}\n    },`,
    );
  }
  return `"""Request keys on the wire: schema → {Python key: (contract name, object schema it holds)}."""

from __future__ import annotations

from typing import Dict, Optional, Tuple

WIRE_FIELDS: Dict[str, Dict[str, Tuple[str, Optional[str]]]] = {
${entries.join('\n')}
}
`;
}
