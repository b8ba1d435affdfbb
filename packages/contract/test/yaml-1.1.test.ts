import { readFile } from 'node:fs/promises';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// biome-ignore lint/suspicious/noExplicitAny: CJS/ESM interop of ajv and ajv-formats.
const Ajv2020 = ((Ajv2020Module as any).default ?? Ajv2020Module) as typeof Ajv2020Module;
// biome-ignore lint/suspicious/noExplicitAny: idem.
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as typeof addFormatsModule;

type Node = Record<string, unknown>;
const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

const yamlText = await readFile(new URL('../openapi.yaml', import.meta.url), 'utf8');
const json = JSON.parse(await readFile(new URL('../openapi.json', import.meta.url), 'utf8'));
// YAML 1.1 (PyYAML and other Python tools): unquoted `yes`/`no` are booleans, timestamps dates.
const doc11 = parse(yamlText, { version: '1.1' }) as Node;

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every (schema pointer, example value, where) pair of the document. */
function examplesOf(root: Node): [pointer: string, value: unknown, where: string][] {
  const out: [string, unknown, string][] = [];
  const deref = (value: unknown): unknown => {
    if (isObject(value) && typeof value.$ref === 'string') {
      return value.$ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, key) => (node as Node)[key.replace(/~1/g, '/').replace(/~0/g, '~')], root);
    }
    return value;
  };
  const walk = (node: unknown, pointer: string, inSchema: boolean) => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${pointer}/${i}`, inSchema);
      return;
    }
    if (!isObject(node)) return;
    // A schema's own `examples` (an array).
    if (inSchema && Array.isArray(node.examples)) {
      for (const value of node.examples) out.push([pointer, value, `${pointer}/examples`]);
    }
    // A media type, parameter or header: `example` or named `examples` beside `schema`.
    if (!inSchema && isObject(node.schema)) {
      const schemaPointer = `${pointer}/schema`;
      if ('example' in node) out.push([schemaPointer, node.example, `${pointer}/example`]);
      if (isObject(node.examples)) {
        for (const [name, example] of Object.entries(node.examples)) {
          const resolved = deref(example);
          if (isObject(resolved) && 'value' in resolved)
            out.push([schemaPointer, resolved.value, `${pointer}/examples/${name}`]);
        }
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'examples' || key === 'example') continue;
      const child = `${pointer}/${escapePointer(key)}`;
      const schemaHere = inSchema || key === 'schema' || pointer === '/components/schemas';
      walk(value, child, schemaHere);
    }
  };
  walk(root, '', false);
  return out;
}

describe('packages/contract/openapi.yaml reads the same under YAML 1.1', () => {
  it('equals openapi.json when parsed as YAML 1.1 (no booleans or dates out of quoted strings)', () => {
    const { 'x-generated': _marker, ...expected } = json;
    expect(doc11).toEqual(expected);
  });

  it('every example, read as YAML 1.1, validates against its schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    ajv.addSchema({ ...doc11, $id: 'urn:regen:contract' });
    const cases = examplesOf(doc11);
    expect(cases.length).toBeGreaterThan(300);
    const failures: string[] = [];
    for (const [pointer, value, where] of cases) {
      const validate = ajv.compile({ $ref: `urn:regen:contract#${pointer}` });
      if (!validate(value)) failures.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures).toEqual([]);
  });
});
