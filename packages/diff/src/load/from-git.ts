/**
 * @module Materialises a contract at a git revision (`main~3:openapi/openapi.yaml`) in a
 * temporary directory, so a multi-file contract is bundled exactly as it was then.
 *
 * Only the YAML and JSON files under the entry's folder are written: the contract's `$ref`s stay
 * inside `openapi/`, and reading one `git cat-file --batch` stream costs one process, not one per file.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from './input-error.ts';

/** A checked-out entry file and the directory to remove afterwards. */
export interface GitCheckout {
  readonly file: string;
  readonly dir: string;
}

/** Writes `revision:entry` (entry relative to the repository root) and its folder to a temporary directory. */
export async function checkoutFromGit(revision: string, entry: string, cwd: string): Promise<GitCheckout> {
  const top = git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
  const folder = path.posix.dirname(entry);
  const names = git(['ls-tree', '-r', '-z', '--name-only', revision, '--', folder], top)
    .toString('utf8')
    .split('\0')
    .filter((name) => name !== '' && /\.(ya?ml|json)$/i.test(name));
  if (!names.includes(entry)) throw new InputError(`${revision}:${entry}: no such file at that revision`);
  const blobs = readBlobs(revision, names, top);
  const dir = await mkdtemp(path.join(tmpdir(), 'regen-diff-'));
  for (const [name, body] of blobs) {
    const target = path.join(dir, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, body);
  }
  return { file: path.join(dir, entry), dir };
}

function git(args: string[], cwd: string, input?: string): Buffer {
  try {
    return execFileSync('git', args, {
      cwd,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(input === undefined ? {} : { input }),
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim().split('\n')[0];
    throw new InputError(
      `git ${args[0]} failed: ${stderr || (error instanceof Error ? error.message : String(error))}`,
    );
  }
}

/** Parses `git cat-file --batch` output: `<oid> blob <size>\n<bytes>\n` per object. */
function readBlobs(revision: string, names: string[], cwd: string): Map<string, Buffer> {
  const stream = git(
    ['cat-file', '--batch'],
    cwd,
    `${names.map((name) => `${revision}:${name}`).join('\n')}\n`,
  );
  const out = new Map<string, Buffer>();
  let offset = 0;
  for (const name of names) {
    const end = stream.indexOf(10, offset);
    const header = stream.subarray(offset, end).toString('utf8').split(' ');
    const size = Number(header[2]);
    if (header[1] !== 'blob' || !Number.isFinite(size))
      throw new InputError(`${revision}:${name}: not a file`);
    out.set(name, stream.subarray(end + 1, end + 1 + size));
    offset = end + 1 + size + 1;
  }
  return out;
}
