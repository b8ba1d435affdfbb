/**
 * @module Compares two schemas in a direction, recursively: properties, items, variants.
 *
 * Results are memoised by the pair of places (pointer, and the `$ref` site when it has siblings) and the direction: a shared component is
 * compared once however many operations reach it (the ≤ 2 s budget on our contract), and a
 * recursive schema meets its own key while in progress and stops there.
 */
import { childPointer } from '../model/json-pointer.ts';
import { child, children, type Located } from '../model/located.ts';
import { type Changes, emit } from './change.ts';
import {
  compareDefaults,
  compareEnums,
  compareRequestConstraints,
  compareTypes,
  type Direction,
} from './constraints.ts';
import { compareDiscriminator } from './discriminator.ts';
import { compareExclusion } from './exclusion.ts';
import { compareMetadata } from './metadata.ts';
import { isNullSchema, type SchemaView, viewSchema } from './schema-view.ts';

/** Compares schemas, remembering every pair it has compared. */
export class SchemaComparer {
  readonly #memo = new Map<string, Changes>();

  /** The changes from `a` (old) to `b` (new) for data flowing in `direction`. */
  compare(a: Located, b: Located, direction: Direction): Changes {
    const key = `${direction} ${a.site} ${a.pointer} ${b.site} ${b.pointer}`;
    const known = this.#memo.get(key);
    if (known !== undefined) return known;
    const out: Changes = [];
    this.#memo.set(key, out); // in progress: a recursive reference sees an empty result
    this.#compareNow(a, b, direction, out);
    return out;
  }

  #compareNow(a: Located, b: Located, direction: Direction, out: Changes): void {
    const va = viewSchema(a);
    const vb = viewSchema(b);
    compareMetadata(va.at, vb.at, out);
    if (va.at.node.deprecated !== true && vb.at.node.deprecated === true) {
      emit(
        out,
        'property-deprecated',
        va.at.pointer,
        childPointer(vb.at.pointer, 'deprecated'),
        'deprecated',
      );
    }
    compareTypes(va, vb, direction, out);
    compareEnums(va.at, vb.at, direction, out);
    compareDefaults(va.at, vb.at, out);
    if (direction === 'request') compareRequestConstraints(va.at, vb.at, out);
    compareExclusion(va.at, vb.at, direction, out);
    compareDiscriminator(va.at, vb.at, direction, out);
    this.#compareProperties(va, vb, direction, out);
    const itemsA = child(va.at, 'items');
    const itemsB = child(vb.at, 'items');
    if (itemsA !== undefined && itemsB !== undefined) out.push(...this.compare(itemsA, itemsB, direction));
    const extraA = child(va.at, 'additionalProperties');
    const extraB = child(vb.at, 'additionalProperties');
    if (extraA !== undefined && extraB !== undefined) out.push(...this.compare(extraA, extraB, direction));
    this.#compareVariants(va.at, vb.at, direction, out);
  }

  #compareProperties(a: SchemaView, b: SchemaView, direction: Direction, out: Changes): void {
    // A readOnly property is never sent, a writeOnly one never returned (OpenAPI 3.1 §4.8.24).
    const hidden = (prop: Located) => prop.node[direction === 'request' ? 'readOnly' : 'writeOnly'] === true;
    const propsPointer = (view: SchemaView) => childPointer(view.at.pointer, 'properties');
    for (const [name, before] of a.properties) {
      const after = b.properties.get(name);
      if (hidden(before) || (after !== undefined && hidden(after))) continue;
      if (after === undefined) {
        if (direction === 'response') {
          emit(out, 'response-property-removed', before.pointer, propsPointer(b), `property ${name} removed`);
        } else if (b.closed) {
          emit(
            out,
            'request-property-removed',
            before.pointer,
            propsPointer(b),
            `property ${name} removed (closed schema)`,
          );
        }
        continue;
      }
      const wasRequired = a.required.has(name);
      const isRequired = b.required.has(name);
      if (wasRequired !== isRequired) {
        const rule =
          direction === 'request'
            ? isRequired
              ? 'request-property-became-required'
              : 'request-property-became-optional'
            : isRequired
              ? 'response-property-became-required'
              : 'response-property-became-optional';
        const where = (view: SchemaView) => childPointer(view.at.pointer, 'required');
        emit(out, rule, where(a), where(b), `property ${name} ${isRequired ? 'required' : 'optional'}`);
      }
      out.push(...this.compare(before, after, direction));
    }
    for (const [name, after] of b.properties) {
      if (a.properties.has(name) || hidden(after)) continue;
      if (direction === 'response') {
        emit(out, 'response-property-added', propsPointer(a), after.pointer, `property ${name} added`);
      } else {
        const rule = b.required.has(name)
          ? 'request-property-added-required'
          : 'request-property-added-optional';
        emit(out, rule, propsPointer(a), after.pointer, `property ${name} added`);
      }
    }
  }

  /** `oneOf`/`anyOf` alternatives, matched by the component they reference, else by position. */
  #compareVariants(a: Located, b: Located, direction: Direction, out: Changes): void {
    for (const key of ['oneOf', 'anyOf']) {
      const before = keyed(children(a, key));
      const after = keyed(children(b, key));
      if (before.size === 0 && after.size === 0) continue;
      for (const [id, variant] of before) {
        const match = after.get(id);
        if (match !== undefined) out.push(...this.compare(variant, match, direction));
        else {
          const rule = direction === 'request' ? 'request-variant-removed' : 'response-variant-removed';
          emit(out, rule, variant.pointer, childPointer(b.pointer, key), `${key} alternative ${id} removed`);
        }
      }
      for (const [id, variant] of after) {
        if (before.has(id)) continue;
        const rule = direction === 'request' ? 'request-variant-added' : 'response-variant-added';
        emit(out, rule, childPointer(a.pointer, key), variant.pointer, `${key} alternative ${id} added`);
      }
    }
  }
}

/** Alternatives by identity: the component a `$ref` led to, or the position of an inline one. Null halves are
 * left out: nullability is a type change, compared with the types. */
function keyed(variants: Located[]): Map<string, Located> {
  const out = new Map<string, Located>();
  variants.forEach((variant, index) => {
    if (isNullSchema(variant)) return;
    out.set(variant.pointer.startsWith('/components/') ? variant.pointer : `#${index}`, variant);
  });
  return out;
}
