/**
 * @module The README's Python blocks: all type-checked by one `mypy --strict` run (with the pydantic
 * plugin, as the package itself is), then each run with the pinned `.venv-python` interpreter and the
 * SDK from its sources (`PYTHONPATH=packages/python-sdk/src`, as the READMEs' own commands do).
 * `node scripts/check-python.mjs --venv` makes the virtual environment when it is missing or stale.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './run.mjs';

/** Makes sure .venv-python exists and is current; resolves to its bin directory, or throws. */
export async function pythonVenv(root) {
  const made = await run(process.execPath, [path.join(root, 'scripts/check-python.mjs'), '--venv'], {
    cwd: root,
    timeoutMs: 600_000,
  });
  if (made.status !== 0) throw new Error(`check-python.mjs --venv failed:\n${made.output.trim()}`);
  return path.join(root, '.venv-python/bin');
}

/** Writes the blocks as `p<n>.py` and a mypy configuration into `dir`; returns the file names. */
function writeProgram(root, dir, blocks) {
  const names = blocks.map((_, i) => `p${i}.py`);
  blocks.forEach((block, i) => {
    writeFileSync(path.join(dir, names[i]), block.code);
  });
  writeFileSync(
    path.join(dir, 'mypy.ini'),
    [
      '[mypy]',
      'strict = True',
      // As packages/python-sdk/pyproject.toml: mypy checks for 3.10 at the oldest.
      'python_version = 3.10',
      `mypy_path = ${path.join(root, 'packages/python-sdk/src')}`,
      'plugins = pydantic.mypy',
      '',
    ].join('\n'),
  );
  return names;
}

/** mypy --strict over every block at once; a Map from block to its errors, naming FILE:LINE. */
export async function typecheckPythonBlocks(root, bin, dir, blocks) {
  const names = writeProgram(root, dir, blocks);
  const out = await run(
    path.join(bin, 'mypy'),
    [
      '--config-file',
      path.join(dir, 'mypy.ini'),
      // Kept between runs: a warm cache makes the check take a second, not ten.
      '--cache-dir',
      path.join(root, 'node_modules/.cache/regen-doc-check-mypy'),
      '--no-error-summary',
      ...names,
    ],
    { cwd: dir, timeoutMs: 300_000 },
  );
  const errors = new Map(blocks.map((b) => [b, []]));
  for (const line of out.output.split('\n')) {
    const m = /^p(\d+)\.py:(\d+): (error|note): (.*)$/.exec(line);
    if (m) {
      const block = blocks[Number(m[1])];
      errors.get(block).push(`${block.file}:${block.line + Number(m[2]) - 1}: ${m[3]}: ${m[4]}`);
    } else if (line.trim() && out.status !== 0) {
      for (const list of errors.values()) list.push(line);
    }
  }
  return { errors, names };
}

/** Runs one block with the venv's python, the SDK from its sources, in `dir`. */
export function runPythonBlock(root, bin, dir, name, env) {
  return run(path.join(bin, 'python'), [path.join(dir, name)], {
    cwd: dir,
    env: { ...env, PYTHONPATH: path.join(root, 'packages/python-sdk/src'), PYTHONDONTWRITEBYTECODE: '1' },
  });
}
