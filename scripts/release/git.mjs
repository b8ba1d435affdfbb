/** @module git, run in a given repository, output as text. */
import { execFileSync } from 'node:child_process';

/** Runs `git ...args` in `repo` and returns its standard output (throws on a non-zero exit). */
export function git(repo, ...args) {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}
