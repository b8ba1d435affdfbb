/**
 * The import-cycle step of `npm test` finds what it promises to find: a type-only cycle between
 * two files, and two layer folders that import each other through different files.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';

const script = path.join(repoRoot, 'scripts/check-import-cycles.mjs');
const trees: string[] = [];

function checkout(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'regen-cycles-'));
  trees.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function check(root: string) {
  const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr };
}

afterEach(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('scripts/check-import-cycles.mjs', () => {
  it('passes a layered tree', () => {
    const root = checkout({
      'packages/stub/src/http/status.ts': 'export const OK = 200;\n',
      'packages/stub/src/app/serve.ts':
        "import { OK } from '../http/status.ts';\nexport const served = OK;\n",
    });
    expect(check(root)).toMatchObject({ status: 0, output: expect.stringContaining('no import cycle') });
  });

  it('fails two files that import each other, even for types only', () => {
    const root = checkout({
      'packages/client/src/a.ts': "import type { B } from './b.ts';\nexport type A = { b?: B };\n",
      'packages/client/src/b.ts': "import type { A } from './a.ts';\nexport type B = { a?: A };\n",
    });
    const { status, output } = check(root);
    expect(status).toBe(1);
    const cycle = /^file cycle: (.*)$/m.exec(output)?.[1]?.split(' → ');
    // dpdm may start the cycle at either file.
    expect(cycle?.toSorted()).toEqual(
      [
        'packages/client/src/a.ts',
        'packages/client/src/b.ts',
        cycle?.[0] === 'packages/client/src/a.ts' ? 'packages/client/src/a.ts' : 'packages/client/src/b.ts',
      ].toSorted(),
    );
  });

  it('fails two folders of the stub that import each other through different files', () => {
    const root = checkout({
      'packages/stub/src/app/a.ts': "import { y } from '../handlers/y.ts';\nexport const a = y;\n",
      'packages/stub/src/app/b.ts': 'export const b = 1;\n',
      'packages/stub/src/handlers/y.ts': "import { b } from '../app/b.ts';\nexport const y = b;\n",
    });
    const { status, output } = check(root);
    expect(status).toBe(1);
    expect(output).toContain(
      'packages/stub/src/app → packages/stub/src/handlers (packages/stub/src/app/a.ts imports',
    );
    expect(output).toContain(
      'packages/stub/src/handlers → packages/stub/src/app (packages/stub/src/handlers/y.ts imports',
    );
    expect(output).not.toMatch(/^file cycle:/m);
  });
});
