import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { closedPort, ROOT, run, tempFile } from './support.ts';

const CONTRACT = 'packages/contract/openapi.json';

/** Exit 2, exactly one line on stderr, nothing that looks like a stack trace. */
function expectOneLine(result: { code: number; err: string; out: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.out).toBe('');
  expect(result.err.endsWith('\n')).toBe(true);
  expect(result.err.trimEnd().split('\n')).toHaveLength(1);
  expect(result.err).not.toMatch(/\n\s+at /);
  expect(result.err).toMatch(pattern);
}

describe('bad input: one clear line, exit 2', () => {
  it('a document that is not OpenAPI', async () => {
    expectOneLine(
      await run(tempFile('not-openapi.json', '{"hello": "world"}'), CONTRACT),
      /not an OpenAPI 3\.x document/,
    );
  });

  it('text that is neither YAML nor JSON', async () => {
    expectOneLine(await run(CONTRACT, tempFile('broken.yaml', 'openapi: [3.1\n  - :')), /not YAML or JSON/);
  });

  it('a Swagger 2.0 document', async () => {
    const swagger = tempFile('swagger.yaml', 'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths: {}\n');
    expectOneLine(
      await run(swagger, CONTRACT),
      /Swagger 2\.0 document: regen-diff compares OpenAPI 3\.x only/,
    );
  });

  it('a broken local $ref', async () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/a': { get: { responses: { '200': { $ref: '#/components/responses/Missing' } } } } },
    };
    expectOneLine(await run(CONTRACT, tempFile('broken-ref.json', JSON.stringify(doc))), /Missing/);
  });

  it('a $ref to a file that does not exist', async () => {
    const doc = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    $ref: ./nowhere.yaml\n';
    expectOneLine(await run(tempFile('external-ref.yaml', doc), CONTRACT), /nowhere\.yaml/);
  });

  it('a URL that does not answer', async () => {
    const port = await closedPort();
    expectOneLine(
      await run(`http://127.0.0.1:${port}/openapi.json`, CONTRACT),
      /did not answer \(ECONNREFUSED\)/,
    );
  });

  it('a file that does not exist', async () => {
    expectOneLine(await run('nowhere/openapi.yaml', CONTRACT), /nowhere\/openapi\.yaml: no such file/);
  });

  it('a git revision that does not exist', async () => {
    expectOneLine(await run('no-such-revision:openapi/openapi.yaml', CONTRACT), /no-such-revision/);
  });

  it('usage errors', async () => {
    expectOneLine(await run(CONTRACT), /expected two arguments/);
    expectOneLine(await run(CONTRACT, CONTRACT, '--format', 'xml'), /--format must be/);
    expectOneLine(await run(CONTRACT, CONTRACT, '--fail-on', 'minor'), /--fail-on must be/);
    expectOneLine(await run(CONTRACT, CONTRACT, '--colour'), /Unknown option/);
  });

  const bin = fileURLToPath(new URL('../bin/regen-diff.js', import.meta.url));
  const built = existsSync(new URL('../dist/cli.js', import.meta.url));
  it.skipIf(!built)('the installed command: exit code 2 and one line from a real process', () => {
    const result = spawnSync(process.execPath, [bin, tempFile('plain.json', '[1, 2]'), CONTRACT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expectOneLine(
      { code: result.status ?? -1, out: result.stdout, err: result.stderr },
      /not an OpenAPI document/,
    );
  });
});
