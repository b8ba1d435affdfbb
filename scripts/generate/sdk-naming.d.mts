/** @module Types of the SDK naming rule (./sdk-naming.mjs). */
export function camelCase(word: string): string;
export function pascalCase(word: string): string;
export function resourceSegments(route: string): string[];
export interface NamingInput {
  tag: string;
  route: string;
  method: string;
  isList: boolean;
  operationId: string;
  overrideName?: string | undefined;
  overrideResource?: string | undefined;
}
export function nameOperation(
  op: NamingInput,
  isCollection: (prefix: string[]) => boolean,
): { resource: string[]; name: string; collection: string[] };
export function className(
  resourcePath: string[],
  collection: string[],
  tagOverride: string | undefined,
): string;
