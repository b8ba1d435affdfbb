/**
 * Every documented response example type-checks against the types users get: the response body
 * of its status in `@regen/contract`'s `operations`, the whole success body of the client's
 * low-level calls (`SuccessBody<Id>`) and the `data` its resource methods resolve to (`Data<Id>`).
 * Compiled with the repository's strict settings by the TypeScript compiler API, in memory.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { responseExamples } from '../support/examples.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const examplesFile = `${here}__examples__.ts`;
const controlFile = `${here}__control__.ts`;

const header = `import type { operations } from '@regen/contract';
import type { Data, SuccessBody } from '@regen/client';
type Body<Id extends keyof operations, S extends number, M extends string> =
  operations[Id] extends { responses: { [K in S]: { content: { [N in M]: infer B } } } } ? B : never;
`;

function examplesSource(): string {
  const lines = [header];
  responseExamples().forEach((e, i) => {
    if (e.mediaType === undefined) return;
    const json = JSON.stringify(e.value);
    lines.push(
      `export const e${i} = ${json} satisfies Body<'${e.operationId}', ${e.status}, '${e.mediaType}'>;`,
    );
    if (e.status < 300 && e.mediaType === 'application/json') {
      lines.push(`export const s${i} = ${json} satisfies SuccessBody<'${e.operationId}'>;`);
      const data = (e.value as { data?: unknown }).data;
      if (data !== undefined)
        lines.push(`export const d${i} = ${JSON.stringify(data)} satisfies Data<'${e.operationId}'>;`);
    }
  });
  return lines.join('\n');
}

/** Examples that are wrong on purpose, one per checked type: the check must reject each. */
const controlSource = `${header}
export const wrongStatus = { success: true, data: { id: 'ord_1', status: 'teleported' } } satisfies Body<'getOrder', 200, 'application/json'>;
export const wrongCode = { success: false, error: { code: 42, message: 'x', requestId: 'req_1' } } satisfies Body<'getOrder', 404, 'application/json'>;
export const wrongSuccess = { success: true, data: 5 } satisfies SuccessBody<'getOrder'>;
export const wrongData = { id: 'ord_1', status: 'teleported' } satisfies Data<'getOrder'>;
`;

function compile(): readonly ts.Diagnostic[] {
  const configPath = `${here}../tsconfig.json`;
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, `${here}..`);
  const virtual = new Map([
    [examplesFile, examplesSource()],
    [controlFile, controlSource],
  ]);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) => {
    const text = virtual.get(name);
    return text === undefined
      ? getSourceFile(name, languageVersion, ...rest)
      : ts.createSourceFile(name, text, languageVersion, true);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  const program = ts.createProgram([...virtual.keys()], { ...parsed.options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program);
}

const format = (d: ts.Diagnostic) => {
  const where = d.file
    ? `${d.file.fileName.slice(here.length)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
    : '';
  return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n').slice(0, 400)}`;
};

describe('response examples against the TypeScript types', () => {
  let diagnostics: readonly ts.Diagnostic[] = [];
  beforeAll(() => {
    diagnostics = compile();
  });

  it('every example satisfies its status body, SuccessBody<Id> and Data<Id>', () => {
    expect(diagnostics.filter((d) => d.file?.fileName !== controlFile).map(format)).toEqual([]);
  });

  it('the check is live: each wrong example is rejected', () => {
    const lines = diagnostics
      .filter((d) => d.file?.fileName === controlFile)
      .map((d) => (d.file as ts.SourceFile).getLineAndCharacterOfPosition(d.start ?? 0).line + 1);
    expect([...new Set(lines)]).toEqual([6, 7, 8, 9]);
  });
});
