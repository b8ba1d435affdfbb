/**
 * @module The README's TypeScript blocks: all compiled in one strict tsc program against the workspace
 * packages (their sources, through the `@regen/source` condition of tsconfig.base.json), then each
 * run with tsx against the built packages, as a reader runs a copied snippet.
 *
 * Each block is its own module (`b<n>.ts`, `export {}` appended after its last line, so line numbers
 * stay the block's and top-level `await` is allowed). The files live under the repository's
 * node_modules/.cache, so `@regen/*` resolve as they do for a reader of the monorepo.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './run.mjs';

/** Writes the blocks' files and a tsconfig into `dir`; returns each block's file name. */
function writeProgram(root, dir, blocks) {
  const names = blocks.map((_, i) => `b${i}.ts`);
  blocks.forEach((block, i) => {
    writeFileSync(path.join(dir, names[i]), `${block.code}export {};\n`);
  });
  // ES modules, as in the repository: package scopes end at node_modules, so the root's "type" is not seen here.
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      extends: path.join(root, 'tsconfig.base.json'),
      compilerOptions: { rootDir: '.' },
      files: names,
    }),
  );
  return names;
}

/**
 * Type-checks every block in one tsc program. Resolves to a Map from block to its errors, each
 * already naming the README's FILE:LINE.
 */
export async function typecheckBlocks(root, dir, blocks) {
  const names = writeProgram(root, dir, blocks);
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const out = await run(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], {
    cwd: dir,
  });
  const errors = new Map(blocks.map((b) => [b, []]));
  let current = null; // the list of the error being read: tsc continues a message on indented lines
  for (const line of out.output.split('\n')) {
    const m = /^b(\d+)\.ts\((\d+),(\d+)\): (error .*)$/.exec(line);
    if (m) {
      const block = blocks[Number(m[1])];
      current = errors.get(block);
      current.push(`${block.file}:${block.line + Number(m[2]) - 1}:${m[3]} ${m[4]}`);
    } else if (current && /^\s/.test(line) && line.trim()) {
      current[current.length - 1] += `\n${line}`;
    } else if (line.trim()) {
      // An error outside the blocks (the tsconfig, a package): every block shares it.
      current = null;
      for (const list of errors.values()) list.push(line);
    }
  }
  if (out.status !== 0 && [...errors.values()].every((l) => l.length === 0)) {
    for (const list of errors.values()) list.push(`tsc exited ${out.status}: ${out.output.trim()}`);
  }
  return { errors, names };
}

/** Runs one block's file with tsx (built packages), in `dir`, with `env`. */
export function runBlock(dir, name, env) {
  return run(process.execPath, ['--import', 'tsx', path.join(dir, name)], { cwd: dir, env });
}
