/**
 * @module Parameters of one operation: path-level ones merged with the operation's own
 * (OpenAPI 3.1 §4.8.9: the operation's override by name and location).
 */
import { childPointer } from '../model/json-pointer.ts';
import { child, children, type Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';
import { compareMetadata } from './metadata.ts';
import type { SchemaComparer } from './schema.ts';

/** Compares the effective parameters of two versions of an operation. */
export function compareParameters(
  a: { path: Located; operation: Located; template: string },
  b: { path: Located; operation: Located; template: string },
  schemas: SchemaComparer,
  out: Changes,
): void {
  const before = effective(a.path, a.operation, a.template);
  const after = effective(b.path, b.operation, b.template);
  for (const [key, old] of before) {
    const now = after.get(key);
    const name = `${String(old.node.in)} parameter ${String(old.node.name)}`;
    if (now === undefined) {
      const rule = old.node.deprecated === true ? 'parameter-removed-after-deprecation' : 'parameter-removed';
      emit(out, rule, old.pointer, childPointer(b.operation.pointer, 'parameters'), `${name} removed`);
      continue;
    }
    const wasRequired = old.node.required === true;
    const isRequired = now.node.required === true;
    if (wasRequired !== isRequired) {
      const rule = isRequired ? 'parameter-became-required' : 'parameter-became-optional';
      emit(out, rule, old.pointer, now.pointer, `${name} ${isRequired ? 'required' : 'optional'}`);
    }
    if (old.node.deprecated !== true && now.node.deprecated === true) {
      emit(out, 'parameter-deprecated', old.pointer, now.pointer, `${name} deprecated`);
    }
    compareMetadata(old, now, out);
    const schemaA = child(old, 'schema');
    const schemaB = child(now, 'schema');
    if (schemaA !== undefined && schemaB !== undefined)
      out.push(...schemas.compare(schemaA, schemaB, 'request'));
  }
  for (const [key, now] of after) {
    if (before.has(key)) continue;
    const rule = now.node.required === true ? 'parameter-added-required' : 'parameter-added-optional';
    const name = `${String(now.node.in)} parameter ${String(now.node.name)}`;
    emit(out, rule, childPointer(a.operation.pointer, 'parameters'), now.pointer, `${name} added`);
  }
}

/** Parameters by identity. Header names are case-insensitive (RFC 9110 §5.1); a path parameter is
 * known by its place in the template, so renaming `{id}` to `{orderId}` is not a removal. */
function effective(path: Located, operation: Located, template: string): Map<string, Located> {
  const slots = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
  const out = new Map<string, Located>();
  for (const parameter of [...children(path, 'parameters'), ...children(operation, 'parameters')]) {
    const where = String(parameter.node.in);
    const name = String(parameter.node.name);
    const key =
      where === 'path'
        ? `path#${slots.indexOf(name)}`
        : `${where}:${where === 'header' ? name.toLowerCase() : name}`;
    out.set(key, parameter);
  }
  return out;
}
