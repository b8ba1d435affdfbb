/**
 * @module Which part of a request a change is about (a named parameter, or the body), and whether
 * the failing request carried it: a request check's failure is explained only by a change to a
 * part its request had (or, for a part made required or optional, left out).
 */

import type { ContractChange } from '../report/contract-change.ts';
import type { RecordedRequest } from '../report/types.ts';
import { getAtPointer, isObject } from '../spec/json-pointer.ts';
import { deref } from '../spec/resolve.ts';
import type { JsonObject } from '../spec/types.ts';

/** A parameter as OpenAPI names it (OpenAPI 3.1 §4.8.12: `name` and `in` identify it). */
interface ParameterPart {
  readonly in: string;
  readonly name: string;
}

/** Rules about a part being required or not: the failing request left it out. */
const ABSENCE = new Set([
  'parameter-added-required',
  'parameter-became-required',
  'parameter-became-optional',
  'request-body-became-required',
  'request-body-became-optional',
]);

/** A parameter the server no longer reads explains a request that sent it and one that did not. */
const EITHER = new Set(['parameter-removed', 'parameter-removed-after-deprecation']);

/** The Parameter object at or above `pointer` in `document` (`$ref`s followed), if any. */
function parameterAt(document: JsonObject, pointer: string | null): ParameterPart | undefined {
  if (pointer === null) return undefined;
  const tokens = pointer.replace(/^#/, '').split('/');
  for (let n = tokens.length; n > 1; n--) {
    const at = tokens.slice(0, n).join('/');
    const node = getAtPointer(document, at);
    if (node === undefined) continue;
    let target: unknown;
    try {
      target = deref(document, node, at).node;
    } catch {
      return undefined;
    }
    if (isObject(target) && typeof target.in === 'string' && typeof target.name === 'string')
      return { in: target.in, name: target.name };
  }
  return undefined;
}

/** Whether `request` carried the parameter (path parameters always travel). */
function carries(request: RecordedRequest, parameter: ParameterPart): boolean {
  const lower = parameter.name.toLowerCase();
  const header = (name: string) =>
    Object.entries(request.headers).find(([k]) => k.toLowerCase() === name)?.[1];
  if (parameter.in === 'path') return true;
  if (parameter.in === 'query') return new URL(request.url).searchParams.has(parameter.name);
  if (parameter.in === 'header') return header(lower) !== undefined;
  if (parameter.in === 'cookie')
    return (header('cookie') ?? '').split(';').some((c) => c.trim().startsWith(`${parameter.name}=`));
  return false;
}

/**
 * Whether `change` is about a part of the request `request` had — or, for a rule about being
 * required (`ABSENCE`), a part it left out. Unknown when the failure kept no request: then true.
 */
export function touchesRequest(
  change: ContractChange,
  request: RecordedRequest | undefined,
  documents: { readonly checked: JsonObject; readonly served: JsonObject },
): boolean {
  // Security changes are about the credential, which every request of the run carries.
  if (request === undefined || !/^(parameter|request)-/.test(change.rule)) return true;
  if (EITHER.has(change.rule)) return true;
  const parameter =
    parameterAt(documents.checked, change.oldPointer) ?? parameterAt(documents.served, change.newPointer);
  const present = parameter ? carries(request, parameter) : request.body !== undefined;
  return ABSENCE.has(change.rule) ? !present : present;
}
