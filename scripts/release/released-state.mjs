/**
 * @module The state of the last release, kept in the repository so the gate needs no git history
 * (a shallow CI clone has none): the bundled contract and the public API reports as released, in
 * `packages/<name>/etc/released/`. `npm run release:version` records it right after
 * `npx changeset version`; nothing else writes it.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const REPORTED = ['client', 'contract'];
const CONTRACT_FOLDER = 'packages/contract/etc/released';
export const RELEASED_CONTRACT = `${CONTRACT_FOLDER}/openapi.json`;
const RELEASE_INFO = `${CONTRACT_FOLDER}/release.json`;

/** `{ version, contractPath }` of the last release, or null when none was recorded. */
export function lastRelease(repo) {
  const info = path.join(repo, RELEASE_INFO);
  if (!existsSync(info) || !existsSync(path.join(repo, RELEASED_CONTRACT))) return null;
  const { version } = JSON.parse(readFileSync(info, 'utf8'));
  return { version, contractPath: path.join(repo, RELEASED_CONTRACT) };
}

/** The released report text of `packages/<name>/etc/<file>`, or null when there was none. */
export function releasedReport(repo, name, file) {
  const released = path.join(repo, 'packages', name, 'etc', 'released', file);
  return existsSync(released) ? readFileSync(released, 'utf8') : null;
}

/** Records the work tree as the released state of `version` (after `changeset version`). */
export function recordRelease(repo, version, bundledContract) {
  mkdirSync(path.join(repo, CONTRACT_FOLDER), { recursive: true });
  writeFileSync(path.join(repo, RELEASED_CONTRACT), `${JSON.stringify(bundledContract, null, 2)}\n`);
  writeFileSync(path.join(repo, RELEASE_INFO), `${JSON.stringify({ version }, null, 2)}\n`);
  for (const name of REPORTED) {
    const etc = path.join(repo, 'packages', name, 'etc');
    if (!existsSync(etc)) continue;
    mkdirSync(path.join(etc, 'released'), { recursive: true });
    for (const file of readdirSync(etc).filter((f) => f.endsWith('.api.md')))
      copyFileSync(path.join(etc, file), path.join(etc, 'released', file));
  }
}
